package org.citylake.ingest.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.Arrays;

/**
 * Finds the entities of a message that carries several, in the shapes FIWARE brokers and clients
 * send them:
 *
 * <ul>
 *   <li>a notification of a subscription: NGSI-v2 {@code {"subscriptionId": …, "data": [entity,
 *       …]}}, NGSI-LD {@code {"type": "Notification", …, "data": [entity, …]}};
 *   <li>an NGSI-v2 batch update: {@code {"actionType": …, "entities": [entity, …]}};
 *   <li>an NGSI-LD batch (or an entity list): {@code [entity, …]}.
 * </ul>
 *
 * Each entity is returned as a byte range of the message: it is parsed, validated, deduplicated and
 * dead-lettered as a reading of its own, with its own bytes as its payload. A message of any other
 * shape (one entity, or JSON that is none of these) is not an envelope.
 */
public final class FiwareEnvelope {

    private final JsonFactory json =
            JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /**
     * The entities' byte ranges in {@code payload}, as {@code [offset0, length0, offset1, …]}
     * (empty when the envelope holds none), or null when the payload is not an envelope.
     */
    public int[] entities(byte[] payload) {
        try (JsonParser parser = json.createParser(payload)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                int[] ranges = objects(parser);
                // a top-level array of entities is an envelope only when it is nothing else
                return ranges != null && ranges.length > 0 && parser.nextToken() == null
                        ? ranges
                        : null;
            }
            if (first != JsonToken.START_OBJECT) {
                return null;
            }
            int[] data = null;
            int[] entities = null;
            boolean notification = false;
            boolean batch = false;
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "subscriptionId" -> notification = true;
                    case "type" ->
                            notification |=
                                    value == JsonToken.VALUE_STRING
                                            && parser.getText().equals("Notification");
                    case "actionType" -> batch = true;
                    case "data" -> {
                        if (value == JsonToken.START_ARRAY) {
                            data = objects(parser);
                            continue;
                        }
                    }
                    case "entities" -> {
                        if (value == JsonToken.START_ARRAY) {
                            entities = objects(parser);
                            continue;
                        }
                    }
                    default -> {}
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                return null;
            }
            if (notification && data != null) {
                return data;
            }
            return batch && entities != null ? entities : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /**
     * With the parser on an array's start: the byte ranges of its elements, which must all be
     * objects (else null); the parser is left on the array's end.
     */
    private static int[] objects(JsonParser parser) throws IOException {
        int[] ranges = new int[8];
        int n = 0;
        boolean allObjects = true;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                return null;
            }
            if (token != JsonToken.START_OBJECT) {
                allObjects = false;
                parser.skipChildren();
                continue;
            }
            long start = parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            long end = parser.currentLocation().getByteOffset();
            if (n + 2 > ranges.length) {
                ranges = Arrays.copyOf(ranges, ranges.length * 2);
            }
            ranges[n++] = (int) start;
            ranges[n++] = (int) (end - start);
        }
        return allObjects ? Arrays.copyOf(ranges, n) : null;
    }
}
