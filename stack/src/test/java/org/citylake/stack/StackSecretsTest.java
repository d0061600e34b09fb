package org.citylake.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSecretsTest {

    @TempDir Path dir;

    @Test
    void generatedOnceKeptPrivateAndReused() throws Exception {
        StackSecrets first = StackSecrets.loadOrCreate(dir);
        String password = first.get("postgres.password");
        assertThat(password).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9_-]+");
        assertThat(first.get("s3.secret")).isNotEqualTo(password);

        Path file = dir.resolve(StackSecrets.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(StackSecrets.loadOrCreate(dir).get("postgres.password")).isEqualTo(password);
    }
}
