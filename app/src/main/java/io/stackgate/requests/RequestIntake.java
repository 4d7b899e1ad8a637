package io.stackgate.requests;

import java.util.List;

import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.requests.intake.SpecReader;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.TenantNotFound;
import io.stackgate.tenancy.Tenants;
import org.springframework.stereotype.Component;

/**
 * Everything a submission must pass before anything is written: the caller's right to submit into the project, the
 * spec read and validated, every {@link SpecCheck}, and the quota the request would hold. Submit and preview share it,
 * so a preview refuses exactly what a submit would.
 */
@Component
class RequestIntake {

    /** A submission that passed: where it goes, what it asks for and what it holds of the quota. */
    record Accepted(Tenant tenant, Project project, RequestType type, RequestSpec spec, Quota demand) {
    }

    private final SpecReader specs;
    private final Tenants tenants;
    private final List<SpecCheck> checks;
    private final ResourceSizes sizes;

    RequestIntake(SpecReader specs, Tenants tenants, List<SpecCheck> checks, ResourceSizes sizes) {
        this.specs = specs;
        this.tenants = tenants;
        this.checks = List.copyOf(checks);
        this.sizes = sizes;
    }

    Accepted accept(Caller caller, SubmitRequest body) {
        Tenant tenant = tenants.find(body.tenant()).filter(t -> caller.canSee(t.id()))
                .orElseThrow(() -> new TenantNotFound(body.tenant()));
        if (caller.isAuditor()) {
            throw new MayNotSubmit("auditors read; they do not submit requests");
        }
        Project project = tenant.project(body.project())
                .orElseThrow(() -> new InvalidInput("project", "no project " + body.project() + " in tenant " + tenant.id()));
        if (!project.roleOf(caller.groups()).map(role -> role.maySubmit()).orElse(false)) {
            throw new MayNotSubmit("only owners and members of project " + project.id() + " may submit requests into it");
        }
        RequestType type = specs.type(body.type());
        RequestSpec spec = withDefaults(specs.read(type, body.spec()));
        // every check is a SpecCheck of the capability that owns the fact; the target request's comes first
        checks.forEach(check -> check.check(tenant.id(), project.id(), spec));
        return new Accepted(tenant, project, type, spec, demandOf(spec));
    }

    /** What a request of this spec holds of its project's quota: a resize its growth, others their whole size. */
    Quota demandOf(RequestSpec spec) {
        return spec instanceof VmResizeSpec resize ? growth(sizes.currentOf(resize.requestId()), resize) : spec.demand();
    }

    private RequestSpec withDefaults(RequestSpec read) {
        RequestSpec spec = read;
        for (SpecCheck check : checks) {
            spec = check.withDefaults(spec);
        }
        return spec;
    }

    /** What a resize adds to the quota: the growth of vCPUs and memory over the VMs' current size, never less than 0. */
    private static Quota growth(Quota current, VmResizeSpec resize) {
        int vms = Math.max(current.vms(), 1);
        return new Quota(Math.max(0, resize.vcpus() * vms - current.vcpus()),
                Math.max(0, resize.memoryMiB() * vms - current.memoryMiB()), 0, 0, 0, 0);
    }
}
