package io.stackgate.compute.networks;

import java.util.Optional;

import io.stackgate.compute.ComputeProperties;
import io.stackgate.compute.libvirt.LibvirtXml;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One isolated libvirt network per tenant project, the same name and /24 on every host: VMs of a project share it,
 * VMs of other projects (and tenants) never see it. The /24 is allocated once, in the database, from the configured
 * range and kept for the project's lifetime.
 */
@Service
public class ProjectNetworks {

    /** The n-th /24 of a /16 range. */
    public record Subnet(String prefix16, int index) {

        public String gateway() {
            return address(1);
        }

        public String address(int host) {
            return prefix16 + "." + index + "." + host;
        }

        String cidr() {
            return prefix16 + "." + index + ".0/24";
        }
    }

    public record ProjectNetwork(String name, String bridge, Subnet subnet) {

        public String xml() {
            return LibvirtXml.isolatedNetwork(name, bridge, subnet);
        }
    }

    private static final int MAX_SUBNETS = 254;

    private final JdbcClient jdbc;
    private final TransactionTemplate separately;
    private final String prefix16;

    ProjectNetworks(JdbcClient jdbc, PlatformTransactionManager transactions, ComputeProperties properties) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        String[] octets = properties.networks().range().split("[./]");
        this.prefix16 = octets[0] + "." + octets[1];
    }

    /** The project's network, allocated on first use (concurrent first uses agree on one). */
    public ProjectNetwork of(String tenant, String project) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<ProjectNetwork> existing = find(tenant, project);
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                separately.executeWithoutResult(tx -> allocate(tenant, project));
            } catch (DuplicateKeyException raced) {
                // another project took the same subnet at the same moment, or this project was allocated meanwhile
            }
        }
        throw new IllegalStateException("could not allocate a network for " + tenant + "/" + project);
    }

    public Optional<ProjectNetwork> find(String tenant, String project) {
        return jdbc.sql("select network_name, bridge, subnet_index from project_network where tenant_id = ? and project_id = ?")
                .params(tenant, project)
                .query((rs, n) -> new ProjectNetwork(rs.getString("network_name"), rs.getString("bridge"),
                        new Subnet(prefix16, rs.getInt("subnet_index"))))
                .optional();
    }

    private void allocate(String tenant, String project) {
        int next = jdbc.sql("select coalesce(max(subnet_index), 0) + 1 from project_network").query(Integer.class).single();
        if (next > MAX_SUBNETS) {
            throw new IllegalStateException("the project network range " + prefix16 + ".0.0/16 is used up");
        }
        jdbc.sql("insert into project_network (tenant_id, project_id, subnet_index, network_name, bridge) values (?, ?, ?, ?, ?)")
                .params(tenant, project, next, "sg-" + tenant + "-" + project, "sgbr" + next)
                .update();
    }
}
