package io.stackgate.audit.log;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stackgate.audit.*}.
 *
 * @param signingKeyFile   the Ed25519 key (PEM, private and public block) that signs checkpoints; created if missing
 * @param retention        how long rows are kept (never by the engine's history clean-up): months older than this
 *                         may be archived to files, nothing younger
 * @param archiveFolder    where archived months are written
 */
@ConfigurationProperties("stackgate.audit")
public record AuditProperties(Path signingKeyFile, Period retention, Path archiveFolder, Schedule schedule) {

    /**
     * @param enabled          the scheduled verification and checkpoints run (one instance at a time)
     * @param verifyInterval   how often the whole chain is recomputed
     * @param checkpointInterval how often the head is signed (when it moved)
     */
    public record Schedule(boolean enabled, Duration verifyInterval, Duration checkpointInterval) {
    }

    public AuditProperties {
        signingKeyFile = signingKeyFile != null ? signingKeyFile : Path.of("data/audit-signing-key.pem");
        retention = retention != null ? retention : Period.ofYears(7);
        archiveFolder = archiveFolder != null ? archiveFolder : Path.of("data/audit-archive");
        schedule = schedule != null ? schedule : new Schedule(true, Duration.ofHours(1), Duration.ofHours(1));
    }
}
