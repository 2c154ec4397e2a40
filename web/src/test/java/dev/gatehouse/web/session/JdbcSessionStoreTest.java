package dev.gatehouse.web.session;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The JDBC session store on SQLite, in a temp file. */
class JdbcSessionStoreTest extends JdbcSessionStoreContract {
    @TempDir
    Path dir;

    @Override
    DataSource database() {
        SQLiteDataSource db = new SQLiteDataSource();
        db.setUrl("jdbc:sqlite:" + dir.resolve("sessions.db"));
        return db;
    }
}
