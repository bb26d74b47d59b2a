package com.aipasta.ops.wallet;

import com.aipasta.ops.PlatformTest;
import com.aipasta.ops.storage.PayloadTypeFilter;
import com.aipasta.projections.wallet.RequestUsageProjection;
import com.aipasta.projections.wallet.WalletProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers of the wallet's processing group wait for the wallet's version (after a turn, for the caller's next
 * request) and then read the other read models of the group: for each event, the wallet must be written last, or a
 * reader could see the wallet at a version whose usage is not written yet.
 */
class WalletReadModelOrderTest extends PlatformTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void theWalletWhoseVersionReadersAwaitIsWrittenLastForEachEvent() {
        AbstractEventProcessor processor = processing.eventProcessor(WalletProjection.NAME,
                AbstractEventProcessor.class).orElseThrow();

        List<Class<?>> handlers = handlersOf(processor.eventHandlerInvoker())
                .map(EventMessageHandler::getTargetType).toList();

        assertThat(handlers).containsExactly(RequestUsageProjection.class, WalletProjection.class);
    }

    private static Stream<EventMessageHandler> handlersOf(EventHandlerInvoker invoker) {
        if (invoker instanceof PayloadTypeFilter filter) {
            return handlersOf(filter.delegate());
        }
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            return multi.delegates().stream().flatMap(WalletReadModelOrderTest::handlersOf);
        }
        return ((SimpleEventHandlerInvoker) invoker).eventHandlers().stream();
    }
}
