package com.aipasta.ops.processing;

import com.aipasta.account.api.command.ChangePasswordCommand;
import com.aipasta.account.api.command.DeleteUserCommand;
import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.command.ChangeSessionSettingsCommand;
import com.aipasta.chat.api.value.SessionId;
import com.aipasta.command.auth.PasswordHasher;
import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.chat.FakeProviders;
import com.aipasta.payment.api.command.ChangePlanCommand;
import com.aipasta.payment.api.command.DeactivatePlanCommand;
import com.aipasta.projections.account.UserAccountProjection;
import com.aipasta.projections.chat.ChatSessionProjection;
import com.aipasta.projections.payment.PlanProjection;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command endpoint decides (whether a password is right, what an order costs, whether an account is there) it
 * decides from the write side, never from a read model, which may be behind: each case here changes the write side
 * while the read model that used to be asked is stopped, so it still shows the state before, and the decision must
 * follow the change.
 */
class WriteSideDecisionsTest extends PlatformTest {

    private static final String NEW_PASSWORD = "a brand new password";

    @Autowired
    CommandGateway commands;

    @Autowired
    PasswordHasher passwords;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aLoginIsCheckedAgainstThePasswordTheAccountHasNow() {
        Account user = register();
        EventProcessor accounts = stopped(UserAccountProjection.NAME);
        try {
            commands.sendAndWait(new ChangePasswordCommand(new UserId(user.id()), passwords.hash(NEW_PASSWORD),
                    Instant.now()));

            HttpApi.Reply withOld = login(user.email(), user.password());
            assertThat(withOld.status()).as(withOld.body().toString()).isEqualTo(401);
            assertThat(withOld.code()).isEqualTo("INVALID_CREDENTIALS");
        } finally {
            startSoon(accounts);
        }
        HttpApi.Reply withNew = login(user.email(), NEW_PASSWORD);
        assertThat(withNew.status()).as(withNew.body().toString()).isEqualTo(200);
    }

    @Test
    void anOrderIsMadeOnThePlansTermsNowAndNotForADeactivatedPlan() {
        String planId = api.post("/api/admin/plans", Map.of("name", "Decided " + UUID.randomUUID(), "tokens", 1_000,
                "amount", 10_000, "currency", "INR"), admin().token()).data().path("plan").path("id").asText();
        Account buyer = register();
        EventProcessor plans = stopped(PlanProjection.NAME);
        try {
            commands.sendAndWait(new ChangePlanCommand(planId, null, null, 2_000L, 12_500L, null, null, null,
                    admin().id(), Instant.now()));

            HttpApi.Reply order = api.post("/api/plans/" + planId + "/create-order", Map.of(), buyer.token());
            assertThat(order.status()).as(order.body().toString()).isEqualTo(200);
            assertThat(order.data().path("amount").asLong()).isEqualTo(12_500);
            assertThat(order.data().path("plan").path("tokens").asLong()).isEqualTo(2_000);

            commands.sendAndWait(new DeactivatePlanCommand(planId, admin().id(), Instant.now()));
            HttpApi.Reply refused = api.post("/api/plans/" + planId + "/create-order", Map.of(), buyer.token());
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(404);
        } finally {
            startSoon(plans);
        }
    }

    @Test
    void tokensAreGrantedOnlyToAnAccountThatIsStillThere() {
        Account user = register();
        EventProcessor accounts = stopped(UserAccountProjection.NAME);
        try {
            commands.sendAndWait(new DeleteUserCommand(new UserId(user.id()), new UserId(admin().id()),
                    Instant.now()));

            HttpApi.Reply grant = api.post("/api/admin/users/" + user.id() + "/tokens",
                    Map.of("amount", 500, "reason", "goodwill"), admin().token());
            assertThat(grant.status()).as(grant.body().toString()).isEqualTo(404);
        } finally {
            startSoon(accounts);
        }
    }

    @Test
    void aSessionsSettingsLeftOutOfAChangeKeepWhatTheSessionHasNow() {
        Account user = register();
        String sessionId = api.post("/api/chat/sessions", Map.of("title", "Settings", "modelId",
                FakeProviders.FREE_MODEL), user.token()).data().path("session").path("id").asText();
        EventProcessor sessions = stopped(ChatSessionProjection.NAME);
        HttpApi.Reply changed;
        try {
            commands.sendAndWait(new ChangeSessionSettingsCommand(new SessionId(sessionId), new UserId(user.id()),
                    FakeProviders.PAID_MODEL, null, Instant.now()));
            startSoon(sessions);
            changed = api.patch("/api/chat/sessions/" + sessionId, Map.of("options", Map.of("temperature", 0.3)),
                    user.token());
        } finally {
            sessions.start();
        }
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        JsonNode session = api.get("/api/chat/sessions/" + sessionId, user.token()).data().path("session");
        assertThat(session.path("modelId").asText()).isEqualTo(FakeProviders.PAID_MODEL);
        assertThat(session.path("options").path("temperature").asDouble()).isEqualTo(0.3);
    }

    private HttpApi.Reply login(String email, String password) {
        return api.post("/api/auth/login", Map.of("email", email, "password", password), null);
    }

    private EventProcessor stopped(String readModel) {
        EventProcessor processor = processing.eventProcessor(readModel).orElseThrow();
        processor.shutDown();
        return processor;
    }

    /** Half a second on, so that what an answer waits for after its decision is projected then. */
    private static void startSoon(EventProcessor processor) {
        CompletableFuture.runAsync(processor::start, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
    }
}
