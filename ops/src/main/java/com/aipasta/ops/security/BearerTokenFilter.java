package com.aipasta.ops.security;

import com.aipasta.account.api.query.Credentials;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.auth.JwtService;
import com.aipasta.command.auth.RevokedTokens;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.ops.projection.Projections;
import com.aipasta.ops.web.EnvelopeWriter;
import com.aipasta.projections.account.UserAccountProjection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates a request by its bearer token: the signature and expiry, then revocation, then the account
 * as projected now (still active, same credentials version), whose current role is what the request gets.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    /** The same for every reason, so a caller learns nothing about a token or its account from the refusal. */
    public static final String GENERIC_REFUSAL = "Invalid or expired token";

    private final JwtService jwt;
    private final RevokedTokens revoked;
    private final ReadModels readModels;
    private final EnvelopeWriter envelope;
    private final Projections projections;

    public BearerTokenFilter(JwtService jwt, RevokedTokens revoked, ReadModels readModels, EnvelopeWriter envelope,
                             Projections projections) {
        this.jwt = jwt;
        this.revoked = revoked;
        this.readModels = readModels;
        this.envelope = envelope;
        this.projections = projections;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            AccessToken token = authenticate(header);
            SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(token, null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + token.role().name()))));
        } catch (DomainException e) {
            SecurityContextHolder.clearContext();
            envelope.write(response, ErrorCode.UNAUTHORIZED, GENERIC_REFUSAL, null);
            return;
        }
        chain.doFilter(request, response);
    }

    private AccessToken authenticate(String header) {
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("Send the token as 'Authorization: Bearer <token>'");
        }
        AccessToken token = jwt.verify(header.substring(BEARER.length()).trim());
        if (revoked.isRevoked(token)) {
            throw unauthorized("The token was revoked");
        }
        Credentials credentials = credentials(token.userId())
                .filter(Credentials::active)
                .orElseThrow(() -> unauthorized("The account is not active"));
        if (credentials.credentialsVersion() != token.credentialsVersion()) {
            throw unauthorized("The password was changed since this token was issued; log in again");
        }
        return token.withRole(credentials.role());
    }

    /** While the accounts are rebuilt, an account not replayed yet is waited for rather than refused. */
    private Optional<Credentials> credentials(UserId userId) {
        Optional<Credentials> credentials = readModels.credentials(userId);
        if (credentials.isEmpty() && projections.isRebuilding(UserAccountProjection.NAME)) {
            return Optional.of(readModels.await(userId.value(), () -> readModels.credentials(userId),
                    replayed -> true));
        }
        return credentials;
    }

    private static DomainException unauthorized(String message) {
        return new DomainException(ErrorCode.UNAUTHORIZED, message);
    }
}
