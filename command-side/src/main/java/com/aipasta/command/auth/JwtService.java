package com.aipasta.command.auth;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
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
import java.util.Locale;
import java.util.UUID;

/** Issues and verifies HS256 bearer tokens. */
@Component
public class JwtService {

    static final int MIN_SECRET_BYTES = 32;
    private static final String ISSUER = "aipasta";
    private static final String ROLE = "role";
    private static final String CREDENTIALS_VERSION = "cv";

    private final SecretKey key;
    private final Duration ttl;
    private final Clock clock;

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
        Instant now = clock.instant();
        return Jwts.builder()
                .id(UUID.randomUUID().toString())
                .issuer(ISSUER)
                .subject(userId.value())
                .claim(ROLE, role.toString())
                .claim(CREDENTIALS_VERSION, credentialsVersion)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    public AccessToken verify(String token) {
        try {
            Claims claims = Jwts.parser()
                    .verifyWith(key)
                    .requireIssuer(ISSUER)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            return new AccessToken(new UserId(claims.getSubject()),
                    Role.valueOf(claims.get(ROLE, String.class).toUpperCase(Locale.ROOT)),
                    claims.get(CREDENTIALS_VERSION, Integer.class), claims.getId(),
                    claims.getExpiration().toInstant());
        } catch (ExpiredJwtException e) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "The token has expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "The token is not valid");
        }
    }
}
