package io.stackgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.stackgate.support.Api;
import io.stackgate.support.Instances;
import io.stackgate.support.Requests;
import io.stackgate.support.TestDatabases;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A plain {@code jdbc:mysql://host/db} URL (no driver properties) on a MariaDB server that already holds another
 * Camunda's tables in another database: the app creates and uses Camunda's and its own tables in its database.
 * Without {@code nullCatalogMeansCurrent} Connector/J would find the other database's tables and Camunda would skip
 * creating its own. Runs in the MariaDB pass of the suite.
 */
@EnabledIfSystemProperty(named = "stackgate.test.db", matches = "mariadb")
class PlainMySqlUrlTest {

    static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";
    static final String USER = System.getenv().getOrDefault("STACKGATE_TEST_DB_USER", "root");
    static final String PASSWORD = System.getenv().getOrDefault("STACKGATE_TEST_DB_PASSWORD", "");

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String otherCamunda = "sg_test_other_camunda_" + suffix;
    final String own = "sg_test_plain_url_" + suffix;

    @BeforeEach
    void anotherCamundaOnTheServerAndAnEmptyDatabaseForTheApp() throws SQLException {
        execute("create database " + otherCamunda);
        execute("create database " + own);
        try (HikariDataSource database = new HikariDataSource()) {
            database.setJdbcUrl(SERVER + otherCamunda + "?nullCatalogMeansCurrent=true&sendFractionalSeconds=false");
            database.setUsername(USER);
            database.setPassword(PASSWORD);
            database.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            ProcessEngine other = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                    .setProcessEngineName("other-camunda-" + suffix)
                    .setDataSource(database)
                    .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                    .setJobExecutorActivate(false)
                    .buildProcessEngine();
            other.close();
        }
        assertThat(tables(otherCamunda)).contains("act_ge_property", "act_ru_execution");
    }

    @AfterEach
    void dropBoth() throws SQLException {
        execute("drop database if exists " + otherCamunda);
        execute("drop database if exists " + own);
    }

    @Test
    void aPlainUrlGetsCamundasAndStackgatesTablesInItsOwnDatabaseAndServesRequests() throws SQLException {
        try (ConfigurableApplicationContext app = Instances.app(TestDatabases.class, Api.class)
                .run("--server.port=0", "--spring.datasource.url=" + SERVER + own,
                        "--stackgate.tenants.config-dir=src/test/tenants-config")) {

            assertThat(tables(own)).contains("act_ge_property", "act_ru_execution", "act_hi_procinst",
                    "stackgate_schema_history", "resource_request", "tenants_config_version");
            Api api = app.getBean(Api.class);
            String id = Requests.submit(api, "alice", "acme", "web", "vm", Requests.smallVm()).path("id").asText();

            assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("PENDING_APPROVAL");
            assertThat(count(own, "select count(*) from ACT_RU_EXECUTION")).isPositive();
            assertThat(count(otherCamunda, "select count(*) from ACT_RU_EXECUTION")).isZero();
            assertThat(tables(otherCamunda)).doesNotContain("stackgate_schema_history");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD)) {
            connection.createStatement().execute(sql);
        }
    }

    private static List<String> tables(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
                var query = connection.prepareStatement(
                        "select lower(table_name) from information_schema.tables where table_schema = ?")) {
            query.setString(1, database);
            List<String> names = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + database, USER, PASSWORD);
                var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
