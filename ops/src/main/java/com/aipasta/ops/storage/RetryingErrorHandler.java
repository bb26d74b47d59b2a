package com.aipasta.ops.storage;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Tries a read model's handler again on the event it failed on, with a doubling pause, and rethrows the last failure
 * when every attempt failed, for the dead-letter queue to park the event (unless it was interrupted, see
 * {@link ParkUnlessInterrupted}). Read models are idempotent, so an attempt that got half-way changes nothing the
 * next one does not redo.
 */
class RetryingErrorHandler implements ListenerInvocationErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(RetryingErrorHandler.class);

    private final int attempts;
    private final Duration firstPause;

    RetryingErrorHandler(int attempts, Duration firstPause) {
        this.attempts = attempts;
        this.firstPause = firstPause;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler handler) throws Exception {
        Exception last = exception;
        long pause = firstPause.toMillis();
        for (int attempt = 2; attempt <= attempts; attempt++) {
            Thread.sleep(pause);
            pause *= 2;
            try {
                handler.handle(event);
                return;
            } catch (Exception again) {
                last = again;
            }
        }
        log.warn("{} failed {} times on event {} ({})", handler.getTargetType().getSimpleName(),
                attempts, event.getIdentifier(), event.getPayloadType().getSimpleName(), last);
        throw last;
    }
}
