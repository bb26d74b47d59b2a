package com.aipasta.ops.web;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A command whose events the store kept refusing as too late is answered 503, as an overloaded service, not 500. */
class LateAppendResponseTest {

    @Test
    void aCommandRefusedAsTooLateThroughItsRetriesIsAnswered503() {
        MongoBulkWriteException refused = new MongoBulkWriteException(BulkWriteResult.unacknowledged(),
                List.of(new BulkWriteError(50, "too late", new BsonDocument(), 0)), null, new ServerAddress(), Set.of());
        Exception failure = new CommandExecutionException("failed", new EventStoreException("not stored", refused));

        ResponseEntity<ApiResponse> response = new ApiExceptionHandler().unexpected(failure);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getBody().code()).isEqualTo("SERVICE_UNAVAILABLE");
    }
}
