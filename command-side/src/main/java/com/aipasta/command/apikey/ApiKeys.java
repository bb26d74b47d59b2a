package com.aipasta.command.apikey;

import com.aipasta.apikey.api.command.RecordApiKeyUseCommand;
import com.aipasta.apikey.api.value.ApiKeyId;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes API keys and recognises them. A key is {@code ap_<id>_<secret>}: the id names the key's record, so a presented
 * key is looked up by it, and the secret (256 random bits) makes it unguessable. Only the SHA-256 of the whole key is
 * kept; a fast hash suffices for a secret that long.
 */
@Component
public class ApiKeys {

    public static final String KEY_PREFIX = "ap_";
    private static final int SECRET_BYTES = 32;
    private static final int SHOWN_PREFIX_LENGTH = KEY_PREFIX.length() + 8;
    private static final Duration USE_RECORDING_INTERVAL = Duration.ofMinutes(1);

    public record NewKey(ApiKeyId keyId, String key, String prefix, String hash) {
    }

    private final ApiKeyState state;
    private final CommandGateway commands;
    private final SecureRandom random = new SecureRandom();
    private final Cache<ApiKeyId, Instant> recentlyRecorded = Caffeine.newBuilder()
            .expireAfterWrite(USE_RECORDING_INTERVAL).maximumSize(100_000).build();

    public ApiKeys(ApiKeyState state, CommandGateway commands) {
        this.state = state;
        this.commands = commands;
    }

    public NewKey generate() {
        String id = UUID.randomUUID().toString().replace("-", "");
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String key = KEY_PREFIX + id + "_" + HexFormat.of().formatHex(secret);
        return new NewKey(new ApiKeyId(ApiKeyId.PREFIX + id), key, key.substring(0, SHOWN_PREFIX_LENGTH), hash(key));
    }

    public static boolean looksLikeKey(String credential) {
        return credential.startsWith(KEY_PREFIX);
    }

    /** The key's record when {@code presented} is a whole, unrevoked, unexpired key; empty for anything else. */
    public Optional<HeldKey> authenticate(String presented, Instant now) {
        Optional<ApiKeyId> keyId = idOf(presented);
        if (keyId.isEmpty()) {
            return Optional.empty();
        }
        byte[] presentedHash = hash(presented).getBytes(StandardCharsets.US_ASCII);
        return state.of(keyId.get())
                .filter(held -> MessageDigest.isEqual(held.keyHash().getBytes(StandardCharsets.US_ASCII),
                        presentedHash))
                .filter(held -> held.usableAt(now));
    }

    /** Records that the key was used, at most once a minute per key, without holding up the request. */
    public void noteUse(ApiKeyId keyId, Instant now) {
        if (recentlyRecorded.asMap().putIfAbsent(keyId, now) == null) {
            commands.send(new RecordApiKeyUseCommand(keyId, now));
        }
    }

    private static Optional<ApiKeyId> idOf(String presented) {
        if (!looksLikeKey(presented)) {
            return Optional.empty();
        }
        String rest = presented.substring(KEY_PREFIX.length());
        int separator = rest.indexOf('_');
        if (separator <= 0 || !rest.substring(0, separator).matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeyId(ApiKeyId.PREFIX + rest.substring(0, separator)));
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
