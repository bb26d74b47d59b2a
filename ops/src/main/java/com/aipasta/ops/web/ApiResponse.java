package com.aipasta.ops.web;

import com.aipasta.common.ErrorCode;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The one envelope of every response: {@code {status, data}} or {@code {status, code, message, details}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse(String status, Object data, String code, String message, Object details) {

    public static ApiResponse success(Object data) {
        return new ApiResponse("success", data, null, null, null);
    }

    public static ApiResponse error(ErrorCode code, String message, Object details) {
        return new ApiResponse("error", null, code.name(), message, details);
    }
}
