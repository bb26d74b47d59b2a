package com.aipasta.command.apikey;

import com.aipasta.apikey.api.event.ApiKeyCreatedEvent;
import com.aipasta.apikey.api.event.ApiKeyEvent;
import com.aipasta.apikey.api.value.ApiKeyId;
import com.aipasta.command.config.NodeState;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The API keys of recent callers, in memory, kept current as {@code AccessState} keeps accounts: a key not held is
 * folded once from its own events, this process's events are folded as their command commits (so a revocation holds for
 * the very next request), and other nodes' through this node's state processor ({@link NodeState}), once and in order.
 */
@Component
@ProcessingGroup(NodeState.PROCESSING_GROUP)
public class ApiKeyState {

    private final Cache<ApiKeyId, HeldKey> keys;
    private final EventStorageEngine storage;

    public ApiKeyState(EventStorageEngine storage, EventBus eventBus,
                       @Value("${aipasta.access-state.max-users:100000}") long maxKeys) {
        this.storage = storage;
        this.keys = Caffeine.newBuilder().maximumSize(maxKeys).build();
        eventBus.registerDispatchInterceptor(this::foldOnCommit);
    }

    /** The key as its events say now; empty for a key that was never created. */
    public Optional<HeldKey> of(ApiKeyId keyId) {
        return Optional.ofNullable(keys.get(keyId, this::load));
    }

    @EventHandler
    @DisallowReplay
    void on(ApiKeyEvent event, @SequenceNumber long sequence) {
        fold(event, sequence, false);
    }

    private HeldKey load(ApiKeyId keyId) {
        HeldKey held = null;
        DomainEventStream events = storage.readEvents(keyId.value(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (message.getPayload() instanceof ApiKeyEvent event) {
                held = held == null ? (event instanceof ApiKeyCreatedEvent created
                        ? HeldKey.created(created, message.getSequenceNumber()) : null)
                        : held.with(event, message.getSequenceNumber());
            }
        }
        return held;
    }

    private BiFunction<Integer, EventMessage<?>, EventMessage<?>> foldOnCommit(
            List<? extends EventMessage<?>> messages) {
        List<DomainEventMessage<?>> keyEvents = messages.stream()
                .filter(message -> message instanceof DomainEventMessage<?>
                        && message.getPayload() instanceof ApiKeyEvent)
                .<DomainEventMessage<?>>map(message -> (DomainEventMessage<?>) message)
                .toList();
        if (!keyEvents.isEmpty()) {
            Runnable foldAll = () -> keyEvents.forEach(message ->
                    fold((ApiKeyEvent) message.getPayload(), message.getSequenceNumber(), true));
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(committed -> foldAll.run());
            } else {
                foldAll.run();
            }
        }
        return (index, message) -> message;
    }

    private void fold(ApiKeyEvent event, long sequence, boolean appendedHere) {
        if (appendedHere && event instanceof ApiKeyCreatedEvent created) {
            keys.asMap().putIfAbsent(created.keyId(), HeldKey.created(created, sequence));
            return;
        }
        keys.asMap().computeIfPresent(event.keyId(), (keyId, held) -> {
            if (sequence <= held.sequence()) {
                return held;
            }
            return sequence == held.sequence() + 1 ? held.with(event, sequence) : null;
        });
    }
}
