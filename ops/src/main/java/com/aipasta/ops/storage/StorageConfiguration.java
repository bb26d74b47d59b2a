package com.aipasta.ops.storage;

import com.aipasta.command.config.WriteSideState;
import com.aipasta.command.http.ReadModelUpdates;
import com.aipasta.ops.projection.Projections;
import com.mongodb.client.MongoClient;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;

/**
 * One MongoDB for everything: Axon's event store, token store and saga store in Axon's collections, the
 * read models in their own collections through Spring Data.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DatabaseProperties.class, EventStoreProperties.class})
public class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean(destroyMethod = "close")
    public DatabaseConnection databaseConnection(DatabaseProperties properties) {
        return DatabaseConnection.open(properties);
    }

    /** Closed by the {@link DatabaseConnection}, after the embedded server's clients. */
    @Bean(destroyMethod = "")
    public MongoClient mongoClient(DatabaseConnection connection) {
        return connection.client();
    }

    @Bean
    public MongoDatabaseFactory mongoDatabaseFactory(DatabaseConnection connection) {
        return new SimpleMongoClientDatabaseFactory(connection.client(), connection.database());
    }

    @Bean
    public org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate(DatabaseConnection connection) {
        return DefaultMongoTemplate.builder().mongoDatabase(connection.client(), connection.database()).build();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 EventStoreProperties properties) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .storageStrategy(new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(),
                        properties.lookBack()))
                .batchSize(properties.readBatchSize())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /** Each platform or ops CLI process claims event processing segments under a name of its own. */
    @Bean
    public TokenStore tokenStore(org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate,
                                 Serializer serializer) {
        return MongoTokenStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer)
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8))
                .build();
    }

    @Bean
    public SagaStore<Object> sagaStore(org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate,
                                       Serializer serializer) {
        return MongoSagaStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build();
    }

    /**
     * Every processor is a tracking one, so read models can be reset and replayed from the event store, and a failing
     * handler stops its processor, which retries the batch (with back-off) instead of skipping the event: a skipped
     * settlement or credit would lose tokens. Read models take events in batches; sagas and policies one at a time,
     * since the commands they send lock aggregates until their batch ends, and two batches holding locks the other
     * wants would deadlock. Each committed batch wakes the requests waiting to read their own writes. The state the
     * write side decides from is kept by one processor, in batches like a read model: its handlers send no commands.
     */
    @Bean
    public ConfigurerModule eventProcessingDefaults(EventStoreProperties properties, ReadModelUpdates updates) {
        MessageHandlerInterceptor<EventMessage<?>> signalUpdates = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event) {
                unitOfWork.afterCommit(committed -> updates.changed(event.getAggregateIdentifier()));
            }
            return chain.proceed();
        };
        List<String> readModels = Projections.names();
        return configurer -> configurer.eventProcessing(processing -> {
            processing.usingTrackingEventProcessors()
                    .registerTrackingEventProcessorConfiguration(configuration -> processorConfiguration(properties, 1))
                    .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                    .registerDefaultHandlerInterceptor((configuration, processorName) -> signalUpdates);
            readModels.forEach(name -> processing.registerTrackingEventProcessorConfiguration(name,
                    configuration -> processorConfiguration(properties, properties.processorBatchSize())));
            processing.registerTrackingEventProcessorConfiguration(WriteSideState.PROCESSING_GROUP,
                    configuration -> processorConfiguration(properties, properties.processorBatchSize()));
        });
    }

    private static TrackingEventProcessorConfiguration processorConfiguration(EventStoreProperties properties,
                                                                              int batchSize) {
        return TrackingEventProcessorConfiguration.forParallelProcessing(properties.processorThreads())
                .andInitialSegmentsCount(properties.processorThreads())
                .andBatchSize(batchSize)
                .andAutoStart(properties.processorsAutoStart());
    }

    @Bean
    public ApplicationRunner eventStoreSizeReport(org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate,
                                                  DatabaseConnection connection, EventStoreProperties properties) {
        return arguments -> {
            long events = axonMongoTemplate.eventCollection().estimatedDocumentCount();
            log.info("The event store holds {} events", events);
            if (connection.isEmbedded() && events > properties.sizeWarningThreshold()) {
                log.warn("The embedded database holds {} events, more than the {} it is meant for: every "
                        + "projection read scans them all. Set MONGODB_URI to use MongoDB.", events,
                        properties.sizeWarningThreshold());
            }
        };
    }
}
