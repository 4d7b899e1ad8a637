package io.stackgate.notifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.stackgate.support.StackgateTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with mail on (a real SMTP server in-process: GreenMail) and acme's webhooks pointing at a real
 * HTTP receiver (the JDK's server) — one generic, one each of the DingTalk, WeCom and Feishu robot shapes. Test classes
 * that extend it share one application; each looks only at the mail and calls of its own requests.
 */
@StackgateTest
public abstract class DeliveringApp {

    public static final String DINGTALK_SECRET = "SECdingtalk-test-secret";
    public static final String FEISHU_SECRET = "feishu-test-secret";

    protected static final GreenMail SMTP;
    protected static final Receiver HOOKS;
    private static final Path TENANTS_CONFIG;

    static {
        SMTP = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        SMTP.start();
        HOOKS = new Receiver();
        TENANTS_CONFIG = tenantsConfigWithWebhooks(HOOKS.port());
    }

    @DynamicPropertySource
    static void mailAndWebhooks(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("stackgate.tenants.config-dir", TENANTS_CONFIG::toString);
        registry.add("stackgate.notifications.public-url", () -> "https://portal.example.test");
        registry.add("STACKGATE_TEST_DINGTALK_SECRET", () -> DINGTALK_SECRET);
        registry.add("STACKGATE_TEST_FEISHU_SECRET", () -> FEISHU_SECRET);
    }

    /** Makes sure the SMTP server runs again after a test stopped it. */
    protected static void smtpUp() {
        if (!SMTP.isRunning()) {
            SMTP.start();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test tenants, with acme's webhooks at the receiver (secrets named, never written). */
    private static Path tenantsConfigWithWebhooks(int port) {
        try {
            Path dir = Files.createTempDirectory("stackgate-tenants-config");
            try (Stream<Path> files = Files.list(Path.of("src/test/tenants-config"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
            String base = "http://127.0.0.1:" + port;
            Files.writeString(dir.resolve("acme.yaml"), "\nnotifications:\n  webhooks:\n"
                    + "    - {name: ops-feed, url: \"" + base + "/generic\", format: generic}\n"
                    + "    - {name: ding, url: \"" + base + "/dingtalk?access_token=ding-token\", format: dingtalk, "
                    + "secretEnv: STACKGATE_TEST_DINGTALK_SECRET, kinds: [REQUEST_APPROVED]}\n"
                    + "    - {name: wecom, url: \"" + base + "/wecom?key=wecom-key\", format: wecom, kinds: [REQUEST_APPROVED]}\n"
                    + "    - {name: lark, url: \"" + base + "/feishu\", format: feishu, "
                    + "secretEnv: STACKGATE_TEST_FEISHU_SECRET, kinds: [REQUEST_APPROVED]}\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real HTTP receiver that records every call and answers as told (by default 200 {"errcode":0}). */
    public static final class Receiver {

        public record Call(String path, String query, Map<String, List<String>> headers, String body) {

            public String header(String name) {
                return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                        .map(e -> e.getValue().get(0)).findFirst().orElse(null);
            }
        }

        private final HttpServer server;
        private final List<Call> calls = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                calls.add(new Call(path, exchange.getRequestURI().getRawQuery(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
                byte[] answer = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(statusByPath.getOrDefault(path, 200), answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        public int port() {
            return server.getAddress().getPort();
        }

        /** The calls whose body mentions the text (e.g. a request id), in arrival order. */
        public List<Call> mentioning(String text) {
            List<Call> found = new ArrayList<>();
            calls.stream().filter(call -> call.body().contains(text)).forEach(found::add);
            return found;
        }

        public void answer(String path, int status) {
            statusByPath.put(path, status);
        }

        public void answerOk(String path) {
            statusByPath.remove(path);
        }
    }
}
