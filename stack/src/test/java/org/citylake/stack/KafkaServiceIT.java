package org.citylake.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real broker JVM on free loopback ports in a temporary stack dir. */
class KafkaServiceIT {

    @TempDir Path dir;

    static StackContext context(Path dir, int port) throws Exception {
        LakeConfig config =
                LakeConfig.load(
                        Map.of(
                                LakeOptions.DATA_DIR.key(), dir.toString(),
                                LakeOptions.STACK_DIR.key(), dir.resolve("stack").toString(),
                                LakeOptions.STACK_CACHE.key(), dir.resolve("cache").toString(),
                                LakeOptions.KAFKA_PORT.key(), Integer.toString(port)));
        return StackContext.of(config, StackLog.to(System.err));
    }

    @Test
    void startsIdempotentlyStopsItsOwnProcessAndKeepsDataAcrossRestarts() throws Exception {
        int port = Ports.freePair();
        KafkaService kafka = new KafkaService(context(dir, port));
        StackLog log = StackLog.to(System.err);
        try {
            kafka.install(log);
            kafka.start(log);
            assertThat(kafka.health().up()).as(kafka.health().detail()).isTrue();
            long pid = kafka.pid().orElseThrow();
            assertThat(kafka.clientSettings())
                    .containsEntry("citylake.kafka.bootstrap-servers", "127.0.0.1:" + port);
            String props =
                    Files.readString(
                            dir.resolve("stack/kafka/server.properties"), StandardCharsets.UTF_8);
            assertThat(props)
                    .contains("listeners=PLAINTEXT://127.0.0.1:" + port)
                    .contains("CONTROLLER://127.0.0.1:" + (port + 1))
                    .doesNotContain("0.0.0.0");
            String clusterId = kafka.clusterId();

            kafka.start(log);
            assertThat(kafka.pid()).hasValue(pid);

            try (Admin admin = admin(port)) {
                admin.createTopics(List.of(new NewTopic("it.persisted", 2, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }

            kafka.stop(log);
            assertThat(kafka.pid()).isEmpty();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                    .isNotEqualTo(java.util.Optional.of(true));
            assertThat(kafka.health().up()).isFalse();

            kafka.start(log);
            assertThat(kafka.pid().orElseThrow()).isNotEqualTo(pid);
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            try (Admin admin = admin(port)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .contains("it.persisted");
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                        .isEqualTo(clusterId);
            }
        } finally {
            kafka.stop(log);
        }
        assertThat(kafka.pid()).isEmpty();
    }

    @Test
    void refusesAPortTakenByAnotherProcess() throws Exception {
        int port = Ports.freePair();
        try (var taken =
                new java.net.ServerSocket(
                        port + 1, 1, java.net.InetAddress.getByName(Ports.LOOPBACK))) {
            KafkaService kafka = new KafkaService(context(dir, port));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> kafka.start(StackLog.quiet()))
                    .hasMessageContaining("port " + (port + 1))
                    .hasMessageContaining("citylake.stack.kafka-port");
            assertThat(kafka.pid()).isEmpty();
        }
    }

    private static Admin admin(int port) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        return Admin.create(props);
    }
}
