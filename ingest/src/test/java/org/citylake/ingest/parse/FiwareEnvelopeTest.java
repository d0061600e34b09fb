package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiwareEnvelopeTest {

    private static final String A =
            "{\"id\":\"urn:ngsi-ld:NoiseLevelObserved:a\",\"type\":\"NoiseLevelObserved\","
                    + "\"name\":\"[not] {an} \\\"array\\\"\",\"LAeq\":{\"type\":\"Property\",\"value\":61.5}}";
    private static final String B =
            "{\"id\":\"b\",\"type\":\"NoiseLevelObserved\",\"LAeq\":{\"value\":58,\"metadata\":{}}}";

    private final FiwareEnvelope envelope = new FiwareEnvelope();

    /** The entities' texts, found by the envelope's byte ranges. */
    private List<String> entities(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        int[] ranges = envelope.entities(bytes);
        if (ranges == null) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < ranges.length; i += 2) {
            texts.add(new String(bytes, ranges[i], ranges[i + 1], StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Test
    void ngsiV2NotificationGivesItsDataEntities() {
        assertThat(
                        entities(
                                "{\"subscriptionId\":\"57458eb60962ef754e7c0998\",\"data\":["
                                        + A
                                        + ", "
                                        + B
                                        + "]}"))
                .containsExactly(A, B);
        // field order does not matter
        assertThat(entities("{ \"data\" : [ " + B + " ] , \"subscriptionId\" : \"s\" }"))
                .containsExactly(B);
    }

    @Test
    void ngsiLdNotificationGivesItsDataEntities() {
        String notification =
                "{\"id\":\"urn:ngsi-ld:Notification:1\",\"type\":\"Notification\","
                        + "\"subscriptionId\":\"urn:ngsi-ld:Subscription:s\",\"notifiedAt\":\"2024-05-01T10:00:00Z\","
                        + "\"data\":["
                        + A
                        + "]}";
        assertThat(entities(notification)).containsExactly(A);
    }

    @Test
    void batchesGiveTheirEntities() {
        assertThat(entities("[" + A + "," + B + "]")).containsExactly(A, B);
        assertThat(entities("{\"actionType\":\"append\",\"entities\":[" + B + "," + A + "]}"))
                .containsExactly(B, A);
    }

    @Test
    void multiByteCharactersKeepTheRangesRight() {
        String c = "{\"id\":\"c\",\"type\":\"NoiseLevelObserved\",\"name\":\"Århus Ø – 騒音\"}";
        assertThat(entities("[" + c + "," + B + "]")).containsExactly(c, B);
    }

    @Test
    void anEmptyEnvelopeHoldsNoEntities() {
        assertThat(entities("{\"subscriptionId\":\"s\",\"data\":[]}")).isEmpty();
    }

    @Test
    void otherShapesAreNotEnvelopes() {
        assertThat(entities(A)).isNull(); // one entity
        assertThat(entities("[1, 2, 3]")).isNull(); // not entities
        assertThat(entities("[" + A + ", 3]")).isNull();
        assertThat(entities("[]")).isNull();
        assertThat(entities("{\"data\":[" + A + "]}")).isNull(); // an entity attribute "data"
        assertThat(entities("{\"entities\":[" + A + "]}")).isNull();
        assertThat(entities("{\"subscriptionId\":\"s\",\"data\":{\"x\":1}}")).isNull();
        assertThat(entities("{\"subscriptionId\":\"s\",\"data\":[" + A)).isNull(); // cut short
        assertThat(entities("[" + A + "] trailing")).isNull();
        assertThat(entities("")).isNull();
        assertThat(entities("not json")).isNull();
    }
}
