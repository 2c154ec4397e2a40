package dev.gatehouse.web.session;

import dev.gatehouse.web.data.PostgresServer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC session store on a real PostgreSQL (the Debian package), the same tests as on SQLite. */
class JdbcSessionStorePostgresTest extends JdbcSessionStoreContract {
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) postgres.close();
    }

    @Override
    DataSource database() {
        return postgres.dataSource();
    }
}
