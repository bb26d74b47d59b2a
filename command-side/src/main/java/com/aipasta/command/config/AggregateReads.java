package com.aipasta.command.config;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.function.Function;

/**
 * Reads what the write side itself knows of one aggregate (usually from the aggregate cache), outside any command:
 * a missing aggregate is a 404 with the caller's wording, and what the aggregate refuses reaches the caller as is.
 */
public final class AggregateReads {

    private AggregateReads() {
    }

    public static <A, R> R read(Repository<A> repository, String aggregateId, Function<A, R> reader,
                                String notFoundMessage) {
        ResultMessage<R> loaded = DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> repository.load(aggregateId).invoke(reader));
        if (!loaded.isExceptional()) {
            return loaded.getPayload();
        }
        Throwable failure = loaded.exceptionResult();
        if (failure instanceof AggregateNotFoundException) {
            throw new DomainException(ErrorCode.NOT_FOUND, notFoundMessage);
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(failure);
    }
}
