package io.stackgate.config;

import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On MySQL/MariaDB (a {@code jdbc:mysql:} URL, MySQL Connector/J) the pool hands the driver the settings the platform
 * relies on, whatever the URL says, so that a plain {@code jdbc:mysql://host/db} is safe:
 * <ul>
 * <li>{@code nullCatalogMeansCurrent=true}: Camunda asks the driver whether its tables exist without naming a
 * database; Connector/J 8+ then searches every database of the server, finds another Camunda's tables and Camunda
 * skips creating its own;</li>
 * <li>{@code sendFractionalSeconds=false}: Camunda's and Stackgate's timestamp columns hold whole seconds, and the server
 * rounds fractions up (a due date or lock time a second late, a time after "now"); Camunda's MySQL guide requires it.</li>
 * </ul>
 * {@code createDatabaseIfNotExist} is left to the URL: creating a database on a mistyped name is no default.
 */
@Component
class MySqlDriverSettings implements BeanPostProcessor {

    static final Map<String, String> REQUIRED = Map.of("nullCatalogMeansCurrent", "true", "sendFractionalSeconds", "false");

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:mysql:")) {
            REQUIRED.forEach(pool::addDataSourceProperty);
        }
        return bean;
    }
}
