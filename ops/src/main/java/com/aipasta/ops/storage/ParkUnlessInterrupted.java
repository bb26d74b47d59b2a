package com.aipasta.ops.storage;

import com.aipasta.common.Causes;
import com.mongodb.MongoInterruptedException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.timeout.AxonTimeoutException;

/**
 * Parks the event a read model's handler failed on, unless the handler was interrupted: a batch cut short by a
 * shutdown or by Axon's time limit says nothing of its events, so the batch fails instead, and the processor handles
 * it again from its last token. Parking it would leave the read model without an event that has nothing wrong with it
 * until someone retries it.
 */
final class ParkUnlessInterrupted implements EnqueuePolicy<EventMessage<?>> {

    static final class BatchInterrupted extends RuntimeException {

        BatchInterrupted(Throwable cause) {
            super("The batch was interrupted; it is handled again from the last token", cause);
        }
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (interrupted(cause)) {
            throw new BatchInterrupted(cause);
        }
        return Decisions.enqueue(ThrowableCause.truncated(cause));
    }

    private static boolean interrupted(Throwable failure) {
        return Thread.currentThread().isInterrupted() || Causes.of(failure).anyMatch(cause ->
                cause instanceof InterruptedException || cause instanceof MongoInterruptedException
                        || cause instanceof AxonTimeoutException);
    }
}
