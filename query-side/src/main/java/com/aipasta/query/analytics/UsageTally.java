package com.aipasta.query.analytics;

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

/** Adds up the facts of one period. Amounts are in the currency's smallest unit (paise, cents). */
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
        turns++;
        tokensUsed += answer.tokens();
        long[] model = models.computeIfAbsent(answer.modelId() + "\n" + answer.provider(), key -> new long[3]);
        model[0]++;
        model[2] += answer.tokens();
        if (!answer.completed()) {
            failedTurns++;
            model[1]++;
        }
    }

    void payment(PaymentFact payment) {
        tokensPurchased += payment.tokens();
        long[] sum = revenue.computeIfAbsent(payment.currency() + "\n" + payment.planId(), key -> new long[2]);
        sum[0] += payment.amount();
        sum[1]++;
    }

    void refund(RefundFact refund) {
        tokensRefunded += refund.tokens();
        long[] sum = refunds.computeIfAbsent(refund.currency() + "\n" + refund.planId(), key -> new long[2]);
        sum[0] += refund.amount();
        sum[1]++;
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
        return new Figures(signups, activeUsers.size(), turns, failedTurns, tokensUsed, tokensPurchased,
                tokensRefunded, revenueLines, refundLines, modelLines);
    }

    private static String first(String key) {
        return key.substring(0, key.indexOf('\n'));
    }

    private static String second(String key) {
        return key.substring(key.indexOf('\n') + 1);
    }
}
