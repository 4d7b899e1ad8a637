package io.stackgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.stackgate.errors.DomainError;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.objenesis.ObjenesisStd;

/**
 * Every problem {@code type} the API can answer with is a documented URI: each {@link DomainError} the code can throw,
 * and the web layer's own types, has a {@code ## <type>} section in docs/problems/, and no section documents a type
 * that no longer exists.
 */
class ProblemTypesDocumentedTest {

    /** Types the web layer writes itself, not from a DomainError. */
    private static final Set<String> WEB_TYPES = Set.of("concurrent-change", "internal-error", "invalid-request");

    @Test
    void everyProblemTypeHasASectionAndEverySectionAType() throws Exception {
        Set<String> thrown = new TreeSet<>(WEB_TYPES);
        thrown.addAll(domainErrorTypes());
        Set<String> documented = documentedTypes();

        assertThat(thrown).as("problem types of the code").hasSizeGreaterThan(20);
        assertThat(documented).as("problem types without a section in docs/problems/").containsAll(thrown);
        assertThat(thrown).as("sections in docs/problems/ for types nothing throws").containsAll(documented);
    }

    private static Set<String> domainErrorTypes() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(DomainError.class));
        ObjenesisStd objenesis = new ObjenesisStd();
        Set<String> types = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents("io.stackgate")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (type.getName().contains(".test.") || java.lang.reflect.Modifier.isAbstract(type.getModifiers())
                    || type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
                continue;
            }
            // no constructor runs: type() reads only the class (or returns a constant)
            types.add(((DomainError) objenesis.newInstance(type)).type());
        }
        return types;
    }

    private static Set<String> documentedTypes() throws IOException {
        Path docs = Path.of("..", "docs", "problems");
        Pattern heading = Pattern.compile("^## ([a-z0-9-]+)\\s*$", Pattern.MULTILINE);
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.list(docs)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                Matcher m = heading.matcher(Files.readString(file));
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
        }
        return types;
    }
}
