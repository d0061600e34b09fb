package org.citylake.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Credentials of the local stack, generated on first {@code stack up} into a file readable only by
 * the owner ({@code <stack-dir>/secrets.properties}, outside git) and reused afterwards, so a
 * restarted stack keeps its catalog, bucket and Trino users.
 */
public final class StackSecrets {

    public static final String FILE = "secrets.properties";

    private final Path file;
    private final Properties values = new Properties();

    private StackSecrets(Path file) {
        this.file = file;
    }

    /** Loads the secrets of {@code stackDir}, generating and saving missing ones. */
    public static StackSecrets loadOrCreate(Path stackDir) throws IOException {
        StackSecrets secrets = new StackSecrets(stackDir.resolve(FILE));
        if (Files.isRegularFile(secrets.file)) {
            try (Reader reader = Files.newBufferedReader(secrets.file, StandardCharsets.UTF_8)) {
                secrets.values.load(reader);
            }
        }
        return secrets;
    }

    /** The secret named {@code key}, generated (and saved) when missing. */
    public synchronized String get(String key) throws IOException {
        String value = values.getProperty(key);
        if (value == null) {
            value = random();
            values.setProperty(key, value);
            save();
        }
        return value;
    }

    /** The secret named {@code key} if it was generated; never generates one. */
    public synchronized java.util.Optional<String> find(String key) {
        return java.util.Optional.ofNullable(values.getProperty(key));
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(
                tmp,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            values.store(writer, "CityLake local stack credentials: generated, never commit");
        }
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String random() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        // URL-safe, no padding: usable in JDBC URLs, properties and shell without quoting.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
