package com.aipasta.ops.web;

import com.aipasta.common.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;

/** Errors raised outside Spring MVC (by the servlet container or a filter) get the envelope too. */
@RestController
public class EnvelopeErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<ApiResponse> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer value ? value : 500;
        ErrorCode errorCode = Arrays.stream(ErrorCode.values())
                .filter(candidate -> candidate.httpStatus() == code)
                .findFirst()
                .orElse(code >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST);
        String message = code >= 500 ? "Something went wrong on our side" : "The request could not be served";
        return ResponseEntity.status(code).body(ApiResponse.error(errorCode, message, null));
    }
}
