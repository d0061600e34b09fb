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
 * city. A record without it may name its city as FIWARE names a tenant, with a {@value
 * #FIWARE_SERVICE_HEADER} header (any case), as a context broker's notifications carry it. A record
 * with neither has no city: the job dead-letters it as {@code UNKNOWN_CITY}.
 */
public final class FeedRecords {

    public static final String CITY_HEADER = "city";

    /** FIWARE's tenant header; read, in any case, when {@value #CITY_HEADER} is absent. */
    public static final String FIWARE_SERVICE_HEADER = "fiware-service";

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

    /**
     * The city of a record: its {@value #CITY_HEADER} header, else its {@value
     * #FIWARE_SERVICE_HEADER} header (the FIWARE tenant, in any case), else null (the job
     * dead-letters the reading as {@code UNKNOWN_CITY}). The city is never guessed from the entity
     * id: ids follow whatever convention the producer has.
     */
    public static String city(Headers headers) {
        if (headers == null) {
            return null;
        }
        String city = text(headers.lastHeader(CITY_HEADER));
        if (city != null) {
            return city;
        }
        String tenant = null;
        for (Header header : headers) {
            String text =
                    header.key().equalsIgnoreCase(FIWARE_SERVICE_HEADER) ? text(header) : null;
            if (text != null) {
                tenant = text; // the last one, as for the city header
            }
        }
        return tenant;
    }

    private static String text(Header header) {
        if (header == null || header.value() == null || header.value().length == 0) {
            return null;
        }
        String text = new String(header.value(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? null : text;
    }
}
