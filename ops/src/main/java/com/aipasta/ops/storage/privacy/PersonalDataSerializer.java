package com.aipasta.ops.storage.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;
import java.util.Optional;

/**
 * Crypto-shredding at the serializer: the {@code @PersonalData} fields of whatever it writes (event payloads,
 * snapshots of aggregates, saga state) are encrypted under the key of the type's {@code @DataSubject}, and read back
 * decrypted; once that user's key is shredded they read as the field's erased text. Types without personal data are
 * left to the Jackson serializer it wraps, unchanged.
 */
public final class PersonalDataSerializer implements Serializer {

    private final JacksonSerializer delegate;
    private final ObjectMapper json;
    private final FieldCipher cipher;
    private final ClassValue<Optional<PersonalDataShape>> shapes = new ClassValue<>() {
        @Override
        protected Optional<PersonalDataShape> computeValue(Class<?> type) {
            return PersonalDataShape.of(type);
        }
    };

    /**
     * The Mongo event store asks for every event it writes whether the serializer can write a BSON object, and the
     * converters work the answer out anew each time they find no route to it.
     */
    private final ClassValue<Boolean> representations = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> representation) {
            return delegate.canSerializeTo(representation);
        }
    };

    PersonalDataSerializer(JacksonSerializer delegate, FieldCipher cipher) {
        this.delegate = delegate;
        this.json = delegate.getObjectMapper();
        this.cipher = cipher;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        Optional<PersonalDataShape> shape = object == null ? Optional.empty() : shapes.get(object.getClass());
        if (shape.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        JsonNode tree = json.valueToTree(object);
        shape.get().encrypt(tree, subject(shape.get(), tree), cipher);
        try {
            SerializedObject<byte[]> serialized = new SimpleSerializedObject<>(json.writeValueAsBytes(tree),
                    byte[].class, typeForClass(object.getClass()));
            return getConverter().convert(serialized, expectedRepresentation);
        } catch (JsonProcessingException e) {
            throw new SerializationException("Unable to serialize " + object.getClass().getName(), e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = classForType(serializedObject.getType());
        Optional<PersonalDataShape> shape = type == UnknownSerializedType.class || type == Void.class
                ? Optional.empty() : shapes.get(type);
        if (shape.isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = getConverter().convert(serializedObject, JsonNode.class).getData();
        shape.get().decrypt(tree, subject(shape.get(), tree), cipher);
        try {
            return (T) json.readerFor(type).readValue(tree);
        } catch (IOException e) {
            throw new SerializationException("Unable to deserialize " + type.getName(), e);
        }
    }

    /** The subject's id; null in events recorded before their type named one, which hold no encrypted field. */
    private static String subject(PersonalDataShape shape, JsonNode tree) {
        JsonNode subject = tree.get(shape.subjectProperty());
        if (subject == null || subject.isNull()) {
            return null;
        }
        if (subject.isTextual()) {
            return subject.textValue();
        }
        if (subject.size() == 1 && subject.elements().next().isTextual()) {
            return subject.elements().next().textValue();
        }
        throw new SerializationException("The data subject of " + shape.type().getName() + " is not an id");
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return representations.get(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
