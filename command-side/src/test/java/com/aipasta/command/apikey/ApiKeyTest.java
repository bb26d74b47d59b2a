package com.aipasta.command.apikey;

import com.aipasta.account.api.value.UserId;
import com.aipasta.apikey.api.command.CreateApiKeyCommand;
import com.aipasta.apikey.api.command.RecordApiKeyUseCommand;
import com.aipasta.apikey.api.command.RevokeApiKeyCommand;
import com.aipasta.apikey.api.event.ApiKeyCreatedEvent;
import com.aipasta.apikey.api.event.ApiKeyRevokedEvent;
import com.aipasta.apikey.api.event.ApiKeyUsedEvent;
import com.aipasta.apikey.api.value.ApiKeyId;
import com.aipasta.apikey.api.value.ApiKeyScope;
import com.aipasta.common.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyTest {

    private static final ApiKeyId KEY = new ApiKeyId("apikey-0123456789abcdef0123456789abcdef");
    private static final UserId OWNER = new UserId("user-1");
    private static final UserId OTHER = new UserId("user-2");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final ApiKeyCreatedEvent CREATED = new ApiKeyCreatedEvent(KEY, OWNER, "ci", "ap_01234567", "hash",
            Set.of(ApiKeyScope.CHAT), null, T);

    private AggregateTestFixture<ApiKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
    }

    @Test
    void createsAKeyFromItsHash() {
        fixture.givenNoPriorActivity()
                .when(new CreateApiKeyCommand(KEY, OWNER, "ci", "ap_01234567", "hash", Set.of(ApiKeyScope.CHAT),
                        null, T))
                .expectEvents(CREATED);
    }

    @Test
    void itsOwnerRevokesIt() {
        fixture.given(CREATED)
                .when(new RevokeApiKeyCommand(KEY, OWNER, T))
                .expectEvents(new ApiKeyRevokedEvent(KEY, OWNER, T));
    }

    @Test
    void revokingItAgainRecordsNothing() {
        fixture.given(CREATED, new ApiKeyRevokedEvent(KEY, OWNER, T))
                .when(new RevokeApiKeyCommand(KEY, OWNER, T.plusSeconds(1)))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anotherUserCannotRevokeIt() {
        fixture.given(CREATED)
                .when(new RevokeApiKeyCommand(KEY, OTHER, T))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void aRevokedKeyIsNotRecordedAsUsed() {
        fixture.given(CREATED, new ApiKeyRevokedEvent(KEY, OWNER, T))
                .when(new RecordApiKeyUseCommand(KEY, T.plusSeconds(1)))
                .expectNoEvents()
                .expectException(DomainException.class);
        fixture.given(CREATED)
                .when(new RecordApiKeyUseCommand(KEY, T.plusSeconds(1)))
                .expectEvents(new ApiKeyUsedEvent(KEY, OWNER, T.plusSeconds(1)));
    }

    @Test
    void aHeldKeyStopsAtItsExpiryAndOnRevocation() {
        HeldKey forever = HeldKey.created(CREATED, 0);
        assertThat(forever.usableAt(T.plusSeconds(1_000_000_000))).isTrue();
        assertThat(forever.with(new ApiKeyUsedEvent(KEY, OWNER, T), 1).usableAt(T)).isTrue();
        assertThat(forever.with(new ApiKeyRevokedEvent(KEY, OWNER, T), 1).usableAt(T)).isFalse();

        HeldKey expiring = HeldKey.created(new ApiKeyCreatedEvent(KEY, OWNER, "ci", "ap_01234567", "hash",
                Set.of(ApiKeyScope.CHAT), T.plusSeconds(60), T), 0);
        assertThat(expiring.usableAt(T.plusSeconds(59))).isTrue();
        assertThat(expiring.usableAt(T.plusSeconds(60))).isFalse();
    }

    @Test
    void aGeneratedKeyNamesItsRecordAndOnlyItsHashIsKept() {
        ApiKeys.NewKey key = new ApiKeys(null, null).generate();

        assertThat(key.key()).startsWith("ap_").hasSize(3 + 32 + 1 + 64);
        assertThat(key.keyId().value()).isEqualTo("apikey-" + key.key().substring(3, 35));
        assertThat(key.prefix()).isEqualTo(key.key().substring(0, 11));
        assertThat(key.hash()).isEqualTo(ApiKeys.hash(key.key())).doesNotContain(key.key().substring(36));
    }
}
