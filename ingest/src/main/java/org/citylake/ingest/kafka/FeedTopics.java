package org.citylake.ingest.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Feed ↔ Kafka topic: one topic per feed ({@code city.traffic}, {@code city.air}, …) shared by all
 * cities; the city travels in each record (see {@link FeedRecords}).
 */
public final class FeedTopics {

    private FeedTopics() {}

    public static final String PREFIX = "city.";

    /** The topic of feed {@code feed}: {@code city.<feed>}. */
    public static String topic(String feed) {
        return PREFIX + feed;
    }

    /** The feed id of a topic name; a clear error for a topic that is not a feed topic. */
    public static String feed(String topic) {
        if (topic != null && topic.startsWith(PREFIX) && topic.length() > PREFIX.length()) {
            return topic.substring(PREFIX.length());
        }
        throw new IllegalArgumentException(
                "topic '" + topic + "' is not a CityLake feed topic (city.<feed>)");
    }

    /**
     * Creates the topics of {@code feeds} that do not exist yet, with the broker's default
     * partition count and replication factor. Returns the ones created.
     */
    public static List<String> ensure(Admin admin, Set<String> feeds) throws Exception {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (String feed : feeds) {
            if (!existing.contains(topic(feed))) {
                missing.add(new NewTopic(topic(feed), Optional.empty(), Optional.empty()));
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
        return missing.stream().map(NewTopic::name).toList();
    }
}
