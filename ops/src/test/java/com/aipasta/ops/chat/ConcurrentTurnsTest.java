package com.aipasta.ops.chat;

import com.aipasta.ops.HttpApi;
import com.aipasta.ops.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 turns at once from 20 users: every wallet ends at 10,000 less exactly what its turns used. Each turn asks
 * for at most 256 tokens, so ten reservations of one user fit in its wallet at once.
 */
class ConcurrentTurnsTest extends PlatformTest {

    private static final int USERS = 20;
    private static final int TURNS_EACH = 10;

    @Test
    void twoHundredConcurrentTurnsChargeEveryWalletExactly() throws Exception {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            accounts.add(register());
        }
        List<Callable<JsonNode>> turns = new ArrayList<>();
        for (Account account : accounts) {
            for (int turn = 0; turn < TURNS_EACH; turn++) {
                String message = "Question " + turn + " from " + account.email();
                turns.add(() -> {
                    HttpApi.Reply reply = api.post("/api/chat", Map.of("message", message,
                            "modelId", FakeProviders.FREE_MODEL, "options", Map.of("maxTokens", 256)), account.token());
                    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
                    return reply.data();
                });
            }
        }

        ExecutorService clients = Executors.newFixedThreadPool(USERS * TURNS_EACH);
        List<JsonNode> answers = new ArrayList<>();
        try {
            for (Future<JsonNode> answer : clients.invokeAll(turns)) {
                answers.add(answer.get());
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(answers).hasSize(USERS * TURNS_EACH)
                .allSatisfy(answer -> assertThat(answer.path("message").path("content").asText())
                        .isEqualTo(FakeProviders.ANSWER));
        for (Account account : accounts) {
            JsonNode tokens = api.get("/api/user/wallet", account.token()).data();
            long settled = answers.stream()
                    .filter(answer -> answer.path("user").path("id").asText().equals(account.id()))
                    .mapToLong(answer -> answer.path("usage").path("totalTokens").asLong())
                    .sum();
            assertThat(settled).isEqualTo(TURNS_EACH * (FakeProviders.PROMPT_TOKENS + FakeProviders.COMPLETION_TOKENS));
            assertThat(tokens.path("balance").asLong()).isEqualTo(10_000 - settled);
            assertThat(tokens.path("usedTokens").asLong()).isEqualTo(settled);
            assertThat(tokens.path("reserved").asLong()).isZero();
            JsonNode ledger = api.get("/api/user/wallet/ledger?limit=100", account.token()).data();
            long spentEntries = 0;
            for (JsonNode entry : ledger.path("entries")) {
                if (entry.path("type").asText().equals("spent")) {
                    spentEntries++;
                }
            }
            assertThat(spentEntries).isEqualTo(TURNS_EACH);
        }
    }
}
