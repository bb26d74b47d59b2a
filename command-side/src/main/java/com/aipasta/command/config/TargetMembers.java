package com.aipasta.command.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Routes a command to its aggregate as Axon's {@code AnnotationCommandTargetResolver} does, by the method or field
 * annotated {@link TargetAggregateIdentifier} (and {@link TargetAggregateVersion}), but finds those members once for
 * each command type: Axon's looks through every method and field of the command by reflection for each command.
 */
@Component
public class TargetMembers implements CommandTargetResolver {

    private record Members(AccessibleObject identifier, AccessibleObject version) {
    }

    private final ClassValue<Members> members = new ClassValue<>() {
        @Override
        protected Members computeValue(Class<?> type) {
            return new Members(annotated(type, TargetAggregateIdentifier.class),
                    annotated(type, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Members target = members.get(command.getPayloadType());
        Object identifier = read(target.identifier(), command);
        if (identifier == null) {
            throw new IllegalArgumentException(String.format("Invalid command. It does not identify the target "
                    + "aggregate. Make sure at least one of the fields or methods in the [%s] class contains the "
                    + "@TargetAggregateIdentifier annotation and that it returns a non-null value.",
                    command.getPayloadType().getSimpleName()));
        }
        Object version = read(target.version(), command);
        return new VersionedAggregateIdentifier(identifier, version == null ? null
                : version instanceof Number number ? Long.valueOf(number.longValue()) : Long.valueOf(version.toString()));
    }

    /** The first method, or else field, carrying the annotation, as Axon's resolver looks for it; null when none. */
    private static AccessibleObject annotated(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                return ReflectionUtils.ensureAccessible(method);
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return ReflectionUtils.ensureAccessible(field);
            }
        }
        return null;
    }

    private static Object read(AccessibleObject member, CommandMessage<?> command) {
        try {
            if (member instanceof Method method) {
                return method.invoke(command.getPayload());
            }
            return member == null ? null : ((Field) member).get(command.getPayload());
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information from "
                    + "a command", e);
        }
    }
}
