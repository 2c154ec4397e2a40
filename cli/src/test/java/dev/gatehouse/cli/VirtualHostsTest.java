package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which host a Host header value selects (the served behaviour is in ServeConfigTest). */
class VirtualHostsTest {
    private static final Application EXACT = (environ, startResponse) -> Body.empty();
    private static final Application SHORT_WILDCARD = (environ, startResponse) -> Body.empty();
    private static final Application LONG_WILDCARD = (environ, startResponse) -> Body.empty();
    private static final Application IPV6 = (environ, startResponse) -> Body.empty();
    private static final Application DEFAULT = (environ, startResponse) -> Body.empty();

    private final VirtualHosts hosts = new VirtualHosts.Builder()
            .host(List.of("*.example.com"), SHORT_WILDCARD)
            .host(List.of("*.api.example.com"), LONG_WILDCARD)
            .host(List.of("www.api.example.com"), EXACT)
            .host(List.of("[::1]"), IPV6)
            .build(DEFAULT);

    @Test
    void anExactNameBeatsEveryWildcard() {
        assertThat(hosts.select("www.api.example.com")).isSameAs(EXACT);
        assertThat(hosts.select("WWW.Api.Example.COM:443")).isSameAs(EXACT);
    }

    @Test
    void theLongestWildcardWins() {
        assertThat(hosts.select("v2.api.example.com")).isSameAs(LONG_WILDCARD);
        assertThat(hosts.select("a.b.example.com")).isSameAs(SHORT_WILDCARD);
    }

    @Test
    void aWildcardDoesNotMatchItsOwnDomain() {
        assertThat(hosts.select("example.com")).isSameAs(DEFAULT);
        assertThat(hosts.select("api.example.com")).isSameAs(SHORT_WILDCARD);
    }

    @Test
    void readsIpv6LiteralsAndMissingHosts() {
        assertThat(hosts.select("[::1]:8080")).isSameAs(IPV6);
        assertThat(hosts.select(null)).isSameAs(DEFAULT);
        assertThat(hosts.select("")).isSameAs(DEFAULT);
    }
}
