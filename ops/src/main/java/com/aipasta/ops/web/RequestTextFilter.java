package com.aipasta.ops.web;

import com.aipasta.common.ErrorCode;
import com.aipasta.common.InputRules;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Holds a request's query parameters to the rules request bodies follow ({@link InputRules}): a NUL in one, or one not
 * validly percent-encoded, is a 400 naming it before any handler, query or store sees it. (Tomcat refuses such a path
 * itself.)
 */
public class RequestTextFilter extends OncePerRequestFilter {

    private final EnvelopeWriter envelope;

    public RequestTextFilter(EnvelopeWriter envelope) {
        this.envelope = envelope;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Map.Entry<String, String>> problem = queryProblem(request.getQueryString());
        if (problem.isPresent()) {
            String field = problem.get().getKey();
            envelope.write(response, ErrorCode.VALIDATION_FAILED, field + " " + problem.get().getValue(),
                    Map.of(field, problem.get().getValue()));
            return;
        }
        chain.doFilter(request, response);
    }

    private static Optional<Map.Entry<String, String>> queryProblem(String query) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            Optional<Map.Entry<String, String>> problem = problemOf("query", name);
            if (problem.isEmpty() && equals >= 0) {
                problem = problemOf(decoded(name), pair.substring(equals + 1));
            }
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<Map.Entry<String, String>> problemOf(String field, String encoded) {
        String text;
        try {
            text = decoded(encoded);
        } catch (IllegalArgumentException malformed) {
            return Optional.of(Map.entry(field, "is not validly percent-encoded"));
        }
        return InputRules.textProblem(text).map(problem -> Map.entry(field, problem));
    }

    private static String decoded(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}
