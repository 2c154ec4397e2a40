package dev.gatehouse.examples.accounts;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.fastcgi.server.FcgiConfig;
import dev.gatehouse.fastcgi.server.FcgiServer;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.middleware.UrlMap;
import dev.gatehouse.testkit.peers.ApacheLauncher;
import dev.gatehouse.testkit.peers.NginxLauncher;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same app, unchanged, deployed the three ways docs/web.md describes, each under the prefix
 * {@code /accounts}: on Gatehouse's HTTP server (as {@code gatehouse serve --mount} runs it), behind
 * the real nginx over FastCGI, and as a CGI script behind the real Apache httpd (mod_cgi), where
 * every request is a new JVM and all state must live in the database and the signed cookie.
 */
class AccountsDeploymentsTest {
    private static final String PASSWORD = "deployment-password";
    private static final String SPEC = AccountsApp.class.getName() + "::create";

    @Test
    void onGatehousesHttpServer() throws Exception {
        try (TempDir dir = TempDir.create();
             AccountsApp app = AccountsApp.create(new AccountsSettings(dir.resolve("accounts.db"), PASSWORD, null))) {
            Http1Server server = new Http1Server(UrlMap.builder().mount("/accounts", app).build(), Http1Config.defaults())
                    .listen(ListenAddress.tcp("127.0.0.1", 0)).start();
            try {
                AccountsScenario.run(URI.create("http://127.0.0.1:" + server.addresses().getFirst().port() + "/accounts"), PASSWORD);
            } finally {
                server.shutdown();
            }
        }
    }

    @Test
    void behindNginxOverFastCgi() throws Exception {
        NginxLauncher.require();
        try (TempDir dir = TempDir.create();
             AccountsApp app = AccountsApp.create(new AccountsSettings(dir.resolve("accounts.db"), PASSWORD, null))) {
            FcgiServer fcgi = new FcgiServer(app, FcgiConfig.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
            // docs/fastcgi.md's location for an app under a prefix
            String location = """
                    location /accounts/ {
                        include %s;
                        fastcgi_split_path_info ^(/accounts)(/.*)$;
                        fastcgi_param SCRIPT_NAME $fastcgi_script_name;
                        fastcgi_param PATH_INFO $fastcgi_path_info;
                        fastcgi_pass 127.0.0.1:%d;
                        fastcgi_keep_conn on;
                    }
                    """.formatted(NginxLauncher.FASTCGI_PARAMS, fcgi.addresses().getFirst().port());
            try (PeerProcess nginx = NginxLauncher.start("", location)) {
                AccountsScenario.run(base(nginx.address()), PASSWORD);
            } finally {
                fcgi.shutdown();
            }
        }
    }

    @Test
    void asACgiScriptBehindApache() throws Exception {
        ApacheLauncher.require();
        try (TempDir data = TempDir.worldWritable();
             CgiAppScript script = CgiAppScript.write(SPEC, List.of("gatehouse.accounts.db=" + data.resolve("accounts.db"),
                     "gatehouse.accounts.admin-password=" + PASSWORD));
             PeerProcess apache = ApacheLauncher.start(List.of("cgi", "alias"), "ScriptAlias /accounts \"" + script.path() + "\"")) {
            AccountsScenario.run(base(apache.address()), PASSWORD);
        }
    }

    private static URI base(InetSocketAddress server) {
        return URI.create("http://127.0.0.1:" + server.getPort() + "/accounts");
    }
}
