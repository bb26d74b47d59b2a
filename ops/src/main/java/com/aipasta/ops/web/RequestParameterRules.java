package com.aipasta.ops.web;

import com.aipasta.common.InputRules;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Instants in query parameters and path variables follow the rules of instants in request bodies ({@link InputRules}):
 * an ISO date-time with an offset, within the range the stores hold; anything else is a 400 naming the parameter.
 */
@ControllerAdvice
public class RequestParameterRules {

    @InitBinder
    public void instants(WebDataBinder binder) {
        binder.registerCustomEditor(Instant.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (text == null || text.isBlank()) {
                    setValue(null);
                    return;
                }
                Instant instant;
                try {
                    instant = DateTimeFormatter.ISO_DATE_TIME.parse(text.strip(), Instant::from);
                } catch (DateTimeException notAnInstant) {
                    throw new IllegalArgumentException(notAnInstant.getMessage(), notAnInstant);
                }
                InputRules.instantProblem(instant).ifPresent(problem -> {
                    throw new IllegalArgumentException(problem);
                });
                setValue(instant);
            }
        });
    }
}
