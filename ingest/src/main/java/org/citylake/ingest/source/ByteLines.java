package org.citylake.ingest.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The lines of a feed file as bytes, undecoded: a line ends at {@code \n}, {@code \r\n} or a lone
 * {@code \r} (as {@link java.io.BufferedReader#readLine()} has it), and the terminator is dropped.
 * Plain or gzipped ({@code .gz}).
 */
final class ByteLines implements Closeable {

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private boolean skipLineFeed;

    private ByteLines(InputStream in) {
        this.in = in;
    }

    static ByteLines open(String path) throws IOException {
        InputStream in = Files.newInputStream(Path.of(path));
        if (path.endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new ByteLines(in);
    }

    /** The next line, or null at the end of the file. */
    byte[] next() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? Arrays.copyOf(line, length) : null;
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            int n = position - start;
            if (n > 0) {
                if (length + n > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
                }
                System.arraycopy(buffer, start, line, length, n);
                length += n;
                any = true;
            }
            if (position < limit) {
                skipLineFeed = buffer[position] == '\r';
                position++;
                return Arrays.copyOf(line, length);
            }
        }
    }

    /** Skips a line; false at the end of the file. */
    boolean skip() throws IOException {
        return next() != null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
