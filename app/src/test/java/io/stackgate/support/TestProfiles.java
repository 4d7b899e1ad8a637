package io.stackgate.support;

import org.springframework.test.context.ActiveProfilesResolver;

/** Profiles {@code test} and {@code test-<db>}, where db is the system property {@code stackgate.test.db} (h2 or mariadb). */
public class TestProfiles implements ActiveProfilesResolver {

    public static String database() {
        return System.getProperty("stackgate.test.db", "h2");
    }

    @Override
    public String[] resolve(Class<?> testClass) {
        return new String[] {"test", "test-" + database()};
    }
}
