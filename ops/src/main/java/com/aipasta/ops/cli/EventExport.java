package com.aipasta.ops.cli;

import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.event.SessionStartedEvent;
import com.aipasta.payment.api.event.OrderCreatedEvent;
import com.aipasta.tool.api.value.ToolUsageId;
import com.aipasta.wallet.api.value.WalletId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Prints events as JSON lines: one aggregate's, or every event of a user's own aggregates. */
@Component
public class EventExport {

    /**
     * Kept out of exports: a password, API key, one-time password or reset token hash helps nobody who reads an export
     * but an attacker.
     */
    private static final List<String> SECRET_FIELDS = List.of("passwordHash", "keyHash", "otpHash", "resetTokenHash");

    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final ObjectMapper json;

    public EventExport(EventStore eventStore, EventStorageEngine storage, ObjectMapper json) {
        this.eventStore = eventStore;
        this.storage = storage;
        this.json = json;
    }

    /** Answers how many events were printed. */
    public long aggregate(String aggregateId, PrintStream out) {
        return eventStore.readEvents(aggregateId, 0).asStream().peek(event -> out.println(line(event))).count();
    }

    /**
     * The user's account, wallet and tool uses, and the chat sessions and orders whose first event names the user as owner,
     * in the order they were stored.
     */
    public long user(UserId user, PrintStream out) {
        Set<String> owned = new HashSet<>(Set.of(user.value(), WalletId.of(user).value(),
                ToolUsageId.of(user).value()));
        long[] printed = {0};
        try (var events = storage.readEvents(null, false)) {
            events.forEach(event -> {
                if (!(event instanceof DomainEventMessage<?> domainEvent)) {
                    return;
                }
                Object payload = event.getPayload();
                if (payload instanceof SessionStartedEvent started && started.ownerId().equals(user)
                        || payload instanceof OrderCreatedEvent created && created.ownerId().equals(user)) {
                    owned.add(domainEvent.getAggregateIdentifier());
                }
                if (owned.contains(domainEvent.getAggregateIdentifier())) {
                    out.println(line(domainEvent));
                    printed[0]++;
                }
            });
        }
        return printed[0];
    }

    /** The events of the given aggregates, each aggregate's in order, as the maps a JSON line holds. */
    public List<Map<String, Object>> events(Collection<String> aggregateIds) {
        List<Map<String, Object>> entries = new ArrayList<>();
        aggregateIds.forEach(aggregateId -> eventStore.readEvents(aggregateId, 0).asStream()
                .forEach(event -> entries.add(entry(event))));
        return entries;
    }

    private String line(DomainEventMessage<?> event) {
        try {
            return json.writeValueAsString(entry(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> entry(DomainEventMessage<?> event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("aggregateType", event.getType());
        line.put("aggregateId", event.getAggregateIdentifier());
        line.put("sequence", event.getSequenceNumber());
        line.put("eventId", event.getIdentifier());
        line.put("timestamp", event.getTimestamp());
        line.put("type", typeOf(event));
        ObjectNode payload = json.valueToTree(event.getPayload());
        payload.remove(SECRET_FIELDS);
        line.put("payload", payload);
        return line;
    }

    private static String typeOf(EventMessage<?> event) {
        return event.getPayloadType().getSimpleName();
    }
}
