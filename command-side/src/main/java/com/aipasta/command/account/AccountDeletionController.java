package com.aipasta.command.account;

import com.aipasta.account.api.command.CloseAccountCommand;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.auth.AbuseLimits;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.auth.EmailRegistry;
import com.aipasta.command.auth.GoogleIdTokens;
import com.aipasta.command.auth.PasswordHasher;
import com.aipasta.command.http.ReadModels;
import com.aipasta.command.privacy.PersonalDataKeys;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Map;

/**
 * A user deletes their own account, proving who they are with their password or a fresh Google sign-in. The account
 * is closed, its e-mail address is free again and its personal-data key is shredded, so what its events said of the
 * person can no longer be read anywhere.
 */
@RestController
public class AccountDeletionController {

    /** Exactly one of the two: the account's password, or the ID token of a Google sign-in to the same address. */
    public record DeleteAccountRequest(@Size(max = 1024) String password, @Size(max = 10_000) String idToken) {
    }

    private final CommandGateway commands;
    private final ReadModels readModels;
    private final AccessState access;
    private final PasswordHasher passwords;
    private final GoogleIdTokens google;
    private final EmailRegistry emails;
    private final PersonalDataKeys keys;
    private final AbuseLimits limits;
    private final Clock clock;

    public AccountDeletionController(CommandGateway commands, ReadModels readModels, AccessState access,
                                     PasswordHasher passwords, GoogleIdTokens google, EmailRegistry emails,
                                     PersonalDataKeys keys, AbuseLimits limits, Clock clock) {
        this.commands = commands;
        this.readModels = readModels;
        this.access = access;
        this.passwords = passwords;
        this.google = google;
        this.emails = emails;
        this.keys = keys;
        this.limits = limits;
        this.clock = clock;
    }

    @DeleteMapping("/api/user/account")
    public Map<String, Object> delete(@AuthenticationPrincipal AccessToken caller,
                                      @Valid @RequestBody DeleteAccountRequest request, HttpServletRequest http) {
        if (caller.role() == Role.GUEST) {
            throw new DomainException(ErrorCode.FORBIDDEN, "A guest account cannot be deleted; it ends by itself");
        }
        if ((request.password() == null) == (request.idToken() == null)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Give either your password or a Google ID token",
                    Map.of("password", "or idToken is required, not both"));
        }
        UserId userId = caller.userId();
        limits.passwordChange(http.getRemoteAddr(), userId.value());
        Access account = access.requireExisting(userId);
        if (request.password() != null) {
            requirePassword(account, request.password());
        } else {
            requireGoogleSignIn(userId, request.idToken());
        }
        long version = commands.<Long>sendAndWait(new CloseAccountCommand(userId, clock.instant()));
        keys.shred(userId.value());
        if (account.profile().email() != null) {
            emails.release(account.profile().email(), userId);
        }
        readModels.await(userId.value(), () -> readModels.credentials(userId), credentials -> !credentials.active());
        return Map.of("deleted", true, "userId", userId.value(), "version", version);
    }

    private void requirePassword(Access account, String password) {
        if (account.passwordHash() == null || !passwords.matches(password, account.passwordHash())) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "The password is wrong",
                    Map.of("password", "is wrong"));
        }
    }

    private void requireGoogleSignIn(UserId userId, String idToken) {
        GoogleIdTokens.GoogleIdentity identity = google.verify(idToken);
        if (identity.email() == null || !emails.ownerOf(identity.email()).map(userId::equals).orElse(false)) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS,
                    "The Google sign-in is not one of this account", Map.of("idToken", "is of another account"));
        }
    }
}
