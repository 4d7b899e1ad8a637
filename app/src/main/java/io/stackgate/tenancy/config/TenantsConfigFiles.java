package io.stackgate.tenancy.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Reads the tenant files: {@code *.yaml} of a folder, or of the demo copy packaged in the jar. */
final class TenantsConfigFiles {

    static final String CLASSPATH_FOLDER = "tenants-config/";

    /** One tenant file: its name (e.g. {@code acme.yaml}) and its text. */
    record ConfigFile(String name, String text) {
    }

    private TenantsConfigFiles() {
    }

    static List<ConfigFile> fromFolder(Path folder) {
        try (Stream<Path> paths = Files.list(folder)) {
            List<ConfigFile> files = new ArrayList<>();
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                files.add(new ConfigFile(path.getFileName().toString(), Files.readString(path)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.toAbsolutePath(), e);
        }
    }

    static List<ConfigFile> fromClasspath() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:" + CLASSPATH_FOLDER + "*.yaml");
            List<ConfigFile> files = new ArrayList<>();
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    files.add(new ConfigFile(resource.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            files.sort(Comparator.comparing(ConfigFile::name));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + CLASSPATH_FOLDER, e);
        }
    }
}
