package io.stackgate.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code stackgate.web.max-body-size} with 413 and a problem body, ahead of every
 * other filter (Spring Security's included): at once when the Content-Length says so, and for a body without one
 * (chunked) as soon as reading it passes the limit — the bytes are counted as they are read.
 */
@Component
class BodySizeLimit extends OncePerRequestFilter implements Ordered {

    private final DataSize limit;
    private final ObjectMapper json;

    BodySizeLimit(WebProperties web, ObjectMapper json) {
        this.limit = web.maxBodySize();
        this.json = json;
    }

    /** Right after the character encoding filter: before anything might read the body. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit.toBytes()) {
            refuse(response);
            return;
        }
        try {
            chain.doFilter(new Counted(request, limit), response);
        } catch (IOException | ServletException | RuntimeException e) {
            // a reader outside Spring MVC (Camunda's REST API) let it escape: answer it here if nothing was sent yet
            if (causedByTooLarge(e) && !response.isCommitted()) {
                response.reset();
                refuse(response);
                return;
            }
            throw e;
        }
    }

    private void refuse(HttpServletResponse response) throws IOException {
        ProblemDetail problem = ProblemAdvice.problem(new PayloadTooLarge(limit));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("Connection", "close"); // the rest of the body is not worth reading
        json.writeValue(response.getOutputStream(), problem);
    }

    private static boolean causedByTooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLarge) {
                return true;
            }
        }
        return false;
    }

    /** The request whose body stream throws {@link PayloadTooLarge} once more than the limit has been read. */
    private static final class Counted extends HttpServletRequestWrapper {

        private final DataSize limit;
        private ServletInputStream counted;

        Counted(HttpServletRequest request, DataSize limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountingStream(super.getInputStream(), limit);
            }
            return counted;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream body;
        private final DataSize limit;
        private long read;

        CountingStream(ServletInputStream body, DataSize limit) {
            this.body = body;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit.toBytes()) {
                throw new PayloadTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
