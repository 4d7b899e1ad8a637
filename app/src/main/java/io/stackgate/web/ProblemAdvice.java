package io.stackgate.web;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.stackgate.errors.DomainError;
import io.stackgate.errors.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns domain refusals and malformed bodies into RFC 7807 problem bodies that name the field at fault. */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    public static final String TYPE_BASE = "https://stackgate.io/problems/";

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ProblemAdvice(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @ExceptionHandler(DomainError.class)
    ResponseEntity<ProblemDetail> domain(DomainError e, HttpServletRequest request) {
        ProblemDetail problem = problem(e);
        if (e.kind() == DomainError.Kind.FORBIDDEN) {
            refused(events, clock, request, e.getMessage());
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * Tells of a write refused for lack of a right (who tried what), for the audit log; reads are not told. Called
     * after the refused request's transaction ended, so the record of it is not rolled back with it.
     */
    public static void refused(ApplicationEventPublisher events, Clock clock, HttpServletRequest request, String reason) {
        if (READS.contains(request.getMethod())) {
            return;
        }
        String id = null;
        String name = null;
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            id = token.getToken().getSubject();
            name = token.getToken().getClaimAsString("preferred_username");
        } else if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)) {
            id = authentication.getName();
            name = authentication.getName();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        events.publishEvent(new AccessRefused(id, name, request.getMethod(), path, reason, clock.instant()));
    }


    /** The one mapping of a domain error's kind to an HTTP status. */
    public static HttpStatus status(DomainError.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /**
     * The problem body of a refusal (also written by filters that answer before Spring MVC, e.g. {@link BodySizeLimit}):
     * status from the error's kind, {@code type} the documented URI of its problem type (docs/problems.md).
     */
    static ProblemDetail problem(DomainError e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(e.kind()), e.getMessage());
        problem.setTitle(e.title());
        problem.setType(URI.create(TYPE_BASE + e.type()));
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /**
     * Two callers raced for the same thing (the same task decided twice, a cancel meeting the last approval): the
     * loser is told to look again, nothing was half-done — the transaction rolled back.
     */
    @ExceptionHandler({OptimisticLockingException.class, TaskAlreadyClaimedException.class,
            DataIntegrityViolationException.class, MismatchingMessageCorrelationException.class,
            PessimisticLockingFailureException.class})
    ProblemDetail concurrentChange(Exception e) {
        return concurrentChangeProblem(e);
    }

    /**
     * The problem an exception would be answered with, for endpoints that report several outcomes in one answer (bulk
     * actions): a domain refusal as its type, a concurrent change as such, anything else as an internal error (logged).
     */
    public static ProblemDetail problemOf(RuntimeException e) {
        if (e instanceof DomainError domain) {
            return problem(domain);
        }
        if (e instanceof OptimisticLockingException || e instanceof TaskAlreadyClaimedException
                || e instanceof DataIntegrityViolationException || e instanceof MismatchingMessageCorrelationException
                || e instanceof PessimisticLockingFailureException) {
            return concurrentChangeProblem(e);
        }
        log.error("unexpected error", e);
        return internalError();
    }

    private static ProblemDetail concurrentChangeProblem(Exception e) {
        log.info("concurrent change refused: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "someone else changed this at the same moment; reload and try again");
        problem.setTitle("Concurrent change");
        problem.setType(URI.create(TYPE_BASE + "concurrent-change"));
        return problem;
    }

    private static ProblemDetail internalError() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "an unexpected error occurred; operators can find it in the log");
        problem.setTitle("Internal error");
        problem.setType(URI.create(TYPE_BASE + "internal-error"));
        return problem;
    }

    /** Anything unexpected: a generic answer; the details go to the log only. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e; // Spring Security answers these (401/403)
        }
        if (e instanceof org.springframework.web.ErrorResponse || e instanceof org.springframework.web.servlet.NoHandlerFoundException) {
            return handleException(e, request);
        }
        log.error("unexpected error", e);
        return ResponseEntity.internalServerError().body(internalError());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLarge tooLarge) { // a body that passed the limit while it was read
                return ResponseEntity.status(status(tooLarge.kind())).body(problem(tooLarge));
            }
        }
        String field = null;
        String message = "the request body is not valid JSON";
        if (e.getCause() instanceof JsonMappingException mapping) {
            field = JsonPaths.of(mapping.getPath());
            if (mapping instanceof UnrecognizedPropertyException) {
                message = "unknown field";
            } else if (mapping instanceof InvalidFormatException format) {
                message = "cannot read '" + format.getValue() + "' as " + format.getTargetType().getSimpleName();
            } else {
                message = mapping.getOriginalMessage();
            }
        }
        List<Map<String, String>> errors = field == null ? List.of()
                : List.of(Map.of("field", field, "message", message));
        ProblemDetail problem = invalid(errors);
        if (errors.isEmpty()) {
            problem.setDetail(message);
        }
        return ResponseEntity.badRequest().body(problem);
    }

    private static ProblemDetail invalid(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Invalid request");
        problem.setType(URI.create(TYPE_BASE + "invalid-request"));
        if (!errors.isEmpty()) {
            problem.setDetail(errors.stream().map(e -> e.get("field") + ": " + e.get("message"))
                    .reduce((a, b) -> a + "; " + b).orElse(""));
            problem.setProperty("field", errors.get(0).get("field"));
            problem.setProperty("errors", errors);
        }
        return problem;
    }

}
