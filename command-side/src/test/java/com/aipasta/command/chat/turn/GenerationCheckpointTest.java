package com.aipasta.command.chat.turn;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.value.PromptCategory;
import com.aipasta.chat.api.value.SessionId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An answer's checkpoints: saved while it changes, never after it ended, and removed only when one was saved. */
class GenerationCheckpointTest {

    private final Generation generation = new Generation(new SessionId("session-1"), new UserId("user-1"), "msg-1",
            new ModelChoice("m", "p", PromptCategory.GENERAL, false));
    private final List<Generation.Text> saved = new ArrayList<>();

    @Test
    void anAnswerThatEndsBeforeItsFirstCheckpointHasNoneToRemove() {
        generation.delta("Hello");

        assertThat(generation.closeCheckpoints()).isFalse();
        generation.checkpoint(saved::add);
        assertThat(saved).isEmpty();
    }

    @Test
    void aChangedAnswerIsSavedOnceAndItsCheckpointIsToBeRemovedWhenItEnds() {
        generation.checkpoint(saved::add);
        generation.delta("Hel");
        generation.checkpoint(saved::add);
        generation.checkpoint(saved::add);
        generation.delta("lo");

        assertThat(generation.closeCheckpoints()).isTrue();
        generation.checkpoint(saved::add);
        assertThat(saved).containsExactly(new Generation.Text("Hel", null));
    }

    @Test
    void closingWaitsForASaveUnderWaySoNoCheckpointOutlivesItsRemoval() throws Exception {
        CountDownLatch saving = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        generation.delta("Hello");
        CompletableFuture<Void> save = CompletableFuture.runAsync(() -> generation.checkpoint(text -> {
            saving.countDown();
            await(release);
        }));
        assertThat(saving.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(generation::closeCheckpoints);
        Thread.sleep(200);
        assertThat(closed).isNotDone();
        release.countDown();

        assertThat(closed.get(10, TimeUnit.SECONDS)).isTrue();
        save.get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
