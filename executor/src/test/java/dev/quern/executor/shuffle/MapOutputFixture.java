package dev.quern.executor.shuffle;

import dev.quern.executor.spill.IndexFile;
import dev.quern.executor.spill.MapOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Writes real map output files for shuffle tests: a data file with the given segments back to back,
 * and an index whose entries are computed here independently of the code under test.
 */
public final class MapOutputFixture {

    private MapOutputFixture() {}

    /** Writes {@code name.data} and {@code name.index} in {@code dir}; segment i has i + 1 records per KiB. */
    public static MapOutput write(Path dir, String name, List<byte[]> segments) throws IOException {
        Path data = MapOutput.dataPath(dir, name);
        List<IndexFile.Entry> entries = new ArrayList<>();
        long offset = 0;
        try (OutputStream out = Files.newOutputStream(data)) {
            for (byte[] segment : segments) {
                out.write(segment);
                long records = segment.length == 0 ? 0 : 1 + segment.length / 1024;
                entries.add(new IndexFile.Entry(offset, segment.length, records, crc32c(segment)));
                offset += segment.length;
            }
        }
        IndexFile index = new IndexFile(entries);
        Path indexPath = MapOutput.indexPath(dir, name);
        index.write(indexPath);
        return new MapOutput(data, indexPath, IndexFile.read(indexPath));
    }

    public static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    public static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The names of the files in {@code dir}, to assert that no temporary file was left behind. */
    public static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
