package org.citylake.stack;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.citylake.lakehouse.config.LakeConfig;

/**
 * The local stack: its services in start order. {@code up} installs and starts what is missing and
 * writes the endpoints and credentials jobs use ({@link LakeConfig#STACK_PROPERTIES}); {@code down}
 * stops, in reverse order, only what {@code up} started.
 */
public final class Stack {

    private final StackContext context;
    private final List<Service> services;

    public Stack(StackContext context, List<Service> services) {
        this.context = context;
        this.services = List.copyOf(services);
    }

    public List<Service> services() {
        return services;
    }

    public StackContext context() {
        return context;
    }

    public void up(StackLog log) throws Exception {
        Files.createDirectories(context.stackDir());
        for (Service service : services) {
            service.install(log);
        }
        for (Service service : services) {
            if (service.pid().isPresent() && service.health().up()) {
                log.info(
                        service.name()
                                + " already running (pid "
                                + service.pid().getAsLong()
                                + ")");
                continue;
            }
            long start = System.nanoTime();
            service.start(log);
            log.info(
                    String.format(
                            "%s up on 127.0.0.1:%d in %.1f s",
                            service.name(), service.port(), (System.nanoTime() - start) / 1e9));
        }
        writeClientConfig(log);
    }

    /** Stops every service in reverse order; the first failure is rethrown after trying all. */
    public void down(StackLog log) throws Exception {
        List<Service> reversed = new ArrayList<>(services);
        java.util.Collections.reverse(reversed);
        Exception first = null;
        for (Service service : reversed) {
            try {
                service.stop(log);
            } catch (Exception e) {
                log.info("stopping " + service.name() + " failed: " + e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** One status row per service. */
    public List<Map<String, String>> status() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Service service : services) {
            var pid = service.pid();
            Service.Health health =
                    pid.isPresent() ? service.health() : Service.Health.down("not running");
            Map<String, String> row = new java.util.LinkedHashMap<>();
            row.put("service", service.name());
            row.put("port", Integer.toString(service.port()));
            row.put("pid", pid.isPresent() ? Long.toString(pid.getAsLong()) : "-");
            row.put("health", health.up() ? "up" : "down");
            row.put("detail", health.detail());
            rows.add(row);
        }
        return rows;
    }

    /** Services that contribute client settings (endpoints, credentials) for the stack profile. */
    public interface ClientSettings {
        Map<String, String> clientSettings() throws IOException;
    }

    private void writeClientConfig(StackLog log) throws IOException {
        Properties props = new Properties();
        props.setProperty("citylake.profile", "stack");
        for (Service service : services) {
            if (service instanceof ClientSettings settings) {
                settings.clientSettings().forEach(props::setProperty);
            }
        }
        Path file = context.stackDir().resolve(LakeConfig.STACK_PROPERTIES);
        Path tmp = file.resolveSibling(LakeConfig.STACK_PROPERTIES + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(
                tmp,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            props.store(
                    writer,
                    "written by citylake stack up: endpoints and credentials of the local stack");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        log.info("client settings for --profile stack written to " + file);
    }
}
