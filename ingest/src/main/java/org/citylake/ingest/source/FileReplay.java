package org.citylake.ingest.source;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.citylake.ingest.FeedMessage;

/**
 * Replays feed files as a checkpointed Flink source. Line {@code i} of the concatenated files is
 * message {@code i} of a number-sequence source, so the source position after a restore is exact
 * and every message carries its {@code file:line}.
 */
public final class FileReplay implements GeneratorFunction<Long, FeedMessage> {

    private final List<ReplayFile> files;
    private final long[] firstIndex;
    private final String[] labels;

    private transient int currentFile;
    private transient long nextIndex;
    private transient ByteLines reader;

    private FileReplay(List<ReplayFile> files) {
        this.files = List.copyOf(files);
        this.firstIndex = new long[files.size() + 1];
        this.labels = files.stream().map(ReplayFile::label).toArray(String[]::new);
        for (int i = 0; i < files.size(); i++) {
            firstIndex[i + 1] = firstIndex[i] + files.get(i).lines();
        }
    }

    /**
     * A source over {@code files}; {@code messagesPerSecond} ≤ 0 replays as fast as possible,
     * otherwise paces the replay to that rate (summed over all source subtasks).
     */
    public static DataGeneratorSource<FeedMessage> source(
            List<ReplayFile> files, double messagesPerSecond) {
        FileReplay replay = new FileReplay(files);
        long total = replay.firstIndex[files.size()];
        RateLimiterStrategy rate =
                messagesPerSecond > 0
                        ? RateLimiterStrategy.perSecond(messagesPerSecond)
                        : RateLimiterStrategy.noOp();
        return new DataGeneratorSource<>(
                replay, total, rate, TypeInformation.of(FeedMessage.class));
    }

    public long totalLines() {
        return firstIndex[files.size()];
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        currentFile = -1;
        nextIndex = -1;
    }

    @Override
    public FeedMessage map(Long index) throws Exception {
        int file = fileOf(index);
        if (file != currentFile || index != nextIndex) {
            seek(file, index);
        }
        byte[] line = reader.next();
        ReplayFile replayFile = files.get(file);
        long lineNumber = index - firstIndex[file] + 1;
        if (line == null) {
            throw new IOException(
                    replayFile.path()
                            + " ended at line "
                            + (lineNumber - 1)
                            + " but had "
                            + replayFile.lines()
                            + " lines when the replay was planned; was it changed?");
        }
        nextIndex = index + 1;
        return new FeedMessage(
                replayFile.city(),
                line,
                labels[file] + ":" + lineNumber,
                System.currentTimeMillis());
    }

    private int fileOf(long index) {
        int lo = 0;
        int hi = files.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstIndex[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void seek(int file, long index) throws IOException {
        close();
        reader = ByteLines.open(files.get(file).path());
        for (long skip = index - firstIndex[file]; skip > 0; skip--) {
            reader.skip();
        }
        currentFile = file;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
