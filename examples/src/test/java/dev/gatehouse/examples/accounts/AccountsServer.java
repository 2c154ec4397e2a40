package dev.gatehouse.examples.accounts;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import java.io.IOException;
import java.net.URI;

/** The account app on Gatehouse's HTTP/1.1 server at 127.0.0.1 (a free port), on a database of its own. */
final class AccountsServer implements AutoCloseable {
    static final String PASSWORD = "test-admin-password";

    private final TempDir dir;
    private final AccountsApp app;
    private final Http1Server server;

    AccountsServer() throws IOException {
        dir = TempDir.create();
        app = AccountsApp.create(new AccountsSettings(dir.resolve("accounts.db"), PASSWORD, null));
        server = new Http1Server(app, Http1Config.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
    }

    /** The app's root URL (it is served at the server's root). */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.addresses().getFirst().port());
    }

    AccountsClient client() {
        return new AccountsClient(base());
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        app.close();
        dir.close();
    }
}
