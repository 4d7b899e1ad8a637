package io.stackgate.audit.log;

import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;

import io.stackgate.audit.log.EngineAccess.EngineApiWrite;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records the writes through the engine API ({@code /engine-rest}) and Cockpit's ({@code /camunda/api}) that went
 * through — what operators can change there beside the platform (job retries, suspensions, annotations). Queries sent
 * as POST are reads and are not recorded. (Logins to the web apps are an event of the identity capability.)
 */
@Component
class EngineAccessRecorder extends OncePerRequestFilter {

    private static final Pattern ENGINE_API = Pattern.compile("^/(engine-rest|camunda/api)/.*");
    private static final Pattern CHANGES = Pattern.compile(".*/(retries|suspended|annotation|variables(/[^/]+)?)$");
    private static final Set<String> WRITES = Set.of("PUT", "DELETE", "PATCH");

    private final AuditRecorder recorder;
    private final Clock clock;

    EngineAccessRecorder(AuditRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !ENGINE_API.matcher(path).matches()
                || !(WRITES.contains(request.getMethod()) || (request.getMethod().equals("POST")
                        && CHANGES.matcher(path).matches()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (response.getStatus() < 400) {
            recorder.on(new EngineApiWrite(request.getMethod(), path(request), response.getStatus(), clock.instant()));
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
