package com.aipasta.command.auth;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * BCrypt over a SHA-256 digest of the password: BCrypt reads only 72 bytes, and passwords may have up to
 * 128 characters, so every character must count.
 */
@Component
public class PasswordHasher {

    private final BCryptPasswordEncoder bcrypt;
    private final String decoyHash;

    public PasswordHasher(AuthProperties properties) {
        this.bcrypt = new BCryptPasswordEncoder(properties.passwordHashStrength());
        this.decoyHash = bcrypt.encode("decoy");
    }

    public String hash(String password) {
        return bcrypt.encode(digest(password));
    }

    public boolean matches(String password, String hash) {
        return bcrypt.matches(digest(password), hash);
    }

    /** Spends the time of one comparison, so an unknown e-mail answers as slowly as a wrong password. */
    public void compareWithDecoy(String password) {
        bcrypt.matches(digest(password), decoyHash);
    }

    private static String digest(String password) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
