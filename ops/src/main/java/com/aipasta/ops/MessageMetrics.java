package com.aipasta.ops;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's Micrometer metrics, tagged by payload type, for the command, query and event buses. Event processors get
 * none: Axon's monitors would time, count and gauge every event for every processor, the many that ignore it
 * included, and parse each event's timestamp to do so, which cost more than the handling of most events. Where a
 * processor stands is shown by {@code GET /api/admin/projections}.
 */
@Configuration(proxyBeanMethods = false)
public class MessageMetrics {

    @Bean
    @SuppressWarnings("unchecked")
    public ConfigurerModule messageMonitors(GlobalMetricRegistry metrics) {
        return configurer -> configurer.configureMessageMonitor(configuration -> (componentType, componentName) ->
                EventProcessor.class.isAssignableFrom(componentType) ? NoOpMessageMonitor.instance()
                        : (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(componentType,
                        componentName));
    }
}
