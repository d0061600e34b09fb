package org.citylake.ingest;

/**
 * One message as received from a feed, before parsing. A Flink POJO (public fields, no-arg
 * constructor).
 */
public class FeedMessage {
    /** City the source belongs to (file directory, or Kafka key prefix). */
    public String city;

    /**
     * The message bytes as delivered (one FIWARE entity, or a notification or batch of them, as
     * UTF-8 JSON); never decoded.
     */
    public byte[] payload;

    /** Where it came from: {@code <file>:<line>} or {@code <topic>/<partition>@<offset>}. */
    public String sourcePosition;

    /** Epoch millis when CityLake read it. */
    public long receivedAt;

    public FeedMessage() {}

    /** A message given as text (tests, tools). */
    public FeedMessage(String city, String payload, String sourcePosition, long receivedAt) {
        this(
                city,
                payload == null ? null : payload.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                sourcePosition,
                receivedAt);
    }

    /** The payload decoded, for messages and tests. */
    public String payloadText() {
        return payload == null
                ? null
                : new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }

    public FeedMessage(String city, byte[] payload, String sourcePosition, long receivedAt) {
        this.city = city;
        this.payload = payload;
        this.sourcePosition = sourcePosition;
        this.receivedAt = receivedAt;
    }
}
