package com.aipasta.ops;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's Micrometer metrics, tagged by payload type, for the command, query and event buses. Event processors get
 * none: Axon's monitors would time, count and gauge every event for every processor, the many that ignore it
 * included, and parse each event's timestamp to do so, which cost more than the handling of most events. Where a
 * processor stands is shown by {@code GET /api/admin/projections}. The command and query buses are timed and counted
 * without Axon's capacity gauge, which registers its gauge again at every message: a meter lookup per command, and a
 * warning from Micrometer at every start.
 */
@Configuration(proxyBeanMethods = false)
public class MessageMetrics {

    @Bean
    @SuppressWarnings("unchecked")
    public ConfigurerModule messageMonitors(GlobalMetricRegistry metrics) {
        return configurer -> configurer.configureMessageMonitor(configuration -> (componentType, componentName) -> {
            if (EventProcessor.class.isAssignableFrom(componentType)) {
                return NoOpMessageMonitor.instance();
            }
            if (CommandBus.class.isAssignableFrom(componentType) || QueryBus.class.isAssignableFrom(componentType)) {
                return new MultiMessageMonitor<>(
                        MessageTimerMonitor.buildMonitor(componentName, metrics.getRegistry(),
                                TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION),
                        MessageCountingMonitor.buildMonitor(componentName, metrics.getRegistry(),
                                TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION));
            }
            return (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(componentType, componentName);
        });
    }
}
