package io.stackgate.support;

import java.util.ArrayList;
import java.util.List;

import io.stackgate.StackgateApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Starts the whole application outside {@code @SpringBootTest}, for tests that start several instances or watch a
 * start fail: profiles {@code test} and {@code test-<db>} (plus any named), and — as in {@code @SpringBootTest} —
 * test-only configurations join only when named here, never through the component scan.
 */
public final class Instances {

    private Instances() {
    }

    public static SpringApplicationBuilder app(List<String> moreProfiles, Class<?>... testSources) {
        List<Class<?>> sources = new ArrayList<>(List.of(StackgateApplication.class));
        sources.addAll(List.of(testSources));
        List<String> profiles = new ArrayList<>(List.of(new TestProfiles().resolve(Instances.class)));
        profiles.addAll(moreProfiles);
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .profiles(profiles.toArray(String[]::new))
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton(TestOnly.class.getName(), new TestOnly()));
    }

    /** Leaves {@code @TestComponent} and {@code @TestConfiguration} classes out of the component scan. */
    private static final class TestOnly extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().isAnnotated(TestComponent.class.getName());
        }
    }

    public static SpringApplicationBuilder app(Class<?>... testSources) {
        return app(List.of(), testSources);
    }
}
