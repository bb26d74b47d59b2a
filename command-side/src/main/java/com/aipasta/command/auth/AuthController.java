package com.aipasta.command.auth;

import com.aipasta.account.api.command.ChangePasswordCommand;
import com.aipasta.account.api.command.RegisterUserCommand;
import com.aipasta.account.api.command.RevokeTokenCommand;
import com.aipasta.account.api.query.Credentials;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping("/api/auth")
public class AuthController {

    public record RegisterRequest(@NotBlank @Email @Size(max = 254) String email,
                                  @NotNull @Size(min = 8, max = 128) String password,
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
                                        @NotNull @Size(min = 8, max = 128) String newPassword) {
    }

    public record Session(UserSummary user, String token) {
    }

    private final CommandGateway commands;
    private final ReadModels readModels;
    private final EmailRegistry emails;
    private final PasswordHasher passwords;
    private final JwtService tokens;
    private final AuthProperties properties;
    private final Clock clock;

    public AuthController(CommandGateway commands, ReadModels readModels, EmailRegistry emails,
                          PasswordHasher passwords, JwtService tokens,
                          AuthProperties properties, Clock clock) {
        this.commands = commands;
        this.readModels = readModels;
        this.emails = emails;
        this.passwords = passwords;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    public Session register(@Valid @RequestBody RegisterRequest request) {
        UserId userId = new UserId(UUID.randomUUID().toString());
        Role role = properties.isAdminEmail(request.email()) ? Role.ADMIN : Role.USER;
        String passwordHash = passwords.hash(request.password());
        emails.claim(request.email(), userId, clock.instant());
        try {
            commands.sendAndWait(new RegisterUserCommand(userId, request.email(), request.name(), passwordHash, role,
                    clock.instant()));
        } catch (RuntimeException e) {
            emails.release(request.email(), userId);
            throw e;
        }
        return new Session(readModels.awaitUser(userId), tokens.issue(userId, role, 0));
    }

    @PostMapping("/login")
    public Session login(@Valid @RequestBody LoginRequest request) {
        Credentials credentials = emails.ownerOf(request.email()).flatMap(readModels::credentials)
                .filter(Credentials::active).orElse(null);
        if (credentials == null) {
            passwords.compareWithDecoy(request.password());
            throw invalidCredentials();
        }
        if (!passwords.matches(request.password(), credentials.passwordHash())) {
            throw invalidCredentials();
        }
        return new Session(readModels.requireUser(credentials.userId()),
                tokens.issue(credentials.userId(), credentials.role(), credentials.credentialsVersion()));
    }

    @GetMapping("/me")
    public Map<String, UserSummary> me(@AuthenticationPrincipal AccessToken token) {
        return Map.of("user", readModels.requireUser(token.userId()));
    }

    @PostMapping("/logout")
    public Map<String, Boolean> logout(@AuthenticationPrincipal AccessToken token) {
        commands.sendAndWait(new RevokeTokenCommand(token.userId(), token.tokenId(), token.expiresAt(),
                clock.instant()));
        return Map.of("loggedOut", true);
    }

    @PostMapping("/refresh")
    public Session refresh(@AuthenticationPrincipal AccessToken token) {
        return new Session(readModels.requireUser(token.userId()),
                tokens.issue(token.userId(), token.role(), token.credentialsVersion()));
    }

    @PatchMapping("/password")
    public Session changePassword(@AuthenticationPrincipal AccessToken token,
                                  @Valid @RequestBody ChangePasswordRequest request) {
        Credentials credentials = readModels.credentials(token.userId()).orElseThrow(this::invalidCredentials);
        if (!passwords.matches(request.currentPassword(), credentials.passwordHash())) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "The current password is wrong",
                    Map.of("currentPassword", "is wrong"));
        }
        int version = commands.sendAndWait(new ChangePasswordCommand(token.userId(),
                passwords.hash(request.newPassword()), clock.instant()));
        readModels.awaitCredentials(token.userId(), version);
        return new Session(readModels.requireUser(token.userId()), tokens.issue(token.userId(), token.role(), version));
    }

    private DomainException invalidCredentials() {
        return new DomainException(ErrorCode.INVALID_CREDENTIALS, "Wrong e-mail or password");
    }
}
