package dev.qwenwb.inference.gguf;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes GGUF v3 files (little-endian) as gguf-py's {@code GGUFWriter} does: header, key/values in the order they
 * were put, tensor infos, padding to the alignment (32), then each tensor's bytes padded to the alignment. Values are
 * written as given: converting weights is the caller's business ({@link SafetensorsToGguf}). Tensor bytes are
 * streamed from a callback at {@link #write} time, so a model need not fit in memory. Not atomic: write to a temp
 * file and move it.
 */
public final class GgufWriter {

    /** Writes exactly one tensor's bytes. */
    public interface TensorBytes {
        /** Writes the tensor's bytes to {@code out} (exactly the size its type and dims say). */
        void write(OutputStream out) throws IOException;
    }

    private record Tensor(String name, long[] dims, int typeId, long bytes, TensorBytes data) {
    }

    private static final int ALIGNMENT = GgufFile.DEFAULT_ALIGNMENT;
    private final ByteArrayOutputStream kv = new ByteArrayOutputStream();
    private int kvCount;
    private final List<Tensor> tensors = new ArrayList<>();
    private int version = 3;
    private int magic = GgufFile.MAGIC;
    private final java.util.Map<String, java.util.function.BiConsumer<GgufWriter, Object>> overrides =
            new java.util.HashMap<>();
    private final java.util.Map<String, Integer> retyped = new java.util.HashMap<>();

    /**
     * Makes a hostile file: the value later put under {@code key} is handed to {@code with} instead of being
     * written, and {@code with} writes what stands in its place (another type or value, or nothing).
     */
    public GgufWriter override(String key, java.util.function.BiConsumer<GgufWriter, Object> with) {
        overrides.put(key, with);
        return this;
    }

    /** Makes a hostile file: tensor {@code name}, added later, declares {@code type} over its original bytes. */
    public GgufWriter retype(String name, GgmlType type) {
        retyped.put(name, type.id());
        return this;
    }

    private boolean overridden(String key, Object value) {
        var with = overrides.remove(key);
        if (with != null) {
            with.accept(this, value);
        }
        return with != null;
    }

    /** Puts an integer of any GGUF integer type ({@link GgufFile#TYPE_UINT64}, ...). */
    public GgufWriter putInteger(String key, int type, long value) {
        key(key, type);
        int bytes = switch (type) {
            case GgufFile.TYPE_UINT8, GgufFile.TYPE_INT8 -> 1;
            case GgufFile.TYPE_UINT16, GgufFile.TYPE_INT16 -> 2;
            case GgufFile.TYPE_UINT32, GgufFile.TYPE_INT32 -> 4;
            case GgufFile.TYPE_UINT64, GgufFile.TYPE_INT64 -> 8;
            default -> throw new IllegalArgumentException("not an integer type: " + type);
        };
        byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        kv.write(b, 0, bytes);
        return this;
    }

    /**
     * Puts only the head of a string array — its key, types and {@code count} — and no strings (only to make
     * deliberately bad files, in tests: what follows is read as the array's strings).
     */
    public GgufWriter putStringArrayHead(String key, long count) {
        key(key, GgufFile.TYPE_ARRAY);
        u32(kv, GgufFile.TYPE_STRING);
        u64(kv, count);
        return this;
    }

    /** Overrides the version written (only to make deliberately bad files, in tests). */
    public GgufWriter version(int v) {
        this.version = v;
        return this;
    }

    /** Overrides the magic written (only to make deliberately bad files, in tests). */
    public GgufWriter magic(int m) {
        this.magic = m;
        return this;
    }

    /** Puts a string value. */
    public GgufWriter put(String key, String value) {
        if (overridden(key, value)) {
            return this;
        }
        key(key, GgufFile.TYPE_STRING);
        string(kv, value);
        return this;
    }

    /** Puts a {@code uint32} value. */
    public GgufWriter putU32(String key, long value) {
        if (overridden(key, value)) {
            return this;
        }
        key(key, GgufFile.TYPE_UINT32);
        u32(kv, (int) value);
        return this;
    }

    /** Puts a {@code float32} value. */
    public GgufWriter putF32(String key, double value) {
        if (overridden(key, value)) {
            return this;
        }
        key(key, GgufFile.TYPE_FLOAT32);
        u32(kv, Float.floatToIntBits((float) value));
        return this;
    }

    /** Puts a {@code bool} value. */
    public GgufWriter putBool(String key, boolean value) {
        if (overridden(key, value)) {
            return this;
        }
        key(key, GgufFile.TYPE_BOOL);
        kv.write(value ? 1 : 0);
        return this;
    }

    /** Puts an array of strings. */
    public GgufWriter putStrings(String key, List<String> values) {
        if (overridden(key, values)) {
            return this;
        }
        key(key, GgufFile.TYPE_ARRAY);
        u32(kv, GgufFile.TYPE_STRING);
        u64(kv, values.size());
        for (String v : values) {
            string(kv, v);
        }
        return this;
    }

    /** Puts an array of {@code int32}. */
    public GgufWriter putInts(String key, int[] values) {
        if (overridden(key, values)) {
            return this;
        }
        key(key, GgufFile.TYPE_ARRAY);
        u32(kv, GgufFile.TYPE_INT32);
        u64(kv, values.length);
        for (int v : values) {
            u32(kv, v);
        }
        return this;
    }

    /**
     * Adds a tensor.
     *
     * @param dims ggml order: {@code dims[0]} is the contiguous dimension (PyTorch's shape reversed)
     * @param data called once by {@link #write}, must write {@code type.bytes(product of dims)} bytes
     */
    public GgufWriter tensor(String name, long[] dims, GgmlType type, TensorBytes data) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        tensors.add(new Tensor(name, dims.clone(), retyped.getOrDefault(name, type.id()), type.bytes(n), data));
        return this;
    }

    /** Adds a tensor with any type number (only to make deliberately bad files, in tests): {@code bytes} of it. */
    public GgufWriter tensor(String name, long[] dims, int typeId, long bytes, TensorBytes data) {
        tensors.add(new Tensor(name, dims.clone(), typeId, bytes, data));
        return this;
    }

    /** @return bytes {@link #write} will write: header, key/values, tensor infos and padded tensor data */
    public long fileSize() {
        long size = headerBytes().size();
        for (Tensor t : tensors) {
            size += pad(t.bytes());
        }
        return size;
    }

    /**
     * Writes the file (created or truncated) and forces it to disk.
     *
     * @throws IOException from the file system or a tensor callback; the file is then incomplete
     */
    public void write(Path out) throws IOException {
        ByteArrayOutputStream header = headerBytes();
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            header.writeTo(os);
            for (Tensor t : tensors) {
                CountingStream counting = new CountingStream(os);
                t.data().write(counting);
                if (counting.count != t.bytes()) {
                    throw new IllegalStateException(t.name() + ": wrote " + counting.count + " bytes, expected "
                            + t.bytes());
                }
                for (long i = t.bytes(); i < pad(t.bytes()); i++) {
                    os.write(0);
                }
            }
            os.flush();
            ch.force(true);
        }
    }

    private ByteArrayOutputStream headerBytes() {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        u32(header, magic);
        u32(header, version);
        u64(header, tensors.size());
        u64(header, kvCount);
        header.writeBytes(kv.toByteArray());
        long offset = 0;
        for (Tensor t : tensors) {
            string(header, t.name());
            u32(header, t.dims().length);
            for (long d : t.dims()) {
                u64(header, d);
            }
            u32(header, t.typeId());
            u64(header, offset);
            offset += pad(t.bytes());
        }
        while (header.size() % ALIGNMENT != 0) {
            header.write(0);
        }
        return header;
    }

    private static long pad(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private void key(String key, int type) {
        string(kv, key);
        u32(kv, type);
        kvCount++;
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u64(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(), 0, 4);
    }

    private static void u64(ByteArrayOutputStream out, long v) {
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(), 0, 8);
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
