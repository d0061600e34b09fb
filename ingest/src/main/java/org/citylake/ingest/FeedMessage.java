package org.citylake.ingest;

/**
 * One message as received from a feed, before parsing. A Flink POJO (public fields, no-arg
 * constructor).
 */
public class FeedMessage {
    /** City the source belongs to (file directory, or Kafka key prefix). */
    public String city;

    /** The message text (one FIWARE entity as JSON). */
    public String payload;

    /** Where it came from: {@code <file>:<line>} or {@code <topic>/<partition>@<offset>}. */
    public String sourcePosition;

    /** Epoch millis when CityLake read it. */
    public long receivedAt;

    public FeedMessage() {}

    public FeedMessage(String city, String payload, String sourcePosition, long receivedAt) {
        this.city = city;
        this.payload = payload;
        this.sourcePosition = sourcePosition;
        this.receivedAt = receivedAt;
    }
}
