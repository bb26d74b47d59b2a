package com.aipasta.command.auth;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Verifies Google ID tokens with Nimbus JOSE+JWT: an RS256 signature by a key of Google's published set (fetched and
 * cached, fetched again for a key it does not know), one of the configured client ids as audience, an accepted
 * issuer, not expired, and a verified e-mail address.
 */
@Component
public class GoogleIdTokens {

    private static final Logger log = LoggerFactory.getLogger(GoogleIdTokens.class);
    private static final int TIMEOUT_MILLIS = 5_000;

    public record GoogleIdentity(String subject, String email, String name) {
    }

    private final GoogleProperties properties;
    private final DefaultJWTProcessor<SecurityContext> processor;

    public GoogleIdTokens(GoogleProperties properties) throws MalformedURLException {
        this.properties = properties;
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(properties.jwksUrl().toURL(),
                        new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS))
                .cache(properties.keysTtl().toMillis(), TIMEOUT_MILLIS)
                .rateLimited(false)
                .build();
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(properties.clientIds()),
                new JWTClaimsSet.Builder().build(), Set.of("sub", "email", "exp", "iat", "iss", "aud"), null));
    }

    public boolean configured() {
        return properties.configured();
    }

    public GoogleIdentity verify(String idToken) {
        if (!configured()) {
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "Google sign-in is not configured on this "
                    + "platform", Map.of("feature", "google-login", "enabled", false));
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (KeySourceException e) {
            log.warn("Google's signing keys could not be fetched: {}", e.getMessage());
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "Google's signing keys could not be fetched");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw refused();
        }
        try {
            if (!properties.issuers().contains(claims.getIssuer())) {
                throw refused();
            }
            Object verified = claims.getClaim("email_verified");
            if (!(Boolean.TRUE.equals(verified) || "true".equals(verified))) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "The Google account's e-mail address is not verified");
            }
            String email = AuthProperties.normaliseEmail(claims.getStringClaim("email"));
            String name = claims.getStringClaim("name");
            return new GoogleIdentity(claims.getSubject(), email, name);
        } catch (ParseException e) {
            throw refused();
        }
    }

    private static DomainException refused() {
        return new DomainException(ErrorCode.UNAUTHORIZED, "The Google ID token is not valid");
    }
}
