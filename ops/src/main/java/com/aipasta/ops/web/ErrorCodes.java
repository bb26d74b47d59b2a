package com.aipasta.ops.web;

import com.aipasta.common.ErrorCode;

import java.util.Arrays;

/** The error code and message of an HTTP status that arrives without one of the platform's codes. */
final class ErrorCodes {

    private ErrorCodes() {
    }

    static ErrorCode forStatus(int status) {
        return Arrays.stream(ErrorCode.values())
                .filter(candidate -> candidate.httpStatus() == status)
                .findFirst()
                .orElse(status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST);
    }

    static String messageFor(int status) {
        return status >= 500 ? "Something went wrong on our side" : "The request could not be served";
    }
}
