package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The home a launcher passes, a checkout's or a distribution's: both hold test-data/. */
class HomeTest {

    @TempDir Path home;

    @AfterEach
    void clear() {
        System.clearProperty(Home.PROPERTY);
    }

    @Test
    void theBundledDataIsTestDataInTheHome() throws Exception {
        Files.createDirectories(home.resolve("test-data"));
        System.setProperty(Home.PROPERTY, home.toString());
        assertThat(Home.testData()).isEqualTo(home.resolve("test-data"));
    }

    @Test
    void aHomeWithoutTestDataSaysHowToFixIt() {
        System.setProperty(Home.PROPERTY, home.toString());
        assertThatThrownBy(Home::testData)
                .hasMessageContaining("bundled test data not found at " + home.resolve("test-data"))
                .hasMessageContaining("unpack the distribution archive again")
                .hasMessageContaining("--source DIR");
    }
}
