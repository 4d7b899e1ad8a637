package io.stackgate.audit.reports;

import java.time.ZoneId;

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
 */
@ConfigurationProperties("stackgate.reports")
@Validated
public record ReportsProperties(String pdfFont, @DefaultValue("10000") @Positive int pdfMaxRows,
        @DefaultValue("UTC") @NotNull ZoneId zone, @DefaultValue("data/reports") @NotBlank String monthlyFolder,
        @DefaultValue("0 0 6 1 * *") @NotBlank String monthlyCron) {
}
