package com.aipasta.command.wallet;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Wallet settings.
 *
 * @param freeTokens the free tokens a new account's wallet opens with ({@code FREE_TOKENS})
 */
@Validated
@ConfigurationProperties("aipasta.wallet")
public record WalletProperties(@DefaultValue("10000") @PositiveOrZero long freeTokens) {
}
