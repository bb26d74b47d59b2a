package com.aipasta.ops.storage;

import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.projection.Projections;
import com.mongodb.MongoInterruptedException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.messaging.timeout.UnitOfWorkTimeoutInterceptor;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read model's batch is slow under load rather than stuck, so it is interrupted only after ten minutes; one interrupted
 * (by that or a shutdown) parks none of its events (it fails, and is handled again from the last token), while a
 * handler that fails on its own parks the event, for every read model.
 */
class InterruptedBatchTest extends PlatformTest {

    private static final EventMessage<?> EVENT = GenericEventMessage.asEventMessage("an event");

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ApplicationContext context;

    /** Axon's limits on commands and queries are off: they would capture a stack at the start of each. */
    @Test
    void everyProcessorsBatchIsLimitedAndNoCommandOrQuery() {
        assertThat(processing.eventProcessors()).isNotEmpty();
        processing.eventProcessors().values().forEach(processor -> assertThat(processor.getHandlerInterceptors())
                .as(processor.getName()).anyMatch(UnitOfWorkTimeoutInterceptor.class::isInstance));
        assertThat(context.getBeanNamesForType(HandlerTimeoutHandlerEnhancerDefinition.class)).isEmpty();
        assertThat(context.getBeanNamesForType(TimeoutProperties.class)).isEmpty();
    }

    @Test
    void everyReadModelFailsAnInterruptedBatchAndParksAFailedEvent() {
        for (String readModel : Projections.names()) {
            EnqueuePolicy<EventMessage<?>> policy = processing.deadLetterPolicy(readModel).orElseThrow();

            for (Exception interruption : new Exception[]{new MongoInterruptedException("interrupted", null),
                    new IllegalStateException("wrapped", new InterruptedException()),
                    new AxonTimeoutException("UnitOfWork of EventProcessor " + readModel + " has timed out")}) {
                assertThatThrownBy(() -> policy.decide(letter(interruption), interruption)).as(readModel)
                        .isInstanceOf(ParkUnlessInterrupted.BatchInterrupted.class).hasCause(interruption);
            }
            IllegalStateException failure = new IllegalStateException("a value the handler cannot take");
            assertThat(policy.decide(letter(failure), failure).shouldEnqueue()).as(readModel).isTrue();
        }
    }

    private static GenericDeadLetter<EventMessage<?>> letter(Throwable cause) {
        return new GenericDeadLetter<>("aggregate-1", EVENT, cause);
    }
}
