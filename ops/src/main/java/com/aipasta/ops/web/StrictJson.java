package com.aipasta.ops.web;

import com.aipasta.common.InputRules;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * How request bodies are read, for every endpoint at once: duplicate keys, trailing content and scalar coercions
 * (a number for a boolean or a string, a fraction for an integer, a string for a number) are refused, and every
 * string and instant is checked against {@link InputRules} before it can reach a command. The mapper that Axon uses to
 * serialize events stays as it is, so events stored earlier are always readable.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    /** A value that has the right JSON type but cannot be accepted; {@code reason} says why. */
    public static final class RejectedValueException extends JsonMappingException {
        private final String reason;

        RejectedValueException(JsonParser parser, String reason) {
            super(parser, reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    @Bean
    public MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(
            Jackson2ObjectMapperBuilder builder) {
        return new MappingJackson2HttpMessageConverter(mapper(builder));
    }

    /** The request mapper: Spring's configuration, made strict. */
    public static ObjectMapper mapper(Jackson2ObjectMapperBuilder builder) {
        ObjectMapper mapper = builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS,
                        DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        mapper.registerModule(checkedValues());
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.String, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.Boolean, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean,
                CoercionInputShape.EmptyString);
        return mapper;
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    private static SimpleModule checkedValues() {
        SimpleModule module = new SimpleModule("checked-values");
        module.addDeserializer(String.class, new CheckedStringDeserializer());
        module.addDeserializer(Instant.class, new CheckedInstantDeserializer());
        module.addKeyDeserializer(String.class, new CheckedKeyDeserializer());
        return module;
    }

    private static final class CheckedStringDeserializer extends StdScalarDeserializer<String> {

        CheckedStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return checked(parser, StringDeserializer.instance.deserialize(parser, context));
        }
    }

    private static final class CheckedKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return checked(context.getParser(), key);
        }
    }

    private static final class CheckedInstantDeserializer extends StdScalarDeserializer<Instant> {

        CheckedInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant value = InstantDeserializer.INSTANT.deserialize(parser, context);
            Optional<String> problem = value == null ? Optional.empty() : InputRules.instantProblem(value);
            if (problem.isPresent()) {
                throw new RejectedValueException(parser, problem.get());
            }
            return value;
        }
    }

    private static String checked(JsonParser parser, String value) throws RejectedValueException {
        Optional<String> problem = value == null ? Optional.empty() : InputRules.textProblem(value);
        if (problem.isPresent()) {
            throw new RejectedValueException(parser, problem.get());
        }
        return value;
    }
}
