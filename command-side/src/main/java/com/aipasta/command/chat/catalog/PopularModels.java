package com.aipasta.command.chat.catalog;

import com.aipasta.leaderboard.api.query.FindModelPopularityQuery;
import com.aipasta.leaderboard.api.query.ModelPopularity;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** A model's popularity: its answers that ended in the last seven UTC days and today, as the leaderboard tallies them. */
@Component
public class PopularModels {

    static final Duration WINDOW = Duration.ofDays(7);

    private final QueryGateway queries;
    private final Clock clock;

    public PopularModels(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    public Map<String, Long> turnsByModel() {
        return queries.query(new FindModelPopularityQuery(clock.instant().minus(WINDOW)), ModelPopularity.class)
                .join().turnsByModel();
    }
}
