package com.aipasta.ops.web;

import com.aipasta.common.ErrorCode;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's own error reports (a request refused before it reaches the application: a bad encoded path, a header too
 * large) in the envelope, instead of Tomcat's HTML page.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = ErrorCodes.forStatus(status);
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"status\":\"error\",\"code\":\"" + code.name() + "\",\"message\":\""
                        + ErrorCodes.messageFor(status) + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was already written; nothing left to tell it
        }
    }
}
