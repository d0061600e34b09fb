package org.citylake.testdata.waste;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Which collection round a bin's street belongs to: a table of streets and the round (area) they
 * lie in, read from a CSV resource ({@code street,collection_round,also_written}, {@code #}
 * comments). One truck collects one round ({@link WasteFleet#vehicleId}).
 *
 * <p>A source address becomes a street by {@link #street}: a leading house number is dropped,
 * spaces are collapsed and the spelling is matched case-insensitively against the table's streets
 * and their other spellings ("20 Atholl Cresent" → "Atholl Crescent").
 */
public final class CollectionRounds {

    /** Edinburgh's litter-bin rounds, for the sites of the Enevo collection records. */
    public static final String EDINBURGH = "edinburgh-collection-rounds.csv";

    private static final Pattern HOUSE_NUMBER = Pattern.compile("^\\d+[A-Za-z]?\\s+");

    private final String resource;
    private final Map<String, String> streetBySpelling = new LinkedHashMap<>();
    private final Map<String, String> roundByStreet = new LinkedHashMap<>();

    private CollectionRounds(String resource) {
        this.resource = resource;
    }

    /** The table of a resource beside this class, e.g. {@link #EDINBURGH}. */
    public static CollectionRounds load(String resource) {
        CollectionRounds rounds = new CollectionRounds(resource);
        try (InputStream in = CollectionRounds.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no collection-round table " + resource);
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            CSVFormat format =
                    CSVFormat.DEFAULT
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .setCommentMarker('#')
                            .setIgnoreEmptyLines(true)
                            .get();
            for (CSVRecord row : format.parse(reader)) {
                String street = row.get("street").trim();
                String round = row.get("collection_round").trim();
                if (rounds.roundByStreet.put(street, round) != null) {
                    throw new IllegalStateException(
                            resource + " line " + row.getRecordNumber() + ": " + street + " twice");
                }
                rounds.streetBySpelling.put(key(street), street);
                for (String other : row.get("also_written").split(";")) {
                    if (!other.isBlank()) {
                        rounds.streetBySpelling.put(key(other), street);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rounds;
    }

    /** The address without its house number, spaces collapsed, as written otherwise. */
    public static String withoutNumber(String address) {
        return HOUSE_NUMBER.matcher(address.strip()).replaceFirst("").replaceAll("\\s+", " ");
    }

    /** The table's street an address lies on, if the table has it. */
    public Optional<String> street(String address) {
        return Optional.ofNullable(streetBySpelling.get(key(withoutNumber(address))));
    }

    /** The round of one of the table's streets. */
    public String round(String street) {
        String round = roundByStreet.get(street);
        if (round == null) {
            throw new IllegalArgumentException(street + " is not a street of " + resource);
        }
        return round;
    }

    /** The rounds, sorted. */
    public TreeSet<String> rounds() {
        return new TreeSet<>(roundByStreet.values());
    }

    /** Street → round, in the table's order. */
    public Map<String, String> streets() {
        return Collections.unmodifiableMap(roundByStreet);
    }

    public String resource() {
        return resource;
    }

    private static String key(String spelling) {
        return spelling.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
