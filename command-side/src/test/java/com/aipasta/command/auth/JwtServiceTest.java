package com.aipasta.command.auth;

import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtServiceTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dataDir;

    private static AuthProperties withSecret(String secret) {
        return new AuthProperties(secret, null, Duration.ofHours(1), 4, List.of());
    }

    @Test
    void refusesToStartWithASecretShorterThan256Bits() {
        assertThatThrownBy(() -> new JwtService(withSecret("x".repeat(31)), new SecretStore(dataDir),
                Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 256 bits");
    }

    @Test
    void generatesASecretOnceAndKeepsItInTheDataDirectory() throws Exception {
        JwtService first = new JwtService(withSecret(null), new SecretStore(dataDir), Clock.systemUTC());
        String token = first.issue(new UserId("u1"), Role.USER, 0);
        JwtService afterRestart = new JwtService(withSecret(""), new SecretStore(dataDir), Clock.systemUTC());

        assertThat(afterRestart.verify(token).userId()).isEqualTo(new UserId("u1"));
        assertThat(Files.readString(dataDir.resolve("secrets/jwt-secret")).length()).isGreaterThanOrEqualTo(32);
    }

    @Test
    void carriesTheUserRoleAndCredentialsVersionUntilItExpires() {
        AuthProperties properties = withSecret("a-configured-secret-of-more-than-32-bytes");
        JwtService issuer = new JwtService(properties, new SecretStore(dataDir), Clock.fixed(NOW, ZoneOffset.UTC));
        AccessToken token = issuer.verify(issuer.issue(new UserId("u1"), Role.ADMIN, 3));

        assertThat(token.role()).isEqualTo(Role.ADMIN);
        assertThat(token.credentialsVersion()).isEqualTo(3);
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));

        JwtService later = new JwtService(properties, new SecretStore(dataDir),
                Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(issuer.issue(new UserId("u1"), Role.ADMIN, 3)))
                .isInstanceOf(DomainException.class)
                .matches(e -> ((DomainException) e).code() == ErrorCode.UNAUTHORIZED)
                .hasMessage("The token has expired");
    }

    /** A token verified once is remembered; it still stops working the moment it expires. */
    @Test
    void aTokenVerifiedBeforeStillExpiresOnTime() {
        MutableClock clock = new MutableClock(NOW);
        JwtService service = new JwtService(withSecret(SECRET), new SecretStore(dataDir), clock);
        String token = service.issue(new UserId("u1"), Role.USER, 0);

        assertThat(service.verify(token).userId()).isEqualTo(new UserId("u1"));
        clock.now = NOW.plus(Duration.ofMinutes(59));
        assertThat(service.verify(token).userId()).isEqualTo(new UserId("u1"));
        clock.now = NOW.plus(Duration.ofHours(1)).plusSeconds(1);
        assertThatThrownBy(() -> service.verify(token)).isInstanceOf(DomainException.class)
                .hasMessage("The token has expired");
        assertThatThrownBy(() -> service.verify(token + "x")).isInstanceOf(DomainException.class)
                .hasMessage("The token is not valid");
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final String SECRET = "a-configured-secret-of-more-than-32-bytes";

    /** A token as the platform issues it, signed with the platform's key, with one claim left out or changed. */
    private static String signedWith(UnaryOperator<JwtBuilder> change) {
        JwtBuilder builder = Jwts.builder()
                .id("token-1")
                .issuer("aipasta")
                .subject("u1")
                .claim("role", "user")
                .claim("cv", 0)
                .issuedAt(Date.from(NOW))
                .expiration(Date.from(NOW.plus(Duration.ofHours(1))));
        return change.apply(builder)
                .signWith(Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();
    }

    private JwtService verifier() {
        return new JwtService(withSecret(SECRET), new SecretStore(dataDir), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void acceptsATokenWithEveryClaim() {
        AccessToken token = verifier().verify(signedWith(UnaryOperator.identity()));

        assertThat(token.tokenId()).isEqualTo("token-1");
        assertThat(token.userId()).isEqualTo(new UserId("u1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub", "role", "cv", "exp", "jti", "iat", "iss"})
    void refusesATokenMissingARequiredClaim(String claim) {
        String token = signedWith(builder -> builder.claims().delete(claim).and());

        assertThatThrownBy(() -> verifier().verify(token))
                .isInstanceOf(DomainException.class)
                .matches(e -> ((DomainException) e).code() == ErrorCode.UNAUTHORIZED)
                .hasMessage("The token is not valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"role=superuser", "role=USER", "role=7", "cv=-1", "cv=one", "cv=1.5", "sub=", "jti= "})
    void refusesATokenWithAMalformedClaim(String change) {
        String claim = change.substring(0, change.indexOf('='));
        String value = change.substring(change.indexOf('=') + 1);
        Object typed = switch (value) {
            case "7" -> 7;
            case "-1" -> -1;
            case "1.5" -> 1.5;
            default -> value;
        };
        String token = signedWith(builder -> builder.claims().add(claim, typed).and());

        assertThatThrownBy(() -> verifier().verify(token))
                .isInstanceOf(DomainException.class)
                .matches(e -> ((DomainException) e).code() == ErrorCode.UNAUTHORIZED)
                .hasMessage("The token is not valid");
    }
}
