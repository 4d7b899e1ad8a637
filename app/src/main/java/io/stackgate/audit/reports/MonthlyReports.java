package io.stackgate.audit.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.stackgate.audit.reports.exports.CsvExport;
import io.stackgate.audit.reports.exports.PdfExport;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each tenant's reports of the previous month, written on the first of the month as PDF (to read) and CSV (to
 * process) into {@code <monthly-folder>/<tenant>/<YYYY-MM>/}, and mailed to the tenant's recipients where mail is
 * configured. One instance writes them (ShedLock); writing a month again overwrites its files.
 */
@Component
public class MonthlyReports {

    private static final Logger log = LoggerFactory.getLogger(MonthlyReports.class);

    private final Reports reports;
    private final Tenants tenants;
    private final PdfExport pdf;
    private final ReportsProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final Clock clock;

    MonthlyReports(Reports reports, Tenants tenants, PdfExport pdf, ReportsProperties properties,
            ObjectProvider<JavaMailSender> mail, Clock clock) {
        this.reports = reports;
        this.tenants = tenants;
        this.pdf = pdf;
        this.properties = properties;
        this.mail = mail;
        this.clock = clock;
    }

    @Scheduled(cron = "${stackgate.reports.monthly-cron:0 0 6 1 * *}", zone = "${stackgate.reports.zone:UTC}")
    @SchedulerLock(name = "monthly-reports", lockAtMostFor = "PT2H", lockAtLeastFor = "PT5M")
    public void scheduled() {
        write(YearMonth.now(clock.withZone(properties.zone())).minusMonths(1));
    }

    /** Writes (and mails) every tenant's reports of the month; returns the folders written, one per tenant. */
    public List<Path> write(YearMonth month) {
        ZoneId zone = properties.zone();
        List<Path> folders = new ArrayList<>();
        for (Tenant tenant : tenants.all()) {
            ReportFilter filter = new ReportFilter(month.atDay(1).atStartOfDay(zone).toInstant(),
                    month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant(), List.of(tenant.id()), null, null);
            Path folder = Path.of(properties.monthlyFolder(), tenant.id(), month.toString());
            List<Path> files = new ArrayList<>();
            try {
                Files.createDirectories(folder);
                for (ReportName name : ReportName.values()) {
                    files.add(file(folder, reports.table(name, filter), "pdf", pdf::write));
                    files.add(file(folder, reports.table(name, filter), "csv", CsvExport::write));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the monthly reports to " + folder, e);
            }
            log.info("monthly reports of {} for {} written to {}", tenant.id(), month, folder);
            mail(tenant, month, files);
            folders.add(folder);
        }
        return folders;
    }

    private interface Writer {
        void write(ReportTable table, OutputStream out) throws IOException;
    }

    private static Path file(Path folder, ReportTable table, String extension, Writer writer) throws IOException {
        Path file = folder.resolve(table.name().id() + "." + extension);
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.write(table, out);
        }
        return file;
    }

    private void mail(Tenant tenant, YearMonth month, List<Path> files) {
        JavaMailSender sender = mail.getIfAvailable();
        List<String> to = properties.mailTo().getOrDefault(tenant.id(), List.of());
        if (sender == null || to.isEmpty()) {
            return;
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(to.toArray(String[]::new));
            helper.setSubject("Stackgate 月度报表 monthly reports: " + tenant.name() + " " + month);
            helper.setText("The reports of " + tenant.name() + " for " + month + " are attached (PDF to read, CSV to "
                    + "process).\n本月报表见附件。");
            for (Path file : files) {
                helper.addAttachment(file.getFileName().toString(), new FileSystemResource(file));
            }
            sender.send(message);
        } catch (MessagingException | RuntimeException e) {
            // the files are written; a mail server that is down costs the mail, not the reports
            log.warn("monthly reports of {} for {} not mailed: {}", tenant.id(), month, e.getMessage());
        }
    }
}
