package com.aipasta.ops;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Health waits for the seeded plans: a plan not projected yet keeps them unreadable. */
class SeededPlansTest extends PlatformTest {

    @Autowired
    private SeededPlans seededPlans;

    @Autowired
    private MongoTemplate mongo;

    @Test
    void theConfiguredSeedsAreReadableOnceHealthAnswers() {
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        assertThat(seededPlans.readable()).isTrue();
        assertThat(api.post("/api/plans/plan-starter/create-order", Map.of(), register().token())
                .status()).isEqualTo(200);
    }

    @Test
    void aSeedWhosePlanIsNotProjectedIsNotReadable() {
        assertThat(new SeededPlans(mongo, List.of("plan-starter", "plan-not-projected")).readable()).isFalse();
        assertThat(new SeededPlans(mongo, List.of("plan-starter")).readable()).isTrue();
    }
}
