package com.aipasta.ops.projection;

import com.aipasta.projections.analytics.AnalyticsProjection;
import com.aipasta.projections.chat.ChatSessionProjection;
import com.aipasta.projections.leaderboard.LeaderboardProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts the tallies of what was stored before they were kept (the leaderboard's, from its answers; the users' usage,
 * from their messages; the admin analytics', from their facts) once the platform is up, on the node whose processor
 * keeps them, so that an idle platform shows them at once; the processor's handlers wait for the count.
 */
@Component
class TalliesAtStart {

    private final EventProcessingConfiguration processing;
    private final LeaderboardProjection leaderboard;
    private final ChatSessionProjection chat;
    private final AnalyticsProjection analytics;

    TalliesAtStart(EventProcessingConfiguration processing, LeaderboardProjection leaderboard,
                   ChatSessionProjection chat, AnalyticsProjection analytics) {
        this.processing = processing;
        this.leaderboard = leaderboard;
        this.chat = chat;
        this.analytics = analytics;
    }

    @EventListener(ApplicationReadyEvent.class)
    void count() {
        if (runsHere(LeaderboardProjection.NAME)) {
            leaderboard.countTalliesIfMissing();
        }
        if (runsHere(ChatSessionProjection.NAME)) {
            chat.countTalliesIfMissing();
        }
        if (runsHere(AnalyticsProjection.NAME)) {
            analytics.countTalliesIfMissing();
        }
    }

    private boolean runsHere(String processorName) {
        return processing.eventProcessor(processorName).map(EventProcessor::isRunning).orElse(false);
    }
}
