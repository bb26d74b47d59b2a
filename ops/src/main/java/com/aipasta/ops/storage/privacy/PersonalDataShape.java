package com.aipasta.ops.storage.privacy;

import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the personal data of a type sits in its JSON form: its {@link PersonalData} text properties and the
 * properties holding values, maps of values or collections of values that have some. Found once per type by
 * reflection over record components or fields, which is how the platform's messages and aggregates are serialized.
 */
final class PersonalDataShape {

    /** The JSON form of an encrypted field: an object where the type has a string, so the two are never confused. */
    static final String ENCRYPTED = "aesGcm";
    private static final String OWN_PACKAGES = "com.aipasta.";

    private enum Holding { VALUE, MAP_VALUES, ELEMENTS }

    private record Text(String property, String erasedAs) {
    }

    private record Nested(String property, Holding holding, PersonalDataShape shape) {
    }

    private final Class<?> type;
    private final String subjectProperty;
    private final List<Text> texts;
    private final List<Nested> nested;

    private PersonalDataShape(Class<?> type, String subjectProperty, List<Text> texts, List<Nested> nested) {
        this.type = type;
        this.subjectProperty = subjectProperty;
        this.texts = texts;
        this.nested = nested;
    }

    /** The shape of a type that holds personal data and names its {@link DataSubject}; empty for other types. */
    static Optional<PersonalDataShape> of(Class<?> type) {
        Optional<PersonalDataShape> shape = find(type, new HashSet<>());
        if (shape.isPresent() && shape.get().subjectProperty == null) {
            throw new IllegalStateException(type.getName() + " holds personal data but names no @DataSubject");
        }
        return shape;
    }

    String subjectProperty() {
        return subjectProperty;
    }

    Class<?> type() {
        return type;
    }

    void encrypt(JsonNode node, String subject, FieldCipher cipher) {
        transform(node, subject, cipher, true);
    }

    void decrypt(JsonNode node, String subject, FieldCipher cipher) {
        transform(node, subject, cipher, false);
    }

    private void transform(JsonNode node, String subject, FieldCipher cipher, boolean encrypting) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (Text text : texts) {
            JsonNode value = object.get(text.property());
            if (encrypting && value != null && value.isTextual()) {
                object.set(text.property(), cipher.encrypt(subject, value.textValue())
                        .<JsonNode>map(sealed -> object.objectNode().put(ENCRYPTED, sealed))
                        .orElseGet(() -> TextNode.valueOf(text.erasedAs())));
            } else if (!encrypting && value != null && value.isObject() && value.path(ENCRYPTED).isTextual()) {
                object.set(text.property(), TextNode.valueOf(cipher.decrypt(subject, value.get(ENCRYPTED).textValue())
                        .orElse(text.erasedAs())));
            }
        }
        for (Nested inner : nested) {
            JsonNode value = object.get(inner.property());
            if (value == null) {
                continue;
            }
            switch (inner.holding()) {
                case VALUE -> inner.shape().transform(value, subject, cipher, encrypting);
                case MAP_VALUES, ELEMENTS -> value.forEach(element ->
                        inner.shape().transform(element, subject, cipher, encrypting));
            }
        }
    }

    private static Optional<PersonalDataShape> find(Class<?> type, Set<Class<?>> visiting) {
        if (!type.getName().startsWith(OWN_PACKAGES) || type.isEnum() || !visiting.add(type)) {
            return Optional.empty();
        }
        String subject = null;
        List<Text> texts = new ArrayList<>();
        List<Nested> nested = new ArrayList<>();
        for (Property property : properties(type)) {
            if (property.annotations().isAnnotationPresent(DataSubject.class)) {
                if (subject != null) {
                    throw new IllegalStateException(type.getName() + " names more than one @DataSubject");
                }
                subject = property.name();
            }
            PersonalData personal = property.annotations().getAnnotation(PersonalData.class);
            if (personal != null) {
                if (property.type() != String.class) {
                    throw new IllegalStateException("@PersonalData " + type.getName() + "." + property.name()
                            + " is not a String");
                }
                texts.add(new Text(property.name(), personal.erasedAs()));
            } else {
                nestedShape(property, visiting).ifPresent(nested::add);
            }
        }
        visiting.remove(type);
        if (texts.isEmpty() && nested.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PersonalDataShape(type, subject, List.copyOf(texts), List.copyOf(nested)));
    }

    private static Optional<Nested> nestedShape(Property property, Set<Class<?>> visiting) {
        Class<?> raw = property.type();
        if (Map.class.isAssignableFrom(raw)) {
            return typeArgument(property.genericType(), 1)
                    .flatMap(value -> find(value, visiting))
                    .map(shape -> new Nested(property.name(), Holding.MAP_VALUES, shape));
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return typeArgument(property.genericType(), 0)
                    .flatMap(element -> find(element, visiting))
                    .map(shape -> new Nested(property.name(), Holding.ELEMENTS, shape));
        }
        if (raw.isArray()) {
            return find(raw.getComponentType(), visiting)
                    .map(shape -> new Nested(property.name(), Holding.ELEMENTS, shape));
        }
        return find(raw, visiting).map(shape -> new Nested(property.name(), Holding.VALUE, shape));
    }

    private static Optional<Class<?>> typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length > index
                && parameterized.getActualTypeArguments()[index] instanceof Class<?> argument) {
            return Optional.of(argument);
        }
        return Optional.empty();
    }

    private record Property(String name, Class<?> type, Type genericType, AnnotatedElement annotations) {
    }

    private static List<Property> properties(Class<?> type) {
        List<Property> properties = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                properties.add(new Property(component.getName(), component.getType(), component.getGenericType(),
                        component));
            }
            return properties;
        }
        for (Class<?> level = type; level != null && level != Object.class; level = level.getSuperclass()) {
            for (Field field : level.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                    properties.add(new Property(field.getName(), field.getType(), field.getGenericType(), field));
                }
            }
        }
        return properties;
    }
}
