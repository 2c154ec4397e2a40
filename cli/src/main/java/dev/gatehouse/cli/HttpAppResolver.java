package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.http1.client.HttpClientConfig;
import dev.gatehouse.http1.client.HttpProxyApp;
import dev.gatehouse.http1.client.HttpTarget;

/** The {@code http:} scheme: an HTTP backend as {@code http://HOST:PORT[/PREFIX]}, reverse-proxied. */
final class HttpAppResolver implements AppResolver {
    @Override
    public String scheme() {
        return HttpTarget.SCHEME;
    }

    @Override
    public String syntax() {
        return "http://HOST:PORT[/PREFIX]";
    }

    @Override
    public void check(String target) throws StartupException {
        parse(target);
    }

    @Override
    public Application resolve(String target) throws StartupException {
        return new HttpProxyApp(parse(target), HttpClientConfig.defaults());
    }

    private static HttpTarget parse(String target) throws StartupException {
        HttpTarget parsed;
        try {
            parsed = HttpTarget.parse(HttpTarget.SCHEME + ":" + target);
        } catch (IllegalArgumentException e) {
            throw new StartupException("cannot mount " + HttpTarget.SCHEME + ":" + target + ": " + e.getMessage());
        }
        return parsed;
    }
}
