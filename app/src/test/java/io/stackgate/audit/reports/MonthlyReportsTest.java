package io.stackgate.audit.reports;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.StackgateTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monthly job, called directly for January 2036: each tenant's reports of the month land as PDF and CSV in the
 * configured folder, acme's mailed (through a real SMTP server, GreenMail) to its configured admin with the files
 * attached; globex, with no recipient configured, gets files but no mail, and nothing of acme's.
 */
@StackgateTest
@Import(ReportClock.Config.class)
class MonthlyReportsTest {

    static final int SMTP_PORT = freePort();
    static final Path FOLDER = Path.of("target", "monthly-reports-" + UUID.randomUUID());

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void mailAndFolder(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("stackgate.reports.monthly-folder", FOLDER::toString);
        registry.add("stackgate.reports.mail-to.acme[0]", () -> "carol@acme.example");
    }

    @Autowired
    Api api;

    @Autowired
    Jobs jobs;

    @Autowired
    ReportClock clock;

    @Autowired
    MonthlyReports monthly;

    @Test
    void eachTenantsMonthIsWrittenAsPdfAndCsvAndMailedToItsAdmins() throws Exception {
        clock.set(Instant.parse("2036-01-20T08:00:00Z"));
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        clock.set(Instant.parse("2036-01-20T09:00:00Z"));
        String task = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + task + "/approve", Map.of("comment", "批准")).status()).isEqualTo(204);
        jobs.run(id);
        clock.set(Instant.parse("2036-02-01T06:00:00Z"));

        List<Path> folders = monthly.write(YearMonth.of(2036, 1));

        Path acme = FOLDER.resolve("acme").resolve("2036-01");
        Path globex = FOLDER.resolve("globex").resolve("2036-01");
        assertThat(folders).contains(acme, globex);
        for (String report : List.of("requests", "approvals", "lead-times", "resources", "quota", "cost", "access")) {
            assertThat(acme.resolve(report + ".pdf")).isRegularFile();
            assertThat(acme.resolve(report + ".csv")).isRegularFile();
            assertThat(globex.resolve(report + ".csv")).isRegularFile();
        }
        String approvals = Files.readString(acme.resolve("approvals.csv"), StandardCharsets.UTF_8);
        assertThat(approvals).contains(id, "bob", "批准", "3600");
        assertThat(Files.readString(globex.resolve("approvals.csv"), StandardCharsets.UTF_8)).doesNotContain(id);
        try (var pdf = Loader.loadPDF(acme.resolve("approvals.pdf").toFile())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("报表 Report: approvals", id, "批准",
                    "from=2036-01-01T00:00:00Z", "to=2036-02-01T00:00:00Z");
        }

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("carol@acme.example");
        assertThat(mails[0].getSubject()).contains("ACME Corporation", "2036-01");
        assertThat(attachments(mails[0])).hasSize(14).contains("approvals.pdf", "approvals.csv", "cost.pdf");
    }

    private static List<String> attachments(MimeMessage mail) throws Exception {
        List<String> names = new ArrayList<>();
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null) {
                names.add(part.getFileName());
            }
        }
        return names;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
