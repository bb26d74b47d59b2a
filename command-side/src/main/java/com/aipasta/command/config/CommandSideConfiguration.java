package com.aipasta.command.config;

import com.aipasta.command.auth.AbuseLimitsProperties;
import com.aipasta.command.auth.AuthProperties;
import com.aipasta.command.auth.EmailProperties;
import com.aipasta.command.auth.GoogleProperties;
import com.aipasta.command.auth.GuestProperties;
import com.aipasta.command.chat.catalog.ModelCatalogProperties;
import com.aipasta.command.chat.provider.ProviderHttp;
import com.aipasta.command.chat.provider.ProviderProperties;
import com.aipasta.command.chat.turn.ChatProperties;
import com.aipasta.command.payment.PlanProperties;
import com.aipasta.command.payment.RazorpayProperties;
import com.aipasta.command.tool.ToolProperties;
import com.aipasta.command.wallet.WalletProperties;
import okhttp3.OkHttpClient;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuthProperties.class, AbuseLimitsProperties.class, WalletProperties.class,
        ProviderProperties.class, ModelCatalogProperties.class, ChatProperties.class, PlanProperties.class,
        RazorpayProperties.class, GuestProperties.class, GoogleProperties.class, EmailProperties.class,
        ToolProperties.class})
public class CommandSideConfiguration {

    private static final int COMMAND_RETRIES = 12;
    private static final long FIRST_RETRY_PAUSE_MILLIS = 10;
    private static final int COMMAND_RETRY_THREADS = 4;
    static final Duration DEADLOCK_CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Duration LOCK_WAIT = Duration.ofMinutes(1);
    /** How long shutting down waits for the snapshot being taken. */
    private static final Duration SNAPSHOT_FINISHING = Duration.ofSeconds(30);

    @Bean(destroyMethod = "close")
    public CacheManager aggregateCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /**
     * Keeps the most recently used aggregates in memory, so a busy wallet is not re-read from the event store for
     * every command; a weak-reference cache would lose them at every garbage collection.
     */
    @Bean
    public Cache aggregateCache(CacheManager aggregateCacheManager,
                                @Value("${aipasta.aggregate-cache-size:10000}") long size) {
        return new EhCache3Adapter((Ehcache<Object, Object>) aggregateCacheManager.createCache("aggregates",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                        ResourcePoolsBuilder.heap(size))));
    }

    /**
     * Axon's locks of aggregates (one command at a time each), but a command waiting for one looks for a deadlock
     * once a second, where Axon's default looks every 10 ms, each time walking every lock held. With several turns of
     * one user at once, a hundred commands waited for their wallets under load and spent the CPU looking; a deadlock
     * is still found within a second, and a command still waits at most a minute in all, as by default.
     */
    @Bean
    public LockFactory aggregateLocks() {
        return PessimisticLockFactory.builder().lockAttemptTimeout((int) DEADLOCK_CHECK_INTERVAL.toMillis())
                .acquireAttempts((int) LOCK_WAIT.dividedBy(DEADLOCK_CHECK_INTERVAL)).build();
    }

    /**
     * Aggregates with a long history (a wallet that served many requests) are loaded from a snapshot of their state
     * taken every {@code threshold} events ({@code SNAPSHOT_THRESHOLD}), then the events after it.
     */
    @Bean
    public SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${aipasta.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, requireSnapshotThreshold(threshold));
    }

    /** For aggregates whose state grows with their history; see {@link GrowingStateSnapshots}. */
    @Bean
    public SnapshotTriggerDefinition growingStateSnapshotTrigger(Snapshotter snapshotter,
            @Value("${aipasta.snapshot-threshold:100}") int threshold) {
        return new GrowingStateSnapshots(snapshotter, requireSnapshotThreshold(threshold));
    }

    private static int requireSnapshotThreshold(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("SNAPSHOT_THRESHOLD must be at least 1");
        }
        return threshold;
    }

    /**
     * Takes the snapshots on a thread of their own: taking one loads the aggregate's events since its last snapshot
     * and stores its state, which, done on the command's thread, held up the request whose command crossed the
     * threshold. A snapshot asked for while one of the same aggregate is being taken is not taken twice.
     */
    @Bean
    public SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                           HandlerDefinition handlerDefinition,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           EventStore eventStore, TransactionManager transactionManager,
                                                           SnapshotterSpanFactory spanFactory,
                                                           ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean(destroyMethod = "stop")
    public ExecutorService snapshotExecutor() {
        return new SnapshotExecutor(daemonThreads("aggregate-snapshots"), SNAPSHOT_FINISHING);
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The one HTTP client of every model provider call, so they share connections. */
    @Bean
    public OkHttpClient providerHttpClient(ProviderProperties properties) {
        return ProviderHttp.newClient(properties.timeouts());
    }

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(COMMAND_RETRY_THREADS, daemonThreads("command-retry"));
    }

    /** Runs the platform's periodic work: checkpoints of streaming answers, timeouts of reservations. */
    @Bean
    public ThreadPoolTaskScheduler taskScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("scheduled-");
        return scheduler;
    }

    /** Where chat turns record their outcome and followers poll, off the providers' I/O threads. */
    @Bean(destroyMethod = "shutdown")
    public ExecutorService turnExecutor() {
        return Executors.newCachedThreadPool(daemonThreads("chat-turn"));
    }

    /** Retries a command that met another node's append to the same aggregate; see {@link ConflictRetries}. */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConflictRetries(commandRetryExecutor, COMMAND_RETRIES, FIRST_RETRY_PAUSE_MILLIS))
                .build();
    }

    /** Timers (checkpoints, timeouts, subscription expiry) run on command nodes, not on query nodes or in the ops CLI. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnExpression("${aipasta.scheduling.enabled:true} and '${aipasta.role:all}'.toLowerCase() != 'query'")
    static class Scheduling {
    }
}
