package org.citylake.ingest.parse;

/**
 * Thrown by {@link EntityReader} and the extractors when a reading must be refused, and caught once
 * in {@link ReadingParser#parse}. It carries no stack trace and no suppressed list, so refusing a
 * reading costs about as much as allocating its detail text.
 */
final class RejectedReading extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    RejectedReading(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }

    String detail() {
        return getMessage();
    }
}
