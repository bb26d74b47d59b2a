package com.aipasta.command.chat.turn;

import com.aipasta.command.access.Access;
import com.aipasta.command.auth.EmailProperties;
import com.aipasta.command.chat.catalog.CatalogModel;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.value.DailyQuota;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Who may call which model and what a call counts against: a guest the free models and its trial's messages, a user
 * the models of its plan and the daily limit of the model's tier (an administrator's limit for the user replaces the
 * plan's), and with {@code EMAIL_VERIFICATION_REQUIRED} only an account whose address is verified. Everything that
 * spends wallet tokens on a model asks {@link #requireAllowed} before it reserves: chat turns (their edits,
 * regenerations and plugins' {@code sendToModel}), comparisons, the prompt generator and embeddings.
 */
@Component
public class ModelAccess {

    private final ChatProperties properties;
    private final Clock clock;
    private final boolean emailVerificationRequired;

    public ModelAccess(ChatProperties properties, Clock clock, EmailProperties email) {
        this.properties = properties;
        this.clock = clock;
        this.emailVerificationRequired = email.verificationRequired();
    }

    public boolean allows(Access caller, CatalogModel model) {
        return caller.guest() ? model.free() : planAllows(caller.effectivePlan(), model);
    }

    /**
     * Refuses with {@code EMAIL_NOT_VERIFIED} an account that must verify its address first (a guest has none), and
     * with {@code PAYWALL} a model the caller's plan does not include.
     */
    public void requireAllowed(Access caller, CatalogModel model) {
        if (emailVerificationRequired && !caller.guest() && !caller.emailVerified()) {
            throw new DomainException(ErrorCode.EMAIL_NOT_VERIFIED, "Verify your e-mail address to use the models: "
                    + "enter the code sent to it (POST /api/auth/verify-email)");
        }
        if (caller.guest() && !model.free()) {
            throw new DomainException(ErrorCode.PAYWALL, "A guest may use free models only; register to use "
                    + model.id(), Map.of("requiredPlan", model.requiredPlan(), "currentPlan", "guest",
                    "modelId", model.id()));
        }
        String plan = caller.effectivePlan();
        if (!planAllows(plan, model)) {
            throw new DomainException(ErrorCode.PAYWALL, "The model " + model.id() + " needs the premium plan",
                    Map.of("requiredPlan", model.requiredPlan(), "currentPlan", plan, "modelId", model.id()));
        }
    }

    /** The daily quota a request to the model counts against, or null when there is none. */
    public DailyQuota dailyQuota(Access caller, CatalogModel model) {
        if (caller.guest()) {
            Access.Trial trial = caller.trial();
            return DailyQuota.guest(LocalDate.ofInstant(trial.startedAt(), ZoneOffset.UTC), trial.messageLimit());
        }
        Integer limit = caller.dailyRequestLimit() != null ? caller.dailyRequestLimit()
                : properties.dailyLimit(caller.effectivePlan(), model.tier());
        return limit == null ? null
                : new DailyQuota(model.tier(), LocalDate.now(clock.withZone(ZoneOffset.UTC)), limit);
    }

    private static boolean planAllows(String plan, CatalogModel model) {
        return !Access.PREMIUM_PLAN.equals(model.requiredPlan()) || Access.PREMIUM_PLAN.equals(plan);
    }
}
