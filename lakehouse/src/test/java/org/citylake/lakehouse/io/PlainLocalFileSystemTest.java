package org.citylake.lakehouse.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainLocalFileSystemTest {

    @TempDir java.nio.file.Path dir;

    @Test
    void writesWithoutChecksumFilesAndSetsPermissions() throws IOException {
        Configuration conf = PlainLocalFileSystem.install(new Configuration());
        conf.set("fs.file.impl.disable.cache", "true");
        FileSystem fs = new Path(dir.toUri()).getFileSystem(conf);
        assertThat(fs).isInstanceOf(PlainLocalFileSystem.class);

        Path file = new Path(dir.toUri().toString(), "a/b/data.bin");
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(new byte[] {1, 2, 3});
        }
        fs.setPermission(file, new FsPermission((short) 0640));

        java.nio.file.Path written = dir.resolve("a/b/data.bin");
        assertThat(Files.readAllBytes(written)).containsExactly(1, 2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
                .isEqualTo("rw-r-----");
        try (Stream<java.nio.file.Path> all = Files.walk(dir)) {
            List<String> names = all.map(p -> p.getFileName().toString()).toList();
            assertThat(names).noneMatch(n -> n.endsWith(".crc"));
        }
    }

    @Test
    void modeBitsMapToPosixPermissions() {
        assertThat(PosixFilePermissions.toString(PlainLocalFileSystem.posix((short) 0755)))
                .isEqualTo("rwxr-xr-x");
        assertThat(PlainLocalFileSystem.posix((short) 0)).isEmpty();
    }
}
