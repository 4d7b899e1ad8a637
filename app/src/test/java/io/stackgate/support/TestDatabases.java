package io.stackgate.support;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** On MariaDB each test context has a database of its own; it is dropped when the context closes. */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabases {

    @Bean
    DisposableBean dropTestDatabase(DataSource dataSource) {
        return () -> {
            if (!"mariadb".equals(TestProfiles.database())) {
                return;
            }
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            String name = jdbc.queryForObject("select database()", String.class);
            if (name != null && name.startsWith("sg_test_")) {
                jdbc.execute("drop database " + name);
            }
        };
    }
}
