package com.aipasta.command.payment;

import com.aipasta.account.api.command.ExpireSubscriptionCommand;
import com.aipasta.account.api.event.PlanAssignedEvent;
import com.aipasta.account.api.event.SubscriptionExpiredEvent;
import com.aipasta.account.api.event.SubscriptionUpgradedEvent;
import com.aipasta.account.api.value.UserId;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** Subscriptions end from what the account events said, kept by the policy's own processor, not a read model. */
class SubscriptionPolicyTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final UserId ADMIN = new UserId("admin");
    private static final UserId ENDED = new UserId("ended");
    private static final UserId EXTENDED = new UserId("extended");
    private static final UserId FOR_GOOD = new UserId("for-good");
    private static final UserId EXPIRED = new UserId("expired");

    private MongoServer server;
    private MongoClient client;
    private SubscriptionEnds ends;
    private final CommandGateway commands = mock(CommandGateway.class);

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        ends = new SubscriptionEnds(new MongoTemplate(client, "subscriptions-test"));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private SubscriptionPolicy policyAt(Instant now) {
        return new SubscriptionPolicy(commands, ends, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void expiresExactlyThePlansThatEndedWhateverTheEventsSaidOnTheWay() {
        ends.on(new SubscriptionUpgradedEvent(ENDED, "premium", T.plus(Duration.ofDays(30)), "order-1", T));
        ends.on(new SubscriptionUpgradedEvent(ENDED, "premium", T.plus(Duration.ofDays(30)), "order-1", T));
        ends.on(new SubscriptionUpgradedEvent(EXTENDED, "premium", T.plus(Duration.ofDays(30)), "order-2", T));
        ends.on(new SubscriptionUpgradedEvent(EXTENDED, "premium", T.plus(Duration.ofDays(60)), "order-3", T));
        ends.on(new SubscriptionUpgradedEvent(FOR_GOOD, "premium", T.plus(Duration.ofDays(30)), "order-4", T));
        ends.on(new PlanAssignedEvent(FOR_GOOD, "premium", null, ADMIN, T));
        ends.on(new SubscriptionUpgradedEvent(EXPIRED, "premium", T.plus(Duration.ofDays(10)), "order-5", T));
        ends.on(new SubscriptionExpiredEvent(EXPIRED, "premium", T.plus(Duration.ofDays(10))));

        Instant now = T.plus(Duration.ofDays(31));
        policyAt(now).expire();

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands, atLeast(0)).send(sent.capture());
        assertThat(sent.getAllValues()).containsExactly(new ExpireSubscriptionCommand(ENDED, now));
    }

    @Test
    void aPlanEndingBeyondTheDatesTheStoreHoldsNeverEndsAndStopsNothing() {
        ends.on(new PlanAssignedEvent(FOR_GOOD, "premium", Instant.parse("+1000000000-01-01T00:00:00Z"), ADMIN, T));
        ends.on(new SubscriptionUpgradedEvent(ENDED, "premium", T.plus(Duration.ofDays(30)), "order-1", T));

        Instant now = T.plus(Duration.ofDays(31));
        policyAt(now).expire();

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commands, atLeast(0)).send(sent.capture());
        assertThat(sent.getAllValues()).containsExactly(new ExpireSubscriptionCommand(ENDED, now));
    }

    @Test
    void expiresNothingBeforeThePlanEnds() {
        ends.on(new SubscriptionUpgradedEvent(ENDED, "premium", T.plus(Duration.ofDays(30)), "order-1", T));

        policyAt(T.plus(Duration.ofDays(29))).expire();

        verifyNoInteractions(commands);
    }
}
