package com.aipasta.command.wallet;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Wallet settings.
 *
 * @param freeTokens          the free tokens a new account's wallet opens with ({@code FREE_TOKENS})
 * @param freeTokensReset     {@code never}, or {@code monthly} to top free-plan wallets back up to
 *                            {@code freeTokens} once per UTC month ({@code FREE_TOKENS_RESET})
 * @param freeTokensResetCheck how often wallets due a top-up are looked for ({@code FREE_TOKENS_RESET_CHECK_INTERVAL})
 */
@Validated
@ConfigurationProperties("aipasta.wallet")
public record WalletProperties(@DefaultValue("10000") @PositiveOrZero long freeTokens,
                               @DefaultValue("never") @Pattern(regexp = "never|monthly",
                                       message = "must be never or monthly") String freeTokensReset,
                               @DefaultValue("1h") @NotNull Duration freeTokensResetCheck) {

    public boolean topsUpMonthly() {
        return "monthly".equals(freeTokensReset);
    }
}
