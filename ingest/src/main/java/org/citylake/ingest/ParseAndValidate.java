package org.citylake.ingest;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.citylake.ingest.dedup.RowAndPayloadType;
import org.citylake.ingest.kafka.FeedRecords;
import org.citylake.ingest.parse.FiwareEnvelope;
import org.citylake.ingest.parse.ParseOutcome;
import org.citylake.ingest.parse.ParsedReading;
import org.citylake.ingest.parse.ReadingParser;
import org.citylake.ingest.parse.RejectReason;
import org.citylake.ingest.rows.CleanTable;
import org.citylake.ingest.rows.LakeRows;
import org.citylake.model.City;
import org.citylake.model.UnknownCityException;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.FeedDescriptor;

/**
 * Parses one feed's messages in their city's zone, validates them and checks that the city is
 * registered and the sensor they name is known. Accepted readings leave on the side output of their
 * entity type as clean rows; refused ones on the main output as dead-letter rows. Never throws on
 * bad input.
 */
public final class ParseAndValidate extends ProcessFunction<FeedMessage, RowData> {

    private final FeedDescriptor feed;
    private final IngestSettings settings;
    private final CatalogLoader catalogLoader;
    private final Map<String, CleanTable> tables;
    private final Map<String, OutputTag<Tuple2<RowData, byte[]>>> cleanTags;

    private transient Map<String, ReadingParser> parsersByCity;
    private transient FiwareEnvelope envelope;
    private transient KnownEntities known;

    /**
     * @param tables the clean table of each entity type of the feed, by NGSI type
     */
    public ParseAndValidate(
            FeedDescriptor feed,
            IngestSettings settings,
            CatalogLoader catalogLoader,
            Map<String, CleanTable> tables) {
        this.feed = feed;
        this.settings = settings;
        this.catalogLoader = catalogLoader;
        this.tables = new HashMap<>(tables);
        this.cleanTags = new HashMap<>();
        tables.forEach((type, table) -> cleanTags.put(type, cleanTag(table)));
    }

    /**
     * The side-output tag carrying clean rows of {@code table}, each with its original payload so a
     * later duplicate can still be dead-lettered verbatim.
     */
    public static OutputTag<Tuple2<RowData, byte[]>> cleanTag(CleanTable table) {
        return new OutputTag<>(
                "clean-" + table.entity().type(), new RowAndPayloadType(table.typeInfo()));
    }

    /** Says why the message's city is unusable and how to make it usable. */
    static String unknownCity(FeedMessage message) {
        if (message.city == null || message.city.isBlank()) {
            return "no city at "
                    + message.sourcePosition
                    + ": the message names none (no '"
                    + FeedRecords.CITY_HEADER
                    + "' header) and its feed configures none; publish it with the city header";
        }
        return "city '"
                + message.city
                + "' at "
                + message.sourcePosition
                + " is not registered in ref.cities: "
                + UnknownCityException.shortHint(message.city);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        parsersByCity = new HashMap<>();
        envelope = new FiwareEnvelope();
        Catalog catalog = catalogLoader.loadCatalog();
        try {
            known = KnownEntities.load(catalog, feed.entities());
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private transient String lastRef;
    private transient String lastCity;
    private transient KnownIds lastIds;

    /** The ids a ref table lists for a city; looked up once while they repeat. */
    private KnownIds knownIds(String ref, String city) {
        if (!ref.equals(lastRef) || !city.equals(lastCity)) {
            lastRef = ref;
            lastCity = city;
            lastIds = known.ids(ref, city);
        }
        return lastIds;
    }

    // The city, parser and entity type of the previous reading: consecutive readings mostly share
    // them, so each is looked up once per run of equal values, not once per reading.
    private transient String lastCityId;
    private transient ReadingParser lastParser;
    private transient EntityDescriptor lastType;
    private transient OutputTag<Tuple2<RowData, byte[]>> lastTag;
    private transient CleanTable lastTable;

    /** The parser for a registered city, or null when the city is not registered. */
    private ReadingParser parserFor(String cityId) {
        if (cityId != null && (cityId == lastCityId || cityId.equals(lastCityId))) {
            return lastParser;
        }
        Optional<City> city = settings.city(cityId);
        if (city.isEmpty()) {
            return null;
        }
        ReadingParser parser = parsersByCity.get(cityId);
        if (parser == null) {
            parser =
                    new ReadingParser(
                            feed, settings.feeds(), city.get().zone(), settings.futureTolerance());
            parsersByCity.put(cityId, parser);
        }
        lastCityId = cityId;
        lastParser = parser;
        return parser;
    }

    @Override
    public void processElement(FeedMessage message, Context ctx, Collector<RowData> rejects) {
        long now = ctx.timerService().currentProcessingTime();
        ReadingParser parser = parserFor(message.city);
        if (parser == null) {
            // Without its city a reading has no zone to read its times in: kept for a replay.
            rejects.collect(
                    LakeRows.rejected(
                            feed.id(),
                            message,
                            new ParseOutcome.Rejected(
                                    RejectReason.UNKNOWN_CITY,
                                    unknownCity(message),
                                    null,
                                    null,
                                    null)));
            return;
        }
        ParseOutcome outcome = parse(parser, message, now);
        if (outcome instanceof ParseOutcome.Rejected rejected && mayBeEnvelope(rejected)) {
            // Only a message that is not one entity pays for this look.
            int[] entities = envelope.entities(message.payload);
            if (entities != null) {
                eachEntity(message, entities, parser, now, ctx, rejects);
                return;
            }
        }
        accept(message, outcome, now, ctx, rejects);
    }

    /** Whether a rejection may be of a message that carries several entities. */
    private static boolean mayBeEnvelope(ParseOutcome.Rejected rejected) {
        return switch (rejected.reason()) {
            case MALFORMED_JSON, UNKNOWN_TYPE, MISSING_FIELD -> true;
            default -> false;
        };
    }

    /**
     * The entities of a notification or batch, each a reading of its own: its own bytes as its
     * payload, and {@code <position>#<n>} (n from 1) as its source position.
     */
    private void eachEntity(
            FeedMessage message,
            int[] entities,
            ReadingParser parser,
            long now,
            Context ctx,
            Collector<RowData> rejects) {
        if (entities.length == 0) {
            rejects.collect(
                    LakeRows.rejected(
                            feed.id(),
                            message,
                            new ParseOutcome.Rejected(
                                    RejectReason.MISSING_FIELD,
                                    "the notification or batch at "
                                            + message.sourcePosition
                                            + " holds no entities (its data or entities array is"
                                            + " empty)",
                                    null,
                                    null,
                                    null)));
            return;
        }
        for (int i = 0; i < entities.length; i += 2) {
            FeedMessage entity =
                    new FeedMessage(
                            message.city,
                            Arrays.copyOfRange(
                                    message.payload, entities[i], entities[i] + entities[i + 1]),
                            message.sourcePosition + "#" + (i / 2 + 1),
                            message.receivedAt);
            accept(entity, parse(parser, entity, now), now, ctx, rejects);
        }
    }

    private static ParseOutcome parse(ReadingParser parser, FeedMessage message, long now) {
        try {
            return parser.parse(message.payload, Instant.ofEpochMilli(now));
        } catch (RuntimeException bug) {
            // A parser bug must not stop the city's ingest: keep the message, say what happened.
            return new ParseOutcome.Rejected(
                    RejectReason.PARSER_ERROR,
                    "parser failed at " + message.sourcePosition + ": " + bug,
                    null,
                    null,
                    null);
        }
    }

    /** A parsed message: a clean row if it is valid and names a known sensor, else a reject. */
    private void accept(
            FeedMessage message,
            ParseOutcome outcome,
            long now,
            Context ctx,
            Collector<RowData> rejects) {
        if (outcome instanceof ParseOutcome.Rejected rejected) {
            rejects.collect(LakeRows.rejected(feed.id(), message, rejected));
            return;
        }
        ParsedReading reading = ((ParseOutcome.Accepted) outcome).reading();
        String ref = reading.type().refTable().orElse(null);
        if (ref != null && !knownIds(ref, message.city).contains(reading.sensorId())) {
            rejects.collect(
                    LakeRows.rejected(
                            feed.id(),
                            message,
                            new ParseOutcome.Rejected(
                                    RejectReason.UNKNOWN_ENTITY,
                                    reading.type().sensorColumn()
                                            + " '"
                                            + reading.sensorId()
                                            + "' is not in "
                                            + ref
                                            + " for city "
                                            + message.city
                                            + " (add it to <feeds>/"
                                            + message.city
                                            + "/ref/"
                                            + ref.substring("ref.".length())
                                            + ".jsonl and run citylake ref load)",
                                    reading.type().type(),
                                    reading.entityId(),
                                    reading.observedAt())));
            return;
        }
        if (reading.type() != lastType) {
            String type = reading.type().type();
            lastType = reading.type();
            lastTag = cleanTags.get(type);
            lastTable = tables.get(type);
        }
        ctx.output(lastTag, Tuple2.of(lastTable.row(reading, message, now), message.payload));
    }
}
