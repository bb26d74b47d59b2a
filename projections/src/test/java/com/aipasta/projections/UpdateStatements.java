package com.aipasta.projections;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Counts the statements of the update commands a client sends, by collection: what a batch writes. */
public final class UpdateStatements implements CommandListener {

    private final List<BsonDocument> updates = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (event.getCommandName().equals("update")) {
            updates.add(event.getCommand().clone());
        }
    }

    /** The statements sent to the collection since the client started. */
    public long to(String collection) {
        return updates.stream().filter(update -> update.getString("update").getValue().equals(collection))
                .mapToLong(update -> update.getArray("updates").size()).sum();
    }
}
