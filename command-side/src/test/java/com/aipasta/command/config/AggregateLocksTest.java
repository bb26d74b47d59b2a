package com.aipasta.command.config;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregateLocksTest {

    private final LockFactory locks = new CommandSideConfiguration().aggregateLocks();

    @Test
    void everyAggregateTakesItsLocksFromTheFactoryThatLooksForDeadlocksOnceASecond() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Aggregate.class));
        Set<BeanDefinition> aggregates = scanner.findCandidateComponents("com.aipasta");

        assertThat(aggregates).hasSizeGreaterThanOrEqualTo(12);
        for (BeanDefinition aggregate : aggregates) {
            assertThat(Class.forName(aggregate.getBeanClassName()).getAnnotation(Aggregate.class).lockFactory())
                    .as(aggregate.getBeanClassName()).isEqualTo("aggregateLocks");
        }
    }

    @Test
    void twoCommandsWaitingForEachOthersAggregatesStillEndInADeadlockError() throws Exception {
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        ExecutorService commands = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> holdThenTake("wallet-a", "wallet-b",
                    bothHoldOne), commands);
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> holdThenTake("wallet-b", "wallet-a",
                    bothHoldOne), commands);

            long patience = CommandSideConfiguration.DEADLOCK_CHECK_INTERVAL.multipliedBy(10).toMillis();
            CompletableFuture.allOf(first.exceptionally(failed -> null), second.exceptionally(failed -> null))
                    .get(patience, TimeUnit.MILLISECONDS);
            assertThat(Stream.of(first, second).filter(CompletableFuture::isCompletedExceptionally))
                    .isNotEmpty().allSatisfy(failed -> assertThatThrownBy(failed::join)
                            .hasCauseInstanceOf(DeadlockException.class));
        } finally {
            commands.shutdownNow();
        }
    }

    private void holdThenTake(String held, String wanted, CountDownLatch bothHoldOne) {
        Lock holding = locks.obtainLock(held);
        try {
            bothHoldOne.countDown();
            await(bothHoldOne);
            locks.obtainLock(wanted).release();
        } finally {
            holding.release();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
