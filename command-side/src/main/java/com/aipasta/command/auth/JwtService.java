package com.aipasta.command.auth;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Issues and verifies HS256 bearer tokens. A token verified once is remembered (a bounded number, for a few minutes)
 * with what it says, so the requests of a client sending it again skip the signature and the parsing; its expiry is
 * checked at every use.
 */
@Component
public class JwtService {

    static final int MIN_SECRET_BYTES = 32;
    private static final String ISSUER = "aipasta";
    private static final String ROLE = "role";
    private static final String CREDENTIALS_VERSION = "cv";
    private static final int REMEMBERED_TOKENS = 100_000;
    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

    private final SecretKey key;
    private final Duration ttl;
    private final Clock clock;
    private final Cache<String, AccessToken> verified = Caffeine.newBuilder().maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(REMEMBERED_FOR).build();

    public JwtService(AuthProperties properties, SecretStore secrets, Clock clock) {
        byte[] secret = secrets.configuredOrGenerated(properties.jwtSecret(), "jwt-secret")
                .getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("JWT_SECRET must be at least 256 bits (32 bytes); it has "
                    + secret.length + " bytes");
        }
        this.key = Keys.hmacShaKeyFor(secret);
        this.ttl = properties.tokenTtl();
        this.clock = clock;
    }

    public String issue(UserId userId, Role role, int credentialsVersion) {
        return issue(userId, role, credentialsVersion, null);
    }

    /** A token that expires at {@code notAfter} when that comes before the configured lifetime ends. */
    public String issue(UserId userId, Role role, int credentialsVersion, Instant notAfter) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        if (notAfter != null && notAfter.isBefore(expiresAt)) {
            expiresAt = notAfter;
        }
        return Jwts.builder()
                .id(UUID.randomUUID().toString())
                .issuer(ISSUER)
                .subject(userId.value())
                .claim(ROLE, role.toString())
                .claim(CREDENTIALS_VERSION, credentialsVersion)
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /**
     * Accepts only a token of this issuer, signed with this key, unexpired, and carrying every claim the platform
     * issues (sub, role, cv, exp, jti, iat) with a well-formed value; anything else is 401.
     */
    public AccessToken verify(String token) {
        AccessToken known = verified.get(token, this::parse);
        if (clock.instant().isAfter(known.expiresAt())) {
            verified.invalidate(token);
            throw expired();
        }
        return known;
    }

    private AccessToken parse(String token) {
        Claims claims;
        try {
            claims = Jwts.parser()
                    .verifyWith(key)
                    .requireIssuer(ISSUER)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
        } catch (ExpiredJwtException e) {
            throw expired();
        } catch (JwtException | IllegalArgumentException e) {
            throw invalid();
        }
        required(claims.getIssuedAt());
        return new AccessToken(new UserId(required(claims.getSubject())), role(claims),
                credentialsVersion(claims), required(claims.getId()), required(claims.getExpiration()).toInstant());
    }

    private static Role role(Claims claims) {
        Object role = claims.get(ROLE);
        if (role instanceof String name) {
            for (Role candidate : Role.values()) {
                if (candidate.toString().equals(name)) {
                    return candidate;
                }
            }
        }
        throw invalid();
    }

    private static int credentialsVersion(Claims claims) {
        if (claims.get(CREDENTIALS_VERSION) instanceof Integer version && version >= 0) {
            return version;
        }
        throw invalid();
    }

    private static <T> T required(T claim) {
        if (claim == null || claim instanceof String text && text.isBlank()) {
            throw invalid();
        }
        return claim;
    }

    private static DomainException expired() {
        return new DomainException(ErrorCode.UNAUTHORIZED, "The token has expired");
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.UNAUTHORIZED, "The token is not valid");
    }
}
