package io.stackgate.compute;

import java.util.List;
import java.util.Optional;

import io.stackgate.compute.ComputeProperties.Image;
import io.stackgate.compute.ComputeProperties.ImageKind;
import io.stackgate.errors.InvalidInput;
import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.SpecCheck;
import io.stackgate.requests.VmSpec;
import org.springframework.stereotype.Component;

/**
 * The images a VM may boot, per architecture: qcow2 cloud images (Debian, Ubuntu, openEuler, Kylin…) held as volumes
 * in each host's pool, and direct-kernel-boot images (kernel + initrd) for tests. A VM request naming an image that
 * does not exist for its architecture is refused at submit.
 */
@Component
public class ImageCatalogue implements SpecCheck {

    private final List<Image> images;

    ImageCatalogue(ComputeProperties properties) {
        properties.images().forEach(ImageCatalogue::checkComplete);
        this.images = List.copyOf(properties.images());
    }

    List<Image> all() {
        return images;
    }

    /** Whether the catalogue has the image for the arch (other capabilities' requests name images too). */
    public boolean offers(String name, Arch arch) {
        return find(name, arch).isPresent();
    }

    public Optional<Image> find(String name, Arch arch) {
        return images.stream().filter(image -> image.name().equals(name) && image.arch() == arch).findFirst();
    }

    @Override
    public void check(String tenantId, String projectId, RequestSpec spec) {
        if (spec instanceof VmSpec vm && find(vm.image(), Arch.valueOf(vm.arch())).isEmpty()) {
            List<String> known = images.stream().filter(image -> image.arch().name().equals(vm.arch()))
                    .map(Image::name).distinct().sorted().toList();
            throw new InvalidInput("spec.image", "no image " + vm.image() + " for " + vm.arch() + "; known: " + known);
        }
    }

    private static void checkComplete(Image image) {
        boolean complete = image.kind() == ImageKind.disk ? notBlank(image.volume())
                : notBlank(image.kernel()) && notBlank(image.initrd());
        if (!complete) {
            throw new IllegalStateException("stackgate.compute.images: " + image.name() + " (" + image.arch() + ") needs "
                    + (image.kind() == ImageKind.disk ? "a volume" : "a kernel and an initrd"));
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
