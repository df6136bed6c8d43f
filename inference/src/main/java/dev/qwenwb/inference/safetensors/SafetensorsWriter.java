package dev.qwenwb.inference.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes safetensors files. Writing is atomic: the bytes go to {@code <file>.tmp}, which is then
 * moved over {@code file}. Tensors are laid out in the map's iteration order; the header is padded
 * with spaces to a multiple of 8 bytes, as the format requires.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /**
     * Shape and type of a tensor whose bytes are produced while writing.
     *
     * @param dtype element type
     * @param shape dimensions, outermost first
     */
    public record TensorSpec(TensorDType dtype, long[] shape) {
        /** Copies the shape. */
        public TensorSpec {
            shape = shape.clone();
        }

        /** @return a copy of the dimensions */
        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** @return bytes the tensor occupies */
        public long byteSize() {
            return TensorInfo.elementCount(shape) * dtype.byteSize();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TensorSpec s && dtype == s.dtype && Arrays.equals(shape, s.shape);
        }

        @Override
        public int hashCode() {
            return 31 * dtype.hashCode() + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return dtype + Arrays.toString(shape);
        }
    }

    /** Produces one tensor's bytes into the file, so large checkpoints never sit in memory whole. */
    @FunctionalInterface
    public interface TensorFiller {
        /**
         * Writes exactly {@code spec.byteSize()} little-endian bytes of tensor {@code name} to {@code out}.
         *
         * @param name tensor name
         * @param spec its type and shape
         * @param out  the file, positioned at the tensor's first byte
         * @throws IOException if writing fails
         */
        void fill(String name, TensorSpec spec, WritableByteChannel out) throws IOException;
    }

    /**
     * Writes in-memory tensors.
     *
     * @param file     destination; replaced atomically
     * @param tensors  tensors in the order to lay them out
     * @param metadata {@code __metadata__} strings (may be empty)
     * @throws IOException if writing fails (no partial {@code file} is left behind)
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        tensors.forEach((name, t) -> specs.put(name, new TensorSpec(t.dtype(), t.shape())));
        write(file, specs, metadata, (name, spec, out) -> writeFully(out, tensors.get(name).bytes()));
    }

    /**
     * Writes tensors whose bytes {@code filler} produces one at a time, in {@code specs} order.
     *
     * @param file     destination; replaced atomically
     * @param specs    tensor names, types and shapes in the order to lay them out
     * @param metadata {@code __metadata__} strings (may be empty)
     * @param filler   writes each tensor's bytes
     * @throws IOException if writing fails, or the filler writes the wrong number of bytes
     */
    public static void write(Path file, Map<String, TensorSpec> specs, Map<String, String> metadata,
            TensorFiller filler) throws IOException {
        byte[] header = header(specs, metadata);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            writeFully(ch, len);
            writeFully(ch, ByteBuffer.wrap(header));
            for (Map.Entry<String, TensorSpec> e : specs.entrySet()) {
                long before = ch.position();
                filler.fill(e.getKey(), e.getValue(), ch);
                long written = ch.position() - before;
                if (written != e.getValue().byteSize()) {
                    throw new IOException("tensor '" + e.getKey() + "' " + e.getValue() + " needs "
                            + e.getValue().byteSize() + " bytes, " + written + " were written");
                }
            }
            ch.force(false);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        FileTrees.moveReplacing(tmp, file);
    }

    private static byte[] header(Map<String, TensorSpec> specs, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, TensorSpec> e : specs.entrySet()) {
            if (SafetensorsHeader.METADATA_KEY.equals(e.getKey())) {
                throw new IllegalArgumentException("'__metadata__' is not a valid tensor name");
            }
            ObjectNode t = root.putObject(e.getKey());
            t.put("dtype", e.getValue().dtype().safetensorsName());
            ArrayNode shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long end = offset + e.getValue().byteSize();
            t.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeFully(WritableByteChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
