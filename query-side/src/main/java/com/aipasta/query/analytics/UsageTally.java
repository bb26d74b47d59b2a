package com.aipasta.query.analytics;

import com.aipasta.projections.analytics.AnalyticsTallyDocument;
import com.aipasta.projections.analytics.AnswerFact;
import com.aipasta.projections.analytics.PaymentFact;
import com.aipasta.projections.analytics.RefundFact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adds up one period: its facts, its days' tallies and its active users. Amounts are in the currency's smallest unit
 * (paise, cents).
 */
final class UsageTally {

    record Revenue(String currency, String planId, long amount, long orders) {
    }

    record Refunds(String currency, String planId, long amount, long refunds) {
    }

    record ModelUsage(String modelId, String provider, long uses, long failures, double failureRate, long tokens) {
    }

    record Figures(long signups, long activeUsers, long turns, long failedTurns, long tokensUsed,
                   long tokensPurchased, long tokensRefunded, List<Revenue> revenue, List<Refunds> refunds,
                   List<ModelUsage> models) {
    }

    private long signups;
    private final Set<String> activeUsers = new HashSet<>();
    private long activeUsersCounted;
    private long turns;
    private long failedTurns;
    private long tokensUsed;
    private long tokensPurchased;
    private long tokensRefunded;
    private final Map<String, long[]> revenue = new TreeMap<>();
    private final Map<String, long[]> refunds = new TreeMap<>();
    private final Map<String, long[]> models = new TreeMap<>();

    void signup() {
        signups++;
    }

    void answer(AnswerFact answer) {
        activeUsers.add(answer.userId());
        answers(answer.modelId(), answer.provider(), 1, answer.completed() ? 0 : 1, answer.tokens());
    }

    void payment(PaymentFact payment) {
        tokensPurchased += payment.tokens();
        add(revenue, payment.currency(), payment.planId(), payment.amount(), 1);
    }

    void refund(RefundFact refund) {
        tokensRefunded += refund.tokens();
        add(refunds, refund.currency(), refund.planId(), refund.amount(), 1);
    }

    /** A tally of the period's (see {@link AnalyticsTallyDocument}); its active users are added one by one. */
    void add(AnalyticsTallyDocument tally) {
        switch (tally.kind()) {
            case AnalyticsTallyDocument.TOTAL -> {
                signups += tally.signups();
                tokensPurchased += tally.tokensPurchased();
                tokensRefunded += tally.tokensRefunded();
            }
            case AnalyticsTallyDocument.MODEL -> answers(tally.key(), tally.subkey(), tally.answers(),
                    tally.failedAnswers(), tally.tokens());
            case AnalyticsTallyDocument.REVENUE -> add(revenue, tally.key(), tally.subkey(), tally.amount(),
                    tally.count());
            case AnalyticsTallyDocument.REFUNDS -> add(refunds, tally.key(), tally.subkey(), tally.amount(),
                    tally.count());
            default -> throw new IllegalStateException("unknown tally kind " + tally.kind());
        }
    }

    void activeUser(String userId) {
        activeUsers.add(userId);
    }

    /** Active users counted elsewhere, none of them among those added one by one. */
    void activeUsers(long counted) {
        activeUsersCounted += counted;
    }

    private void answers(String modelId, String provider, long uses, long failures, long tokens) {
        turns += uses;
        failedTurns += failures;
        tokensUsed += tokens;
        long[] model = models.computeIfAbsent(modelId + "\n" + provider, key -> new long[3]);
        model[0] += uses;
        model[1] += failures;
        model[2] += tokens;
    }

    private static void add(Map<String, long[]> sums, String currency, String planId, long amount, long count) {
        long[] sum = sums.computeIfAbsent(currency + "\n" + planId, key -> new long[2]);
        sum[0] += amount;
        sum[1] += count;
    }

    Figures figures() {
        List<Revenue> revenueLines = new ArrayList<>();
        revenue.forEach((key, sum) -> revenueLines.add(new Revenue(first(key), second(key), sum[0], sum[1])));
        List<Refunds> refundLines = new ArrayList<>();
        refunds.forEach((key, sum) -> refundLines.add(new Refunds(first(key), second(key), sum[0], sum[1])));
        List<ModelUsage> modelLines = new ArrayList<>();
        models.forEach((key, sum) -> modelLines.add(new ModelUsage(first(key), second(key), sum[0], sum[1],
                (double) sum[1] / sum[0], sum[2])));
        modelLines.sort(Comparator.comparingLong(ModelUsage::uses).reversed().thenComparing(ModelUsage::modelId));
        return new Figures(signups, activeUsers.size() + activeUsersCounted, turns, failedTurns, tokensUsed,
                tokensPurchased, tokensRefunded, revenueLines, refundLines, modelLines);
    }

    private static String first(String key) {
        return key.substring(0, key.indexOf('\n'));
    }

    private static String second(String key) {
        return key.substring(key.indexOf('\n') + 1);
    }
}
