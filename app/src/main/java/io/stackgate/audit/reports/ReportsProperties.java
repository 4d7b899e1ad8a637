package io.stackgate.audit.reports;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The reports' settings.
 *
 * @param pdfFont       a font file (TTF, or a TTC collection) for PDF exports; unset: the first installed of Noto
 *                      Sans CJK and WenQuanYi Zen Hei (CJK text must render)
 * @param pdfMaxRows    the most rows a PDF holds (a PDF is read by people; CSV and XLSX hold every row)
 * @param zone          the time zone of dates in the period parameters and of months (cost, quota, monthly job)
 * @param monthlyFolder where the monthly report of each tenant is written
 * @param monthlyCron   when the monthly reports of the previous month are made ({@code -}: never)
 * @param mailFrom      the sender of the monthly reports' mail (sent only where {@code spring.mail.host} is set)
 * @param mailTo        per tenant id, who receives its monthly reports (its admins' addresses: the directory does not
 *                      list a group's members with their addresses)
 */
@ConfigurationProperties("stackgate.reports")
@Validated
public record ReportsProperties(String pdfFont, @DefaultValue("10000") @Positive int pdfMaxRows,
        @DefaultValue("UTC") @NotNull ZoneId zone, @DefaultValue("data/reports") @NotBlank String monthlyFolder,
        @DefaultValue("0 0 6 1 * *") @NotBlank String monthlyCron,
        @DefaultValue("stackgate@localhost") @NotBlank String mailFrom,
        @DefaultValue Map<String, List<String>> mailTo) {

    public ReportsProperties {
        mailTo = Map.copyOf(mailTo);
    }
}
