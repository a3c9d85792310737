package io.pushmon.bench.metrics;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes a Kafka Streams state directory holds on disk, in total and by store. Kafka Streams lays it out as
 * {@code <state dir>/<application id>/<task>/rocksdb/<store>/...}; files outside a store (checkpoints, locks)
 * count in the total only.
 *
 * @param bytes   every regular file under the directory
 * @param byStore the files under each store's folder, summed over all tasks
 */
public record StateDirectory(long bytes, Map<String, Long> byStore) {

    /**
     * Measures the directory. A running RocksDB deletes files while it compacts; a file gone before it was
     * visited is simply not counted, so measure a stopped processor for an exact figure.
     */
    public static StateDirectory measure(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new StateDirectory(0, Map.of());
        }
        long[] total = {0};
        Map<String, Long> byStore = new TreeMap<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    total[0] += attributes.size();
                    String store = storeOf(dir.relativize(file));
                    if (store != null) {
                        byStore.merge(store, attributes.size(), Long::sum);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return new StateDirectory(total[0], Collections.unmodifiableMap(byStore));
    }

    /** The store a file belongs to: the folder right under a {@code rocksdb} folder, or null. */
    static String storeOf(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 2; i++) {
            if (relative.getName(i).toString().equals("rocksdb")) {
                return relative.getName(i + 1).toString();
            }
        }
        return null;
    }
}
