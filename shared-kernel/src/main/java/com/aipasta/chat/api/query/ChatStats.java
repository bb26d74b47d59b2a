package com.aipasta.chat.api.query;

import com.aipasta.chat.api.value.Cost;

public record ChatStats(long sessions, long messages, long answers, long failedAnswers, long totalTokens,
                        Cost cost) {
}
