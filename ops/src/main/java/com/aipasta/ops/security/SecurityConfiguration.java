package com.aipasta.ops.security;

import com.aipasta.command.apikey.ApiKeys;
import com.aipasta.command.auth.JwtService;
import com.aipasta.command.auth.LegacyRevokedTokens;
import com.aipasta.command.access.AccessState;
import com.aipasta.command.http.PendingReads;
import com.aipasta.common.ErrorCode;
import com.aipasta.ops.web.EnvelopeWriter;
import com.aipasta.ops.web.RequestSizeLimitFilter;
import com.aipasta.ops.web.RequestTextFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SecurityConfiguration {

    private static final String[] PUBLIC_PATHS = {
            "/health", "/error", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/actuator/health", "/actuator/health/**", "/actuator/info"
    };

    /** The console: its page, its scripts and styles, and the WebJars it loads. They hold no data. */
    private static final String[] CONSOLE_PATHS = {"/", "/index.html", "/console/**", "/webjars/**"};

    /**
     * The console page runs no inline script and loads scripts from this origin only, besides Razorpay's Checkout;
     * model output it shows is sanitised, and this keeps a sanitiser's miss from running anything.
     */
    static final String CONSOLE_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' "
            + "https://checkout.razorpay.com; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' https://api.razorpay.com https://lumberjack.razorpay.com; "
            + "frame-src https://api.razorpay.com https://checkout.razorpay.com; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    public SecurityFilterChain api(HttpSecurity http, JwtService jwt, AccessState access,
                                   LegacyRevokedTokens legacyRevoked, EnvelopeWriter envelope,
                                   PendingReads pendingReads, WalletReadsAcrossNodes walletReads,
                                   WebSecurityProperties webSecurity, ApiKeys apiKeys,
                                   Clock clock)
            throws Exception {
        if (webSecurity.prometheusToken() != null && !webSecurity.prometheusToken().isBlank()) {
            http.addFilterBefore(new MetricsTokenFilter(webSecurity.prometheusToken()),
                    AnonymousAuthenticationFilter.class);
        }
        return http
                .cors(cors -> cors.configurationSource(corsConfiguration(webSecurity)))
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        SecurityConfiguration::isConsolePage,
                        new StaticHeadersWriter("Content-Security-Policy", CONSOLE_CONTENT_SECURITY_POLICY))))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/guest",
                                "/api/auth/google", "/api/auth/verify-email", "/api/auth/resend-otp",
                                "/api/auth/forgot-password", "/api/auth/verify-reset-otp", "/api/auth/reset-password")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/plans", "/api/leaderboard", "/api/leaderboard/**",
                                "/api/share/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/plans/webhook").permitAll()
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers(HttpMethod.GET, CONSOLE_PATHS).permitAll()
                        .requestMatchers(MetricsTokenFilter.PROMETHEUS_PATH)
                        .hasAnyRole("ADMIN", MetricsTokenFilter.METRICS_ROLE)
                        .requestMatchers("/api/admin/**", "/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> envelope.write(response,
                                ErrorCode.UNAUTHORIZED, "Authentication required: send a Bearer token", null))
                        .accessDeniedHandler((request, response, e) -> envelope.write(response,
                                ErrorCode.FORBIDDEN, "You may not do this", null)))
                .addFilterBefore(new BearerTokenFilter(jwt, access, legacyRevoked, envelope, pendingReads,
                                walletReads, apiKeys, clock),
                        AnonymousAuthenticationFilter.class)
                .build();
    }

    private static boolean isConsolePage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/") || path.equals("/index.html");
    }

    /**
     * Cross-origin calls from the listed origins only, with credentials; a preflight is answered before
     * authentication. With no origin listed, browsers may call the API from its own origin only.
     */
    private static CorsConfigurationSource corsConfiguration(WebSecurityProperties webSecurity) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!webSecurity.allowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(webSecurity.allowedOrigins());
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
            cors.setAllowedHeaders(List.of("Authorization", BearerTokenFilter.API_KEY_HEADER, "Content-Type", "Accept",
                    "Last-Event-ID"));
            cors.setExposedHeaders(List.of("Retry-After"));
            cors.setAllowCredentials(true);
            cors.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration("/**", cors);
        }
        return source;
    }

    /** Keeps Spring Boot from creating a default user with a generated password. */
    @Bean
    public UserDetailsService noUserDetails() {
        return new InMemoryUserDetailsManager();
    }

    @Bean
    public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(
            @Value("${aipasta.http.max-body-size:1MB}") DataSize maxBodySize,
            @Value("${aipasta.http.max-upload-size:50MB}") DataSize maxUploadSize, EnvelopeWriter envelope) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(maxBodySize.toBytes(), "/api/files", maxUploadSize.toBytes(), envelope));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<RequestTextFilter> requestTexts(EnvelopeWriter envelope) {
        FilterRegistrationBean<RequestTextFilter> registration =
                new FilterRegistrationBean<>(new RequestTextFilter(envelope));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
