package org.citylake.exchange;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms: HMAC-SHA256 over {@code <product id> NUL <value>}, the first 128 bits in hex.
 * Stable across releases of one product (a buyer can follow a round over time), different between
 * products (no linking of two products' rows), and neither reversible nor recomputable without the
 * key, unlike a plain hash of a guessable id.
 */
public final class Pseudonyms {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public Pseudonyms(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("the exchange key is empty");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The pseudonym of {@code value} in {@code product}; null stays null. */
    public String of(String product, String value) {
        if (value == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(product.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
