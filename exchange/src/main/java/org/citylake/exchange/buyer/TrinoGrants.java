package org.citylake.exchange.buyer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citylake.exchange.product.Product;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.serving.TrinoAccessRules;

/**
 * The Trino rules with the buyers' grants: {@link TrinoAccessRules}'s rules plus, per buyer, one
 * table rule allowing SELECT on exactly the release tables of the products granted ({@code
 * exchange.<product>}). Nothing else matches a buyer, so every other table (clean, raw, gold,
 * another product) stays denied. {@code citylake stack up} installs these rules; a grant or revoke
 * rewrites the running stack's {@code rules.json}, which Trino reloads within its
 * security.refresh-period (30 s).
 */
public final class TrinoGrants {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrinoGrants() {}

    /** The rules JSON for {@code grants} (buyer → product ids). */
    public static String rules(Map<String, Set<String>> grants) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(TrinoAccessRules.json());
            ArrayNode tables = (ArrayNode) root.get("tables");
            grants.forEach(
                    (buyer, products) -> {
                        if (products.isEmpty()) {
                            return;
                        }
                        ObjectNode rule = tables.addObject();
                        // buyer names are [a-z0-9_]: no regex metacharacters
                        rule.put("user", buyer);
                        rule.put("catalog", "iceberg");
                        rule.put("schema", "exchange");
                        rule.put(
                                "table",
                                String.join(
                                        "|",
                                        products.stream()
                                                .map(p -> p.replace('-', '_'))
                                                .sorted()
                                                .toList()));
                        rule.putArray("privileges").add("SELECT");
                    });
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules of the grants recorded for {@code config}'s data dir. */
    public static String rules(LakeConfig config) {
        return rules(new Buyers(config.dataDir().resolve("exchange")).all());
    }

    /** The running stack's rules file, or null when no stack is installed under the data dir. */
    public static Path rulesFile(LakeConfig config) {
        Path file = config.stackDir().resolve("trino").resolve("etc").resolve("rules.json");
        return Files.isDirectory(file.getParent()) ? file : null;
    }

    /** Rewrites the stack's rules file (when there is one); returns it, or null. */
    public static Path install(LakeConfig config) {
        Path file = rulesFile(config);
        if (file == null) {
            return null;
        }
        try {
            Path tmp = file.resolveSibling("rules.json.tmp");
            Files.writeString(tmp, rules(config));
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Trino's rules " + file, e);
        }
    }

    /** The release table names of {@code products}, for messages. */
    public static List<String> tables(List<Product> products) {
        return products.stream().map(Product::releaseTable).toList();
    }
}
