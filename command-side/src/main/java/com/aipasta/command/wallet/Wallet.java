package com.aipasta.command.wallet;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.command.CreditTokensCommand;
import com.aipasta.wallet.api.command.GrantTokensCommand;
import com.aipasta.wallet.api.command.OpenWalletCommand;
import com.aipasta.wallet.api.command.ReleaseReservationCommand;
import com.aipasta.wallet.api.command.ReserveTokensCommand;
import com.aipasta.wallet.api.command.ReserveTokensTogetherCommand;
import com.aipasta.wallet.api.command.RevokeTokensCommand;
import com.aipasta.wallet.api.command.SettleReservationCommand;
import com.aipasta.wallet.api.command.TopUpFreeTokensCommand;
import com.aipasta.wallet.api.command.WalletCommandBatch;
import com.aipasta.wallet.api.event.FreeTokensToppedUpEvent;
import com.aipasta.wallet.api.event.ReservationReleasedEvent;
import com.aipasta.wallet.api.event.ReservationSettledEvent;
import com.aipasta.wallet.api.event.TokensCreditedEvent;
import com.aipasta.wallet.api.event.TokensGrantedEvent;
import com.aipasta.wallet.api.event.TokensReservedEvent;
import com.aipasta.wallet.api.event.TokensRevokedEvent;
import com.aipasta.wallet.api.event.WalletOpenedEvent;
import com.aipasta.wallet.api.value.DailyQuota;
import com.aipasta.wallet.api.value.MonthlyQuota;
import com.aipasta.wallet.api.value.RequestedReservation;
import com.aipasta.wallet.api.value.WalletBalance;
import com.aipasta.wallet.api.value.WalletId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's tokens. Every command handler answers with the wallet's version (the sequence number of its
 * last event), so a caller can wait until the projection has caught up with its own change; settling and releasing
 * answer with the whole balance after it.
 * <p>
 * A closed request is remembered for {@link #CLOSED_REQUEST_RETENTION} after it was reserved, which is what lets a
 * repeated command be recognised; a reservation older than that, counted from the newest one the wallet took, is
 * refused, so a request forgotten as closed can never be reserved again. A wallet with a long history is loaded from
 * a snapshot (state only, so it stays small however many requests it served).
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Wallet {

    /** Longer than any reservation may live ({@code CHAT_RESERVATION_TIMEOUT} is validated against it). */
    public static final Duration CLOSED_REQUEST_RETENTION = Duration.ofDays(1);

    private enum Closure { SETTLED, RELEASED }

    private record ClosedRequest(Closure closure, long tokens, Instant reservedAt) {
        boolean repeats(Closure otherClosure, long otherTokens) {
            return closure == otherClosure && tokens == otherTokens;
        }
    }

    private record OpenReservation(long amount, DailyQuota quota, MonthlyQuota monthly, Instant reservedAt) {
        boolean countsIn(YearMonth month) {
            return monthly != null && monthly.month().equals(month);
        }
    }

    /** Requests (released ones not counted) and tokens charged of the requests reserved in one month. */
    private record MonthUsage(int requests, long tokens) {
        static final MonthUsage NONE = new MonthUsage(0, 0);
    }

    @AggregateIdentifier
    private WalletId walletId;
    private long freeTokens;
    private long purchasedTokens;
    private long reservedTotal;
    private long usedTokens;
    private Instant forgottenBefore;
    private final Map<String, OpenReservation> openReservations = new HashMap<>();
    private LocalDate quotaDay;
    private final Map<String, Integer> requestsOnQuotaDay = new HashMap<>();
    /** The day before {@link #quotaDay}, for requests of that day that arrive after the first of the next. */
    private LocalDate previousQuotaDay;
    private final Map<String, Integer> requestsOnPreviousQuotaDay = new HashMap<>();
    /** By month ({@code 2026-12}), the newest month a request counted in and the one before it. */
    private final Map<String, MonthUsage> usageByMonth = new HashMap<>();
    private final Map<String, ClosedRequest> closedRequests = new HashMap<>();
    /**
     * The closed requests, oldest reservation first, so that each reservation forgets the requests retained no longer
     * without reading all those of the last day. Not part of the state a snapshot holds: built from
     * {@link #closedRequests} when first needed.
     */
    private transient PriorityQueue<Map.Entry<String, Instant>> closedByReservation;
    private final Map<String, Long> creditsBySource = new HashMap<>();
    private final Set<String> revokedBySource = new HashSet<>();
    /** The last period whose free tokens the wallet has: the month it opened in, or of its last top-up. */
    private YearMonth freeTokensPeriod;

    protected Wallet() {
    }

    /** Opening an open wallet records nothing, so whoever sees a registration again may simply open it again. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(OpenWalletCommand command) {
        if (walletId == null) {
            apply(new WalletOpenedEvent(command.walletId(), command.ownerId(), command.freeTokens(),
                    command.openedAt()));
        }
        return version();
    }

    @CommandHandler
    public long handle(ReserveTokensCommand command) {
        OpenReservation open = openReservations.get(command.requestId());
        if (open != null && open.amount() == command.amount()) {
            return version();
        }
        requireNew(command.requestId(), command.reservedAt());
        requireWithinQuota(command.quota(), 1);
        requireWithinMonthlyQuota(command.monthly(), command.amount(), 1);
        requireSpendable(command.amount());
        apply(new TokensReservedEvent(walletId, command.requestId(), command.amount(), command.quota(),
                command.reservedAt(), command.monthly()));
        return version();
    }

    /** All or nothing; the same reservations again record nothing. */
    @CommandHandler
    public long handle(ReserveTokensTogetherCommand command) {
        List<RequestedReservation> wanted = command.reservations();
        if (wanted.stream().allMatch(request -> openReservations.containsKey(request.requestId())
                && openReservations.get(request.requestId()).amount() == request.amount())) {
            return version();
        }
        wanted.forEach(request -> requireNew(request.requestId(), command.reservedAt()));
        Map<String, List<DailyQuota>> byTier = new LinkedHashMap<>();
        wanted.stream().map(RequestedReservation::quota).filter(Objects::nonNull)
                .forEach(quota -> byTier.computeIfAbsent(quota.tier(), tier -> new ArrayList<>()).add(quota));
        byTier.values().forEach(quotas -> requireWithinQuota(quotas.get(0), quotas.size()));
        requireWithinMonthlyQuota(command.monthly(), command.total(), wanted.size());
        requireSpendable(command.total());
        wanted.forEach(request -> apply(new TokensReservedEvent(walletId, request.requestId(), request.amount(),
                request.quota(), command.reservedAt(), command.monthly())));
        return version();
    }

    private void requireNew(String requestId, Instant reservedAt) {
        if (openReservations.containsKey(requestId) || closedRequests.containsKey(requestId)) {
            throw new DomainException(ErrorCode.CONFLICT, "Request " + requestId + " already has a reservation");
        }
        if (forgottenBefore != null && reservedAt.isBefore(forgottenBefore)) {
            throw new DomainException(ErrorCode.CONFLICT, "Request " + requestId
                    + " is too old to be reserved: its time is before " + forgottenBefore);
        }
    }

    private void requireSpendable(long amount) {
        long spendable = SpendingPolicy.spendable(freeTokens, purchasedTokens, reservedTotal);
        if (amount > spendable) {
            throw new DomainException(ErrorCode.INSUFFICIENT_TOKENS, "Not enough tokens for this request",
                    Map.of("required", amount, "available", spendable));
        }
    }

    @CommandHandler
    public WalletBalance handle(SettleReservationCommand command) {
        OpenReservation reservation = openReservations.get(command.requestId());
        if (reservation == null) {
            requireRepeatOf(command.requestId(), Closure.SETTLED, command.usedTokens());
            return balance();
        }
        SpendingPolicy.Charge charge = SpendingPolicy.settle(freeTokens, purchasedTokens, reservedTotal,
                reservation.amount(), command.usedTokens());
        apply(new ReservationSettledEvent(walletId, command.requestId(), reservation.amount(), command.usedTokens(),
                charge.charged(), charge.fromFree(), charge.fromPurchased(), command.settledAt()));
        return balance();
    }

    @CommandHandler
    public WalletBalance handle(ReleaseReservationCommand command) {
        OpenReservation reservation = openReservations.get(command.requestId());
        if (reservation == null) {
            requireRepeatOf(command.requestId(), Closure.RELEASED, 0);
            return balance();
        }
        apply(new ReservationReleasedEvent(walletId, command.requestId(), reservation.amount(), command.reason(),
                command.releasedAt()));
        return balance();
    }

    /**
     * Each command as if sent alone, in order, each seeing the ones before it: every handler here refuses before it
     * applies anything, so a refusal changes nothing and the next goes on.
     */
    @CommandHandler
    public List<Object> handle(WalletCommandBatch batch) {
        List<Object> outcomes = new ArrayList<>(batch.commands().size());
        for (Object command : batch.commands()) {
            try {
                outcomes.add(command instanceof ReserveTokensCommand reserve ? Long.valueOf(handle(reserve))
                        : command instanceof SettleReservationCommand settle ? handle(settle)
                        : handle((ReleaseReservationCommand) command));
            } catch (DomainException refused) {
                outcomes.add(refused);
            }
        }
        return outcomes;
    }

    @CommandHandler
    public long handle(CreditTokensCommand command) {
        Long credited = creditsBySource.get(command.sourceId());
        if (credited != null) {
            if (credited != command.amount()) {
                throw new DomainException(ErrorCode.CONFLICT, "Source " + command.sourceId()
                        + " was already credited with " + credited + " tokens");
            }
            return version();
        }
        apply(new TokensCreditedEvent(walletId, command.sourceId(), command.amount(), command.creditedAt(),
                command.paymentId()));
        return version();
    }

    /** Once per period: a period the wallet already has (or an earlier one) records nothing. */
    @CommandHandler
    public long handle(TopUpFreeTokensCommand command) {
        if (freeTokensPeriod != null && !command.period().isAfter(freeTokensPeriod)) {
            return version();
        }
        apply(new FreeTokensToppedUpEvent(walletId, command.period(),
                Math.max(0, command.freeTokens() - freeTokens), command.toppedUpAt()));
        return version();
    }

    @CommandHandler
    public long handle(GrantTokensCommand command) {
        apply(new TokensGrantedEvent(walletId, command.amount(), command.reason(), command.grantedBy(),
                command.grantedAt()));
        return version();
    }

    @CommandHandler
    public long handle(RevokeTokensCommand command) {
        if (!revokedBySource.add(command.sourceId())) {
            return version();
        }
        long spendable = SpendingPolicy.spendable(freeTokens, purchasedTokens, reservedTotal);
        long revoked = Math.min(command.tokens(), Math.min(purchasedTokens, spendable));
        apply(new TokensRevokedEvent(walletId, command.sourceId(), command.tokens(), revoked, command.reason(),
                command.revokedAt()));
        return version();
    }

    private void requireWithinQuota(DailyQuota quota, int requests) {
        if (quota == null) {
            return;
        }
        int used = requestsOn(quota.day()).getOrDefault(quota.tier(), 0);
        if (used + requests > quota.limit() && quota.guest()) {
            throw new DomainException(ErrorCode.QUOTA_EXCEEDED, "A guest may send " + quota.limit()
                    + " messages in all, and they are used up: register to keep chatting",
                    Map.of("tier", quota.tier(), "limit", quota.limit(), "used", used));
        }
        if (used + requests > quota.limit()) {
            throw new DomainException(ErrorCode.QUOTA_EXCEEDED, "The daily limit of " + quota.limit() + " "
                    + quota.tier() + " requests is used up",
                    Map.of("tier", quota.tier(), "limit", quota.limit(), "used", used,
                            "resetTime", quota.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString()));
        }
    }

    /**
     * The month's requests, released ones not counted, and its tokens: those charged, and those held by open
     * reservations of the month, since each of them may yet be charged in full.
     */
    private void requireWithinMonthlyQuota(MonthlyQuota monthly, long amount, int requests) {
        if (monthly == null) {
            return;
        }
        MonthUsage usage = usageByMonth.getOrDefault(monthly.month().toString(), MonthUsage.NONE);
        String resetTime = monthly.resetTime().toString();
        if (monthly.requestLimit() != null && usage.requests() + requests > monthly.requestLimit()) {
            throw new DomainException(ErrorCode.MONTHLY_LIMIT_EXCEEDED, "The monthly limit of "
                    + monthly.requestLimit() + " requests is used up",
                    Map.of("limit", "monthlyRequests", "max", monthly.requestLimit(), "used", usage.requests(),
                            "month", monthly.month().toString(), "resetTime", resetTime));
        }
        long held = openReservations.values().stream().filter(open -> open.countsIn(monthly.month()))
                .mapToLong(OpenReservation::amount).sum();
        if (monthly.tokenLimit() != null && usage.tokens() + held + amount > monthly.tokenLimit()) {
            throw new DomainException(ErrorCode.MONTHLY_LIMIT_EXCEEDED, "The monthly limit of "
                    + monthly.tokenLimit() + " tokens does not cover this request",
                    Map.of("limit", "tokensPerMonth", "max", monthly.tokenLimit(), "used", usage.tokens(),
                            "reserved", held, "required", amount, "month", monthly.month().toString(),
                            "resetTime", resetTime));
        }
    }

    private void requireRepeatOf(String requestId, Closure closure, long tokens) {
        ClosedRequest closed = closedRequests.get(requestId);
        if (closed == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No reservation for request " + requestId);
        }
        if (!closed.repeats(closure, tokens)) {
            throw new DomainException(ErrorCode.CONFLICT, "Request " + requestId + " was already "
                    + closed.closure().name().toLowerCase(Locale.ROOT));
        }
    }

    private static long version() {
        return AggregateLifecycle.getVersion();
    }

    private WalletBalance balance() {
        return new WalletBalance(version(), freeTokens, purchasedTokens, usedTokens, reservedTotal);
    }

    @EventSourcingHandler
    void on(WalletOpenedEvent event) {
        walletId = event.walletId();
        freeTokens = event.freeTokens();
        freeTokensPeriod = YearMonth.from(event.openedAt().atZone(ZoneOffset.UTC));
    }

    @EventSourcingHandler
    void on(FreeTokensToppedUpEvent event) {
        freeTokens += event.amount();
        freeTokensPeriod = event.period();
    }

    @EventSourcingHandler
    void on(TokensReservedEvent event) {
        forgetClosedRequestsReservedBefore(event.reservedAt().minus(CLOSED_REQUEST_RETENTION));
        openReservations.put(event.requestId(), new OpenReservation(event.amount(), event.quota(),
                event.monthly(), event.reservedAt()));
        if (event.monthly() != null) {
            YearMonth month = event.monthly().month();
            usageByMonth.merge(month.toString(), new MonthUsage(1, 0),
                    (counted, added) -> new MonthUsage(counted.requests() + 1, counted.tokens()));
            usageByMonth.keySet().removeIf(key -> YearMonth.parse(key).isBefore(month.minusMonths(1)));
        }
        reservedTotal += event.amount();
        DailyQuota quota = event.quota();
        if (quota != null) {
            if (quotaDay == null || quota.day().isAfter(quotaDay)) {
                moveQuotaDayTo(quota.day());
            }
            requestsOn(quota.day()).merge(quota.tier(), 1, Integer::sum);
        }
    }

    @EventSourcingHandler
    void on(ReservationSettledEvent event) {
        OpenReservation reservation = openReservations.remove(event.requestId());
        reservedTotal -= event.reserved();
        freeTokens -= event.fromFree();
        purchasedTokens -= event.fromPurchased();
        usedTokens += event.charged();
        if (reservation.monthly() != null) {
            usageByMonth.computeIfPresent(reservation.monthly().month().toString(),
                    (month, usage) -> new MonthUsage(usage.requests(), usage.tokens() + event.charged()));
        }
        close(event.requestId(), new ClosedRequest(Closure.SETTLED, event.usedTokens(), reservation.reservedAt()));
    }

    @EventSourcingHandler
    void on(ReservationReleasedEvent event) {
        OpenReservation reservation = openReservations.remove(event.requestId());
        DailyQuota quota = reservation.quota();
        if (quota != null) {
            requestsOn(quota.day()).computeIfPresent(quota.tier(), (tier, requests) -> requests - 1);
        }
        if (reservation.monthly() != null) {
            usageByMonth.computeIfPresent(reservation.monthly().month().toString(),
                    (month, usage) -> new MonthUsage(usage.requests() - 1, usage.tokens()));
        }
        reservedTotal -= event.amount();
        close(event.requestId(), new ClosedRequest(Closure.RELEASED, 0, reservation.reservedAt()));
    }

    /** The requests counted on a day: the quota day's, the day before's, or for an older day an empty map. */
    private Map<String, Integer> requestsOn(LocalDate day) {
        if (day.equals(quotaDay)) {
            return requestsOnQuotaDay;
        }
        if (day.equals(previousQuotaDay)) {
            return requestsOnPreviousQuotaDay;
        }
        return new HashMap<>();
    }

    private void moveQuotaDayTo(LocalDate day) {
        requestsOnPreviousQuotaDay.clear();
        if (quotaDay != null && quotaDay.plusDays(1).equals(day)) {
            requestsOnPreviousQuotaDay.putAll(requestsOnQuotaDay);
            previousQuotaDay = quotaDay;
        } else {
            previousQuotaDay = null;
        }
        quotaDay = day;
        requestsOnQuotaDay.clear();
    }

    private void forgetClosedRequestsReservedBefore(Instant cutoff) {
        if (forgottenBefore == null || cutoff.isAfter(forgottenBefore)) {
            forgottenBefore = cutoff;
            PriorityQueue<Map.Entry<String, Instant>> oldestFirst = closedByReservation();
            while (!oldestFirst.isEmpty() && oldestFirst.peek().getValue().isBefore(cutoff)) {
                closedRequests.remove(oldestFirst.poll().getKey());
            }
        }
    }

    private void close(String requestId, ClosedRequest closed) {
        closedRequests.put(requestId, closed);
        if (closedByReservation != null) {
            closedByReservation.add(Map.entry(requestId, closed.reservedAt()));
        }
    }

    private PriorityQueue<Map.Entry<String, Instant>> closedByReservation() {
        if (closedByReservation == null) {
            closedByReservation = new PriorityQueue<>(Map.Entry.comparingByValue());
            closedRequests.forEach((requestId, closed) -> closedByReservation.add(Map.entry(requestId,
                    closed.reservedAt())));
        }
        return closedByReservation;
    }

    @EventSourcingHandler
    void on(TokensCreditedEvent event) {
        purchasedTokens += event.amount();
        creditsBySource.put(event.sourceId(), event.amount());
    }

    @EventSourcingHandler
    void on(TokensRevokedEvent event) {
        purchasedTokens -= event.revoked();
        revokedBySource.add(event.sourceId());
    }

    @EventSourcingHandler
    void on(TokensGrantedEvent event) {
        freeTokens += event.amount();
    }
}
