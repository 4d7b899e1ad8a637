package io.stackgate.tenancy.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.config.TenantsConfigFiles.ConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Loads the tenant files and checks each against tenant.schema.json and the rules the schema cannot say. */
@Component
class TenantsConfigLoader {

    /** What a load found: the tenants when {@code errors} is empty. */
    record Result(List<Tenant> tenants, List<ConfigError> errors, int files) {
    }

    private static final Logger log = LoggerFactory.getLogger(TenantsConfigLoader.class);

    private final TenancyProperties properties;
    private final JsonSchema schema;
    private final YAMLMapper yaml = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    TenantsConfigLoader(TenancyProperties properties) {
        this.properties = properties;
        this.schema = loadSchema();
    }

    String configDir() {
        return properties.configDir();
    }

    /** Loads the configured folder; {@link TenantsConfigMissing} when there is nothing to load. */
    Result load() {
        return load(readFolder());
    }

    /**
     * The files of the configured folder; when the folder does not exist, the demo tenants packaged in the jar if
     * {@code packaged-fallback} is on (the dev profile), else {@link TenantsConfigMissing}, as for an empty folder.
     */
    List<ConfigFile> readFolder() {
        Path folder = Path.of(properties.configDir());
        if (!Files.isDirectory(folder)) {
            if (properties.packagedFallback()) {
                log.warn("tenants-config folder {} does not exist: using the demo tenants packaged in the jar (dev profile)",
                        folder.toAbsolutePath());
                return TenantsConfigFiles.fromClasspath();
            }
            throw new TenantsConfigMissing(properties.configDir(), folder.toAbsolutePath() + " does not exist");
        }
        List<ConfigFile> files = TenantsConfigFiles.fromFolder(folder);
        if (files.isEmpty()) {
            throw new TenantsConfigMissing(properties.configDir(), folder.toAbsolutePath() + " holds no tenant file (*.yaml)");
        }
        return files;
    }

    Result load(List<ConfigFile> files) {
        List<Tenant> tenants = new ArrayList<>();
        List<ConfigError> errors = new ArrayList<>();
        if (files.isEmpty()) {
            errors.add(new ConfigError(properties.configDir(), 0, "", "no tenant files (*.yaml) found"));
        }
        for (ConfigFile file : files) {
            List<ConfigError> fileErrors = new ArrayList<>();
            Tenant tenant = loadFile(file, fileErrors);
            if (fileErrors.isEmpty()) {
                tenants.add(tenant);
            }
            errors.addAll(fileErrors);
        }
        return new Result(List.copyOf(tenants), List.copyOf(errors), files.size());
    }

    private Tenant loadFile(ConfigFile file, List<ConfigError> errors) {
        YamlLines lines;
        JsonNode document;
        try {
            lines = YamlLines.parse(file.text());
            document = yaml.readTree(file.text());
        } catch (MarkedYAMLException e) {
            // SnakeYAML's marks count from 0
            Mark mark = e.getProblemMark();
            errors.add(mark == null ? new ConfigError(file.name(), 0, "", e.getProblem())
                    : new ConfigError(file.name(), mark.getLine() + 1, mark.getColumn() + 1, "", e.getProblem()));
            return null;
        } catch (JsonProcessingException e) {
            // Jackson's locations count from 1 (and say -1 or 0 when they do not know)
            JsonLocation at = e.getLocation();
            errors.add(new ConfigError(file.name(), at == null ? 0 : Math.max(0, at.getLineNr()),
                    at == null || at.getColumnNr() <= 0 ? null : at.getColumnNr(), "", e.getOriginalMessage()));
            return null;
        }
        if (lines.isEmpty() || document == null || document.isMissingNode()) {
            errors.add(new ConfigError(file.name(), 0, "", "the file is empty"));
            return null;
        }
        errors.addAll(schemaErrors(file.name(), lines, document));
        if (errors.isEmpty()) {
            errors.addAll(SemanticChecks.check(file.name(), lines, document, TenantsConfigLoader::decisionExists));
        }
        return errors.isEmpty() ? TenantReader.read(document) : null;
    }

    private List<ConfigError> schemaErrors(String file, YamlLines lines, JsonNode document) {
        Set<ValidationMessage> messages = schema.validate(document);
        return messages.stream()
                .map(message -> schemaError(file, lines, message))
                .sorted(Comparator.comparingInt(ConfigError::line).thenComparing(ConfigError::field))
                .toList();
    }

    private static ConfigError schemaError(String file, YamlLines lines, ValidationMessage message) {
        List<Object> path = elements(message.getInstanceLocation());
        // a missing or unexpected property is reported on its parent: name the property itself
        if (message.getProperty() != null && Set.of("required", "additionalProperties").contains(message.getType())) {
            path.add(message.getProperty());
        }
        return new ConfigError(file, lines.lineOf(path), YamlLines.field(path), describe(message));
    }

    private static String describe(ValidationMessage message) {
        return switch (message.getType()) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not allowed here";
            default -> message.getError();
        };
    }

    private static List<Object> elements(JsonNodePath location) {
        List<Object> path = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            path.add(location.getElement(i));
        }
        return path;
    }

    /** The DMN files deployed with the app are the ones packaged under {@code processes/}. */
    static boolean decisionExists(String file) {
        return !file.contains("/") && TenantsConfigLoader.class.getClassLoader().getResource("processes/" + file) != null;
    }

    private static JsonSchema loadSchema() {
        String name = TenantsConfigFiles.CLASSPATH_FOLDER + "tenant.schema.json";
        try (InputStream in = TenantsConfigLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + name + " is missing");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
