package com.aipasta.ops.chat;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most documents one database read made by a request's thread returned, among the reads that name a watched value
 * (a session's id), so a test can tell whether a request reads more of a session as the session grows.
 */
public class LargestReadProbe implements CommandListener {

    private static final String REQUEST_THREADS = "http-nio-";

    private final Map<String, AtomicInteger> largest = new ConcurrentHashMap<>();
    private final Map<Integer, String> watchedReads = new ConcurrentHashMap<>();

    public void watch(String value) {
        largest.put(value, new AtomicInteger());
    }

    /** Stops watching {@code value} and answers the most documents one read naming it returned meanwhile. */
    public int stop(String value) {
        return largest.remove(value).get();
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (largest.isEmpty() || !Thread.currentThread().getName().startsWith(REQUEST_THREADS)) {
            return;
        }
        String command = event.getCommand().toJson();
        largest.keySet().stream().filter(command::contains).findFirst()
                .ifPresent(value -> watchedReads.put(event.getRequestId(), value));
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        String value = watchedReads.remove(event.getRequestId());
        AtomicInteger most = value == null ? null : largest.get(value);
        BsonDocument cursor = event.getResponse().getDocument("cursor", null);
        if (most != null && cursor != null && cursor.containsKey("firstBatch")) {
            most.accumulateAndGet(cursor.getArray("firstBatch").size(), Math::max);
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        watchedReads.remove(event.getRequestId());
    }
}
