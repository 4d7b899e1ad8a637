package io.stackgate.tenancy.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.stackgate.identity.TenantDirectory.ProjectEntry;
import io.stackgate.identity.TenantDirectory.TenantEntry;
import io.stackgate.identity.TenantDirectory;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import io.stackgate.tenancy.TenantsConfigReloaded;
import io.stackgate.tenancy.TenantsConfigVersion;
import io.stackgate.tenancy.config.TenantsConfigFiles.ConfigFile;
import io.stackgate.tenancy.config.TenantsConfigStore.Source;
import io.stackgate.tenancy.config.TenantsConfigStore.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The tenants in force, swapped whole, and the stored version they come from. Every instance of a deployment
 * converges on the newest version in the database ({@link TenantsConfigStore}):
 * <ul>
 * <li>a reload validates this instance's folder, stores it as the next version (unless it is the newest already) and
 * puts it in force; the other instances notice the new version ({@link TenantsConfigCheck}, and before each RBAC pass)
 * and put the stored files in force, not their own folders;</li>
 * <li>at start the folder is validated (a bad or missing one stops the start), then: no version stored yet, or a
 * folder no version held, is stored as the next version and put in force (a deploy with a new config is a reload);
 * a folder equal to the newest version is that version; a folder that held an older version — a stale instance
 * restarting — is <em>not</em> put in force: the newest stored version is, with a warning, so a restart never rolls
 * the config back. Going back to an earlier config is an explicit reload of it.</li>
 * </ul>
 */
@Component
class TenantRegistry implements Tenants, TenantDirectory, TenantsConfigVersion {

    /** What a successful reload put in force. */
    record ReloadReport(List<String> tenants, int files, long version) {
    }

    private record InForce(TenantsSnapshot tenants, long version) {
    }

    private static final Logger log = LoggerFactory.getLogger(TenantRegistry.class);

    private final TenantsConfigLoader loader;
    private final TenantsConfigStore store;
    private final ApplicationEventPublisher events;
    private final AtomicReference<InForce> current = new AtomicReference<>();
    /** A stored version this instance failed to load (reported once, not at every check). */
    private volatile long unloadable;

    TenantRegistry(TenantsConfigLoader loader, TenantsConfigStore store, ApplicationEventPublisher events) {
        this.loader = loader;
        this.store = store;
        this.events = events;
        current.set(start());
    }

    private InForce start() {
        List<ConfigFile> folder = loader.readFolder();
        TenantsSnapshot fromFolder = snapshotOf(loader.load(folder));
        String sha256 = TenantsConfigStore.sha256(folder);
        Optional<Version> newest = store.newest();
        if (newest.isPresent() && newest.get().sha256().equals(sha256)) {
            log.info("tenants-config version {} in force ({} tenants)", newest.get().number(), fromFolder.byId().size());
            return new InForce(fromFolder, newest.get().number());
        }
        if (newest.isPresent() && store.held(sha256)) {
            Version stored = newest.get();
            log.warn("tenants-config folder {} holds an earlier version than the newest stored one: version {} (applied "
                    + "by {} at {}) stays in force; reload to go back to this folder's config", loader.configDir(),
                    stored.number(), stored.appliedBy(), stored.appliedAt());
            return new InForce(snapshotOf(loader.load(store.files(stored.number()))), stored.number());
        }
        Version added = store.add(folder, "instance:" + hostName(), Source.START);
        newest.ifPresentOrElse(
                replaced -> log.warn("tenants-config folder {} differs from the newest stored version {} (applied by {} "
                        + "at {}): stored and put in force as version {} on every instance, as a reload would",
                        loader.configDir(), replaced.number(), replaced.appliedBy(), replaced.appliedAt(), added.number()),
                () -> log.info("tenants-config version {} stored and in force ({} tenants)", added.number(),
                        fromFolder.byId().size()));
        return new InForce(fromFolder, added.number());
    }

    @EventListener(ApplicationReadyEvent.class)
    void announceInitialLoad() {
        events.publishEvent(new TenantsConfigReloaded(allTenantIds()));
    }

    /**
     * Loads this instance's folder again and puts it in force as the newest version (stored unless the newest already
     * holds these files), for every instance; on errors throws {@link TenantsConfigInvalid} and keeps the config in force.
     */
    synchronized ReloadReport reload(String appliedBy) {
        List<ConfigFile> files = loader.readFolder();
        TenantsSnapshot tenants = snapshotOf(loader.load(files));
        long version = store.add(files, appliedBy, Source.RELOAD).number();
        current.set(new InForce(tenants, version));
        log.info("tenants-config version {} in force, reloaded by {}", version, appliedBy);
        events.publishEvent(new TenantsConfigReloaded(allTenantIds()));
        return new ReloadReport(List.copyOf(tenants.byId().keySet()), files.size(), version);
    }

    @Override
    public long inForce() {
        return current.get().version();
    }

    @Override
    public void converge() {
        long newest = store.newestNumber();
        if (newest <= inForce() || newest == unloadable) {
            return;
        }
        synchronized (this) {
            if (newest <= inForce()) {
                return;
            }
            Version version = store.version(newest);
            TenantsConfigLoader.Result result = loader.load(store.files(newest));
            if (!result.errors().isEmpty()) {
                unloadable = newest;
                log.error("tenants-config version {} (applied by {} at {}) does not load on this instance; version {} "
                        + "stays in force here: {}", newest, version.appliedBy(), version.appliedAt(), inForce(),
                        new TenantsConfigInvalid(result.errors()).getMessage());
                return;
            }
            current.set(new InForce(TenantsSnapshot.of(result.tenants()), newest));
            log.info("tenants-config version {} (applied by {} at {}) in force, as stored", newest, version.appliedBy(),
                    version.appliedAt());
            events.publishEvent(new TenantsConfigReloaded(allTenantIds()));
        }
    }

    private static TenantsSnapshot snapshotOf(TenantsConfigLoader.Result result) {
        if (!result.errors().isEmpty()) {
            throw new TenantsConfigInvalid(result.errors());
        }
        return TenantsSnapshot.of(result.tenants());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    @Override
    public List<Tenant> all() {
        return current.get().tenants().all();
    }

    @Override
    public Optional<Tenant> find(String tenantId) {
        return current.get().tenants().find(tenantId);
    }

    @Override
    public Optional<String> orgUnitPath(String tenantId, String orgUnitId) {
        return current.get().tenants().orgUnitPath(tenantId, orgUnitId);
    }

    @Override
    public String approverGroup(String tenantId, String level, String orgUnitId) {
        return current.get().tenants().approverGroup(tenantId, level, orgUnitId);
    }

    @Override
    public Set<String> allTenantIds() {
        return Set.copyOf(current.get().tenants().byId().keySet());
    }

    @Override
    public List<TenantEntry> describe(Set<String> tenantIds, Set<String> groups) {
        return all().stream()
                .filter(tenant -> tenantIds.contains(tenant.id()))
                .sorted(Comparator.comparing(Tenant::id))
                .map(tenant -> new TenantEntry(tenant.id(), tenant.name(), tenant.projects().stream()
                        .flatMap(project -> project.roleOf(groups).stream().map(role -> new ProjectEntry(project.id(),
                                project.name(), role.name().toLowerCase(Locale.ROOT))))
                        .toList()))
                .toList();
    }
}
