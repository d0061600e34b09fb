package org.citylake.stack;

import java.util.ArrayList;
import java.util.List;

/** The services of the local stack, in start order. */
public final class StackServices {

    private StackServices() {}

    /**
     * The stack: catalog, object storage, broker, query engine; plus a Flink cluster if asked.
     *
     * @param trinoAccessRules the access rules Trino enforces (the serving module's policy)
     */
    public static Stack of(StackContext context, boolean withFlink, String trinoAccessRules) {
        List<Service> services = new ArrayList<>();
        // Start order: postgres, s3, kafka, trino, flink. Trino needs the catalog and the bucket.
        services.add(new PostgresService(context));
        services.add(new S3ProxyService(context));
        services.add(new KafkaService(context));
        services.add(new TrinoService(context, trinoAccessRules));
        if (withFlink) {
            services.add(new FlinkClusterService(context));
        }
        return new Stack(context, services);
    }
}
