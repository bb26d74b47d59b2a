package com.aipasta.ops.storage;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token store that records a processor's progress only after what its batch did is stored. A tracking processor
 * stores its token when its unit of work prepares to commit, in a step registered before its handlers run; the events
 * of the commands a saga or policy sends, and the saga's own state, are stored in later steps of that same phase. With
 * no transaction spanning them (MongoDB here), a crash between the two left the token past an event whose effects
 * were lost, so the event was never handled again: a registration without a wallet, a payment without its credit.
 * Deferring the token to the commit phase makes the crash leave the event to be handled again instead, which every
 * handler tolerates (read models by sequence number, commands by their aggregates' idempotence).
 * <p>
 * For the same reason a processor need not store its token after every batch. It writes to its token's document at
 * most once per {@code interval}: a token of a batch committed sooner is kept back, to be stored by the first batch
 * after the interval, when the processor finds nothing to do, or when it lets its segment go; the claim extension
 * Axon sends at the start of every batch is dropped when the claim was written to sooner. So a crash hands at most
 * about that long of events to be handled again. A token holds the ids of its look-back window's events, hundreds of
 * kilobytes under load, and each write stores the document whole; a policy's processor ends a batch at every event it
 * handles. A processor's progress past events it does not handle, which Axon stores outside a batch, is kept back the
 * same way while this node holds the segment (it has no effects to come first). Any other token stored outside a
 * batch (a reset, which needs the processor stopped and its segments let go) is stored at once.
 */
final class EffectsFirstTokenStore implements TokenStore {

    /** Well within the time after which other nodes take a segment whose claim was not extended (10 s). */
    static final Duration MAX_INTERVAL = Duration.ofSeconds(5);

    private record Position(String processorName, int segment) {
    }

    private record Progress(Instant written, TrackingToken keptBack) {
    }

    private final TokenStore delegate;
    private final Duration interval;
    private final Clock clock;
    private final Map<Position, Progress> progress = new ConcurrentHashMap<>();

    EffectsFirstTokenStore(TokenStore delegate, Duration interval, Clock clock) {
        if (interval.isNegative() || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("EVENT_PROCESSOR_TOKEN_INTERVAL must be between 0 and "
                    + MAX_INTERVAL.toSeconds() + "s, not " + interval);
        }
        this.delegate = delegate;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        Position position = new Position(processorName, segment);
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().phase() == UnitOfWork.Phase.PREPARE_COMMIT) {
            CurrentUnitOfWork.get().onCommit(committing -> storeOrKeepBack(token, position));
        } else {
            storeOrKeepBack(token, position);
        }
    }

    private void storeOrKeepBack(TrackingToken token, Position position) {
        Progress last = progress.get(position);
        if (writtenRecently(last)) {
            progress.put(position, new Progress(last.written(), token));
        } else {
            storeNow(token, position);
        }
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        Position position = new Position(processorName, segment);
        Progress last = progress.get(position);
        if (writtenRecently(last)) {
            return;
        }
        if (last != null && last.keptBack() != null) {
            storeNow(last.keptBack(), position);
        } else {
            delegate.extendClaim(processorName, segment);
            progress.put(position, new Progress(clock.instant(), null));
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        Position position = new Position(processorName, segment);
        Progress last = progress.remove(position);
        if (last != null && last.keptBack() != null) {
            delegate.storeToken(last.keptBack(), processorName, segment);
        }
        delegate.releaseClaim(processorName, segment);
    }

    private boolean writtenRecently(Progress last) {
        return last != null && clock.instant().isBefore(last.written().plus(interval));
    }

    private void storeNow(TrackingToken token, Position position) {
        delegate.storeToken(token, position.processorName(), position.segment());
        progress.put(position, new Progress(clock.instant(), null));
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        progress.remove(new Position(processorName, segment));
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
