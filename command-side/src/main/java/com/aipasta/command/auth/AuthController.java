package com.aipasta.command.auth;

import com.aipasta.account.api.command.ChangePasswordCommand;
import com.aipasta.account.api.command.StartGuestCommand;
import com.aipasta.account.api.command.RevokeTokenCommand;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.OtpPurpose;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.chat.turn.UsageReport;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.wallet.api.value.WalletId;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping("/api/auth")
public class AuthController {

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    @AcceptablePassword
    public record RegisterRequest(@NotBlank @Email @Size(max = 254) String email,
                                  @NotNull String password,
                                  @NotBlank @Size(max = 100) String name) {
        public RegisterRequest {
            email = AuthProperties.normaliseEmail(email);
            name = name == null ? null : name.strip();
        }
    }

    public record LoginRequest(@NotBlank String email, @NotNull String password) {
        public LoginRequest {
            email = AuthProperties.normaliseEmail(email);
        }
    }

    public record ChangePasswordRequest(@NotNull String currentPassword,
                                        @NotNull String newPassword) {
    }

    public record Session(UserSummary user, String token) {
    }

    public record TokenCheck(boolean valid, String userId, Role role, Instant expiresAt, Instant guestUntil) {
    }

    private final CommandGateway commands;
    private final ReadModels readModels;
    private final EmailRegistry emails;
    private final PasswordHasher passwords;
    private final JwtService tokens;
    private final PasswordPolicy passwordPolicy;
    private final AbuseLimits limits;
    private final AccountRegistration registration;
    private final GuestProperties guests;
    private final AccessState access;
    private final UsageReport usage;
    private final OtpMail mail;
    private final OtpIssuance otps;
    private final Clock clock;

    public AuthController(CommandGateway commands, ReadModels readModels, EmailRegistry emails,
                          PasswordHasher passwords, JwtService tokens,
                          PasswordPolicy passwordPolicy, AbuseLimits limits, AccountRegistration registration,
                          GuestProperties guests, AccessState access, UsageReport usage, OtpMail mail,
                          OtpIssuance otps, Clock clock) {
        this.commands = commands;
        this.readModels = readModels;
        this.emails = emails;
        this.passwords = passwords;
        this.tokens = tokens;
        this.passwordPolicy = passwordPolicy;
        this.limits = limits;
        this.registration = registration;
        this.guests = guests;
        this.access = access;
        this.usage = usage;
        this.mail = mail;
        this.otps = otps;
        this.clock = clock;
    }

    /** A guest account: free models only, a few messages, for a day; it can register later and keep its chats. */
    @PostMapping("/guest")
    @ResponseStatus(HttpStatus.CREATED)
    public Session guest(HttpServletRequest http) {
        limits.guest(http.getRemoteAddr());
        UserId userId = new UserId(UUID.randomUUID().toString());
        Instant now = clock.instant();
        Instant endsAt = now.plus(guests.lifetime());
        commands.sendAndWait(new StartGuestCommand(userId, guests.messageLimit(), now, endsAt));
        UserSummary user = readModels.await(WalletId.of(userId).value(), () -> readModels.user(userId), shown -> true);
        return new Session(user, tokens.issue(userId, Role.GUEST, 0, endsAt));
    }

    /** Reached only with a token the authentication accepted, so the answer is always that it is valid. */
    @GetMapping("/verify")
    public TokenCheck verify(@AuthenticationPrincipal AccessToken token) {
        Instant guestUntil = access.of(token.userId()).map(Access::trial).map(Access.Trial::endsAt).orElse(null);
        return new TokenCheck(true, token.userId().value(), token.role(), token.expiresAt(), guestUntil);
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    public Session register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http,
                           @AuthenticationPrincipal AccessToken caller) {
        limits.registration(http.getRemoteAddr(), request.email());
        UserId guest = caller != null && caller.role() == Role.GUEST ? caller.userId() : null;
        UserId userId = registration.register(request.email(), request.name(), passwords.hash(request.password()),
                guest);
        UserSummary user = guest == null ? readModels.awaitUser(userId)
                : readModels.await(userId.value(), () -> readModels.user(userId), shown -> shown.role() != Role.GUEST);
        readModels.awaitRegisteredProfile(user);
        sendVerificationCode(userId, request.email());
        return new Session(user, tokens.issue(userId, user.role(), 0));
    }

    @PostMapping("/login")
    public Session login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        limits.login(http.getRemoteAddr(), request.email());
        Access account = emails.ownerOf(request.email()).flatMap(access::of)
                .filter(found -> found.active() && found.passwordHash() != null).orElse(null);
        if (account == null) {
            passwords.compareWithDecoy(request.password());
            limits.loginFailed(request.email());
            throw invalidCredentials();
        }
        if (!passwords.matches(request.password(), account.passwordHash())) {
            limits.loginFailed(request.email());
            throw invalidCredentials();
        }
        limits.loginSucceeded(request.email());
        return new Session(readModels.awaitUser(account.userId()),
                tokens.issue(account.userId(), account.role(), account.credentialsVersion()));
    }

    /** The account, with its limits and what of each is used ({@code usage}, {@code limits}). */
    public record Profile(@JsonUnwrapped UserSummary user, boolean emailVerified, Map<String, Object> usage,
                          Map<String, Object> limits) {
    }

    @GetMapping("/me")
    public Map<String, Profile> me(@AuthenticationPrincipal AccessToken token) {
        UserSummary user = readModels.requireUser(token.userId());
        UsageReport.Report report = usage.of(token.userId());
        boolean verified = access.of(token.userId()).map(Access::emailVerified).orElse(false);
        return Map.of("user", new Profile(user, verified, report.usage(), report.limits()));
    }

    @PostMapping("/logout")
    public Map<String, Boolean> logout(@AuthenticationPrincipal AccessToken token) {
        commands.sendAndWait(new RevokeTokenCommand(token.userId(), token.tokenId(), token.expiresAt(),
                clock.instant()));
        return Map.of("loggedOut", true);
    }

    /** A guest's fresh token still ends when the guest does. */
    @PostMapping("/refresh")
    public Session refresh(@AuthenticationPrincipal AccessToken token) {
        Instant guestUntil = access.of(token.userId()).map(Access::trial).map(Access.Trial::endsAt).orElse(null);
        return new Session(readModels.requireUser(token.userId()),
                tokens.issue(token.userId(), token.role(), token.credentialsVersion(), guestUntil));
    }

    @PatchMapping("/password")
    public Session changePassword(@AuthenticationPrincipal AccessToken token,
                                  @Valid @RequestBody ChangePasswordRequest request, HttpServletRequest http) {
        limits.passwordChange(http.getRemoteAddr(), token.userId().value());
        Access account = access.of(token.userId()).filter(found -> found.passwordHash() != null)
                .orElseThrow(this::invalidCredentials);
        if (!passwords.matches(request.currentPassword(), account.passwordHash())) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "The current password is wrong",
                    Map.of("currentPassword", "is wrong"));
        }
        passwordPolicy.check("newPassword", request.newPassword(), account.profile().email(), account.profile().name());
        int version = commands.sendAndWait(new ChangePasswordCommand(token.userId(),
                passwords.hash(request.newPassword()), clock.instant()));
        readModels.awaitCredentials(token.userId(), version);
        return new Session(readModels.requireUser(token.userId()), tokens.issue(token.userId(), token.role(), version));
    }

    /** The account is recorded whatever the mail does: a code that could not be sent is asked for again. */
    private void sendVerificationCode(UserId userId, String email) {
        if (!mail.enabled()) {
            return;
        }
        try {
            otps.issue(userId, email, OtpPurpose.EMAIL_VERIFICATION);
        } catch (DomainException notSent) {
            log.warn("No verification code reached a new account: {}", notSent.getMessage());
        }
    }

    private DomainException invalidCredentials() {
        return new DomainException(ErrorCode.INVALID_CREDENTIALS, "Wrong e-mail or password");
    }
}
