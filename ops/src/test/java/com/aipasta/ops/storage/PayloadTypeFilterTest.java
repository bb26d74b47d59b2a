package com.aipasta.ops.storage;

import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.projection.Projections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter answers as the handlers behind it do, asks them about a type none of them takes once, and stands before
 * the handlers of every tracking processor of the platform.
 */
class PayloadTypeFilterTest extends PlatformTest {

    interface Named {
    }

    record Opened(String id) {
    }

    record Renamed(String name) implements Named {
    }

    record Closed(String id) {
    }

    static final class Handlers {
        final List<Object> handled = new ArrayList<>();

        @EventHandler
        void on(Opened event) {
            handled.add(event);
        }

        @EventHandler
        void on(Named event) {
            handled.add(event);
        }
    }

    /** The handlers, counting what they are asked. */
    private static final class Counting implements EventHandlerInvoker {
        final EventHandlerInvoker handlers;
        final AtomicInteger canHandle = new AtomicInteger();
        final AtomicInteger canHandleType = new AtomicInteger();

        Counting(EventHandlerInvoker handlers) {
            this.handlers = handlers;
        }

        @Override
        public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
            canHandle.incrementAndGet();
            return handlers.canHandle(eventMessage, segment);
        }

        @Override
        public boolean canHandleType(Class<?> payloadType) {
            canHandleType.incrementAndGet();
            return handlers.canHandleType(payloadType);
        }

        @Override
        public void handle(EventMessage<?> message, Segment segment) throws Exception {
            handlers.handle(message, segment);
        }
    }

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void answersWhatItsHandlersAnswerForEveryEventAndSegment() throws Exception {
        Handlers component = new Handlers();
        EventHandlerInvoker handlers = SimpleEventHandlerInvoker.builder().eventHandlers(component).build();
        PayloadTypeFilter filter = new PayloadTypeFilter(handlers);
        List<EventMessage<?>> events = List.of(event(new Opened("a")), event(new Renamed("b")),
                event(new Closed("c")), event("text"), event(new Opened("d")), event(new Closed("e")));
        Segment[] halves = Segment.ROOT_SEGMENT.split();

        for (EventMessage<?> event : events) {
            for (Segment segment : List.of(Segment.ROOT_SEGMENT, halves[0], halves[1])) {
                assertThat(filter.canHandle(event, segment)).as("%s in %s", event.getPayload(), segment)
                        .isEqualTo(handlers.canHandle(event, segment));
            }
            assertThat(filter.canHandleType(event.getPayloadType()))
                    .isEqualTo(handlers.canHandleType(event.getPayloadType()));
            if (filter.canHandle(event, Segment.ROOT_SEGMENT)) {
                filter.handle(event, Segment.ROOT_SEGMENT);
            }
        }

        assertThat(filter.canHandleType(Closed.class)).isFalse();
        assertThat(component.handled).containsExactly(new Opened("a"), new Renamed("b"), new Opened("d"));
    }

    @Test
    void asksItsHandlersAboutATypeNoneOfThemTakesOnce() {
        Counting handlers = new Counting(SimpleEventHandlerInvoker.builder().eventHandlers(new Handlers()).build());
        PayloadTypeFilter filter = new PayloadTypeFilter(handlers);

        for (int i = 0; i < 100; i++) {
            assertThat(filter.canHandle(event(new Closed("c" + i)), Segment.ROOT_SEGMENT)).isFalse();
            assertThat(filter.canHandleType(Closed.class)).isFalse();
        }
        assertThat(handlers.canHandle).hasValue(0);
        assertThat(handlers.canHandleType).hasValue(1);

        for (int i = 0; i < 100; i++) {
            assertThat(filter.canHandle(event(new Opened("o" + i)), Segment.ROOT_SEGMENT)).isTrue();
        }
        assertThat(handlers.canHandle).hasValue(100);
        assertThat(handlers.canHandleType).hasValue(2);
    }

    @Test
    void standsBeforeTheHandlersOfEveryReadModelsProcessor() {
        for (String name : Projections.names()) {
            AbstractEventProcessor processor = processing.eventProcessor(name, AbstractEventProcessor.class)
                    .orElseThrow();

            assertThat(processor.eventHandlerInvoker()).as(name).isInstanceOf(PayloadTypeFilter.class);
        }
    }

    private static EventMessage<?> event(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }
}
