package dev.gatehouse.cgi.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import java.util.List;

/** An app that prints to System.out, as careless code does: in a CGI process that must not reach the response. */
public final class PrintingApp implements Application {
    static final String PRINTED = "printed by the app to System.out";
    static final String PRINTED_WHEN_BUILT = "printed by the app's constructor to System.out";

    public PrintingApp() {
        System.out.println(PRINTED_WHEN_BUILT);
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) {
        System.out.println(PRINTED);
        System.out.flush();
        startResponse.start(Status.OK, List.of(Header.of("Content-Type", "text/plain"), Header.of("Content-Length", "3")));
        return Body.of("ok\n");
    }
}
