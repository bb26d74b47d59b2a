package com.aipasta.ops.storage;

import com.aipasta.command.chat.turn.AnswerSettlement;
import com.aipasta.command.chat.turn.ChatProperties;
import com.aipasta.command.config.NodeState;
import com.aipasta.command.config.WriteSideState;
import com.aipasta.command.http.DatabaseSharing;
import com.aipasta.command.http.ReadModelUpdates;
import com.aipasta.ops.PlatformRole;
import com.aipasta.ops.projection.Projections;
import com.mongodb.client.MongoClient;
import com.mongodb.event.CommandListener;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.timeout.UnitOfWorkTimeoutInterceptor;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One MongoDB for everything: Axon's event store and token store in Axon's collections, the
 * read models in their own collections through Spring Data.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DatabaseProperties.class, EventStoreProperties.class})
public class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);
    /** Aggregates a read model can park events of before its processor stops on the next failure. */
    private static final int MAX_PARKED_SEQUENCES = 10_000;
    /** Events of one aggregate a read model can park. */
    private static final int MAX_PARKED_SEQUENCE_SIZE = 10_000;
    /**
     * How long shutting down waits for the processors to finish their batches, above Axon's 5 s: a processor still
     * handling a batch when the database connection closes would retry against a closed client until the JVM exits.
     */
    private static final Duration SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * How long a batch of an event processor may run before it is interrupted: a read model's batch under heavy load
     * can run past Axon's minute, slow rather than stuck, and interrupting it only makes it start over. Commands and
     * queries are given no such limit: Axon's captures the thread's stack at the start of each, a few percent of the
     * platform's time under load.
     */
    private static final int BATCH_TIME_LIMIT_MILLIS = (int) Duration.ofMinutes(10).toMillis();
    /** How long a batch runs before it is reported as slow, and how often again after that. */
    private static final int SLOW_BATCH_WARNING_MILLIS = (int) Duration.ofSeconds(10).toMillis();
    /** The event store's collection. */
    static final String EVENTS = "domainevents";

    @Bean(destroyMethod = "close")
    public DatabaseConnection databaseConnection(DatabaseProperties properties,
                                                 ObjectProvider<CommandListener> commandListeners) {
        return DatabaseConnection.open(properties, commandListeners.orderedStream().toList());
    }

    /** A MongoDB, or another process's embedded server, may be written by other nodes too. */
    @Bean
    public DatabaseSharing databaseSharing(DatabaseConnection connection) {
        return new DatabaseSharing(!connection.isEmbedded());
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
        return DefaultMongoTemplate.builder().mongoDatabase(connection.client(), connection.database())
                .domainEventsCollectionName(EVENTS).build();
    }

    /** Its indexes are created, and the retired ones dropped, before any processor starts. */
    @Bean
    public EventStorageEngine eventStorageEngine(org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 EventStoreProperties properties,
                                                 DatabaseProperties database, DatabaseConnection connection) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .storageStrategy(SharedWindowTrackingToken.documentPerEventStrategy(database.eventLookBack()))
                .batchSize(properties.readBatchSize())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .build();
        engine.ensureIndexes();
        RetiredIndexes.dropFrom(connection.client().getDatabase(connection.database()));
        return engine;
    }

    /**
     * The live processors read the stream through one producer and its cache of the newest events, and the processors
     * catching up from the same position through one read too; both keep at most {@code EVENT_STORE_CACHED_EVENTS},
     * because each event's tracking token holds the ids of the events of its look-back window. The
     * producer reads what an append added {@code EVENT_STORE_READ_DELAY} later, or as soon as a request waits to read
     * its own write (see {@link LingeringEventStore}).
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         EventStoreProperties properties, ReadModelUpdates updates) {
        LingeringEventStore eventStore = new LingeringEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)), properties.readDelay(),
                properties.cachedEvents(), properties.readBatchSize());
        updates.whenAwaited(eventStore::readNow);
        return eventStore;
    }

    /**
     * Each platform or ops CLI process claims event processing segments under a name of its own; a processor's token
     * is stored after the effects of its batch, once per {@code EVENT_PROCESSOR_TOKEN_INTERVAL} at most (see
     * {@link EffectsFirstTokenStore}).
     */
    @Bean
    public TokenStore tokenStore(org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate,
                                 Serializer serializer, EventStoreProperties properties) {
        return new EffectsFirstTokenStore(MongoTokenStore.builder().mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8))
                .build(), properties.tokenStoreInterval(), Clock.systemUTC());
    }

    /** Axon's event processing, each tracking processor's handlers behind a {@link PayloadTypeFilter}. */
    @Bean
    public EventProcessingModule eventProcessingModule() {
        return PayloadTypeFilter.eventProcessingModule();
    }

    /**
     * Every processor is a tracking one, so read models can be reset and replayed from the event store. Read models
     * take events in batches; a handler that fails on an event is tried again a few times, and then the event is
     * parked in the read model's dead-letter queue (in MongoDB), where the later events of the same aggregate queue
     * behind it while the other aggregates' events go on; a replay empties the queue, since it handles every event
     * again; a batch interrupted (by a shutdown or Axon's time limit) parks nothing and is handled again. Policies
     * take one event at a time, since the commands they send lock aggregates until their batch ends and two batches
     * holding locks the other wants would deadlock; they park nothing: a failing handler stops the processor, which
     * retries with back-off, since a skipped settlement or credit would lose tokens. The answers' settlement starts,
     * the first time it runs, a reservation timeout back: what it missed before is paid or released already. Each
     * committed batch wakes the requests waiting to read their own writes. The state the write side decides from is
     * kept by one processor, in batches like a read model: its handlers send no commands. What each node holds in
     * memory is kept by a processor every node runs over the whole stream, from a position kept in its memory. A query
     * node runs the read models and that processor only.
     */
    @Bean
    public ConfigurerModule eventProcessingDefaults(EventStoreProperties properties, ReadModelUpdates updates,
                                                    PlatformRole role, ChatProperties chat,
                                                    org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate,
                                                    @Qualifier("eventSerializer") Serializer eventSerializer) {
        MessageHandlerInterceptor<EventMessage<?>> signalUpdates = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event) {
                unitOfWork.afterCommit(committed -> updates.changed(event.getAggregateIdentifier()));
            }
            return chain.proceed();
        };
        List<String> readModels = Projections.names();
        RetryingErrorHandler retrying = new RetryingErrorHandler(properties.handlerAttempts(),
                properties.handlerRetryPause());
        return configurer -> configurer.configureLifecyclePhaseTimeout(SHUTDOWN_PHASE_TIMEOUT.toSeconds(),
                TimeUnit.SECONDS).eventProcessing(processing -> {
            processing.usingTrackingEventProcessors()
                    .registerTrackingEventProcessorConfiguration(configuration -> processorConfiguration(properties, 1,
                            role.sendsCommands()))
                    .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                    .registerDefaultHandlerInterceptor((configuration, processorName) -> signalUpdates)
                    .registerDefaultHandlerInterceptor((configuration, processorName) ->
                            new UnitOfWorkTimeoutInterceptor("EventProcessor " + processorName,
                                    BATCH_TIME_LIMIT_MILLIS, SLOW_BATCH_WARNING_MILLIS, SLOW_BATCH_WARNING_MILLIS));
            readModels.forEach(name -> processing
                    .registerTrackingEventProcessorConfiguration(name,
                            configuration -> processorConfiguration(properties, properties.processorBatchSize(),
                                    role != PlatformRole.COMMAND))
                    .registerDeadLetterQueue(name, configuration -> MongoSequencedDeadLetterQueue.builder()
                            .processingGroup(name)
                            .mongoTemplate(axonMongoTemplate)
                            .serializer(eventSerializer)
                            .maxSequences(MAX_PARKED_SEQUENCES)
                            .maxSequenceSize(MAX_PARKED_SEQUENCE_SIZE)
                            .build())
                    .registerDeadLetterPolicy(name, configuration -> new ParkUnlessInterrupted())
                    .registerDeadLetteringEventHandlerInvokerConfiguration(name, (configuration, invoker) -> invoker
                            .listenerInvocationErrorHandler(retrying)
                            .enableSequenceIdentifierCache()
                            .allowReset(true)));
            processing.registerTrackingEventProcessorConfiguration(AnswerSettlement.PROCESSING_GROUP,
                    configuration -> processorConfiguration(properties, 1, role.sendsCommands())
                            .andInitialTrackingToken(source -> source.createTokenAt(Instant.now()
                                    .minus(chat.reservationTimeout()).minus(chat.sweepInterval()))));
            processing.registerTrackingEventProcessorConfiguration(WriteSideState.PROCESSING_GROUP,
                    configuration -> processorConfiguration(properties, properties.processorBatchSize(),
                            role.sendsCommands()));
            processing.registerTokenStore(NodeState.PROCESSING_GROUP, configuration -> new InMemoryTokenStore())
                    .registerTrackingEventProcessorConfiguration(NodeState.PROCESSING_GROUP, configuration ->
                            TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(properties.processorBatchSize())
                                    .andThreadFactory(StorageConfiguration::lowPriority)
                                    .andAutoStart(properties.processorsAutoStart())
                                    .andInitialTrackingToken(source -> source.createTokenAt(
                                            Instant.now().minus(NodeState.CATCH_UP))));
        });
    }

    /**
     * {@code inRole}: whether this node's role starts the processor with the application (a query node runs no policy;
     * a command node starts the read models only while no query node is up, see {@code ProjectionPlacement}).
     */
    private static TrackingEventProcessorConfiguration processorConfiguration(EventStoreProperties properties,
                                                                              int batchSize, boolean inRole) {
        return TrackingEventProcessorConfiguration.forParallelProcessing(properties.processorThreads())
                .andInitialSegmentsCount(properties.processorThreads())
                .andBatchSize(batchSize)
                .andThreadFactory(StorageConfiguration::lowPriority)
                .andAutoStart(properties.processorsAutoStart() && inRole);
    }

    /**
     * The processors work after the fact, so under load the requests go first: where the JVM passes thread priorities
     * to the operating system ({@code -XX:ThreadPriorityPolicy=1}, in the start command and the image), it gives
     * their threads, as the event store's readers', a smaller share of the cores than the requests' threads.
     */
    private static ThreadFactory lowPriority(String processorName) {
        return new AxonThreadFactory(Thread.MIN_PRIORITY, new ThreadGroup("EventProcessor[" + processorName + "]"));
    }

    @Bean
    public ApplicationRunner eventStoreSizeReport(org.axonframework.extensions.mongo.MongoTemplate axonMongoTemplate,
                                                  DatabaseConnection connection, EventStoreProperties properties) {
        return arguments -> {
            long events = axonMongoTemplate.eventCollection().estimatedDocumentCount();
            log.info("The event store holds {} events", events);
            if (connection.isEmbedded() && events > properties.sizeWarningThreshold()) {
                log.warn("The embedded database holds {} events, more than the {} it is meant for: its indexes "
                        + "are kept in memory and rebuilt at every start. Set MONGODB_URI to use MongoDB.", events,
                        properties.sizeWarningThreshold());
            }
        };
    }
}
