package com.aipasta.ops.storage.embedded;

import com.aipasta.command.config.LateAppends;
import de.bwaldvogel.mongo.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The embedded server's guarantee to tracking reads of the event stream, which look back a fixed time behind the
 * newest event they have seen: an insert into {@code collection} holding a document whose {@code timestampField}
 * (an ISO instant, as Axon writes it) is older than {@code maxAge} is refused whole, so no event can become visible
 * after the readers have looked past its time and be missed by every processor. Such an insert is one that waited
 * longer than that between its events' creation and the server (under heavy load); the command is tried again with
 * new events. The check and the insert run under the collection's lock, so the time checked is the time the events
 * become visible.
 */
public record EventAgeLimit(String collection, String timestampField, Duration maxAge, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(EventAgeLimit.class);

    /** MongoDB's name for the refusal's code, an operation past its time limit. */
    private static final String REFUSED_NAME = "MaxTimeMSExpired";

    boolean appliesTo(String collectionName) {
        return collection.equals(collectionName);
    }

    /** The write error refusing {@code documents}, at the first one too old; null when none is. */
    Document refusal(List<Document> documents) {
        Instant oldestAllowed = clock.instant().minus(maxAge);
        for (int index = 0; index < documents.size(); index++) {
            Instant created = timestampOf(documents.get(index));
            if (created != null && created.isBefore(oldestAllowed)) {
                log.warn("Refused an append to {}: an event created at {} arrived more than {} ms later (the "
                        + "store is overloaded; the command is tried again)", collection, created, maxAge.toMillis());
                return new Document("index", index).append("code", LateAppends.ERROR_CODE).append("codeName", REFUSED_NAME)
                        .append("errmsg", "An event created at " + created + " reached the event store more than "
                                + maxAge.toMillis() + " ms later, when readers may have looked past its time; "
                                + "nothing of this append was stored");
            }
        }
        return null;
    }

    private Instant timestampOf(Document document) {
        if (!(document.get(timestampField) instanceof String text)) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            return null;
        }
    }
}
