package com.aipasta.ops.projection;

import com.aipasta.projections.leaderboard.LeaderboardProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts the leaderboard's tallies once the platform is up, on the node whose processor runs the leaderboard, when its
 * answers were stored before tallies were kept, so that an idle platform's leaderboards show them at once; the
 * processor's handlers wait for the count.
 */
@Component
class LeaderboardTalliesAtStart {

    private final EventProcessingConfiguration processing;
    private final LeaderboardProjection leaderboard;

    LeaderboardTalliesAtStart(EventProcessingConfiguration processing, LeaderboardProjection leaderboard) {
        this.processing = processing;
        this.leaderboard = leaderboard;
    }

    @EventListener(ApplicationReadyEvent.class)
    void count() {
        if (processing.eventProcessor(LeaderboardProjection.NAME).map(EventProcessor::isRunning).orElse(false)) {
            leaderboard.countTalliesIfMissing();
        }
    }
}
