package io.stackgate.tenancy.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.stackgate.tenancy.config.TenantsConfigFiles.ConfigFile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tenants-config versions put in force, kept in the database every instance shares: the files themselves, their
 * SHA-256, who put them in force and when. Version numbers only grow; the newest is the one in force everywhere.
 */
@Component
class TenantsConfigStore {

    /** Why a version was stored. */
    enum Source { RELOAD, START }

    /** One stored version (without its files). */
    record Version(long number, String sha256, String appliedBy, Instant appliedAt, Source source) {
    }

    private static final int ATTEMPTS = 5;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TenantsConfigStore(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The newest version's number, 0 when none was stored yet: the cheap question every instance asks often. */
    long newestNumber() {
        return jdbc.sql("select coalesce(max(version), 0) from tenants_config_version").query(Long.class).single();
    }

    Optional<Version> newest() {
        long number = newestNumber();
        return number == 0 ? Optional.empty() : Optional.of(version(number));
    }

    Version version(long number) {
        return jdbc.sql("select version, content_sha256, applied_by, applied_at, source from tenants_config_version "
                        + "where version = ?")
                .param(number)
                .query((rs, row) -> new Version(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), Source.valueOf(rs.getString(5))))
                .single();
    }

    List<ConfigFile> files(long number) {
        return jdbc.sql("select name, content from tenants_config_file where version = ? order by name")
                .param(number)
                .query((rs, row) -> new ConfigFile(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Whether some version held exactly these files. */
    boolean held(String sha256) {
        return jdbc.sql("select count(*) from tenants_config_version where content_sha256 = ?").param(sha256)
                .query(Long.class).single() > 0;
    }

    /**
     * Stores the files as the next version, unless the newest version holds exactly them (answered then): instances
     * starting at once with the same new folder store it once; different files stored at once get consecutive numbers.
     */
    Version add(List<ConfigFile> files, String appliedBy, Source source) {
        String sha256 = sha256(files);
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> insert(files, sha256, appliedBy, source));
            } catch (DuplicateKeyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Version insert(List<ConfigFile> files, String sha256, String appliedBy, Source source) {
        Optional<Version> newest = newest();
        if (newest.isPresent() && newest.get().sha256().equals(sha256)) {
            return newest.get();
        }
        // whole seconds, as the column keeps them on MySQL/MariaDB
        Version version = new Version(newest.map(Version::number).orElse(0L) + 1, sha256, appliedBy,
                clock.instant().truncatedTo(ChronoUnit.SECONDS), source);
        jdbc.sql("insert into tenants_config_version (version, content_sha256, applied_by, applied_at, source) "
                        + "values (?, ?, ?, ?, ?)")
                .params(version.number(), sha256, appliedBy, Timestamp.from(version.appliedAt()), source.name())
                .update();
        for (ConfigFile file : files) {
            jdbc.sql("insert into tenants_config_file (version, name, content) values (?, ?, ?)")
                    .params(version.number(), file.name(), file.text()).update();
        }
        return version;
    }

    /** SHA-256 over the files' names and texts in name order: equal for equal folders, whatever their order. */
    static String sha256(List<ConfigFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ConfigFile file : files.stream().sorted(Comparator.comparing(ConfigFile::name)).toList()) {
                digest.update(file.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
