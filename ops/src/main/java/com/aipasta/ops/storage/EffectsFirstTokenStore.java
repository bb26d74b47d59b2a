package com.aipasta.ops.storage;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.Optional;

/**
 * A token store that records a processor's progress only after what its batch did is stored. A tracking processor
 * stores its token when its unit of work prepares to commit, in a step registered before its handlers run; the events
 * of the commands a saga or policy sends, and the saga's own state, are stored in later steps of that same phase. With
 * no transaction spanning them (MongoDB here), a crash between the two left the token past an event whose effects
 * were lost, so the event was never handled again: a registration without a wallet, a payment without its credit.
 * Deferring the token to the commit phase makes the crash leave the event to be handled again instead, which every
 * handler tolerates (read models by sequence number, commands by their aggregates' idempotence).
 */
final class EffectsFirstTokenStore implements TokenStore {

    private final TokenStore delegate;

    EffectsFirstTokenStore(TokenStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().phase() == UnitOfWork.Phase.PREPARE_COMMIT) {
            CurrentUnitOfWork.get().onCommit(committing -> delegate.storeToken(token, processorName, segment));
        } else {
            delegate.storeToken(token, processorName, segment);
        }
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
    public void extendClaim(String processorName, int segment) {
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
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
