package com.aipasta.chat.api.query;

import java.time.Instant;

/** Answers still generating that started before {@code startedBefore}. */
public record FindStaleAnswersQuery(Instant startedBefore) {
}
