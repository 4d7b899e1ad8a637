package io.stackgate.tenancy.config;

import java.time.Clock;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** A tenants-config store on an in-memory H2 database with the app's migrations: the database that instances share. */
final class TestConfigStores {

    private TestConfigStores() {
    }

    static TenantsConfigStore shared() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:tenants-config-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .table("stackgate_schema_history").load().migrate();
        return new TenantsConfigStore(JdbcClient.create(database), new DataSourceTransactionManager(database),
                Clock.systemUTC());
    }
}
