package org.citylake.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.citylake.lakehouse.config.LakeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class S3ProxyServiceIT {

    @TempDir Path dataDir;

    @Test
    void startsIdempotentlyServesTheBucketAndStopsItsOwnProcess() throws Exception {
        StackContext context = TestStacks.context(dataDir);
        S3ProxyService s3 = new S3ProxyService(context);
        StackLog log = StackLog.to(System.err);
        s3.install(log);
        long pid = -1;
        try {
            s3.start(log);
            pid = s3.pid().orElseThrow();
            assertThat(s3.health().up()).as(s3.health().detail()).isTrue();

            s3.start(log);
            assertThat(s3.pid()).hasValue(pid);

            assertThat(s3.clientSettings())
                    .containsEntry(LakeOptions.S3_ENDPOINT.key(), "http://127.0.0.1:" + s3.port())
                    .containsEntry(LakeOptions.WAREHOUSE.key(), "s3://citylake/warehouse");
            try (S3Client client = S3ProxyService.client(context)) {
                client.putObject(
                        b -> b.bucket("citylake").key("warehouse/probe.txt"),
                        RequestBody.fromString("hello"));
                assertThat(
                                client.getObjectAsBytes(
                                                b ->
                                                        b.bucket("citylake")
                                                                .key("warehouse/probe.txt"))
                                        .asUtf8String())
                        .isEqualTo("hello");
            }
            // Objects are files under the filesystem provider's basedir.
            assertThat(context.serviceDir("s3").resolve("data/citylake/warehouse/probe.txt"))
                    .exists();
            // The config holds the secret key: owner read/write, nothing for group and others.
            Path conf = context.serviceDir("s3").resolve("s3proxy.conf");
            assertThat(Files.readString(conf, StandardCharsets.UTF_8))
                    .contains(
                            "s3proxy.credential="
                                    + context.secrets().get(S3ProxyService.SECRET_KEY_SECRET));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)))
                    .as("permissions of %s", conf)
                    .isEqualTo("rw-------");
        } finally {
            s3.stop(log);
        }
        assertThat(TestStacks.gone(pid)).isTrue();
        assertThat(s3.pid()).isEmpty();
        assertThat(s3.health().up()).isFalse();
    }

    @Test
    void aTakenPortGivesAClearError() throws Exception {
        StackContext context = TestStacks.context(dataDir);
        S3ProxyService s3 = new S3ProxyService(context);
        try (ServerSocket taken =
                new ServerSocket(s3.port(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> s3.start(StackLog.quiet()))
                    .hasMessageContaining("port " + s3.port())
                    .hasMessageContaining("s3")
                    .hasMessageContaining(LakeOptions.S3_PORT.key());
        }
        assertThat(s3.pid()).isEmpty();
    }
}
