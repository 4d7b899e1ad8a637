package io.stackgate.identity.security;

import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The writes of Camunda's engine API ({@code /engine-rest}, and Cockpit's {@code /camunda/api/engine}) that nobody
 * may make by hand: completing or reassigning tasks, starting, modifying or deleting instances, correlating messages,
 * deploying. Those would bypass the approval rules the platform enforces. What stays open to operators: reading,
 * the POST queries, retrying jobs, annotating incidents, suspending and resuming.
 */
public final class EngineApiWrites implements RequestMatcher {

    public static final EngineApiWrites INSTANCE = new EngineApiWrites();

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern ENGINE_API = Pattern.compile("^/(engine-rest|camunda/api/engine)/.*");
    private static final Pattern ALLOWED_WRITE = Pattern.compile(".*/("
            + "(task|process-instance|execution|job|job-definition|variable-instance|external-task|incident"
            + "|process-definition|decision-definition|deployment|batch)(/count)?"
            + "|history/[a-z-]+(/count)?"
            + "|(job|job-definition|external-task)/[^/]+/retries|(job|external-task)/retries"
            + "|incident/[^/]+/annotation"
            + "|(process-instance|process-definition|job|job-definition)/[^/]+/suspended"
            + ")$");

    private EngineApiWrites() {
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !READS.contains(request.getMethod()) && ENGINE_API.matcher(path).matches()
                && !ALLOWED_WRITE.matcher(path).matches();
    }
}
