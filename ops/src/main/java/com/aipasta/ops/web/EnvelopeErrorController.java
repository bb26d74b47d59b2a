package com.aipasta.ops.web;

import com.aipasta.common.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC get the envelope too: those of a filter or the servlet container through this
 * controller, those Tomcat answers itself (before any servlet) through {@link EnvelopeErrorReportValve}.
 */
@RestController
public class EnvelopeErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<ApiResponse> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
            return ResponseEntity.status(ErrorCode.NOT_FOUND.httpStatus())
                    .body(ApiResponse.error(ErrorCode.NOT_FOUND, "No such resource", null));
        }
        return ResponseEntity.status(status)
                .body(ApiResponse.error(ErrorCodes.forStatus(status), ErrorCodes.messageFor(status), null));
    }

    @Bean
    public static WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
            }
        });
    }
}
