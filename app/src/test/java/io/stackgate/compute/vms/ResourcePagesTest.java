package io.stackgate.compute.vms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.stackgate.compute.ResourceScope;
import io.stackgate.compute.ResourceSource;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/resources} of every kind is one listing across the sources, one after the other: a page takes its
 * items from whichever sources it spans, and asks each only for its part (no source is read whole).
 */
class ResourcePagesTest {

    static final ResourceScope SCOPE = new ResourceScope(List.of("acme"), null, null, null);

    /** A source of {@code size} items named {@code <kind><n>}, recording what it was asked for. */
    static final class Listed implements ResourceSource {
        final String kind;
        final int size;
        final List<String> asked = new ArrayList<>();

        Listed(String kind, int size) {
            this.kind = kind;
            this.size = size;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public long count(ResourceScope scope) {
            return size;
        }

        @Override
        public List<?> list(ResourceScope scope, long offset, int limit) {
            asked.add(offset + "+" + limit);
            return IntStream.range((int) offset, (int) Math.min(size, offset + limit)).mapToObj(n -> kind + n).toList();
        }
    }

    @Test
    void pagesRunThroughTheSourcesInTurnWithoutGapsOrRepeats() {
        List<Object> all = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            Page<Object> answer = ResourceController.concatenated(sources(), SCOPE, new PageRequest(page, 2));
            assertThat(answer.total()).isEqualTo(7);
            assertThat(answer.hasNext()).isEqualTo(page < 3);
            all.addAll(answer.items());
        }
        assertThat(all).containsExactly("vm0", "vm1", "vm2", "node0", "node1", "node2", "node3");
    }

    @Test
    void eachSourceIsAskedOnlyForItsPartOfThePage() {
        Listed vms = new Listed("vm", 3);
        Listed namespaces = new Listed("namespace", 0);
        Listed nodes = new Listed("node", 4);

        Page<Object> page = ResourceController.concatenated(List.of(vms, namespaces, nodes), SCOPE, new PageRequest(1, 2));

        assertThat(page.items()).containsExactly("vm2", "node0");
        assertThat(vms.asked).containsExactly("2+1");
        assertThat(namespaces.asked).isEmpty();
        assertThat(nodes.asked).containsExactly("0+1");
    }

    @Test
    void aPagePastTheEndIsEmptyAndAsksNoSource() {
        Listed vms = new Listed("vm", 3);

        Page<Object> page = ResourceController.concatenated(List.of(vms), SCOPE, new PageRequest(5, 2));

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.hasNext()).isFalse();
        assertThat(vms.asked).isEmpty();
    }

    private static List<ResourceSource> sources() {
        return List.of(new Listed("vm", 3), new Listed("namespace", 0), new Listed("node", 4));
    }
}
