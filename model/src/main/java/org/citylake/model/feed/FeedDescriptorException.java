package org.citylake.model.feed;

/** A feed descriptor that cannot be used; the message names the file and what to change. */
public final class FeedDescriptorException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public FeedDescriptorException(String message) {
        super(message);
    }
}
