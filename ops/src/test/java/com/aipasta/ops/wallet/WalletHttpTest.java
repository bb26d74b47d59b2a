package com.aipasta.ops.wallet;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WalletHttpTest extends PlatformTest {

    @Test
    void aNewWalletHoldsTenThousandFreeTokensAndOneLedgerEntry() {
        Account account = register();

        HttpApi.Reply wallet = api.get("/api/user/wallet", account.token());
        HttpApi.Reply ledger = api.get("/api/user/wallet/ledger", account.token());

        assertThat(wallet.status()).isEqualTo(200);
        assertThat(wallet.data().path("balance").asLong()).isEqualTo(10_000);
        assertThat(wallet.data().path("freeTokens").asLong()).isEqualTo(10_000);
        assertThat(wallet.data().path("reserved").asLong()).isZero();
        JsonNode entries = ledger.data().path("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("type").asText()).isEqualTo("free_grant");
        assertThat(entries.get(0).path("amount").asLong()).isEqualTo(10_000);
        assertThat(entries.get(0).path("balanceAfter").asLong()).isEqualTo(10_000);
        assertThat(entries.get(0).path("time").asText()).isNotBlank();
        assertThat(ledger.data().path("pagination").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void anAdministratorGrantsTokensWithAReasonThatTheLedgerShows() {
        Account account = register();

        HttpApi.Reply granted = api.post("/api/admin/users/" + account.id() + "/tokens",
                Map.of("amount", 2_500, "reason", "apology for an outage"), admin().token());

        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.data().path("user").path("id").asText()).isEqualTo(account.id());
        assertThat(granted.data().path("user").path("tokens").path("balance").asLong()).isEqualTo(12_500);
        assertThat(api.get("/api/user/wallet", account.token()).data().path("freeTokens").asLong())
                .isEqualTo(12_500);
        JsonNode newest = api.get("/api/user/wallet/ledger", account.token()).data().path("entries").get(0);
        assertThat(newest.path("type").asText()).isEqualTo("granted");
        assertThat(newest.path("amount").asLong()).isEqualTo(2_500);
        assertThat(newest.path("balanceAfter").asLong()).isEqualTo(12_500);
        assertThat(newest.path("note").asText()).isEqualTo("apology for an outage");
        assertThat(newest.path("reference").asText()).isEqualTo("admin:" + admin().id());
    }

    @Test
    void theLedgerIsPaginatedNewestFirst() {
        Account account = register();
        for (int i = 1; i <= 4; i++) {
            api.post("/api/admin/users/" + account.id() + "/tokens", Map.of("amount", i, "reason", "grant " + i),
                    admin().token());
        }

        HttpApi.Reply first = api.get("/api/user/wallet/ledger?page=1&limit=2", account.token());
        HttpApi.Reply last = api.get("/api/user/wallet/ledger?page=3&limit=2", account.token());

        assertThat(first.data().path("entries")).hasSize(2);
        assertThat(first.data().path("entries").get(0).path("amount").asLong()).isEqualTo(4);
        assertThat(first.data().path("entries").get(1).path("amount").asLong()).isEqualTo(3);
        assertThat(first.data().path("pagination").path("total").asLong()).isEqualTo(5);
        assertThat(first.data().path("pagination").path("totalPages").asInt()).isEqualTo(3);
        assertThat(last.data().path("entries")).hasSize(1);
        assertThat(last.data().path("entries").get(0).path("type").asText()).isEqualTo("free_grant");
    }

    @Test
    void paginationParametersAreValidated() {
        Account account = register();

        assertThat(api.get("/api/user/wallet/ledger?page=0", account.token()).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/user/wallet/ledger?limit=101", account.token()).status()).isEqualTo(400);
        HttpApi.Reply wrongType = api.get("/api/user/wallet/ledger?page=first", account.token());
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().path("details").has("page")).isTrue();
    }

    @Test
    void aUserCannotReadAnotherUsersWallet() {
        Account owner = register();
        Account other = register();

        HttpApi.Reply wallet = api.get("/api/wallets/" + owner.id(), other.token());
        HttpApi.Reply ledger = api.get("/api/wallets/" + owner.id() + "/ledger", other.token());

        assertThat(wallet.status()).isEqualTo(404);
        assertThat(wallet.code()).isEqualTo("NOT_FOUND");
        assertThat(ledger.status()).isEqualTo(404);
        assertThat(api.get("/api/wallets/" + owner.id(), owner.token()).data().path("balance").asLong())
                .isEqualTo(10_000);
        assertThat(api.get("/api/wallets/" + owner.id(), admin().token()).status()).isEqualTo(200);
        assertThat(api.get("/api/wallets/no-such-user", admin().token()).status()).isEqualTo(404);
    }

    @Test
    void aUserCannotChangeAnotherUsersWallet() {
        Account owner = register();
        Account other = register();

        HttpApi.Reply reply = api.post("/api/admin/users/" + owner.id() + "/tokens",
                Map.of("amount", 1_000_000, "reason", "free money"), other.token());

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("FORBIDDEN");
        assertThat(api.get("/api/user/wallet", owner.token()).data().path("balance").asLong()).isEqualTo(10_000);
        assertThat(api.get("/api/user/wallet", other.token()).data().path("balance").asLong()).isEqualTo(10_000);
    }

    @Test
    void grantsAreValidatedAndNeedAnExistingUser() {
        Account account = register();

        HttpApi.Reply invalid = api.post("/api/admin/users/" + account.id() + "/tokens",
                Map.of("amount", 0, "reason", " "), admin().token());
        HttpApi.Reply missing = api.post("/api/admin/users/" + account.id() + "/tokens", Map.of(), admin().token());
        HttpApi.Reply unknownUser = api.post("/api/admin/users/nobody/tokens",
                Map.of("amount", 5, "reason", "x"), admin().token());

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("details").has("amount")).isTrue();
        assertThat(invalid.body().path("details").has("reason")).isTrue();
        assertThat(missing.body().path("details").has("amount")).isTrue();
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(api.get("/api/user/wallet", account.token()).data().path("balance").asLong()).isEqualTo(10_000);
    }
}
