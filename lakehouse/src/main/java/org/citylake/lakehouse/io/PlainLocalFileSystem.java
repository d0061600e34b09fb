package org.citylake.lakehouse.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system for the embedded warehouse, minus two costs that dominated a replay
 * writing thousands of small partitions: without Hadoop's native library, {@code
 * RawLocalFileSystem} sets permissions by spawning a {@code chmod} process per file and directory,
 * and the default {@code LocalFileSystem} writes a {@code .crc} file beside each one. Here
 * permissions are set through {@code java.nio}, and there are no checksum files (Parquet and
 * Iceberg manifests carry their own integrity checks).
 */
public final class PlainLocalFileSystem extends RawLocalFileSystem {

    /** Makes {@code conf} use this file system for {@code file:} locations. */
    public static Configuration install(Configuration conf) {
        conf.set("fs.file.impl", PlainLocalFileSystem.class.getName());
        return conf;
    }

    /** RawLocalFileSystem leaves this unimplemented; Iceberg's source asks it for locality. */
    @Override
    public String getScheme() {
        return "file";
    }

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
    }

    static Set<PosixFilePermission> posix(short mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
