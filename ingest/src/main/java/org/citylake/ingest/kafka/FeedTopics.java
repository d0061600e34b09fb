package org.citylake.ingest.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.citylake.model.Feed;

/**
 * Feed ↔ Kafka topic: one topic per feed ({@code city.traffic}, {@code city.air}, …) shared by all
 * cities; the city travels in each record (see {@link FeedRecords}).
 */
public final class FeedTopics {

    private FeedTopics() {}

    public static String topic(Feed feed) {
        return feed.topic();
    }

    /** The feed of a topic name; a clear error for a topic that is not a feed topic. */
    public static Feed feed(String topic) {
        for (Feed feed : Feed.values()) {
            if (feed.topic().equals(topic)) {
                return feed;
            }
        }
        throw new IllegalArgumentException(
                "topic '" + topic + "' is not a CityLake feed topic (city.<feed>)");
    }

    /**
     * Creates the topics of {@code feeds} that do not exist yet, with the broker's default
     * partition count and replication factor. Returns the ones created.
     */
    public static List<String> ensure(Admin admin, Set<Feed> feeds) throws Exception {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (Feed feed : feeds) {
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
