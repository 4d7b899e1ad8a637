package io.stackgate.kubernetes.web;

import java.util.Comparator;
import java.util.List;

import io.stackgate.compute.Arch;
import io.stackgate.compute.ComputeProperties;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.cluster.KubernetesProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a request form may offer: the image catalogue per architecture, the GPUs of the fleet per architecture, size
 * presets and the Kubernetes clusters a node or namespace request may name. Read-only, for any signed-in user; it
 * tells nothing of tenants. It lives in the Kubernetes capability because that one already reads compute's public
 * face (the image catalogue) and owns the clusters: in requests or compute it would make a cycle.
 */
@Tag(name = "Catalogue", description = "Images, GPUs, size presets and clusters a request may name")
@RestController
@RequestMapping("/api/catalogue")
class CatalogueController {

    /** The answer: everything the request forms choose from. */
    record Catalogue(List<ImageOffer> images, List<GpuOffer> gpus, List<SizePreset> sizes, List<ClusterOffer> clusters) {
    }

    /** @param kind {@code disk} (a cloud image) or {@code kernel} (direct kernel boot: the test guest) */
    record ImageOffer(String name, Arch arch, String kind, String description) {
    }

    /**
     * @param hosts        hosts of this architecture with GPUs to pass through
     * @param total        their GPUs in all (configured, not what is free now)
     * @param maxPerHost   the most one host has: a VM's GPUs all come from its one host
     */
    record GpuOffer(Arch arch, int hosts, int total, int maxPerHost) {
    }

    /** A size the forms offer as a starting point (still editable): per machine. */
    record SizePreset(String id, int vcpus, long memoryMiB, long diskGiB) {
    }

    /**
     * @param arches    the architectures its worker nodes may be
     * @param nodeImage the image its worker nodes boot
     * @param demo      the in-process demo cluster
     */
    record ClusterOffer(String name, List<String> arches, String nodeImage, boolean demo) {
    }

    /** Sizes within both VmSpec's and NodePoolSpec's limits (nodes need 1 GiB and 10 GiB at least). */
    static final List<SizePreset> SIZES = List.of(
            new SizePreset("small", 1, 2048, 20),
            new SizePreset("medium", 2, 4096, 40),
            new SizePreset("large", 4, 8192, 80),
            new SizePreset("xlarge", 8, 16384, 160),
            new SizePreset("2xlarge", 16, 32768, 320));

    private final ComputeProperties compute;
    private final Clusters clusters;

    CatalogueController(ComputeProperties compute, Clusters clusters) {
        this.compute = compute;
        this.clusters = clusters;
    }

    @Operation(operationId = "getCatalogue", summary = "What request forms may offer: images per architecture, GPUs, "
            + "size presets and Kubernetes clusters")
    @GetMapping
    Catalogue catalogue() {
        List<ImageOffer> images = compute.images().stream()
                .map(image -> new ImageOffer(image.name(), image.arch(), image.kind().name(), image.description()))
                .sorted(Comparator.comparing(ImageOffer::arch).thenComparing(ImageOffer::name))
                .toList();
        List<GpuOffer> gpus = java.util.Arrays.stream(Arch.values()).map(arch -> {
            List<ComputeProperties.Host> withGpus = compute.hosts().stream()
                    .filter(host -> host.arch() == arch && !host.gpus().isEmpty()).toList();
            return new GpuOffer(arch, withGpus.size(), withGpus.stream().mapToInt(host -> host.gpus().size()).sum(),
                    withGpus.stream().mapToInt(host -> host.gpus().size()).max().orElse(0));
        }).toList();
        List<ClusterOffer> offers = clusters.names().stream().map(name -> {
            KubernetesProperties.ClusterConfig config = clusters.config(name);
            return new ClusterOffer(name, List.copyOf(config.arches()), config.nodes().image(), config.demo());
        }).toList();
        return new Catalogue(images, gpus, SIZES, offers);
    }
}
