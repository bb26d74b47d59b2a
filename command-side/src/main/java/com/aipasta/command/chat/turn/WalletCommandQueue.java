package com.aipasta.command.chat.turn;

import com.aipasta.common.DomainException;
import com.aipasta.wallet.api.command.WalletCommandBatch;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A turn's reservations and settlements, sent to their wallet one batch at a time. A wallet's command holds the
 * wallet's lock until its events are appended, so under load the turns of a user with several streams queued there
 * one append after another. A command finding its wallet's line busy waits instead; when the command in flight is
 * done, the first waiting takes every command waiting with it into one {@link WalletCommandBatch}, one append for all.
 * The wallet decides each as it would alone, so this changes how many appends, never what is decided.
 */
final class WalletCommandQueue {

    private final CommandGateway commands;
    private final Map<WalletId, Line> lines = new ConcurrentHashMap<>();

    WalletCommandQueue(CommandGateway commands) {
        this.commands = commands;
    }

    /** What the wallet's handler of {@code command} returns; its refusal or failure thrown as it would be alone. */
    @SuppressWarnings("unchecked")
    <R> R sendAndWait(WalletId wallet, Object command) {
        Line line = lines.computeIfAbsent(wallet, id -> new Line());
        Waiting own = new Waiting(command);
        List<Waiting> batch = line.join(own);
        if (batch != null) {
            try {
                send(wallet, batch);
            } finally {
                batch.stream().filter(waiting -> !waiting.answered).forEach(waiting -> waiting.fail(
                        new IllegalStateException("The wallet's batch ended without an answer")));
                if (!line.passOn()) {
                    lines.remove(wallet, line);
                }
            }
        }
        return (R) own.outcome();
    }

    /** How many of the wallet's commands wait for the batch in flight. */
    int waiting(WalletId wallet) {
        Line line = lines.get(wallet);
        return line == null ? 0 : line.waiting();
    }

    private void send(WalletId wallet, List<Waiting> batch) {
        try {
            if (batch.size() == 1) {
                batch.get(0).answer(commands.sendAndWait(batch.get(0).command));
                return;
            }
            List<Object> outcomes = commands.sendAndWait(new WalletCommandBatch(wallet,
                    batch.stream().map(waiting -> waiting.command).toList()));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer(outcomes.get(i));
            }
        } catch (RuntimeException failed) {
            batch.forEach(waiting -> waiting.fail(failed));
        }
    }

    /** One wallet's commands: one batch in flight, the rest waiting for it. */
    private static final class Line {

        private boolean busy;
        private final List<Waiting> waiting = new ArrayList<>();
        private Waiting next;

        /** The batch {@code own} is to send, or null once it has been answered as part of another's. */
        synchronized List<Waiting> join(Waiting own) {
            if (!busy) {
                busy = true;
                return List.of(own);
            }
            waiting.add(own);
            boolean interrupted = false;
            while (!own.answered && next != own) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (own.answered) {
                return null;
            }
            next = null;
            List<Waiting> batch = List.copyOf(waiting);
            waiting.clear();
            return batch;
        }

        synchronized int waiting() {
            return waiting.size();
        }

        /** Hands the line to the first command waiting, if any; false when none waits and the line is free. */
        synchronized boolean passOn() {
            notifyAll();
            if (waiting.isEmpty()) {
                busy = false;
                return false;
            }
            next = waiting.get(0);
            return true;
        }
    }

    private static final class Waiting {

        private final Object command;
        private volatile boolean answered;
        private Object outcome;
        private RuntimeException failure;

        private Waiting(Object command) {
            this.command = command;
        }

        void answer(Object outcome) {
            if (outcome instanceof DomainException refused) {
                fail(refused);
                return;
            }
            this.outcome = outcome;
            answered = true;
        }

        void fail(RuntimeException failure) {
            this.failure = failure;
            answered = true;
        }

        Object outcome() {
            if (failure != null) {
                throw failure;
            }
            return outcome;
        }
    }
}
