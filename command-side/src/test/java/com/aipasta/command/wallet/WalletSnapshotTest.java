package com.aipasta.command.wallet;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.command.OpenWalletCommand;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.value.DailyQuota;
import com.aipasta.wallet.api.value.WalletBalance;
import com.aipasta.wallet.api.value.WalletId;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A wallet that served many requests is snapshotted every few events; its snapshot goes through the platform's JSON
 * serializer and back, and a wallet loaded from it decides exactly as the one built from every event did.
 */
class WalletSnapshotTest {

    private static final WalletId WALLET = WalletId.of(new UserId("user-1"));
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final int THRESHOLD = 10;

    /** Configured as Spring Boot configures the platform's object mapper (see application.yml). */
    private static final ObjectMapper PLATFORM_MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(PLATFORM_MAPPER)
            .build();

    private record Store(SerializingSnapshots engine, CommandGateway commands) {
    }

    /** Keeps snapshots as JSON, as the Mongo event store does, so every load from a snapshot reads it back. */
    private static final class SerializingSnapshots extends InMemoryEventStorageEngine {

        private final Map<String, SerializedObject<String>> snapshots = new ConcurrentHashMap<>();
        private final Map<String, Long> snapshotSequences = new ConcurrentHashMap<>();

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            snapshots.put(snapshot.getAggregateIdentifier(), SERIALIZER.serialize(snapshot.getPayload(), String.class));
            snapshotSequences.put(snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber());
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return Optional.ofNullable(snapshots.get(aggregateIdentifier)).map(json -> new GenericDomainEventMessage<>(
                    "Wallet", aggregateIdentifier, snapshotSequences.get(aggregateIdentifier),
                    SERIALIZER.deserialize(json)));
        }

        String snapshotJson(String aggregateIdentifier) {
            return snapshots.get(aggregateIdentifier).getData();
        }
    }

    private static Store store(SerializingSnapshots engine) {
        EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(engine).build();
        AggregateSnapshotter snapshotter = AggregateSnapshotter.builder().eventStore(events)
                .aggregateFactories(new GenericAggregateFactory<>(Wallet.class)).build();
        EventSourcingRepository<Wallet> repository = EventSourcingRepository.builder(Wallet.class).eventStore(events)
                .snapshotTriggerDefinition(new EventCountSnapshotTriggerDefinition(snapshotter, THRESHOLD)).build();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<Wallet>builder().aggregateType(Wallet.class).repository(repository)
                .build().subscribe(bus);
        return new Store(engine, DefaultCommandGateway.builder().commandBus(bus).build());
    }

    @Test
    void aWalletLoadedFromItsSnapshotDecidesAsTheFullHistoryDoes() throws Exception {
        Store original = store(new SerializingSnapshots());
        CommandGateway commands = original.commands();
        commands.sendAndWait(new OpenWalletCommand(WALLET, WALLET.owner(), 100_000, T));
        Instant at = T;
        for (int request = 0; request < 60; request++) {
            at = T.plus(Duration.ofHours(request));
            DailyQuota quota = new DailyQuota("standard", LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), 100);
            commands.sendAndWait(new ReserveTokensCommand(WALLET, "r" + request, 50, quota, at));
            if (request % 3 == 0) {
                commands.sendAndWait(new ReleaseReservationCommand(WALLET, "r" + request, "failed", at));
            } else if (request < 58) {
                commands.sendAndWait(new SettleReservationCommand(WALLET, "r" + request, 40, at));
            }
        }
        DomainEventMessage<?> snapshot = original.engine().readSnapshot(WALLET.value()).orElseThrow();
        assertThat(snapshot.getSequenceNumber()).isGreaterThan(100);

        JsonNode tree = PLATFORM_MAPPER.readTree(original.engine().snapshotJson(WALLET.value()));
        assertThat(tree.path("closedRequests").size())
                .as("closed requests older than the retention are forgotten").isLessThanOrEqualTo(25);

        SerializingSnapshots fromSnapshot = new SerializingSnapshots();
        fromSnapshot.storeSnapshot(snapshot);
        original.engine().readEvents(WALLET.value(), snapshot.getSequenceNumber() + 1).asStream()
                .forEach(event -> fromSnapshot.appendEvents(event));
        Store restoredStore = store(fromSnapshot);

        for (Store each : new Store[]{original, restoredStore}) {
            Instant now = at;
            WalletBalance afterRepeat = each.commands().sendAndWait(
                    new SettleReservationCommand(WALLET, "r56", 40, now));
            assertThat(afterRepeat.usedTokens()).isEqualTo(38 * 40);
            assertThat(afterRepeat.reserved()).isEqualTo(100);
            assertThat(afterRepeat.balance()).isEqualTo(100_000 - 38 * 40);
            assertThatThrownBy(() -> each.commands().sendAndWait(new ReserveTokensCommand(WALLET, "old", 1, null, T)))
                    .isInstanceOfSatisfying(DomainException.class,
                            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT));
        }
        WalletBalance settled = restoredStore.commands().sendAndWait(new SettleReservationCommand(WALLET, "r58", 45, at));
        assertThat(settled.usedTokens()).isEqualTo(38 * 40 + 45);
        assertThat(settled.reserved()).isEqualTo(50);
    }
}
