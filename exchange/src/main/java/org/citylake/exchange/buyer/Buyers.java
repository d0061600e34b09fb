package org.citylake.exchange.buyer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The buyers of an installation, in {@code <data-dir>/exchange/buyers.properties} (readable by the
 * owner only, outside git): per buyer the SHA-256 of their API key (the key itself is shown once,
 * when issued, and never stored) and the products granted. A buyer is a Trino user {@code
 * buyer_<name>}, so the same name reads the release tables through Trino.
 */
public final class Buyers {

    public static final String FILE = "buyers.properties";
    public static final Pattern NAME = Pattern.compile("buyer_[a-z0-9_]+");
    static final String KEY_PREFIX = "clx_";
    private static final String KEY_SUFFIX = ".key-sha256";
    private static final String GRANTS_SUFFIX = ".products";

    private final Path file;

    public Buyers(Path exchangeDir) {
        this.file = exchangeDir.resolve(FILE);
    }

    /** {@code buyer} if it is a valid buyer name, else an error with the rule and an example. */
    public static String requireName(String buyer) {
        if (buyer == null || !NAME.matcher(buyer).matches()) {
            throw new IllegalArgumentException(
                    "buyer '"
                            + buyer
                            + "': a buyer is a Trino user named buyer_<lower-case letters, digits,"
                            + " _>, e.g. buyer_test (the stack's Trino knows buyer_test)");
        }
        return buyer;
    }

    /** Issues a new API key for {@code buyer} (replacing an earlier one); returns it, once. */
    public synchronized String issueKey(String buyer) {
        requireName(buyer);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Properties props = load();
        props.setProperty(buyer + KEY_SUFFIX, sha256(key));
        save(props);
        return key;
    }

    /** The buyer whose key this is; empty for a missing or wrong key. Compares in constant time. */
    public Optional<String> buyerOf(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = sha256(key).getBytes(StandardCharsets.US_ASCII);
        Properties props = load();
        String found = null;
        for (String name : props.stringPropertyNames()) {
            if (name.endsWith(KEY_SUFFIX)) {
                byte[] stored = props.getProperty(name).getBytes(StandardCharsets.US_ASCII);
                if (MessageDigest.isEqual(hash, stored)) {
                    found = name.substring(0, name.length() - KEY_SUFFIX.length());
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Grants {@code product} to {@code buyer}; false when it was granted already. */
    public synchronized boolean grant(String buyer, String product) {
        requireName(buyer);
        Set<String> products = products(buyer);
        boolean added = products.add(product);
        store(buyer, products);
        return added;
    }

    /** Revokes {@code product} from {@code buyer}; false when it was not granted. */
    public synchronized boolean revoke(String buyer, String product) {
        requireName(buyer);
        Set<String> products = products(buyer);
        boolean removed = products.remove(product);
        store(buyer, products);
        return removed;
    }

    public Set<String> products(String buyer) {
        String value = load().getProperty(buyer + GRANTS_SUFFIX, "");
        Set<String> out = new TreeSet<>();
        Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .forEach(out::add);
        return out;
    }

    /** Every buyer with a grant or a key → their products, by name. */
    public TreeMap<String, Set<String>> all() {
        Properties props = load();
        TreeMap<String, Set<String>> out = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            String buyer =
                    name.endsWith(GRANTS_SUFFIX)
                            ? name.substring(0, name.length() - GRANTS_SUFFIX.length())
                            : name.endsWith(KEY_SUFFIX)
                                    ? name.substring(0, name.length() - KEY_SUFFIX.length())
                                    : null;
            if (buyer != null) {
                out.put(buyer, products(buyer));
            }
        }
        return out;
    }

    private void store(String buyer, Set<String> products) {
        Properties props = load();
        props.setProperty(buyer + GRANTS_SUFFIX, String.join(",", new ArrayList<>(products)));
        save(props);
    }

    private Properties load() {
        Properties props = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return props;
    }

    private void save(Properties props) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(
                    tmp,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                props.store(
                        writer,
                        "CityLake exchange buyers: API key hashes and grants; never commit");
            }
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The buyers' product ids, as listed for messages. */
    public static String list(List<String> ids) {
        return String.join(", ", ids);
    }
}
