package org.citylake.fault;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A traffic feed mixing valid readings with every kind of bad one, drawn from a seed: each line's
 * kind, and so the reason code the ingest job must give it, is known when it is written.
 *
 * <pre>
 *   kind              line                                          expected
 *   GOOD              a valid reading                               clean
 *   HUGE_VALID        valid, with ~20-60 KB of extra attributes     clean
 *   LATE              valid, observed a day behind the stream       clean, is_late
 *   TRUNCATED         a valid line cut short                        MALFORMED_JSON
 *   GARBAGE           '{' and random text, or a JSON array/number   MALFORMED_JSON
 *   HUGE_GARBAGE      ~50 KB of broken JSON                         MALFORMED_JSON
 *   WRONG_TYPE        intensity as text                             WRONG_TYPE
 *   NAN               averageVehicleSpeed NaN                       NOT_A_NUMBER
 *   NEGATIVE_COUNT    intensity below 0                             OUT_OF_RANGE
 *   WRONG_UNITS       speed in m/h, occupancy in percent            OUT_OF_RANGE
 *   UNKNOWN_ENTITY    a segment not in ref.road_segments            UNKNOWN_ENTITY
 *   FUTURE            observed in 2099                              FUTURE_TIMESTAMP
 *   BAD_TIME          dateObservedFrom "yesterday"                  BAD_TIMESTAMP
 *   MISSING_SEGMENT   no refRoadSegment                             MISSING_FIELD
 *   WRONG_ENTITY_TYPE an AirQualityObserved on the traffic feed     UNKNOWN_TYPE
 *   DUPLICATE         an earlier valid reading again                DUPLICATE
 * </pre>
 */
public final class FuzzFeed {

    /** What each line is; {@code reason} null = belongs in clean. */
    public enum Kind {
        GOOD(null, 0),
        HUGE_VALID(null, 1),
        LATE(null, 20),
        TRUNCATED("MALFORMED_JSON", 80),
        GARBAGE("MALFORMED_JSON", 60),
        HUGE_GARBAGE("MALFORMED_JSON", 1),
        WRONG_TYPE("WRONG_TYPE", 70),
        NAN("NOT_A_NUMBER", 60),
        NEGATIVE_COUNT("OUT_OF_RANGE", 60),
        WRONG_UNITS("OUT_OF_RANGE", 80),
        UNKNOWN_ENTITY("UNKNOWN_ENTITY", 80),
        FUTURE("FUTURE_TIMESTAMP", 60),
        BAD_TIME("BAD_TIMESTAMP", 60),
        MISSING_SEGMENT("MISSING_FIELD", 60),
        WRONG_ENTITY_TYPE("UNKNOWN_TYPE", 40),
        DUPLICATE("DUPLICATE", 100);

        final String reason;

        /** Weight among the special kinds; GOOD fills the rest. */
        final int weight;

        Kind(String reason, int weight) {
            this.reason = reason;
            this.weight = weight;
        }
    }

    /** What the written feed must leave in the lake. */
    public record Expected(
            long lines,
            long clean,
            long cleanChecksum,
            long late,
            Map<String, String> reasonByPosition,
            Map<Kind, Long> kinds) {}

    private static final String POSITION_PREFIX = TrafficReadings.CITY + "/traffic.jsonl:";

    private final TrafficReadings valid;
    private final long seed;

    public FuzzFeed(int segments, long seed) {
        this.valid = new TrafficReadings(segments, seed);
        this.seed = seed;
    }

    /**
     * Writes {@code lines} lines of which about {@code badShare} are bad, plus the ref file, under
     * {@code feeds} ({@code <city>/traffic.jsonl}).
     */
    public Expected write(Path feeds, long lines, double badShare) throws IOException {
        valid.writeRef(feeds);
        SplittableRandom random = new SplittableRandom(seed);
        int totalWeight = 0;
        for (Kind kind : Kind.values()) {
            totalWeight += kind.weight;
        }
        Map<String, String> reasons = new HashMap<>();
        Map<Kind, Long> kinds = new EnumMap<>(Kind.class);
        long goodIndex = 0; // next fresh valid reading
        long lateIndex = 0;
        long clean = 0;
        long checksum = 0;
        long late = 0;
        Path file = feeds.resolve(TrafficReadings.CITY).resolve("traffic.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long line = 1; line <= lines; line++) {
                Kind kind = Kind.GOOD;
                if (random.nextDouble() < badShare) {
                    int pick = random.nextInt(totalWeight);
                    for (Kind k : Kind.values()) {
                        pick -= k.weight;
                        if (pick < 0) {
                            kind = k;
                            break;
                        }
                    }
                }
                // Late readings need a watermark well ahead of them; duplicates an original.
                if ((kind == Kind.LATE && line < lines / 10)
                        || (kind == Kind.DUPLICATE && goodIndex == 0)) {
                    kind = Kind.GOOD;
                }
                String text;
                switch (kind) {
                    case GOOD, HUGE_VALID -> {
                        TrafficReadings.Reading r = valid.reading(goodIndex++);
                        text = kind == Kind.GOOD ? r.json() : withPadding(r.json(), random);
                        clean++;
                        checksum += r.checksum();
                    }
                    case LATE -> {
                        // A day behind the newest reading, on a slot no valid reading uses.
                        TrafficReadings.Reading now = valid.reading(goodIndex);
                        TrafficReadings.Reading r =
                                new TrafficReadings.Reading(
                                        now.segment(),
                                        now.from().minusSeconds(86_400 + 60 + (lateIndex++ % 120)),
                                        now.intensity(),
                                        now.speedKmh());
                        text = r.json();
                        clean++;
                        late++;
                        checksum += r.checksum();
                    }
                    case TRUNCATED -> {
                        String json = valid.reading(goodIndex + 7).json();
                        text = json.substring(0, 1 + random.nextInt(json.length() - 2));
                    }
                    case GARBAGE -> text = garbage(random, 1 + random.nextInt(200));
                    case HUGE_GARBAGE -> text = garbage(random, 40_000 + random.nextInt(20_000));
                    case WRONG_TYPE ->
                            text =
                                    fresh(goodIndex)
                                            .replaceFirst(
                                                    "\"intensity\":\\d+", "\"intensity\":\"many\"");
                    case NAN ->
                            text =
                                    fresh(goodIndex)
                                            .replaceFirst(
                                                    "\"averageVehicleSpeed\":[0-9.]+",
                                                    "\"averageVehicleSpeed\":NaN");
                    case NEGATIVE_COUNT ->
                            text =
                                    fresh(goodIndex)
                                            .replaceFirst(
                                                    "\"intensity\":\\d+",
                                                    "\"intensity\":-" + (1 + random.nextInt(500)));
                    case WRONG_UNITS ->
                            text =
                                    random.nextBoolean()
                                            ? fresh(goodIndex)
                                                    .replaceFirst(
                                                            "\"averageVehicleSpeed\":[0-9.]+",
                                                            "\"averageVehicleSpeed\":"
                                                                    + (301_000
                                                                            + random.nextInt(
                                                                                    99_000)))
                                            : fresh(goodIndex)
                                                    .replace(
                                                            "}",
                                                            ",\"occupancy\":"
                                                                    + (2 + random.nextInt(98))
                                                                    + "}");
                    case UNKNOWN_ENTITY ->
                            text =
                                    fresh(goodIndex)
                                            .replace("seg-", "ghost-" + random.nextInt(1000) + "-");
                    case FUTURE ->
                            text =
                                    new TrafficReadings.Reading(
                                                    TrafficReadings.segment(0),
                                                    Instant.parse("2099-01-01T00:00:00Z")
                                                            .plusSeconds(
                                                                    300L * random.nextInt(1000)),
                                                    5,
                                                    50.0)
                                            .json();
                    case BAD_TIME ->
                            text =
                                    fresh(goodIndex)
                                            .replaceFirst(
                                                    "\"dateObservedFrom\":\"[^\"]+\"",
                                                    "\"dateObservedFrom\":\"yesterday\"");
                    case MISSING_SEGMENT ->
                            text =
                                    fresh(goodIndex)
                                            .replaceFirst("\"refRoadSegment\":\"[^\"]+\",", "");
                    case WRONG_ENTITY_TYPE ->
                            text =
                                    "{\"id\":\"urn:ngsi-ld:AirQualityObserved:synth:x\",\"type\":"
                                            + "\"AirQualityObserved\",\"dateObserved\":\""
                                            + valid.reading(goodIndex).from()
                                            + "\",\"pm25\":"
                                            + random.nextInt(300)
                                            + "}";
                    case DUPLICATE -> {
                        TrafficReadings.Reading original =
                                valid.reading(random.nextLong(goodIndex));
                        // Same reading, the values resent with a change: still the same key.
                        text =
                                new TrafficReadings.Reading(
                                                original.segment(),
                                                original.from(),
                                                original.intensity() + 1,
                                                original.speedKmh())
                                        .json();
                    }
                    default -> throw new IllegalStateException(kind.name());
                }
                out.write(text);
                out.write('\n');
                kinds.merge(kind, 1L, Long::sum);
                if (kind.reason != null) {
                    reasons.put(POSITION_PREFIX + line, kind.reason);
                }
            }
        }
        return new Expected(lines, clean, checksum, late, reasons, kinds);
    }

    /** A valid-looking reading on a slot no valid reading uses (so only its fault decides). */
    private String fresh(long goodIndex) {
        TrafficReadings.Reading r = valid.reading(goodIndex);
        return new TrafficReadings.Reading(
                        r.segment(), r.from().minusSeconds(7), r.intensity(), r.speedKmh())
                .json();
    }

    private static String withPadding(String json, SplittableRandom random) {
        StringBuilder padding = new StringBuilder(",\"description\":\"");
        int size = 20_000 + random.nextInt(40_000);
        for (int i = 0; i < size; i++) {
            padding.append((char) ('a' + random.nextInt(26)));
        }
        padding.append("\",\"refDevice\":[");
        for (int i = 0; i < 50; i++) {
            padding.append(i == 0 ? "" : ",").append('"').append("device-").append(i).append('"');
        }
        padding.append("]}");
        return json.substring(0, json.length() - 1) + padding;
    }

    /** Text that is never a JSON object: no closing brace, or a JSON value of another kind. */
    private static String garbage(SplittableRandom random, int length) {
        switch (random.nextInt(4)) {
            case 0:
                return "[" + random.nextInt() + "," + random.nextInt() + "]";
            case 1:
                return Integer.toString(random.nextInt());
            default:
                StringBuilder text = new StringBuilder("{");
                String alphabet = "abc\"'{[]:,0123456789 \\/äß€\t";
                for (int i = 0; i < length; i++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                return text.toString();
        }
    }
}
