package org.citylake.ingest.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * How a feed message is laid out in Kafka: key = NGSI entity id (so one sensor's readings stay in
 * order on one partition), value = the JSON line unchanged, header {@value #CITY_HEADER} = the
 * city. When the header is missing (a producer that is not ours) the city is taken from the entity
 * id, {@code urn:ngsi-ld:<Type>:<city>:<local id>}, as our converters write it.
 */
public final class FeedRecords {

    public static final String CITY_HEADER = "city";

    private static final JsonFactory JSON = new JsonFactory();

    private FeedRecords() {}

    /**
     * The top-level {@code id} of a JSON entity, read by streaming up to that field only; null when
     * the text is not a JSON object or has no string id (the job dead-letters such messages).
     */
    public static String entityId(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The city part of {@code urn:ngsi-ld:<Type>:<city>:<id>}, or null for other ids. */
    public static String cityOfEntityId(String entityId) {
        if (entityId == null || !entityId.startsWith("urn:ngsi-ld:")) {
            return null;
        }
        String[] parts = entityId.split(":", 5);
        return parts.length == 5 && !parts[3].isEmpty() ? parts[3] : null;
    }

    /** The city of a record: the header, else the entity id in the key, else in the value. */
    public static String city(Headers headers, byte[] key, String value) {
        Header header = headers == null ? null : headers.lastHeader(CITY_HEADER);
        if (header != null && header.value() != null && header.value().length > 0) {
            return new String(header.value(), StandardCharsets.UTF_8);
        }
        String fromKey =
                key == null ? null : cityOfEntityId(new String(key, StandardCharsets.UTF_8));
        return fromKey != null ? fromKey : cityOfEntityId(entityId(value));
    }
}
