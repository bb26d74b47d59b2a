package com.aipasta.ops.projection;

import com.aipasta.command.http.ReadModelStalls;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The events the read models parked: each read model's dead-letter queue, by aggregate. An aggregate whose event is
 * parked in a read model has its later events parked behind it there, in order, until an administrator retries the
 * aggregate's events (after fixing what made them fail) or evicts them (the read model then lacks them until its next
 * replay). Waiting requests learn here that their change cannot be shown.
 */
@Component
public class ParkedEvents implements ReadModelStalls {

    /** One parked event; {@code sequence} is its number within its aggregate. */
    public record Parked(String projection, String aggregateId, Long sequence, String eventId, String eventType,
                         Instant enqueuedAt, Instant lastTouched, String cause) {
    }

    /** What a retry did: sequences whose events were all handled now, and events still parked. */
    public record Retried(int sequencesHandled, long stillParked) {
    }

    private static final Duration STOPPED_GRACE = Duration.ofSeconds(5);

    private final EventProcessingConfiguration processing;
    private final Projections projections;
    private final MongoTemplate axonMongoTemplate;
    private final Clock clock;
    private final Map<String, Instant> stoppedSince = new ConcurrentHashMap<>();

    public ParkedEvents(EventProcessingConfiguration processing, Projections projections,
                        MongoTemplate axonMongoTemplate, Clock clock) {
        this.processing = processing;
        this.projections = projections;
        this.axonMongoTemplate = axonMongoTemplate;
        this.clock = clock;
    }

    public long count() {
        return Projections.names().stream().mapToLong(name -> queue(name).size()).sum();
    }

    public List<Parked> list(String name) {
        List<Parked> parked = new ArrayList<>();
        for (String projection : projections.resolve(name)) {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(projection).deadLetters()) {
                sequence.forEach(letter -> parked.add(describe(projection, letter)));
            }
        }
        return parked;
    }

    /** Handles the parked events again, of one aggregate or of all; a sequence that fails again stays parked. */
    public Retried retry(String name, Optional<String> aggregateId) {
        int handled = 0;
        long still = 0;
        for (String projection : projections.resolve(name)) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(projection);
            SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                    .sequencedDeadLetterProcessor(projection).orElseThrow();
            Predicate<DeadLetter<? extends EventMessage<?>>> filter = aggregateId
                    .<Predicate<DeadLetter<? extends EventMessage<?>>>>map(id -> letter -> id.equals(aggregateOf(letter)))
                    .orElse(letter -> true);
            long sequences = aggregateId.map(id -> queue.contains(id) ? 1L : 0L).orElseGet(queue::amountOfSequences);
            for (long i = 0; i < sequences; i++) {
                if (processor.process(filter)) {
                    handled++;
                }
            }
            still += queue.size();
        }
        return new Retried(handled, still);
    }

    /**
     * Drops parked events of one aggregate from a read model: the one event {@code eventId} names, or all of them;
     * returns how many. The events behind a dropped one stay parked until they are retried.
     */
    public int evict(String projection, String aggregateId, Optional<String> eventId) {
        if (!Projections.names().contains(projection)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such projection: " + projection,
                    Map.of("projections", Projections.names()));
        }
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(projection);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(aggregateId).forEach(letter -> {
            if (eventId.isEmpty() || eventId.get().equals(letter.message().getIdentifier())) {
                letters.add(letter);
            }
        });
        if (letters.isEmpty()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such event of " + aggregateId + " is parked in "
                    + projection);
        }
        letters.forEach(queue::evict);
        return letters.size();
    }

    /**
     * Parked events of the aggregate stall its changes until an administrator acts. A stopped read model (one whose
     * dead-letter queue failed too) stalls every change it shows, but a processor also stops for a moment on a
     * passing failure and goes on at its retry, so it counts once it has stayed stopped for {@link #STOPPED_GRACE}.
     * A stopped saga or policy does not stop the read models, so waits for them go on.
     */
    @Override
    public Optional<String> stalledOn(String aggregateId) {
        Optional<String> parked = nothingParked() ? Optional.empty() : Projections.names().stream()
                .filter(name -> queue(name).contains(aggregateId)).findFirst()
                .map(name -> "events of " + aggregateId + " are parked in the read model " + name);
        if (parked.isPresent()) {
            return parked;
        }
        Map<String, String> stopped = projections.stoppedProcessors();
        stopped.keySet().retainAll(Projections.names());
        stoppedSince.keySet().retainAll(stopped.keySet());
        Instant now = clock.instant();
        return stopped.entrySet().stream()
                .filter(entry -> !stoppedSince.computeIfAbsent(entry.getKey(), name -> now)
                        .isAfter(now.minus(STOPPED_GRACE)))
                .findFirst()
                .map(entry -> "the read model " + entry.getKey() + " has stopped: " + entry.getValue());
    }

    private static Parked describe(String projection, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Long sequence = message instanceof DomainEventMessage<?> event ? event.getSequenceNumber() : null;
        String cause = letter.cause().map(Cause::message).orElse(null);
        return new Parked(projection, aggregateOf(letter), sequence, message.getIdentifier(),
                message.getPayloadType().getSimpleName(), letter.enqueuedAt(), letter.lastTouched(), cause);
    }

    private static String aggregateOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }

    /**
     * Whether no read model holds a parked event: one read of the shared dead-letter collection, where asking each
     * read model's queue takes one each. Requests waiting under load ask every half second.
     */
    private boolean nothingParked() {
        return axonMongoTemplate.deadLetterCollection().find().projection(new Document("_id", 1)).limit(1).first()
                == null;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String projection) {
        return processing.deadLetterQueue(projection).orElseThrow(() -> new IllegalStateException(
                "The read model " + projection + " has no dead-letter queue"));
    }
}
