package io.stackgate.requests;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submission;
import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

@StackgateTest
class RequestValidationApiTest {

    @Autowired
    Api api;

    @Autowired
    QuotaService quotas;

    static Stream<Arguments> invalidSubmissions() {
        return Stream.of(
                invalid("an unknown type", "type", body -> body.put("type", "toaster")),
                invalid("an unknown spec field", "spec.colour", body -> spec(body).put("colour", "blue")),
                invalid("zero vCPUs", "spec.vcpus", body -> spec(body).put("vcpus", 0)),
                invalid("an unknown architecture", "spec.arch", body -> spec(body).put("arch", "sparc")),
                invalid("a name that is no DNS label", "spec.name", body -> spec(body).put("name", "Web_1")),
                invalid("a missing justification", "justification", body -> body.remove("justification")),
                invalid("a spec field of the wrong JSON type", "spec.vcpus", body -> spec(body).put("vcpus", "many")),
                invalid("an unknown project", "project", body -> body.put("project", "nowhere")));
    }

    private static Arguments invalid(String what, String field, Function<Map<String, Object>, Object> change) {
        return Arguments.of(what, field, change);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> body) {
        return (Map<String, Object>) body.get("spec");
    }

    @ParameterizedTest(name = "a submit with {0} is refused naming {1}")
    @MethodSource("invalidSubmissions")
    void anInvalidSubmitIsRefusedNamingTheFieldAndCreatesNothing(String what, String field,
            Function<Map<String, Object>, Object> change) {
        Map<String, Object> body = new LinkedHashMap<>(submission("acme", "web", "vm", new LinkedHashMap<>(smallVm())));
        change.apply(body);
        int before = mine("alice");
        Quota usage = quotas.usage("acme", "web").used();

        Response response = api.as("alice").post("/api/requests", body);

        assertProblem(response, field);
        assertThat(mine("alice")).isEqualTo(before);
        assertThat(quotas.usage("acme", "web").used()).isEqualTo(usage);
    }

    @Test
    void aDecommissionOfARequestThatIsNotCompletedIsRefused() {
        String pending = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        int before = mine("alice");

        Response response = api.as("alice").post("/api/requests",
                submission("acme", "web", "decommission", Map.of("requestId", pending)));

        assertProblem(response, "spec.requestId");
        assertThat(mine("alice")).isEqualTo(before);
    }

    @Test
    void aQuotaChangeThatRaisesNothingIsRefused() {
        int before = mine("bob");

        Response response = api.as("bob").post("/api/requests", submission("acme", "web", "quota-change",
                Map.of("vcpus", 0, "memoryMiB", 0, "diskGiB", 0, "gpus", 0, "vms", 0, "k8sNodes", 0)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("field")).startsWith("spec");
        assertThat(mine("bob")).isEqualTo(before);
    }

    private static void assertProblem(Response response, String field) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
        assertThat(response.text("type")).startsWith("https://stackgate.io/problems/");
        assertThat(response.text("title")).isNotBlank();
        assertThat(response.text("field")).isEqualTo(field);
        assertThat(response.body().path("errors")).anySatisfy(
                (JsonNode error) -> assertThat(error.path("field").asText()).isEqualTo(field));
    }

    private int mine(String user) {
        return api.as(user).get("/api/requests?mine=true").body().path("total").asInt();
    }
}
