package io.stackgate.compute;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A failure whose cause is longer than the room a request's outcome has (twenty nodes failing, each with libvirt's
 * long message) still fails the request cleanly: FAILED, quota freed, the cause cut with a pointer to the log.
 */
@StackgateTest
@TestPropertySource(properties = {"stackgate.kubernetes.clusters[0].name=demo",
    "stackgate.kubernetes.clusters[0].kubeconfig=demo",
    "stackgate.kubernetes.clusters[0].demo-kubeconfig-file=target/demo-failing-nodes.kubeconfig",
    "stackgate.kubernetes.images.lookup=false"})
class NodePoolFailureApiTest {

    private static final String LIBVIRT_MESSAGE = "internal error: process exited while connecting to monitor: "
            + "qemu-system-x86_64: -blockdev {\"driver\":\"file\",\"filename\":\"/var/lib/stackgate/pool/disk.qcow2\"}: "
            + "Could not open backing file: Permission denied";

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    FailingHypervisor hypervisor;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void heal() {
        hypervisor.heal();
    }

    @Test
    void aTwentyNodePoolWhoseNodesAllFailEndsFailedWithItsQuotaFreedAndItsCauseCut() {
        hypervisor.failAlways("define", false, LIBVIRT_MESSAGE);
        String id = submit(api, "alice", "acme", "web", "k8s-nodes", Requests.nodes("demo", 20, "x86_64")).path("id")
                .asText();
        Requests.approveAll(api, id);
        jobs.runUntilEnded(id);

        JsonNode request = api.as("alice").get("/api/requests/" + id).body();
        assertThat(request.path("status").asText()).isEqualTo("FAILED");
        String outcome = request.path("outcome").asText();
        assertThat(outcome).startsWith("no node joined").contains("Permission denied")
                .contains("more characters in the log").hasSizeLessThanOrEqualTo(2000);
        assertThat(jdbc.sql("select state from quota_reservation where request_id = ?").param(id).query(String.class)
                .single()).isEqualTo("RELEASED");
        assertThat(jdbc.sql("select count(*) from k8s_node where request_id = ? and state = 'FAILED'").param(id)
                .query(Integer.class).single()).isEqualTo(20);
    }
}
