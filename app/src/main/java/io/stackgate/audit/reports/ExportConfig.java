package io.stackgate.audit.reports;

import io.stackgate.audit.reports.exports.PdfExport;
import io.stackgate.audit.reports.exports.PdfFonts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The PDF writer with the configured (or the first installed) CJK font and row limit. */
@Configuration(proxyBeanMethods = false)
class ExportConfig {

    @Bean
    PdfExport pdfExport(ReportsProperties properties) {
        return new PdfExport(new PdfFonts(properties.pdfFont()), properties.pdfMaxRows());
    }
}
