package com.aipasta.command.config;

import com.aipasta.common.Causes;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;

/**
 * An append the event store refused because its events reached it too long after they were created, later than the
 * event stream's readers look back (the embedded server refuses such appends whole). Nothing was stored; the command
 * is tried again with new events, and a caller whose command keeps meeting this is told the service is overloaded.
 */
public final class LateAppends {

    /** MongoDB's code for an operation past its time limit, which the refusal carries. */
    public static final int ERROR_CODE = 50;

    private LateAppends() {
    }

    public static boolean isLateAppend(Throwable failure) {
        return Causes.of(failure).anyMatch(cause -> cause instanceof MongoBulkWriteException bulk
                && bulk.getWriteErrors().stream().anyMatch(error -> error.getCode() == ERROR_CODE)
                || cause instanceof MongoServerException server && server.getCode() == ERROR_CODE);
    }
}
