package com.aipasta.ops.web;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.ops.PlatformRole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Set;

/** On a query node, refuses every request but a read with 421 {@code WRONG_NODE}; a balancer sends those elsewhere. */
@Configuration(proxyBeanMethods = false)
public class RoleRouting implements WebMvcConfigurer, HandlerInterceptor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final PlatformRole role;

    public RoleRouting(PlatformRole role) {
        this.role = role;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (!role.sendsCommands()) {
            registry.addInterceptor(this);
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!READS.contains(request.getMethod())) {
            throw new DomainException(ErrorCode.WRONG_NODE, "This node serves reads only; send " + request.getMethod()
                    + " requests to a command node");
        }
        return true;
    }
}
