package com.aipasta.ops.web;

import com.aipasta.command.auth.RateLimitedException;
import com.aipasta.command.config.LateAppends;
import com.aipasta.common.Causes;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Maps every failure to the error envelope, in one place; nothing reaches the client as a stack trace. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(DomainException.class)
    public ResponseEntity<ApiResponse> domain(DomainException e) {
        if (e instanceof RateLimitedException limited) {
            return ResponseEntity.status(e.code().httpStatus()).contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()))
                    .body(ApiResponse.error(e.code(), e.getMessage(), e.details()));
        }
        return respond(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ApiResponse> noSuchAggregate(AggregateNotFoundException e) {
        return respond(ErrorCode.NOT_FOUND, "No such resource", null);
    }

    /** Another node kept changing the same aggregate at the same moment, through every retry of the command. */
    @ExceptionHandler(ConcurrencyException.class)
    public ResponseEntity<ApiResponse> concurrentChange(ConcurrencyException e) {
        log.warn("A command gave up after its retries: {}", e.getMessage());
        return respond(ErrorCode.CONFLICT, "Another request changed the same data at the same moment; try again",
                null);
    }

    @ExceptionHandler(BindException.class)
    public ResponseEntity<ApiResponse> invalidBody(BindException e) {
        Map<String, String> fields = new LinkedHashMap<>();
        e.getFieldErrors().forEach(error -> fields.putIfAbsent(error.getField(), error.getDefaultMessage()));
        e.getGlobalErrors().forEach(error -> fields.putIfAbsent(error.getObjectName(), error.getDefaultMessage()));
        return respond(ErrorCode.VALIDATION_FAILED, "Some fields are invalid", fields);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<ApiResponse> invalidParameters(HandlerMethodValidationException e) {
        Map<String, String> fields = new LinkedHashMap<>();
        e.getParameterValidationResults().forEach(result -> fields.putIfAbsent(
                result.getMethodParameter().getParameterName(),
                result.getResolvableErrors().get(0).getDefaultMessage()));
        return respond(ErrorCode.VALIDATION_FAILED, "Some parameters are invalid", fields);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ApiResponse> constraintViolation(ConstraintViolationException e) {
        Map<String, String> fields = e.getConstraintViolations().stream().collect(Collectors.toMap(
                violation -> violation.getPropertyPath().toString(), violation -> violation.getMessage(),
                (first, second) -> first, LinkedHashMap::new));
        return respond(ErrorCode.VALIDATION_FAILED, "Some parameters are invalid", fields);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ApiResponse> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimitFilter.PayloadTooLargeException tooLarge) {
                return respond(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), null);
            }
            if (cause instanceof DomainException domain) {
                return respond(domain);
            }
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String problem = mapping instanceof StrictJson.RejectedValueException rejected ? rejected.reason()
                    : "has the wrong type or format";
            return respond(ErrorCode.VALIDATION_FAILED, "Field " + field + " " + problem, Map.of(field, problem));
        }
        if (e.getCause() instanceof JsonParseException parse && parse.getProcessor() != null
                && parse.getOriginalMessage().startsWith("Duplicate field")) {
            String field = fieldPath(parse.getProcessor());
            return respond(ErrorCode.VALIDATION_FAILED, "Field " + field + " appears more than once",
                    Map.of(field, "appears more than once"));
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return respond(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON", null);
        }
        return respond(ErrorCode.MALFORMED_REQUEST, "The request body is missing or unreadable", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ApiResponse> wrongParameterType(MethodArgumentTypeMismatchException e) {
        return respond(ErrorCode.VALIDATION_FAILED, "Parameter " + e.getName() + " has the wrong type",
                Map.of(e.getName(), "has the wrong type"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<ApiResponse> missingParameter(MissingServletRequestParameterException e) {
        return respond(ErrorCode.VALIDATION_FAILED, "Parameter " + e.getParameterName() + " is required",
                Map.of(e.getParameterName(), "is required"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ApiResponse> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return respond(ErrorCode.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here", null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ApiResponse> wrongContentType(HttpMediaTypeNotSupportedException e) {
        return respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json", null);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<ApiResponse> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(ErrorCode.NOT_ACCEPTABLE, "This resource is available as application/json", null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<ApiResponse> noRoute(NoResourceFoundException e) {
        return respond(ErrorCode.NOT_FOUND, "No such resource", null);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ResponseEntity<ApiResponse> uploadTooLarge(MaxUploadSizeExceededException e) {
        return respond(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large", null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ApiResponse> forbidden(AccessDeniedException e) {
        return respond(ErrorCode.FORBIDDEN, "You may not do this", null);
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<ApiResponse> unauthenticated(AuthenticationException e) {
        return respond(ErrorCode.UNAUTHORIZED, "Authentication required", null);
    }

    /** The client of an event stream went away; there is nobody left to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    public void clientGone(AsyncRequestNotUsableException e) {
        log.debug("Client went away: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ApiResponse> unexpected(Exception e) {
        DomainException domain = wrappedDomainException(e);
        if (domain != null) {
            return domain(domain);
        }
        if (LateAppends.isLateAppend(e)) {
            log.warn("A command gave up after its retries: the event store refused its events as too late");
            return respond(ErrorCode.SERVICE_UNAVAILABLE, "The platform is overloaded; try again", null);
        }
        log.error("Unhandled failure", e);
        return respond(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side", null);
    }

    private static String fieldPath(JsonParser parser) {
        List<String> names = new ArrayList<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            names.add(0, context.inArray() ? "[" + context.getCurrentIndex() + "]" : context.getCurrentName());
        }
        return String.join(".", names);
    }

    private static DomainException wrappedDomainException(Throwable e) {
        return Causes.of(e).filter(DomainException.class::isInstance).map(DomainException.class::cast).findFirst()
                .orElse(null);
    }

    private static ResponseEntity<ApiResponse> respond(DomainException e) {
        return respond(e.code(), e.getMessage(), e.details().isEmpty() ? null : e.details());
    }

    private static ResponseEntity<ApiResponse> respond(ErrorCode code, String message, Object details) {
        return ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON)
                .body(ApiResponse.error(code, message, details));
    }
}
