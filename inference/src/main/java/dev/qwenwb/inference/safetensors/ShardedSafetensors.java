package dev.qwenwb.inference.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint split over several safetensors files, described by a
 * {@code model.safetensors.index.json} whose {@code weight_map} maps tensor names to shard file names
 * (relative to the index's folder). All shards are opened and checked on {@link #open(Path)}.
 */
public final class ShardedSafetensors implements TensorSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path indexJson;
    private final Map<String, SafetensorsFile> byTensor;
    private final Map<String, SafetensorsFile> shards;

    private ShardedSafetensors(Path indexJson, Map<String, SafetensorsFile> byTensor,
            Map<String, SafetensorsFile> shards) {
        this.indexJson = indexJson;
        this.byTensor = byTensor;
        this.shards = shards;
    }

    /**
     * Opens every shard named in the index and checks each listed tensor is in its shard.
     *
     * @param indexJson the {@code model.safetensors.index.json} file
     * @return the open checkpoint
     * @throws SafetensorsException if the index is unreadable, a shard is missing or corrupt, or a
     *     listed tensor is absent from its shard
     */
    public static ShardedSafetensors open(Path indexJson) {
        Map<String, String> weightMap = readWeightMap(indexJson);
        Path dir = indexJson.toAbsolutePath().getParent();
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                String shardName = e.getValue();
                SafetensorsFile shard = shards.get(shardName);
                if (shard == null) {
                    Path shardPath = dir.resolve(shardName);
                    if (!Files.isRegularFile(shardPath)) {
                        throw new SafetensorsException(shardPath, "shard file is missing; " + indexJson.getFileName()
                                + " lists it for tensor '" + e.getKey() + "'");
                    }
                    shard = SafetensorsFile.open(shardPath);
                    shards.put(shardName, shard);
                }
                if (!shard.names().contains(e.getKey())) {
                    throw new SafetensorsException(shard.file(), "missing tensor '" + e.getKey() + "' that "
                            + indexJson.getFileName() + " says is in this shard");
                }
                byTensor.put(e.getKey(), shard);
            }
        } catch (RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
        return new ShardedSafetensors(indexJson, Collections.unmodifiableMap(byTensor),
                Collections.unmodifiableMap(shards));
    }

    private static Map<String, String> readWeightMap(Path indexJson) {
        JsonNode root;
        try {
            root = JSON.readTree(indexJson.toFile());
        } catch (IOException e) {
            throw new SafetensorsException(indexJson, "cannot read the shard index: " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new SafetensorsException(indexJson, "expected a non-empty \"weight_map\" object "
                    + "{tensor name: shard file name}");
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> {
            String shard = e.getValue().asText("");
            if (!e.getValue().isTextual() || shard.isBlank() || shard.contains("/") || shard.contains("\\")) {
                throw new SafetensorsException(indexJson, "weight_map entry '" + e.getKey()
                        + "' must name a shard file in the same folder, found " + e.getValue());
            }
            out.put(e.getKey(), shard);
        });
        return out;
    }

    /** @return the index file this was opened from */
    public Path indexJson() {
        return indexJson;
    }

    /** @return the shard files, in the order the index first names them */
    public Set<Path> shardFiles() {
        Set<Path> files = new java.util.LinkedHashSet<>();
        shards.values().forEach(s -> files.add(s.file()));
        return files;
    }

    @Override
    public Set<String> names() {
        return byTensor.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        return shardOf(name).info(name);
    }

    @Override
    public ByteBuffer data(String name) {
        return shardOf(name).data(name);
    }

    @Override
    public void read(String name, long offset, ByteBuffer dst) {
        shardOf(name).read(name, offset, dst);
    }

    private SafetensorsFile shardOf(String name) {
        SafetensorsFile shard = byTensor.get(name);
        if (shard == null) {
            throw new SafetensorsException(indexJson, "no tensor named '" + name + "' in the weight_map ("
                    + shards.size() + " shards: " + shards.keySet() + ")");
        }
        return shard;
    }

    @Override
    public void close() {
        shards.values().forEach(SafetensorsFile::close);
    }
}
