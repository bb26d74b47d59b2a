package com.aipasta.ops.storage;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackerStatus;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the oldest event a processor of this process has not handled has waited, and how many events it has still
 * to handle, from the positions they report.
 */
class ProcessorsLagTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final int TICKS_KEPT = 600;
    private static final long EVENT_LIMIT = 8_000;

    private final RecentAppends appends = new RecentAppends(TICKS_KEPT);

    private static EventTrackerStatus at(Instant position) {
        return new TrackerStatus(Segment.ROOT_SEGMENT, true, token(position), null);
    }

    private static MongoTrackingToken token(Instant position) {
        return MongoTrackingToken.of(position, "event-" + position.toEpochMilli());
    }

    private void appended(Instant... times) {
        for (Instant time : times) {
            appends.appended(time.toEpochMilli());
        }
    }

    private ProcessorsLag.Lag lag(List<List<EventTrackerStatus>> processors) {
        return ProcessorsLag.lag(appends, NOW.toEpochMilli(), processors, EVENT_LIMIT);
    }

    private Duration behind(List<List<EventTrackerStatus>> processors) {
        return lag(processors).waited();
    }

    @Test
    void processorsThatHandledEveryEventAppendedAreNotBehind() {
        appended(NOW.minusSeconds(3), NOW.minusSeconds(1));

        assertThat(behind(List.of(List.of(at(NOW.minusSeconds(1))), List.of(at(NOW.minusSeconds(1)))))).isZero();
        assertThat(behind(List.of())).isZero();
    }

    @Test
    void theFurthestBehindCountsFromTheFirstEventItHasNotHandled() {
        appended(NOW.minusSeconds(13), NOW.minusSeconds(12), NOW.minusSeconds(3), NOW.minusMillis(200));

        assertThat(behind(List.of(List.of(at(NOW.minusMillis(200))), List.of(at(NOW.minusSeconds(13))),
                List.of(at(NOW.minusSeconds(3)))))).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void aQuietSpellBeforeTheNewestEventIsNotWaiting() {
        appended(NOW.minusSeconds(60), NOW.minusMillis(300));

        assertThat(behind(List.of(List.of(at(NOW.minusSeconds(60))), List.of(at(NOW.minusMillis(300))))))
                .as("the newest event has waited 300 ms, not the minute since the one before it")
                .isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void theOldestSegmentOfAProcessorIsItsPosition() {
        appended(NOW.minusSeconds(20), NOW.minusSeconds(19));

        assertThat(behind(List.of(List.of(
                new TrackerStatus(Segment.computeSegment(0, 1), true, token(NOW.minusSeconds(19)), null),
                new TrackerStatus(Segment.computeSegment(1, 1), true, token(NOW.minusSeconds(20)), null)))))
                .isEqualTo(Duration.ofSeconds(19));
    }

    @Test
    void eventsAfterAPositionOlderThanTheTicksKeptHaveWaitedSinceThen() {
        Instant longAgo = NOW.minus(RecentAppends.TICK.multipliedBy(TICKS_KEPT + 10));
        appended(longAgo, longAgo.plusSeconds(1));

        assertThat(behind(List.of(List.of(at(longAgo))))).isEqualTo(Duration.between(longAgo, NOW));
    }

    @Test
    void processorsThatHandledEveryEventBeforeAQuietSpellLongerThanTheTicksKeptAreNotBehind() {
        Instant longAgo = NOW.minus(RecentAppends.TICK.multipliedBy(TICKS_KEPT * 3L));
        appended(longAgo.minusSeconds(1), longAgo);

        assertThat(lag(List.of(List.of(at(longAgo)), List.of(at(longAgo)))))
                .isEqualTo(new ProcessorsLag.Lag(Duration.ZERO, 0, EVENT_LIMIT));
    }

    @Test
    void theFurthestBehindCountsTheEventsAppendedAfterItsPosition() {
        for (int second = 9; second >= 1; second--) {
            for (int event = 0; event < 1_000; event++) {
                appended(NOW.minusSeconds(second).plusMillis(event % 50));
            }
        }

        ProcessorsLag.Lag lag = lag(List.of(List.of(at(NOW.minusSeconds(1).plusMillis(49))),
                List.of(at(NOW.minusSeconds(6).plusMillis(49)))));

        assertThat(lag.events()).isEqualTo(5_000);
        assertThat(lag.waited()).isEqualTo(Duration.ofSeconds(5));
        assertThat(lag.within(Duration.ofSeconds(10))).isTrue();
        appended(NOW.minusMillis(20));
        assertThat(lag(List.of(List.of(at(NOW.minusSeconds(9).plusMillis(49))))).within(Duration.ofSeconds(10)))
                .as("8,001 events behind").isFalse();
    }

    @Test
    void eventsAppendedElsewhereAreNotWaitedFor() {
        appended(NOW.minusSeconds(30));

        assertThat(behind(List.of(List.of(at(NOW.minusSeconds(30))), List.of(at(NOW.minusSeconds(2)))))).isZero();
    }

    @Test
    void aProcessorPastTheFirstEventThisProcessAppendedCountsThoughItNeverFoundTheStreamEmpty() {
        appended(NOW.minusSeconds(12), NOW.minusSeconds(11), NOW.minusMillis(100));
        EventTrackerStatus busySinceItStarted = new TrackerStatus(Segment.ROOT_SEGMENT, false,
                token(NOW.minusSeconds(12)), null);

        assertThat(behind(List.of(List.of(at(NOW.minusMillis(100))), List.of(busySinceItStarted))))
                .isEqualTo(Duration.ofSeconds(11));
    }

    @Test
    void aProcessorStillOnItsWayToTheHeadReplayingOrStoppedOnAFailureDoesNotCount() {
        Instant behindItAll = NOW.minusSeconds(50);
        appended(NOW.minusSeconds(49), NOW.minusSeconds(1));
        EventTrackerStatus starting = new TrackerStatus(Segment.ROOT_SEGMENT, false, token(behindItAll), null);
        EventTrackerStatus replaying = new TrackerStatus(Segment.ROOT_SEGMENT, true,
                ReplayToken.createReplayToken(token(NOW), token(behindItAll)), null);
        EventTrackerStatus failed = new TrackerStatus(Segment.ROOT_SEGMENT, true, token(behindItAll),
                new IllegalStateException("a policy's command keeps failing"));
        EventTrackerStatus noToken = new TrackerStatus(Segment.ROOT_SEGMENT, true, null, null);

        assertThat(behind(List.of(List.of(at(NOW.minusSeconds(1))), List.of(starting), List.of(replaying),
                List.of(failed), List.of(noToken)))).isZero();
        assertThat(behind(List.of(List.of(at(NOW.minusSeconds(1)), starting))))
                .as("a processor counts once every segment of it is past the history before this process").isZero();
    }
}
