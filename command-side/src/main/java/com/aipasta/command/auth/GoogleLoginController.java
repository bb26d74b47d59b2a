package com.aipasta.command.auth;

import com.aipasta.account.api.command.LinkGoogleAccountCommand;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.InputRules;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signs in with a Google ID token: the account of the token's (verified) e-mail address, linked to the Google account
 * on first use, or a new account for it. An account made this way has a random password nobody knows; its owner signs
 * in with Google.
 */
@RestController
public class GoogleLoginController {

    private static final int MAX_NAME_LENGTH = 100;
    private static final int MAX_EMAIL_LENGTH = 254;

    public record GoogleLoginRequest(@NotBlank @Size(max = 10_000) String idToken) {
    }

    private final GoogleIdTokens google;
    private final EmailRegistry emails;
    private final AccountRegistration registration;
    private final CommandGateway commands;
    private final ReadModels readModels;
    private final AccessState access;
    private final PasswordHasher passwords;
    private final JwtService tokens;
    private final AbuseLimits limits;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public GoogleLoginController(GoogleIdTokens google, EmailRegistry emails, AccountRegistration registration,
                                 CommandGateway commands, ReadModels readModels, AccessState access,
                                 PasswordHasher passwords, JwtService tokens, AbuseLimits limits, Clock clock) {
        this.google = google;
        this.emails = emails;
        this.registration = registration;
        this.commands = commands;
        this.readModels = readModels;
        this.access = access;
        this.passwords = passwords;
        this.tokens = tokens;
        this.limits = limits;
        this.clock = clock;
    }

    @PostMapping("/api/auth/google")
    public AuthController.Session login(@Valid @RequestBody GoogleLoginRequest request, HttpServletRequest http) {
        limits.googleLogin(http.getRemoteAddr());
        GoogleIdTokens.GoogleIdentity identity = google.verify(request.idToken());
        String email = identity.email();
        if (email == null || email.length() > MAX_EMAIL_LENGTH || !email.matches("[^@\\s]+@[^@\\s]+")
                || InputRules.textProblem(email).isPresent()) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "The Google ID token carries no usable e-mail address");
        }
        Optional<UserId> owner = emails.ownerOf(email);
        UserId userId = owner.orElseGet(() -> registration.register(email, nameOf(identity),
                passwords.hash(HexFormat.of().formatHex(randomBytes())), null));
        Access account = access.of(userId).filter(Access::active).orElseThrow(() ->
                new DomainException(ErrorCode.INVALID_CREDENTIALS, "This account cannot sign in"));
        try {
            commands.sendAndWait(new LinkGoogleAccountCommand(userId, identity.subject(), clock.instant()));
        } catch (DomainException e) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "The account is linked to another Google account");
        }
        UserSummary user = readModels.awaitUser(userId);
        if (owner.isEmpty()) {
            readModels.awaitRegisteredProfile(user);
        }
        return new AuthController.Session(user, tokens.issue(userId, account.role(), account.credentialsVersion()));
    }

    private static String nameOf(GoogleIdTokens.GoogleIdentity identity) {
        String name = identity.name() == null ? "" : identity.name().strip();
        if (name.isEmpty() || InputRules.textProblem(name).isPresent()) {
            name = identity.email().substring(0, identity.email().indexOf('@'));
        }
        return name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }
}
