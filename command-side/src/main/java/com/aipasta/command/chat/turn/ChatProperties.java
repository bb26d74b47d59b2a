package com.aipasta.command.chat.turn;

import com.aipasta.command.wallet.Wallet;
import com.aipasta.wallet.api.value.MonthlyQuota;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Chat turn settings.
 *
 * @param defaultMaxTokens   completion tokens reserved when a request names no {@code maxTokens}, and the cap on
 *                           what is reserved for one ({@code CHAT_DEFAULT_MAX_TOKENS})
 * @param contextTokens      the most tokens a turn's prompt and answer take together, for a model whose provider
 *                           gives no context length or a longer one: older messages of a long session are left
 *                           out ({@code CHAT_CONTEXT_TOKENS})
 * @param reservationTimeout how long a reservation and an unfinished answer may live before they are released and
 *                           failed, also after a crash ({@code CHAT_RESERVATION_TIMEOUT})
 * @param sweepInterval      how often expired reservations and answers are looked for ({@code CHAT_SWEEP_INTERVAL})
 * @param checkpointInterval how often a streaming answer is saved ({@code CHAT_CHECKPOINT_INTERVAL})
 * @param inrPerUsd          rupees per dollar for the INR cost of answers ({@code INR_PER_USD})
 * @param dailyQuotas        requests per day by plan, then model tier ({@code free}/{@code premium} plans,
 *                           {@code standard}/{@code premium} tiers); a missing entry means no limit
 * @param monthlyLimits      per plan, {@code requests} and {@code tokens} per UTC calendar month; a missing entry
 *                           means no limit
 */
@Validated
@ConfigurationProperties("aipasta.chat")
public record ChatProperties(@DefaultValue("1024") @Min(1) int defaultMaxTokens,
                             @DefaultValue("32000") @Min(1) long contextTokens,
                             @DefaultValue("10m") @NotNull Duration reservationTimeout,
                             @DefaultValue("15s") @NotNull Duration sweepInterval,
                             @DefaultValue("500ms") @NotNull Duration checkpointInterval,
                             @DefaultValue("83.0") @NotNull @DecimalMin("0") BigDecimal inrPerUsd,
                             Map<String, Map<String, Integer>> dailyQuotas,
                             Map<String, Map<String, Long>> monthlyLimits) {

    public ChatProperties {
        if (reservationTimeout != null && reservationTimeout.compareTo(Wallet.CLOSED_REQUEST_RETENTION) > 0) {
            throw new IllegalArgumentException("CHAT_RESERVATION_TIMEOUT may be at most "
                    + Wallet.CLOSED_REQUEST_RETENTION + ", how long a wallet remembers closed requests");
        }
        if (dailyQuotas == null || dailyQuotas.isEmpty()) {
            dailyQuotas = Map.of(
                    "free", Map.of("standard", 20, "premium", 5),
                    "premium", Map.of("standard", 100, "premium", 50));
        }
        if (monthlyLimits == null || monthlyLimits.isEmpty()) {
            monthlyLimits = Map.of(
                    "free", Map.of("requests", 1_000L, "tokens", 100_000L),
                    "premium", Map.of("requests", 5_000L, "tokens", 500_000L));
        }
    }

    public Long monthlyLimit(String plan, String kind) {
        return monthlyLimits.getOrDefault(plan, Map.of()).get(kind);
    }

    /** The plan's limits for the UTC month of {@code at}; null when the plan has none. */
    public MonthlyQuota monthlyQuota(String plan, Instant at) {
        Long requests = monthlyLimit(plan, "requests");
        Long tokens = monthlyLimit(plan, "tokens");
        if (requests == null && tokens == null) {
            return null;
        }
        return new MonthlyQuota(YearMonth.from(at.atZone(ZoneOffset.UTC)),
                requests == null ? null : (int) Math.min(Integer.MAX_VALUE, requests), tokens);
    }

    public Integer dailyLimit(String plan, String tier) {
        return dailyQuotas.getOrDefault(plan, Map.of()).get(tier);
    }
}
