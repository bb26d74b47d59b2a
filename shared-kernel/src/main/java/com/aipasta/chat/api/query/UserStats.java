package com.aipasta.chat.api.query;

import com.aipasta.chat.api.value.Cost;

import java.time.LocalDate;
import java.util.List;

/** A user's own usage: every message sent and answer received, by model and by (UTC) day. */
public record UserStats(long messages, long answers, long failedAnswers, long tokens, Cost cost,
                        List<ModelUsage> perModel, List<DayUsage> perDay) {

    public record ModelUsage(String modelId, long answers, long failedAnswers, long tokens, Cost cost) {
    }

    public record DayUsage(LocalDate day, long messages, long answers, long tokens, Cost cost) {
    }
}
