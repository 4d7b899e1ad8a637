package io.stackgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module diagrams in docs/modules (the README's architecture picture) are the code's: Spring Modulith's
 * {@link Documenter} draws them anew from the modules; a diagram that differs from the committed one is written there
 * (PlantUML, and the overview as SVG) and the test fails, so the change gets committed with the code that caused it.
 */
class ModuleDiagramTest {

    private static final Path DOCS = Path.of("..", "docs", "modules");

    @Test
    void theCommittedModuleDiagramsAreTheCodes() throws IOException {
        Path drawn = Path.of("target", "module-diagrams");
        new Documenter(ApplicationModules.of(StackgateApplication.class),
                Documenter.Options.defaults().withOutputFolder(drawn.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();

        List<String> stale = new ArrayList<>();
        Files.createDirectories(DOCS);
        try (Stream<Path> files = Files.list(drawn)) {
            for (Path puml : files.filter(f -> f.toString().endsWith(".puml")).sorted().toList()) {
                String now = ordered(Files.readString(puml));
                Path committed = DOCS.resolve(puml.getFileName());
                if (Files.exists(committed) && Files.readString(committed).equals(now)) {
                    continue;
                }
                stale.add(puml.getFileName().toString());
                Files.writeString(committed, now);
                if (puml.getFileName().toString().equals("components.puml")) {
                    Files.writeString(DOCS.resolve("components.svg"), svg(now));
                }
            }
        }

        assertThat(stale).as("module diagrams that were stale in docs/modules (now rewritten: commit them)").isEmpty();
        assertThat(DOCS.resolve("components.svg")).exists();
    }

    /** The Documenter writes modules and relations in no fixed order: each run of like lines is sorted. */
    static String ordered(String puml) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        String kind = null;
        for (String line : puml.split("\n", -1)) {
            String lineKind = line.contains("(") ? line.substring(0, line.indexOf('(')) : null;
            if (lineKind == null || !lineKind.equals(kind)) {
                run.sort(null);
                out.addAll(run);
                run.clear();
            }
            kind = lineKind;
            if (lineKind == null) {
                out.add(line);
            } else {
                run.add(line);
            }
        }
        run.sort(null);
        out.addAll(run);
        return String.join("\n", out);
    }

    /** PlantUML's own layout (smetana), so no Graphviz is needed. */
    private static String svg(String puml) throws IOException {
        String source = puml.replaceFirst("@startuml", "@startuml\n!pragma layout smetana");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SourceStringReader(source).outputImage(out, new FileFormatOption(FileFormat.SVG));
        return out.toString(StandardCharsets.UTF_8);
    }
}
