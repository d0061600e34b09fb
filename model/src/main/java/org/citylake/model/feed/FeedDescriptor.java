package org.citylake.model.feed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * A feed as its descriptor file defines it: one Kafka topic ({@code city.<feed>}), one replay file
 * per city ({@code <feeds>/<city>/<feed>.jsonl}), one {@code raw.<feed>} table, and the entity
 * types it carries, each landing in its own {@code clean} table.
 *
 * @param id short lower-case name used in table, topic and file names and the CLI
 * @param version the descriptor's version; raised whenever it changes
 * @param description what the feed is
 * @param entities the entity types it carries
 * @param source where the descriptor was read (a file, or {@code built-in})
 */
public record FeedDescriptor(
        @JsonProperty("feed") String id,
        int version,
        String description,
        List<EntityDescriptor> entities,
        @JsonIgnore String source)
        implements Serializable {

    public FeedDescriptor {
        entities = entities == null ? List.of() : List.copyOf(entities);
        description = description == null ? "" : description;
    }

    public FeedDescriptor withSource(String where) {
        return new FeedDescriptor(id, version, description, entities, where);
    }

    public String topic() {
        return "city." + id;
    }

    public String rawTable() {
        return "raw." + id;
    }

    public Optional<EntityDescriptor> entity(String ngsiType) {
        return entities.stream().filter(e -> e.type().equals(ngsiType)).findFirst();
    }

    public List<String> entityTypes() {
        return entities.stream().map(EntityDescriptor::type).toList();
    }
}
