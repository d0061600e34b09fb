package org.citylake.exchange;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import org.citylake.lakehouse.config.LakeConfig;

/**
 * The secret of the keyed hash: {@code CITYLAKE_EXCHANGE_KEY} (or {@code citylake.exchange.key} in
 * the config file), else generated once into {@code <data-dir>/exchange/secrets.properties}
 * (readable by the owner only, outside git). Losing it changes every pseudonym of later releases.
 */
public final class ExchangeKey {

    public static final String SECRETS_FILE = "secrets.properties";
    static final String PROPERTY = "exchange.hmac-key";
    static final int MIN_LENGTH = 32;

    private ExchangeKey() {}

    /** The key bytes for {@code config}, generating and saving one on first use. */
    public static byte[] resolve(LakeConfig config) {
        String configured = ExchangeOptions.get(config, ExchangeOptions.KEY);
        if (configured != null) {
            if (configured.length() < MIN_LENGTH) {
                throw new IllegalArgumentException(
                        ExchangeOptions.KEY.key()
                                + " (environment "
                                + ExchangeOptions.KEY.envVar()
                                + ") is "
                                + configured.length()
                                + " characters long: use at least "
                                + MIN_LENGTH
                                + " random characters, e.g. from `openssl rand -base64 32`");
            }
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        return fromFile(config.dataDir().resolve("exchange").resolve(SECRETS_FILE));
    }

    static synchronized byte[] fromFile(Path file) {
        try {
            Properties props = new Properties();
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    props.load(reader);
                }
            }
            String key = props.getProperty(PROPERTY);
            if (key == null) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                props.setProperty(PROPERTY, key);
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(SECRETS_FILE + ".tmp");
                Files.deleteIfExists(tmp);
                Files.createFile(
                        tmp,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
                try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    props.store(writer, "CityLake exchange secrets: generated, never commit");
                }
                Files.move(
                        tmp,
                        file,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            return key.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the exchange key in " + file, e);
        }
    }
}
