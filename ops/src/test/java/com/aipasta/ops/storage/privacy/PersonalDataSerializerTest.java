package com.aipasta.ops.storage.privacy;

import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.UserMessagePostedEvent;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.command.privacy.PersonalDataKeys;
import com.aipasta.common.DataSubject;
import com.aipasta.common.PersonalData;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.value.WalletId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataSerializerTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final UserId ADA = new UserId("user-ada");
    private static final UserId BOB = new UserId("user-bob");
    private static final String EMAIL = "ada.lovelace@example.com";
    private static final String NAME = "Ada Lovelace";

    /** A value nested in maps and lists, the way an aggregate's snapshot holds its messages. */
    record Line(String id, @PersonalData String text) {
    }

    record Conversation(@DataSubject UserId owner, @PersonalData String title, Map<String, Line> lines,
                        List<Line> pinned, @PersonalData List<String> tags, long tokens) {
    }

    record Unowned(@PersonalData String text) {
    }

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private PersonalDataKeys keys;
    private PersonalDataSerializer serializer;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "keys-test");
        keys = keysOfAnotherProcess();
        serializer = serializerOver(keys);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private PersonalDataKeys keysOfAnotherProcess() {
        return new PersonalDataKeys(mongo, Clock.fixed(T, ZoneOffset.UTC), Duration.ofMinutes(1));
    }

    private static PersonalDataSerializer serializerOver(PersonalDataKeys keys) {
        return new PersonalDataSerializer(JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules()).build(), new FieldCipher(() -> keys));
    }

    private static UserRegisteredEvent registered(UserId userId) {
        return new UserRegisteredEvent(userId, EMAIL, NAME, "$2a$10$hash", Role.USER, T);
    }

    @Test
    void writesTheRepresentationsItsJacksonSerializerWrites() {
        JacksonSerializer jackson = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
        for (Class<?> representation : List.of(String.class, byte[].class, JsonNode.class,
                Document.class, Map.class, Integer.class)) {
            for (int asked = 0; asked < 2; asked++) {
                assertThat(serializer.canSerializeTo(representation)).as(representation.getName())
                        .isEqualTo(jackson.canSerializeTo(representation));
            }
        }
        assertThat(serializer.canSerializeTo(String.class)).isTrue();
        assertThat(serializer.canSerializeTo(Document.class)).isFalse();
    }

    @Test
    void writesPersonalFieldsEncryptedAndReadsThemBack() {
        SerializedObject<String> stored = serializer.serialize(registered(ADA), String.class);

        assertThat(stored.getData()).doesNotContain(EMAIL).doesNotContain("Ada").doesNotContain("Lovelace")
                .doesNotContain("$2a$10$hash").contains("user-ada").contains("\"role\"")
                .contains(PersonalDataShape.ENCRYPTED);
        assertThat(stored.getType().getName()).isEqualTo(UserRegisteredEvent.class.getName());
        assertThat(stored.getType().getRevision()).isEqualTo("1");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(registered(ADA));
    }

    @Test
    void encryptsTheSameTextDifferentlyEachTime() {
        String first = serializer.serialize(registered(ADA), String.class).getData();
        String second = serializer.serialize(registered(ADA), String.class).getData();

        assertThat(first).isNotEqualTo(second);
    }

    /** Request threads, turn threads and processors write and read personal fields at once. */
    @Test
    void writesAndReadsPersonalFieldsOnManyThreadsAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                UserId user = new UserId("user-" + thread);
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        UserRegisteredEvent event = new UserRegisteredEvent(user,
                                user.value() + "-" + i + "@example.com", NAME, "$2a$10$hash", Role.USER, T);
                        UserRegisteredEvent read = serializer.deserialize(serializer.serialize(event, byte[].class));
                        assertThat(read).isEqualTo(event);
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void encryptsPersonalFieldsOfNestedValuesInMapsAndListsAndEachTextOfAPersonalList() {
        Conversation conversation = new Conversation(ADA, "Trip to Pune", Map.of("m1", new Line("m1", "my passport"),
                "m2", new Line("m2", "my visa")), List.of(new Line("m3", "my address")),
                List.of("honeymoon", "kerala"), 42);

        SerializedObject<byte[]> stored = serializer.serialize(conversation, byte[].class);

        assertThat(new String(stored.getData())).doesNotContain("Pune").doesNotContain("passport")
                .doesNotContain("visa").doesNotContain("address").doesNotContain("honeymoon")
                .doesNotContain("kerala").contains("\"m1\"").contains("42");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(conversation);
        keys.shred(ADA.value());
        assertThat(((Conversation) serializer.deserialize(stored)).tags())
                .containsExactly(PersonalData.ERASED, PersonalData.ERASED);
    }

    @Test
    void readsErasedTextOnceTheKeyIsShreddedAndKeepsEverythingElse() {
        SerializedObject<String> stored = serializer.serialize(registered(ADA), String.class);
        SerializedObject<String> other = serializer.serialize(registered(BOB), String.class);

        keys.shred(ADA.value());

        UserRegisteredEvent read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(new UserRegisteredEvent(ADA, PersonalData.ERASED, "Deleted user",
                PersonalData.ERASED, Role.USER, T));
        assertThat((Object) serializer.deserialize(other)).isEqualTo(registered(BOB));
    }

    @Test
    void writesErasedTextForAShreddedUserAndNeverMakesANewKey() {
        keys.shred(ADA.value());

        SerializedObject<String> stored = serializer.serialize(registered(ADA), String.class);

        assertThat(stored.getData()).doesNotContain(EMAIL).doesNotContain(PersonalDataShape.ENCRYPTED);
        assertThat(((UserRegisteredEvent) serializer.deserialize(stored)).email()).isEqualTo(PersonalData.ERASED);
        Document key = mongo.findById(ADA.value(), Document.class, "personal_data_keys");
        assertThat(key).containsKey("shreddedAt").doesNotContainKey("key");
    }

    @Test
    void aProcessHoldingTheKeyInMemoryCannotReadOnceItShreddedIt() {
        PersonalDataSerializer otherProcess = serializerOver(keysOfAnotherProcess());
        SerializedObject<String> stored = serializer.serialize(registered(ADA), String.class);
        assertThat((Object) otherProcess.deserialize(stored)).isEqualTo(registered(ADA));

        keys.shred(ADA.value());

        assertThat(((UserRegisteredEvent) serializer.deserialize(stored)).email()).isEqualTo(PersonalData.ERASED);
        assertThat(((UserRegisteredEvent) serializerOver(keysOfAnotherProcess()).deserialize(stored)).email())
                .isEqualTo(PersonalData.ERASED);
    }

    @Test
    void refusesATamperedCiphertext() {
        SerializedObject<String> stored = serializer.serialize(registered(ADA), String.class);
        String sealed = stored.getData().replaceAll(".*\"email\":\\{\"aesGcm\":\"([^\"]+)\".*", "$1");
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        String tampered = stored.getData().replace(sealed, Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> serializer.deserialize(new SimpleSerializedObject<>(tampered, String.class,
                stored.getType()))).isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not decrypt").hasMessageNotContaining(EMAIL);
        String truncated = stored.getData().replace(sealed, "AAAA");
        assertThatThrownBy(() -> serializer.deserialize(new SimpleSerializedObject<>(truncated, String.class,
                stored.getType()))).isInstanceOf(SerializationException.class);
    }

    @Test
    void refusesACiphertextMovedIntoAnotherUsersEvent() {
        serializer.serialize(registered(BOB), String.class);
        SerializedObject<String> stored = serializer.serialize(registered(ADA), String.class);
        String moved = stored.getData().replace("user-ada", "user-bob");

        assertThatThrownBy(() -> serializer.deserialize(new SimpleSerializedObject<>(moved, String.class,
                stored.getType()))).isInstanceOf(SerializationException.class);
    }

    @Test
    void readsEventsRecordedBeforeEncryptionAsTheyWere() {
        String revisionOne = "{\"sessionId\":{\"value\":\"session-1\"},\"messageId\":\"u1\",\"parentId\":null,"
                + "\"content\":\"written in the clear\",\"postedAt\":\"2026-03-01T10:00:00Z\"}";

        UserMessagePostedEvent read = serializer.deserialize(new SimpleSerializedObject<>(revisionOne, String.class,
                UserMessagePostedEvent.class.getName(), "1"));

        assertThat(read).isEqualTo(new UserMessagePostedEvent(new SessionId("session-1"), null, "u1", null,
                "written in the clear", T));
    }

    @Test
    void leavesTypesWithoutPersonalDataToJackson() {
        WalletOpenedEvent opened = new WalletOpenedEvent(WalletId.of(ADA), ADA, 10_000, T);
        JacksonSerializer jackson = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

        SerializedObject<String> stored = serializer.serialize(opened, String.class);

        assertThat(stored.getData()).isEqualTo(jackson.serialize(opened, String.class).getData());
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(opened);
        assertThat(mongo.getCollection("personal_data_keys").countDocuments()).isZero();
    }

    @Test
    void refusesToWritePersonalDataWithoutADataSubject() {
        assertThatThrownBy(() -> serializer.serialize(new Unowned("text"), String.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("@DataSubject");
    }

    @Test
    void everyMessageHoldingPersonalDataNamesItsSubject() {
        List<JavaClass> records = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("com.aipasta").stream()
                .filter(type -> type.getPackageName().contains(".api.event")
                        || type.getSimpleName().equals("ChatSession"))
                .toList();

        assertThat(records).hasSizeGreaterThan(40);
        for (JavaClass type : records) {
            PersonalDataShape.of(type.reflect());
        }
        assertThat(PersonalDataShape.of(UserMessagePostedEvent.class)).isPresent();
    }
}
