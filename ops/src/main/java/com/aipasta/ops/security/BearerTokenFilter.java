package com.aipasta.ops.security;

import com.aipasta.command.access.Access;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.apikey.ApiKeys;
import com.aipasta.command.apikey.HeldKey;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.auth.JwtService;
import com.aipasta.command.auth.LegacyRevokedTokens;
import com.aipasta.command.http.PendingReads;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.ops.web.EnvelopeWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Authenticates a request by its bearer token or by an API key ({@link ApiKeys}, in {@code X-API-Key} or as the
 * bearer credential). A token is checked by its signature, expiry and claims, then, from the accounts held in
 * memory ({@link AccessState}), that the token was not logged out and that the account is still active with the
 * same credentials version; the account's current role is what the request gets. A caller's request is served once
 * the read models show what their earlier requests wrote ({@link PendingReads}), and, where nodes share the database,
 * the caller's wallet as the event store holds it ({@link WalletReadsAcrossNodes}), except a new chat turn, which
 * reads none.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    /** The same for every reason, so a caller learns nothing about a token or its account from the refusal. */
    public static final String GENERIC_REFUSAL = "Invalid or expired token";
    private static final String CHAT_TURN = "/api/chat";
    public static final String API_KEY_HEADER = "X-API-Key";

    private final JwtService jwt;
    private final AccessState access;
    private final EnvelopeWriter envelope;
    private final LegacyRevokedTokens legacyRevoked;
    private final PendingReads pendingReads;
    private final WalletReadsAcrossNodes walletReads;
    private final ApiKeys apiKeys;
    private final Clock clock;

    public BearerTokenFilter(JwtService jwt, AccessState access, LegacyRevokedTokens legacyRevoked,
                             EnvelopeWriter envelope, PendingReads pendingReads, WalletReadsAcrossNodes walletReads,
                             ApiKeys apiKeys, Clock clock) {
        this.jwt = jwt;
        this.access = access;
        this.legacyRevoked = legacyRevoked;
        this.envelope = envelope;
        this.pendingReads = pendingReads;
        this.walletReads = walletReads;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String apiKeyHeader = request.getHeader(API_KEY_HEADER);
        if (header == null && apiKeyHeader == null) {
            chain.doFilter(request, response);
            return;
        }
        AccessToken token;
        try {
            String apiKey = apiKeyOf(header, apiKeyHeader);
            if (apiKey != null) {
                token = authenticateKey(apiKey, request);
            } else {
                token = authenticate(header);
            }
        } catch (DomainException e) {
            SecurityContextHolder.clearContext();
            if (e.code() == ErrorCode.FORBIDDEN) {
                envelope.write(response, ErrorCode.FORBIDDEN, e.getMessage(), null);
            } else {
                envelope.write(response, ErrorCode.UNAUTHORIZED, GENERIC_REFUSAL, null);
            }
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(token, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + token.role().name()))));
        if (!isChatTurn(request)) {
            pendingReads.awaitFor(token.userId());
            walletReads.awaitFor(token.userId());
        }
        chain.doFilter(request, response);
    }

    /** A new chat turn decides from the write side alone, so it need not wait for the read models to catch up. */
    private static boolean isChatTurn(HttpServletRequest request) {
        return HttpMethod.POST.matches(request.getMethod()) && CHAT_TURN.equals(request.getServletPath());
    }

    /** The API key presented, in {@code X-API-Key} or as the bearer credential; null when the caller sent a token. */
    private static String apiKeyOf(String authorization, String apiKeyHeader) {
        if (apiKeyHeader != null) {
            if (authorization != null) {
                throw unauthorized("Send either an API key or a token, not both");
            }
            return apiKeyHeader.trim();
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String credential = authorization.substring(BEARER.length()).trim();
            return ApiKeys.looksLikeKey(credential) ? credential : null;
        }
        return null;
    }

    /**
     * A key authenticates as its owner, while the key and the owner's account both still work, and only for the chat
     * and model endpoints its scopes name: never for keys, passwords or the account itself.
     */
    private AccessToken authenticateKey(String key, HttpServletRequest request) {
        Instant now = clock.instant();
        HeldKey held = apiKeys.authenticate(key, now).orElseThrow(() -> unauthorized("Unknown or revoked API key"));
        Access account = access.of(held.ownerId())
                .filter(owner -> owner.usableAt(now))
                .orElseThrow(() -> unauthorized("The account is not active"));
        if (!ApiKeyScopes.allow(held.scopes(), request.getServletPath())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "This API key may not be used here: API keys work only "
                    + "for the chat and model endpoints their scopes name");
        }
        apiKeys.noteUse(held.keyId(), now);
        return new AccessToken(held.ownerId(), account.role(), account.credentialsVersion(), held.keyId().value(),
                held.expiresAt());
    }

    private AccessToken authenticate(String header) {
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("Send the token as 'Authorization: Bearer <token>'");
        }
        AccessToken token = jwt.verify(header.substring(BEARER.length()).trim());
        Access account = access.of(token.userId())
                .filter(held -> held.usableAt(clock.instant()))
                .orElseThrow(() -> unauthorized("The account is not active"));
        if (account.revoked(token.tokenId()) || legacyRevoked.contains(token.tokenId())) {
            throw unauthorized("The token was revoked");
        }
        if (account.credentialsVersion() != token.credentialsVersion()) {
            throw unauthorized("The password was changed since this token was issued; log in again");
        }
        return token.withRole(account.role());
    }

    private static DomainException unauthorized(String message) {
        return new DomainException(ErrorCode.UNAUTHORIZED, message);
    }
}
