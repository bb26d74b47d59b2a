package com.aipasta.leaderboard.api.query;

import java.util.Map;

/** Answers that ended per catalogue model id; a model that answered none is left out. */
public record ModelPopularity(Map<String, Long> turnsByModel) {

    public long of(String modelId) {
        return turnsByModel.getOrDefault(modelId, 0L);
    }
}
