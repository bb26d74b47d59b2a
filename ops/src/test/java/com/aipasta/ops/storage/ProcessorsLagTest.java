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

/** How far behind the processors of a process are, from the positions they report. */
class ProcessorsLagTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final long NOTHING_APPENDED = Long.MIN_VALUE;

    private static EventTrackerStatus at(Instant position) {
        return new TrackerStatus(Segment.ROOT_SEGMENT, true, token(position), null);
    }

    private static MongoTrackingToken token(Instant position) {
        return MongoTrackingToken.of(position, "event-" + position.toEpochMilli());
    }

    @Test
    void processorsAtTheSamePositionAreNotBehind() {
        assertThat(ProcessorsLag.behind(NOW.toEpochMilli(), List.of(List.of(at(NOW)), List.of(at(NOW)))))
                .isZero();
        assertThat(ProcessorsLag.behind(NOTHING_APPENDED, List.of())).isZero();
    }

    @Test
    void theFurthestBehindCountsAgainstTheNewestEventAnyOfThemHandled() {
        assertThat(ProcessorsLag.behind(NOTHING_APPENDED, List.of(List.of(at(NOW)),
                List.of(at(NOW.minusSeconds(12))), List.of(at(NOW.minusSeconds(3))))))
                .isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void theNewestEventAppendedHereCountsWhenEveryProcessorIsBehindIt() {
        assertThat(ProcessorsLag.behind(NOW.toEpochMilli(), List.of(List.of(at(NOW.minusSeconds(4))),
                List.of(at(NOW.minusSeconds(7)))))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theOldestSegmentOfAProcessorIsItsPosition() {
        assertThat(ProcessorsLag.behind(NOW.toEpochMilli(), List.of(List.of(
                new TrackerStatus(Segment.computeSegment(0, 1), true, token(NOW), null),
                new TrackerStatus(Segment.computeSegment(1, 1), true, token(NOW.minusSeconds(20)), null)))))
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aProcessorStillOnItsWayToTheHeadReplayingOrStoppedOnAFailureDoesNotCount() {
        Instant farBehind = NOW.minus(Duration.ofDays(300));
        EventTrackerStatus starting = new TrackerStatus(Segment.ROOT_SEGMENT, false, token(farBehind), null);
        EventTrackerStatus replaying = new TrackerStatus(Segment.ROOT_SEGMENT, true,
                ReplayToken.createReplayToken(token(NOW), token(farBehind)), null);
        EventTrackerStatus failed = new TrackerStatus(Segment.ROOT_SEGMENT, true, token(farBehind),
                new IllegalStateException("a policy's command keeps failing"));
        EventTrackerStatus noToken = new TrackerStatus(Segment.ROOT_SEGMENT, true, null, null);

        assertThat(ProcessorsLag.behind(NOW.toEpochMilli(), List.of(List.of(at(NOW)), List.of(starting),
                List.of(replaying), List.of(failed), List.of(noToken)))).isZero();
        assertThat(ProcessorsLag.behind(NOW.toEpochMilli(), List.of(List.of(at(NOW.minusSeconds(1)), starting))))
                .as("a processor counts once every segment of it has reached the head").isZero();
    }
}
