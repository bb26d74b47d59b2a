package com.aipasta.ops;

import com.aipasta.ops.chat.FakeProviders;
import com.aipasta.ops.chat.LargestReadProbe;
import com.aipasta.ops.identity.FakeGoogle;
import com.aipasta.ops.payment.FakeRazorpay;
import com.aipasta.ops.processing.FailingOnceProbe;
import com.aipasta.ops.processing.LaggingProbe;
import com.aipasta.ops.processing.StoppingProbe;
import com.aipasta.ops.replay.ReplayProbe;
import com.aipasta.ops.replay.SideEffectProbe;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform on a random port over an embedded Mongo in a temporary directory, with the probes of the tests
 * of event processing and of reads. Every test class that extends this shares one application context; tests
 * isolate their data by registering fresh users.
 */
@AutoConfigureObservability
@SpringBootTest(classes = {PlatformApplication.class, FailingOnceProbe.class, StoppingProbe.class, LaggingProbe.class,
        ReplayProbe.class, SideEffectProbe.class, LargestReadProbe.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PlatformTest {

    public static final String ADMIN_EMAIL = "admin@aipasta.test";
    /** Listed too, for the tests of what happens to a listed address after its account is gone. */
    public static final String SECOND_ADMIN_EMAIL = "second-admin@aipasta.test";
    public static final String PASSWORD = "correct horse battery";
    /** The largest file, the largest upload request, and the bytes a free user may keep, kept small for tests. */
    public static final long FILES_MAX_SIZE = 256 * 1024;
    public static final long FILES_MAX_REQUEST_SIZE = 1024 * 1024;
    public static final long FILES_QUOTA_FREE = 1024 * 1024;
    private static final Path DATA_DIR = TemporaryDirectories.create("aipasta-test-");
    private static volatile Account admin;
    private static volatile ApplicationContext sharedContext;

    public record Account(String id, String email, String password, String token) {
    }

    @LocalServerPort
    protected int port;
    @Autowired
    private ApplicationContext context;

    protected HttpApi api;

    @DynamicPropertySource
    static void platformProperties(DynamicPropertyRegistry registry) {
        registry.add("aipasta.data-dir", DATA_DIR::toString);
        registry.add("aipasta.mongo.data-dir", DATA_DIR::toString);
        registry.add("aipasta.auth.password-hash-strength", () -> "4");
        registry.add("aipasta.auth.admin-emails", () -> ADMIN_EMAIL + "," + SECOND_ADMIN_EMAIL.toUpperCase());
        StandalonePlatform.GENEROUS_LIMITS.forEach((name, value) -> registry.add(name, () -> value));
        registry.add("aipasta.providers.openrouter.api-key", () -> "sk-or-test");
        registry.add("aipasta.providers.openrouter.base-url", FakeProviders::openRouterUrl);
        registry.add("aipasta.providers.openai-compatible.base-url", FakeProviders::localUrl);
        registry.add("aipasta.providers.openai-compatible.name", () -> "local");
        registry.add("aipasta.models.embedding-models", () -> FakeProviders.EMBEDDING_MODEL);
        registry.add("aipasta.read-model-catch-up-timeout", () -> "90s");
        registry.add("aipasta.snapshot-threshold", () -> "5");
        registry.add("aipasta.session-events.heartbeat", () -> "1s");
        registry.add("aipasta.razorpay.key-id", () -> FakeRazorpay.KEY_ID);
        registry.add("aipasta.razorpay.key-secret", () -> FakeRazorpay.KEY_SECRET);
        registry.add("aipasta.razorpay.webhook-secret", () -> FakeRazorpay.WEBHOOK_SECRET);
        registry.add("aipasta.razorpay.base-url", FakeRazorpay::baseUrl);
        registry.add("aipasta.google.client-ids", () -> FakeGoogle.CLIENT_ID);
        registry.add("aipasta.google.jwks-url", FakeGoogle::jwksUrl);
        registry.add("aipasta.chat.daily-quotas.free.standard", () -> "12");
        registry.add("aipasta.chat.daily-quotas.free.premium", () -> "5");
        registry.add("aipasta.chat.daily-quotas.premium.standard", () -> "100");
        registry.add("aipasta.chat.daily-quotas.premium.premium", () -> "50");
        registry.add("aipasta.files.max-size", () -> FILES_MAX_SIZE + "B");
        registry.add("spring.servlet.multipart.max-file-size", () -> FILES_MAX_SIZE + "B");
        registry.add("spring.servlet.multipart.max-request-size", () -> FILES_MAX_REQUEST_SIZE + "B");
        registry.add("aipasta.http.max-upload-size", () -> FILES_MAX_REQUEST_SIZE + "B");
        registry.add("aipasta.files.quotas.free", () -> FILES_QUOTA_FREE + "B");
    }

    /**
     * A subclass with configuration of its own would get a second context over the same data directory: a second
     * node, claiming event processing segments the first one's tests then wait for in vain.
     */
    @BeforeEach
    void connect() {
        synchronized (PlatformTest.class) {
            if (sharedContext == null) {
                sharedContext = context;
            }
        }
        assertThat(context).as("the one application context every platform test shares").isSameAs(sharedContext);
        api = new HttpApi(port);
    }

    protected Account register() {
        return register("user-" + UUID.randomUUID() + "@example.com");
    }

    protected Account register(String email) {
        HttpApi.Reply reply = api.post("/api/auth/register",
                Map.of("email", email, "password", PASSWORD, "name", "Test User"), null);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        return new Account(reply.data().path("user").path("id").asText(), email, PASSWORD,
                reply.data().path("token").asText());
    }

    protected Account admin() {
        if (admin == null) {
            synchronized (PlatformTest.class) {
                if (admin == null) {
                    admin = register(ADMIN_EMAIL);
                }
            }
        }
        return admin;
    }

    /** The data directory of the shared platform, for an ops CLI run against its database. */
    protected static Path dataDirectory() {
        return DATA_DIR;
    }
}
