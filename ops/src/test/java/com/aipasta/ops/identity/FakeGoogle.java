package com.aipasta.ops.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Stands in for Google: an RSA key generated here, published as a JWKS by a local server, and ID tokens signed with
 * it (or with another key, which the JWKS does not hold).
 */
public final class FakeGoogle {

    public static final String CLIENT_ID = "aipasta-test.apps.googleusercontent.com";
    public static final String ISSUER = "https://accounts.google.com";

    private static final RSAKey KEY = generate("google-key-1");
    private static final RSAKey FOREIGN_KEY = generate("google-key-1");
    private static final MockWebServer SERVER = start();

    private FakeGoogle() {
    }

    public static String jwksUrl() {
        return SERVER.url("/oauth2/v3/certs").toString();
    }

    public static String idToken(String subject, String email, String name) {
        return idToken(KEY, claims(subject, email, name).build());
    }

    public static JWTClaimsSet.Builder claims(String subject, String email, String name) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(CLIENT_ID)
                .subject(subject)
                .claim("email", email)
                .claim("email_verified", true)
                .claim("name", name)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    public static String idToken(JWTClaimsSet claims) {
        return idToken(KEY, claims);
    }

    /** Signed by a key of the same id that Google never published. */
    public static String idTokenSignedElsewhere(JWTClaimsSet claims) {
        return idToken(FOREIGN_KEY, claims);
    }

    private static String idToken(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockWebServer start() {
        String jwks = new JWKSet(KEY.toPublicJWK()).toString();
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                        .body(jwks).build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    static Map<String, Object> body(String idToken) {
        return Map.of("idToken", idToken);
    }
}
