package com.aipasta.command.access;

import com.aipasta.account.api.event.GuestStartedEvent;
import com.aipasta.account.api.event.UserAccountEvent;
import com.aipasta.account.api.event.UserRegisteredEvent;
import com.aipasta.account.api.value.UserId;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.aipasta.command.config.NodeState;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
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
 * The accounts of recent callers, in memory, so authenticating a request and checking its plan and limits reads no
 * store. It holds at most {@code maxUsers} accounts, least recently used out. An account not held (never asked for
 * since start-up, or evicted) is folded from its events in the event store, once, and then kept current by events:
 * those appended by this process as soon as they commit (so a logout, a password change or a deactivation holds for
 * the very next request), and those of every node through this node's state processor ({@link NodeState}), which
 * only moves accounts it holds. Every account carries the sequence number of its last event, so an event is folded
 * once and in order; an event that arrives after a gap drops the account, and the next request folds it again from
 * the store.
 */
@Component
@ProcessingGroup(NodeState.PROCESSING_GROUP)
public class AccessState {


    private final Cache<UserId, Access> accounts;
    private final EventStorageEngine storage;

    public AccessState(EventStorageEngine storage, EventBus eventBus,
                       @Value("${aipasta.access-state.max-users:100000}") long maxUsers) {
        this.storage = storage;
        this.accounts = Caffeine.newBuilder().maximumSize(maxUsers).build();
        eventBus.registerDispatchInterceptor(this::foldOnCommit);
    }

    /** The account as its events say now; empty for an account that never registered. */
    public Optional<Access> of(UserId userId) {
        return Optional.ofNullable(accounts.get(userId, this::load));
    }

    /** The account as its events say now; 404 for one that never registered or has been deleted. */
    public Access requireExisting(UserId userId) {
        return of(userId).filter(account -> !account.deleted())
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
    }

    long heldAccounts() {
        accounts.cleanUp();
        return accounts.estimatedSize();
    }

    @EventHandler
    @DisallowReplay
    void on(UserAccountEvent event, @SequenceNumber long sequence) {
        fold(event, sequence, false);
    }

    private Access load(UserId userId) {
        Access access = null;
        DomainEventStream events = storage.readEvents(userId.value(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (message.getPayload() instanceof UserAccountEvent event) {
                access = access == null ? first(event, message.getSequenceNumber())
                        : access.with(event, message.getSequenceNumber());
            }
        }
        return access;
    }

    private BiFunction<Integer, EventMessage<?>, EventMessage<?>> foldOnCommit(
            List<? extends EventMessage<?>> messages) {
        List<DomainEventMessage<?>> accountEvents = messages.stream()
                .filter(message -> message instanceof DomainEventMessage<?>
                        && message.getPayload() instanceof UserAccountEvent)
                .<DomainEventMessage<?>>map(message -> (DomainEventMessage<?>) message)
                .toList();
        if (!accountEvents.isEmpty()) {
            Runnable foldAll = () -> accountEvents.forEach(message ->
                    fold((UserAccountEvent) message.getPayload(), message.getSequenceNumber(), true));
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(committed -> foldAll.run());
            } else {
                foldAll.run();
            }
        }
        return (index, message) -> message;
    }

    private static Access first(UserAccountEvent event, long sequence) {
        if (event instanceof UserRegisteredEvent registered) {
            return Access.registered(registered, sequence);
        }
        return event instanceof GuestStartedEvent started ? Access.guest(started, sequence) : null;
    }

    /**
     * Only an event of this process may add an account, and only the account's first event: it is then known to be
     * the account's whole history. A guest's registration moves the guest's account like any later event.
     */
    private void fold(UserAccountEvent event, long sequence, boolean appendedHere) {
        if (appendedHere && sequence == 0) {
            Access created = first(event, sequence);
            if (created != null) {
                accounts.asMap().putIfAbsent(event.userId(), created);
                return;
            }
        }
        accounts.asMap().computeIfPresent(event.userId(), (userId, access) -> {
            if (sequence <= access.sequence()) {
                return access;
            }
            return sequence == access.sequence() + 1 ? access.with(event, sequence) : null;
        });
    }
}
