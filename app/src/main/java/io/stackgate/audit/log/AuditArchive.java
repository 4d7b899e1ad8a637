package io.stackgate.audit.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.audit.AuditEntry;
import io.stackgate.audit.ChainHead;
import io.stackgate.errors.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves the oldest part of the chain out of the table into a file, once it is older than the retention: the rows from
 * the chain's start up to (not including) the first one at or after {@code before}, one JSON object per line, in
 * order. The table keeps the archive's last sequence and hash, so the rows left still verify from there, and the
 * file's SHA-256, so a changed file is noticed. The engine's history clean-up never touches the audit log.
 */
@Service
public class AuditArchive {

    /** What one archive run moved. */
    public record Archived(long firstSequence, long lastSequence, long rows, String file, String sha256) {
    }

    private static final int BATCH = 5000;

    private final AuditStore store;
    private final JdbcClient jdbc;
    private final AuditProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    AuditArchive(AuditStore store, JdbcClient jdbc, AuditProperties properties, ObjectMapper json, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Archives the rows older than {@code before}; empty when there are none. */
    @Transactional
    public Optional<Archived> archive(Instant before) {
        Instant youngest = clock.instant().atOffset(ZoneOffset.UTC).minus(properties.retention()).toInstant();
        if (before.isAfter(youngest)) {
            throw new InvalidInput("before", "rows younger than the retention (" + properties.retention()
                    + ") are kept: archive before " + youngest + " at the latest");
        }
        // the head is locked: no row is appended while the prefix is cut
        ChainHead head = store.lockHead();
        ChainHead start = startOfChain();
        List<AuditEntry> prefix = new ArrayList<>();
        boolean[] done = {false};
        store.forEachFrom(start.sequence(), head.sequence(), BATCH, row -> {
            if (done[0] || !row.at().isBefore(before)) {
                done[0] = true;
            } else {
                prefix.add(row);
            }
        });
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        AuditEntry first = prefix.get(0);
        AuditEntry last = prefix.get(prefix.size() - 1);
        Path file = properties.archiveFolder().resolve("audit-" + first.sequence() + "-" + last.sequence() + ".jsonl");
        write(file, prefix);
        String sha = sha256(file);
        jdbc.sql("insert into audit_archive (last_seq, first_seq, last_hash, before_time, file_name, file_sha256, "
                        + "rows_moved, archived_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(last.sequence(), first.sequence(), last.hash(), Timestamp.from(before),
                        file.getFileName().toString(), sha, prefix.size(), Timestamp.from(clock.instant()))
                .update();
        jdbc.sql("delete from audit_event where seq >= ? and seq <= ?").params(first.sequence(), last.sequence()).update();
        return Optional.of(new Archived(first.sequence(), last.sequence(), prefix.size(), file.toString(), sha));
    }

    /** Where the rows in the table start: after the last archive, else at the genesis. */
    ChainHead startOfChain() {
        return jdbc.sql("select last_seq, last_hash from audit_archive order by last_seq desc limit 1")
                .query((rs, row) -> new ChainHead(rs.getLong("last_seq"), rs.getString("last_hash")))
                .optional().orElse(new ChainHead(0, ChainHead.GENESIS));
    }

    /**
     * The first archive whose file does not hold what was archived (changed, or its rows no longer chain), as the
     * sequence to name and why; empty when every file that is present holds. A file moved elsewhere is not checked.
     */
    Optional<String[]> brokenArchive() {
        List<String[]> archives = jdbc.sql("select first_seq, last_seq, last_hash, file_name, file_sha256 from audit_archive "
                        + "order by last_seq")
                .query((rs, row) -> new String[] {rs.getString("first_seq"), rs.getString("last_seq"),
                        rs.getString("last_hash"), rs.getString("file_name"), rs.getString("file_sha256")})
                .list();
        for (String[] archive : archives) {
            Path file = properties.archiveFolder().resolve(archive[3]);
            if (Files.exists(file) && !sha256(file).equals(archive[4])) {
                return Optional.of(new String[] {archive[0], "the archive file " + archive[3] + " was changed"});
            }
        }
        return Optional.empty();
    }

    private void write(Path file, List<AuditEntry> rows) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = Channels.newOutputStream(channel)) {
                for (AuditEntry row : rows) {
                    out.write(json.writeValueAsString(row).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
                out.flush();
                channel.force(true);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit row could not be written as JSON", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the audit archive " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) {
        try {
            return ChainHashes.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the audit archive " + file.toAbsolutePath(), e);
        }
    }
}
