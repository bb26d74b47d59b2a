package com.aipasta.ops.storage;

import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A processor's handlers, asked first whether any of them takes the event's payload type, an answer kept for each
 * type. A tracking processor asks its handlers about every event of the stream, and most processors handle few of the
 * event types a turn appends; Axon's invokers answer by streaming over the handlers each time, and for an event none
 * takes ask again whether they take its type: under load that was about a tenth of the bytes the platform allocated.
 * No handler takes an event whose type none of them takes, so the answer kept is only ever a refusal the handlers
 * would give; any other question goes to them.
 */
public final class PayloadTypeFilter implements EventHandlerInvoker {

    private final EventHandlerInvoker delegate;
    private final Map<Class<?>, Boolean> handledTypes = new ConcurrentHashMap<>();
    /** Made once: a method reference to the delegate is a new object each time it is evaluated. */
    private final Function<Class<?>, Boolean> askHandlers;

    PayloadTypeFilter(EventHandlerInvoker delegate) {
        this.delegate = delegate;
        this.askHandlers = delegate::canHandleType;
    }

    /** Axon's configuration, building each tracking processor with its handlers behind this filter. */
    static EventProcessingModule eventProcessingModule() {
        return new EventProcessingModule() {
            @Override
            protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker eventHandlerInvoker,
                                                            TrackingEventProcessorConfiguration config,
                                                            StreamableMessageSource<TrackedEventMessage<?>> source) {
                return super.trackingEventProcessor(name, new PayloadTypeFilter(eventHandlerInvoker), config, source);
            }
        };
    }

    /** The handlers this filter asks. */
    public EventHandlerInvoker delegate() {
        return delegate;
    }

    @Override
    public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
        return canHandleType(eventMessage.getPayloadType()) && delegate.canHandle(eventMessage, segment);
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return handledTypes.computeIfAbsent(payloadType, askHandlers);
    }

    @Override
    public void handle(EventMessage<?> message, Segment segment) throws Exception {
        delegate.handle(message, segment);
    }

    @Override
    public boolean supportsReset() {
        return delegate.supportsReset();
    }

    @Override
    public void performReset() {
        delegate.performReset();
    }

    @Override
    public <R> void performReset(R resetContext) {
        delegate.performReset(resetContext);
    }

    @Override
    public void segmentReleased(Segment segment) {
        delegate.segmentReleased(segment);
    }
}
