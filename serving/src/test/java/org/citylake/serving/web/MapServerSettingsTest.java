package org.citylake.serving.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MapServerSettingsTest {

    @Test
    void loopbackByDefaultAndAnotherAddressOnlyWhenAllowed() {
        assertThat(MapServer.Settings.DEFAULT_BIND).isEqualTo("127.0.0.1");
        assertThat(MapServer.Settings.DEFAULT_PORT).isEqualTo(18480);
        new MapServer.Settings("127.0.0.1", 0, false);
        new MapServer.Settings("::1", 0, false);
        new MapServer.Settings("localhost", 0, false);
        assertThatThrownBy(() -> new MapServer.Settings("0.0.0.0", 18480, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--bind 0.0.0.0 is not a loopback address")
                .hasMessageContaining("--allow-remote");
        new MapServer.Settings("0.0.0.0", 18480, true);
        assertThatThrownBy(() -> new MapServer.Settings("127.0.0.1", 70000, false))
                .hasMessage("port 70000 is not in 0..65535");
    }

    @Test
    void afterSignInOnlyToAPathOfThisServer() {
        assertThat(MapServer.safeNext("/?city=aarhus")).isEqualTo("/?city=aarhus");
        assertThat(MapServer.safeNext("//elsewhere.example/")).isEqualTo("/");
        assertThat(MapServer.safeNext("https://elsewhere.example/")).isEqualTo("/");
        assertThat(MapServer.safeNext("/\\elsewhere.example")).isEqualTo("/");
        assertThat(MapServer.safeNext(null)).isEqualTo("/");
    }
}
