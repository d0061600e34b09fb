package org.citylake.ingest.parse;

import java.time.Instant;

/** Result of parsing one message: a reading, or a rejection with its reason. */
public sealed interface ParseOutcome {

    record Accepted(ParsedReading reading) implements ParseOutcome {}

    /**
     * @param entityType NGSI type when it could be read, else null
     * @param entityId NGSI id when it could be read, else null
     * @param observedAt observation time when it could be read, else null
     */
    record Rejected(
            RejectReason reason,
            String detail,
            String entityType,
            String entityId,
            Instant observedAt)
            implements ParseOutcome {}
}
