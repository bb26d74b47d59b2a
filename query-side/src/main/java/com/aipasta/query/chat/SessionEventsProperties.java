package com.aipasta.query.chat;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * A session's live event stream ({@code GET /api/chat/sessions/{id}/events}).
 *
 * @param heartbeat how often an idle stream sends a comment line ({@code CHAT_EVENTS_HEARTBEAT}), which keeps proxies
 *                  from closing it and finds a client that left
 */
@Validated
@ConfigurationProperties("aipasta.session-events")
public record SessionEventsProperties(@DefaultValue("15s") @NotNull Duration heartbeat) {

    public SessionEventsProperties {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("CHAT_EVENTS_HEARTBEAT must be positive");
        }
    }
}
