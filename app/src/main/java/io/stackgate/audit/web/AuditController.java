package io.stackgate.audit.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.stackgate.audit.AuditEntry;
import io.stackgate.audit.AuditFilter;
import io.stackgate.audit.MayNotReadAudit;
import io.stackgate.audit.NothingToArchive;
import io.stackgate.audit.NothingToSign;
import io.stackgate.audit.Verification;
import io.stackgate.audit.log.AuditArchive;
import io.stackgate.audit.log.AuditVerifier;
import io.stackgate.audit.log.Checkpoint;
import io.stackgate.audit.log.Checkpoints;
import io.stackgate.audit.log.JdbcAuditLog;
import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.NotPlatformAdmin;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for auditors, tenant admins and platform admins: search, verification of the chain, and what an
 * auditor needs to check it offline (the signed checkpoints and the public key).
 */
@Tag(name = "Audit", description = "The hash-chained audit log: search, verification, signed checkpoints")
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final JdbcAuditLog log;
    private final AuditVerifier verifier;
    private final Checkpoints checkpoints;
    private final AuditArchive archive;
    private final CallerResolver callers;

    AuditController(JdbcAuditLog log, AuditVerifier verifier, Checkpoints checkpoints, AuditArchive archive,
            CallerResolver callers) {
        this.archive = archive;
        this.log = log;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.callers = callers;
    }

    @Operation(operationId = "searchAudit", summary = "Audit rows of the caller's tenants, newest first, one page; "
            + "from/to: ISO instants or dates (to exclusive); action: exact or a family ending in '.'")
    @GetMapping
    Page<AuditEntry> search(@RequestParam(required = false) String tenant, @RequestParam(required = false) String subject,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        AuditFilter filter = new AuditFilter(blank(tenant), blank(subject), blank(actor), blank(action),
                instant("from", from), instant("to", to));
        return log.search(callers.current(), filter, request);
    }

    @Operation(operationId = "verifyAudit", summary = "Recompute the whole chain now: valid, or the first broken sequence and why")
    @GetMapping("/verify")
    Verification verify() {
        reader();
        return verifier.verify();
    }

    @Operation(operationId = "listAuditCheckpoints", summary = "The signed checkpoints, newest first, one page")
    @GetMapping("/checkpoints")
    Page<Checkpoint> checkpoints(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        reader();
        return checkpoints.list(request);
    }

    @Operation(operationId = "signAuditCheckpoint", summary = "Sign the chain's head now (platform admins): the newest "
            + "checkpoint, the existing one when the head has not moved since")
    @PostMapping("/checkpoints")
    Checkpoint sign() {
        Caller caller = callers.current();
        if (!caller.hasRole(Caller.PLATFORM_ADMIN)) {
            throw new NotPlatformAdmin("sign audit checkpoints");
        }
        checkpoints.sign();
        return checkpoints.list(new PageRequest(0, 1)).items().stream().findFirst()
                .orElseThrow(NothingToSign::new);
    }

    @Operation(operationId = "archiveAudit", summary = "Move the rows older than 'before' (and older than the retention) "
            + "to a file; the chain goes on verifying from the archive's last hash (platform admins)")
    @PostMapping("/archive")
    AuditArchive.Archived archive(@RequestParam String before) {
        Caller caller = callers.current();
        if (!caller.hasRole(Caller.PLATFORM_ADMIN)) {
            throw new NotPlatformAdmin("archive the audit log");
        }
        Instant cutoff = instant("before", before);
        return archive.archive(cutoff).orElseThrow(() -> new NothingToArchive(cutoff));
    }

    @Operation(operationId = "getAuditPublicKey", summary = "The Ed25519 public key the checkpoints are signed with (X.509 DER base64, PEM)")
    @GetMapping("/public-key")
    Checkpoints.PublicKeyView publicKey() {
        reader();
        return checkpoints.publicKey();
    }

    private void reader() {
        Caller caller = callers.current();
        if (!caller.isAuditor() && !caller.isPlatformWide() && caller.administeredTenants().isEmpty()) {
            throw new MayNotReadAudit();
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** An ISO instant ({@code 2026-12-01T00:00:00Z}) or a date ({@code 2026-12-01}, midnight UTC). */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be an ISO date (2026-12-01) or instant (2026-12-01T08:00:00Z)");
        }
    }
}
