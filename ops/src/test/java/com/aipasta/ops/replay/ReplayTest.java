package com.aipasta.ops.replay;

import com.aipasta.ops.PlatformTest;
import com.aipasta.projections.wallet.LedgerEntryDocument;
import com.aipasta.projections.wallet.WalletDocument;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resets the wallet projection and a probe group on the embedded store and replays them: side-effect handlers
 * stay silent, replayed events are seen as replays, the tracking token stored once the replay is over (within the
 * token store's interval) is small, the read model ends identical, and an event appended afterwards is handled once.
 */
class ReplayTest extends PlatformTest {

    private static final int MAX_TOKEN_BYTES = 16 * 1024;

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ReplayProbe probe;
    @Autowired
    SideEffectProbe sideEffects;

    @Test
    void aReplayRebuildsTheSameReadModelWithoutRepeatingSideEffects() {
        String marker = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            Account account = register();
            for (int grant = 0; grant < 3; grant++) {
                assertThat(api.post("/api/admin/users/" + account.id() + "/tokens",
                        Map.of("amount", 10 + grant, "reason", marker + " " + i + "/" + grant), admin().token())
                        .status()).isEqualTo(200);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ofThisTest(sideEffects.performed, marker) == 15);
        List<Document> walletsBefore = all(WalletDocument.COLLECTION);
        List<Document> ledgerBefore = all(LedgerEntryDocument.COLLECTION);
        int grantsInStore = probe.seen.size();
        int sideEffectsBefore = sideEffects.performed.size();
        probe.seen.clear();

        replay("wallet-balance");
        replay(ReplayProbe.GROUP);

        await().atMost(Duration.ofSeconds(60)).until(() -> probe.seen.size() >= grantsInStore);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(all(WalletDocument.COLLECTION)).isEqualTo(walletsBefore);
            assertThat(all(LedgerEntryDocument.COLLECTION)).isEqualTo(ledgerBefore);
        });
        assertThat(probe.resets).isPositive();
        assertThat(probe.seen).hasSize(grantsInStore).allMatch(ReplayProbe.Seen::replay);
        assertThat(sideEffects.performed).hasSize(sideEffectsBefore);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(tokenBytes("wallet-balance")).isLessThan(MAX_TOKEN_BYTES);
            assertThat(tokenBytes(ReplayProbe.GROUP)).isLessThan(MAX_TOKEN_BYTES);
        });

        Account late = register();
        String lateReason = marker + " after the replay";
        assertThat(api.post("/api/admin/users/" + late.id() + "/tokens", Map.of("amount", 5, "reason", lateReason),
                admin().token()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> sideEffects.performed.contains(lateReason));
        assertThat(sideEffects.performed).filteredOn(lateReason::equals).hasSize(1);
        assertThat(probe.seen).filteredOn(seen -> seen.reason().equals(lateReason))
                .containsExactly(new ReplayProbe.Seen(lateReason, false));
    }

    private void replay(String processorName) {
        TrackingEventProcessor processor = processing.eventProcessor(processorName, TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private List<Document> all(String collection) {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, collection);
    }

    private int tokenBytes(String processorName) {
        Document token = mongo.findOne(Query.query(Criteria.where("processorName").is(processorName)),
                Document.class, "trackingtokens");
        assertThat(token).as("stored token of " + processorName).isNotNull();
        Object content = token.get("token");
        return content instanceof Binary binary ? binary.length() : String.valueOf(content).length();
    }

    private static long ofThisTest(List<String> reasons, String marker) {
        return reasons.stream().filter(reason -> reason.startsWith(marker)).count();
    }
}
