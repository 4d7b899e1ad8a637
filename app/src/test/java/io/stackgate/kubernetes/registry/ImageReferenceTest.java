package io.stackgate.kubernetes.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Image references read as Docker reads them (distribution/reference's ParseNormalizedNamed). */
class ImageReferenceTest {

    private static final String SHA = "sha256:" + "0123456789abcdef".repeat(4);

    @ParameterizedTest(name = "{0} is {1}/{2}:{3}")
    @CsvSource(nullValues = "-", value = {
            // image,                                   registry,         repository,           tag
            "nginx,                                      docker.io,        library/nginx,        latest",
            "nginx:1.25-alpine,                          docker.io,        library/nginx,        1.25-alpine",
            "flannel/flannel:v0.22,                      docker.io,        flannel/flannel,      v0.22",
            "docker.io/nginx,                            docker.io,        library/nginx,        latest",
            "docker.io/library/nginx:1,                  docker.io,        library/nginx,        1",
            "index.docker.io/calico/node,                docker.io,        calico/node,          latest",
            "quay.io/calico/node:v3.26.1,                quay.io,          calico/node,          v3.26.1",
            "registry.k8s.io/pause:3.9,                  registry.k8s.io,  pause,                3.9",
            "registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.9.0, registry.k8s.io, "
                    + "sig-storage/csi-node-driver-registrar, v2.9.0",
            "localhost:5000/a/b,                         localhost:5000,   a/b,                  latest",
            "localhost/team/app:Tag_1.x,                 localhost,        team/app,             Tag_1.x",
            "registry.local:5000/team/app:1.0,           registry.local:5000, team/app,          1.0",
            "127.0.0.1:5000/a:b,                         127.0.0.1:5000,   a,                    b",
            "[::1]:5000/a:b,                             [::1]:5000,       a,                    b",
            "Registry/team/app,                          Registry,         team/app,             latest",
            "team/a__b.c--d_e:x,                         docker.io,        team/a__b.c--d_e,     x",
            // no '/': Docker reads the ':5000' as a tag of library/localhost
            "localhost:5000,                             docker.io,        library/localhost,    5000",
    })
    void readsRegistryRepositoryAndTagAsDockerDoes(String image, String registry, String repository, String tag) {
        ImageReference reference = ImageReference.parse(image);

        assertThat(reference.registry()).isEqualTo(registry);
        assertThat(reference.repository()).isEqualTo(repository);
        assertThat(reference.tag()).isEqualTo(tag);
        assertThat(reference.digest()).isNull();
        assertThat(reference.manifestPath()).isEqualTo("/v2/" + repository + "/manifests/" + tag);
    }

    @Test
    void aDigestWithoutTagIsAskedForByDigestAndHasNoDefaultTag() {
        ImageReference reference = ImageReference.parse("localhost:5000/a/b@" + SHA);

        assertThat(reference).isEqualTo(new ImageReference("localhost:5000", "a/b", null, SHA));
        assertThat(reference.manifestPath()).isEqualTo("/v2/a/b/manifests/" + SHA);
        assertThat(reference).hasToString("localhost:5000/a/b@" + SHA);
    }

    @Test
    void aDigestWinsOverATagForTheManifestRequest() {
        ImageReference reference = ImageReference.parse("quay.io/calico/node:v3.26.1@" + SHA);

        assertThat(reference.tag()).isEqualTo("v3.26.1");
        assertThat(reference.manifestPath()).isEqualTo("/v2/calico/node/manifests/" + SHA);
    }

    @Test
    void dockerHubIsAskedAtRegistryOneAndOtherRegistriesAtTheirOwnHost() {
        assertThat(ImageReference.parse("nginx").apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageReference.parse("quay.io/calico/node").apiHost()).isEqualTo("quay.io");
        assertThat(ImageReference.parse("localhost:5000/a").apiHost()).isEqualTo("localhost:5000");
    }

    @Test
    void theFullFormNamesRegistryRepositoryAndTag() {
        assertThat(ImageReference.parse("nginx")).hasToString("docker.io/library/nginx:latest");
        assertThat(ImageReference.parse("flannel/flannel:v0.22")).hasToString("docker.io/flannel/flannel:v0.22");
        assertThat(ImageReference.parse("registry.k8s.io/pause:3.9")).hasToString("registry.k8s.io/pause:3.9");
    }

    @Test
    void aBlobIsAskedForInTheImagesRepository() {
        assertThat(ImageReference.parse("quay.io/calico/node:v3.26.1").blobPath(SHA))
                .isEqualTo("/v2/calico/node/blobs/" + SHA);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void anEmptyReferenceIsRefused(String image) {
        assertThatIllegalArgumentException().isThrownBy(() -> ImageReference.parse(image))
                .withMessage("Image reference is empty");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "NGINX                                   | must be lowercase",
            "quay.io/Calico/node                     | must be lowercase",
            "nginx:                                  | tag ''",
            "nginx:-1                                | tag '-1'",
            "nginx:a:b                               | tag 'a:b'",
            "nginx@sha256:abc                        | digest 'sha256:abc'",
            "nginx@md5:0123456789abcdef0123456789abcdef | digest 'md5:",
            "quay.io/                                | repository name ''",
            "quay.io/calico//node                    | repository name 'calico//node'",
            "-nginx                                  | repository name 'library/-nginx'",
            "team/app_                               | repository name 'team/app_'",
            "my_registry.io/app                      | registry 'my_registry.io'",
            "quay.io:port/app                        | registry 'quay.io:port'",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | image id",
    })
    void anInvalidReferenceIsRefusedSayingWhatIsWrong(String image, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> ImageReference.parse(image))
                .withMessageStartingWith("Invalid image reference '" + image + "'").withMessageContaining(reason);
    }

    @Test
    void aDigestInUppercaseHexIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ImageReference.parse("nginx@sha256:" + "0123456789ABCDEF".repeat(4)))
                .withMessageContaining("lowercase");
    }

    @Test
    void aTagOrRepositoryTooLongIsRefused() {
        assertThat(ImageReference.parse("nginx:" + "t".repeat(128)).tag()).hasSize(128);
        assertThatIllegalArgumentException().isThrownBy(() -> ImageReference.parse("nginx:" + "t".repeat(129)))
                .withMessageContaining("tag");
        assertThatIllegalArgumentException().isThrownBy(() -> ImageReference.parse("quay.io/" + "r".repeat(256)))
                .withMessageContaining("longer than 255");
    }
}
