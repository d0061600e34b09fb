package org.citylake.model.feed;

import java.io.Serializable;
import java.util.List;

/**
 * Where a reading's observation time comes from.
 *
 * <ul>
 *   <li>An instant: the first present of {@code attributes}.
 *   <li>An interval: the start is {@code from}, else the start of {@code interval} (an instant or
 *       an ISO-8601 interval {@code a/b}); the end is {@code to}, else the end of {@code interval}.
 *       The observation time is the start; {@code lengthColumn} (optional) gets end − start in
 *       seconds, which must be positive.
 * </ul>
 */
public record ObservedSpec(
        List<String> attributes,
        String from,
        String to,
        String interval,
        String lengthColumn,
        String lengthComment)
        implements Serializable {

    public ObservedSpec {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    public boolean isInterval() {
        return from != null || to != null;
    }

    /** Every attribute the observation time may be read from, in the order tried. */
    public List<String> allAttributes() {
        if (!isInterval()) {
            return attributes;
        }
        return java.util.stream.Stream.of(from, to, interval)
                .filter(java.util.Objects::nonNull)
                .toList();
    }
}
