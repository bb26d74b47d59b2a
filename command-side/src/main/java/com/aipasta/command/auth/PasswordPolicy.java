package com.aipasta.command.auth;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new password must be: long enough, not only spaces, not the account's e-mail address or name, and not one
 * of the 10,000 most common passwords (the head of the frequency-ranked list zxcvbn ships, MIT licence, shipped as
 * {@code common-passwords.txt}). A refusal says which rule failed.
 */
@Component
public class PasswordPolicy {

    public static final int MAX_LENGTH = 128;
    private static final String COMMON_PASSWORDS = "common-passwords.txt";

    private final int minLength;
    private final Set<String> commonPasswords;

    public PasswordPolicy(AbuseLimitsProperties limits) {
        this.minLength = limits.passwordMinLength();
        this.commonPasswords = loadCommonPasswords();
    }

    /** Refuses a password that breaks a rule, naming the rule under {@code field} in the details. */
    public void check(String field, String password, String email, String name) {
        violation(password, email, name).ifPresent(rule -> {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The password " + rule, Map.of(field, rule));
        });
    }

    /** The first rule the password breaks, worded to follow "the password". */
    public Optional<String> violation(String password, String email, String name) {
        if (password == null) {
            return Optional.empty();
        }
        if (password.length() < minLength) {
            return Optional.of("must be at least " + minLength + " characters long");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters long");
        }
        if (password.isBlank()) {
            return Optional.of("must not be only spaces");
        }
        String folded = fold(password);
        if (email != null && (folded.equals(fold(email)) || folded.equals(fold(localPart(email))))) {
            return Optional.of("must not be your e-mail address");
        }
        if (name != null && !name.isBlank() && folded.equals(fold(name))) {
            return Optional.of("must not be your name");
        }
        if (commonPasswords.contains(folded)) {
            return Optional.of("is one of the most common passwords; choose another");
        }
        return Optional.empty();
    }

    private static String localPart(String email) {
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }

    private static String fold(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> loadCommonPasswords() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the build");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().map(PasswordPolicy::fold).filter(line -> !line.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
