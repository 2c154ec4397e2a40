package dev.gatehouse.uwsgi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UwsgiModifierTest {
    @Test
    void fromFindsEachCodeAndNothingElse() {
        for (UwsgiModifier m : UwsgiModifier.values()) assertThat(UwsgiModifier.from(m.code)).isSameAs(m);
        assertThat(UwsgiModifier.from(0)).isEqualTo(UwsgiModifier.WSGI);
        assertThat(UwsgiModifier.from(30)).isEqualTo(UwsgiModifier.WSGI_MANAGED_SCRIPT_NAME);
        assertThat(UwsgiModifier.from(72)).isEqualTo(UwsgiModifier.HTTP_RESPONSE);
        assertThat(UwsgiModifier.from(4)).isNull();
        assertThat(UwsgiModifier.from(-1)).isNull();
        assertThat(UwsgiModifier.from(256)).isNull();
    }

    @Test
    void onlyTheWsgiKindsAreServed() {
        assertThat(UwsgiModifier.values()).filteredOn(UwsgiModifier::isWsgiRequest)
                .containsExactly(UwsgiModifier.WSGI, UwsgiModifier.WSGI_MANAGED_SCRIPT_NAME);
    }

    @Test
    void describeNamesKnownCodes() {
        assertThat(UwsgiModifier.describe(5)).isEqualTo("5 (PSGI (Perl) request)");
        assertThat(UwsgiModifier.describe(4)).isEqualTo("4");
    }
}
