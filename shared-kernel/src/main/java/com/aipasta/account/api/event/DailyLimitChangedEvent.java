package com.aipasta.account.api.event;

import com.aipasta.account.api.value.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record DailyLimitChangedEvent(UserId userId, Integer dailyRequestLimit, UserId changedBy, Instant changedAt)
        implements UserAccountEvent {
}
