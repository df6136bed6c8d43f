package dev.qwenwb.inference.gguf;

import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.util.Printable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The header of a GGUF file (versions 2 and 3, little-endian), read and checked in Java before any native code sees
 * the file: magic, version, every metadata key/value, every tensor's name, dims, type and offset, and that each
 * tensor's bytes lie inside the file (a cut-short download is named as such). Tensor data is not read.
 *
 * <p>Layout (ggml's {@code docs/gguf.md}): {@code "GGUF"}, {@code uint32 version}, {@code uint64 n_tensors},
 * {@code uint64 n_kv}; the key/values ({@code string key, uint32 type, value}); the tensor infos
 * ({@code string name, uint32 n_dims, uint64 ne[n_dims], uint32 ggml_type, uint64 offset}); padding to
 * {@code general.alignment} (default 32); the tensor data. Strings are {@code uint64 length} + UTF-8 bytes.
 *
 * <p>Metadata values are {@link Long} (all integer types), {@link Double} (both float types), {@link Boolean},
 * {@link String} or {@link GgufArray}.
 */
public final class GgufFile {

    public static final int TYPE_UINT8 = 0;
    public static final int TYPE_INT8 = 1;
    public static final int TYPE_UINT16 = 2;
    public static final int TYPE_INT16 = 3;
    public static final int TYPE_UINT32 = 4;
    public static final int TYPE_INT32 = 5;
    public static final int TYPE_FLOAT32 = 6;
    public static final int TYPE_BOOL = 7;
    public static final int TYPE_STRING = 8;
    public static final int TYPE_ARRAY = 9;
    public static final int TYPE_UINT64 = 10;
    public static final int TYPE_INT64 = 11;
    public static final int TYPE_FLOAT64 = 12;

    /** {@code "GGUF"} read as a little-endian uint32. */
    public static final int MAGIC = 0x46554747;
    /** Default data alignment when {@code general.alignment} is absent. */
    public static final int DEFAULT_ALIGNMENT = 32;
    /** String arrays longer than this are skipped (only their length is kept). */
    static final int MAX_HELD_STRINGS = 4096;
    private static final int MAX_DIMS = 4;
    private static final String TOKENS = "tokenizer.ggml.tokens";
    /** More tokens than this is a corrupt header (the largest vocabularies have a few hundred thousand). */
    static final int MAX_TOKENS = 1 << 22;

    private final Path path;
    private final int version;
    private final Map<String, Object> metadata;
    private final Map<String, Integer> types;
    private final List<GgufTensor> tensors;
    private final Map<String, GgufTensor> byName;
    private final long dataOffset;
    private final long fileSize;

    private GgufFile(Path path, int version, Map<String, Object> metadata, Map<String, Integer> types,
                     List<GgufTensor> tensors, long dataOffset, long fileSize) {
        this.path = path;
        this.version = version;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.types = Collections.unmodifiableMap(types);
        this.tensors = List.copyOf(tensors);
        Map<String, GgufTensor> m = new LinkedHashMap<>();
        for (GgufTensor t : tensors) {
            m.put(t.name(), t);
        }
        this.byName = Collections.unmodifiableMap(m);
        this.dataOffset = dataOffset;
        this.fileSize = fileSize;
    }

    /**
     * Reads and checks the header of {@code file}.
     *
     * @throws ModelLoadException naming the file and what is wrong (missing, not GGUF, unsupported version,
     *     corrupt header, truncated data)
     */
    public static GgufFile read(Path file) {
        if (Files.isDirectory(file)) {
            throw new ModelLoadException(file, "is a folder, expected a .gguf file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(file, new Reader(file, ch));
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(file, "no such file");
        } catch (EOFException e) {
            throw new ModelLoadException(file, "truncated: the file ends inside its header (" + size(file)
                    + " bytes); was the download cut short?");
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static GgufFile parse(Path file, Reader in) throws IOException {
        if (in.size() < 4) {
            throw new ModelLoadException(file, "not a GGUF file: it has " + in.size() + " bytes");
        }
        int magic = in.u32AsInt();
        if (magic != MAGIC) {
            throw new ModelLoadException(file, "not a GGUF file: it starts with " + hex(magic)
                    + ", expected the magic \"GGUF\"");
        }
        int version = in.u32AsInt();
        if (version == 1) {
            throw new ModelLoadException(file, "GGUF version 1 is not supported (2 or 3 is expected; convert it"
                    + " again with a current llama.cpp)");
        }
        if (version != 2 && version != 3) {
            throw new ModelLoadException(file, "unsupported GGUF version " + Integer.toUnsignedString(version)
                    + " (2 or 3 is expected" + (Integer.reverseBytes(version) == 3 ? "; this looks like a big-endian"
                    + " GGUF, which needs a big-endian machine" : "") + ")");
        }
        long nTensors = in.u64();
        long nKv = in.u64();
        // every key/value and tensor info takes at least 8 + 4 bytes: a count beyond that is corruption
        if (nTensors < 0 || nKv < 0 || nTensors > in.size() / 12 || nKv > in.size() / 12) {
            throw new ModelLoadException(file, "truncated or corrupt: the header declares "
                    + Long.toUnsignedString(nTensors) + " tensors and " + Long.toUnsignedString(nKv)
                    + " metadata entries, more than a file of " + in.size() + " bytes can hold; was the download cut"
                    + " short?");
        }
        Map<String, Object> md = new LinkedHashMap<>();
        Map<String, Integer> types = new LinkedHashMap<>();
        for (long i = 0; i < nKv; i++) {
            String key = in.string("metadata key");
            int type = in.u32AsInt();
            Object value = in.value(type, key);
            if (md.put(key, value) != null) {
                throw new ModelLoadException(file, "corrupt GGUF header: metadata key " + key + " appears twice");
            }
            types.put(key, type);
        }
        long alignment = DEFAULT_ALIGNMENT;
        Object a = md.get("general.alignment");
        if (a != null) {
            // ggml reads it with gguf_get_val_u32, which asserts the type: any other type aborts the process
            if (types.get("general.alignment") != TYPE_UINT32) {
                throw new ModelLoadException(file, "general.alignment is stored as " + typeName(types.get(
                        "general.alignment")) + ", expected a uint32 (llama.cpp reads no other type)");
            }
            if (!(a instanceof Long l) || l <= 0 || Long.bitCount(l) != 1) {
                throw new ModelLoadException(file, "general.alignment is " + a + ", expected a power of two");
            }
            alignment = l;
        }
        List<GgufTensor> tensors = new ArrayList<>();
        List<long[]> extents = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (long i = 0; i < nTensors; i++) {
            String name = in.string("tensor name");
            int nDims = in.u32AsInt();
            if (nDims < 1 || nDims > MAX_DIMS) {
                throw new ModelLoadException(file, "corrupt GGUF header: tensor " + name + " has " + nDims
                        + " dimensions (1 to " + MAX_DIMS + " expected)");
            }
            long[] dims = new long[nDims];
            long elements = 1;
            for (int d = 0; d < nDims; d++) {
                dims[d] = in.u64();
                if (dims[d] <= 0 || dims[d] > in.size()) {
                    throw new ModelLoadException(file, "corrupt GGUF header: tensor " + name + " has dimension "
                            + Long.toUnsignedString(dims[d]));
                }
                elements = Math.multiplyHigh(elements, dims[d]) != 0 ? -1 : elements * dims[d];
                if (elements < 0) {
                    throw new ModelLoadException(file, "corrupt GGUF header: tensor " + name + " is too large");
                }
            }
            long typeId = in.u32();
            GgmlType type = GgmlType.byId(typeId);
            if (type == null) {
                throw new ModelLoadException(file, "tensor " + name + " has ggml type " + typeId
                        + ", which this build of llama.cpp (v0.4.0) does not know");
            }
            if (dims[0] % type.blockSize() != 0) {
                throw new ModelLoadException(file, "tensor " + name + ": its rows of " + dims[0] + " elements are not"
                        + " a multiple of " + type.label() + "'s block of " + type.blockSize());
            }
            long offset = in.u64();
            if (offset < 0 || offset % alignment != 0) {
                throw new ModelLoadException(file, "corrupt GGUF header: tensor " + name + " starts at offset "
                        + Long.toUnsignedString(offset) + ", not a multiple of the alignment " + alignment);
            }
            if (!names.add(name)) {
                throw new ModelLoadException(file, "corrupt GGUF header: tensor " + name + " appears twice");
            }
            GgufTensor t = new GgufTensor(name, dims, type, offset, type.bytes(elements));
            tensors.add(t);
            extents.add(new long[] {offset, offset + t.bytes()});
        }
        long dataOffset = (in.position() + alignment - 1) / alignment * alignment;
        long available = in.size() - dataOffset;
        // ggml (gguf_init_from_file) wants the tensors back to back in file order, each padded to the alignment
        long expected = 0;
        for (GgufTensor t : tensors) {
            if (t.offset() != expected) {
                throw new ModelLoadException(file, "corrupt GGUF header: tensor " + t.name() + " starts at data offset "
                        + t.offset() + ", expected " + expected + " (right after the tensor before it: are the"
                        + " tensor types or sizes wrong?)");
            }
            expected += (t.bytes() + alignment - 1) / alignment * alignment;
        }
        for (GgufTensor t : tensors) {
            long end = t.offset() + t.bytes();
            if (end > available || end < 0) {
                throw new ModelLoadException(file, "truncated: tensor " + t.name() + " needs bytes up to "
                        + (dataOffset + end) + " but the file has " + in.size() + "; was the download cut short?");
            }
        }
        return new GgufFile(file, version, md, types, tensors, dataOffset, in.size());
    }

    /** @return the GGUF name of value type {@code type}, e.g. {@code uint32}, {@code string} */
    public static String typeName(Integer type) {
        String[] names = {"uint8", "int8", "uint16", "int16", "uint32", "int32", "float32", "bool", "string", "array",
            "uint64", "int64", "float64"};
        return type != null && type >= 0 && type < names.length ? names[type] : "type " + type;
    }

    private static String hex(int magic) {
        return String.format("0x%08x", Integer.reverseBytes(magic));
    }

    private static String size(Path file) {
        try {
            return String.valueOf(Files.size(file));
        } catch (IOException e) {
            return "?";
        }
    }

    public Path path() {
        return path;
    }

    public int version() {
        return version;
    }

    /** @return every key/value, in file order */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** @return the tensors, in file order */
    public List<GgufTensor> tensors() {
        return tensors;
    }

    /** @return the tensor named {@code name} */
    public Optional<GgufTensor> tensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the byte offset of the data section */
    public long dataOffset() {
        return dataOffset;
    }

    public long fileSize() {
        return fileSize;
    }

    /** @return the sum of all tensors' bytes */
    public long tensorBytes() {
        return tensors.stream().mapToLong(GgufTensor::bytes).sum();
    }

    /** @return the GGUF value type of {@code key} ({@link #TYPE_UINT32}, ...), or -1 if absent */
    public int type(String key) {
        Integer t = types.get(key);
        return t == null ? -1 : t;
    }

    /** @return the string value of {@code key}, if present and a string */
    public Optional<String> string(String key) {
        return metadata.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * @return the integer value of {@code key}
     * @throws ModelLoadException if it is missing or not an integer
     */
    public long integer(String key) {
        Object v = metadata.get(key);
        if (v instanceof Long l) {
            return l;
        }
        throw new ModelLoadException(path, v == null ? "metadata key " + key + " is missing"
                : "metadata key " + key + " is " + describe(key) + ", expected an integer");
    }

    /** @return the integer value of {@code key}, or {@code fallback} if it is absent */
    public long integer(String key, long fallback) {
        return metadata.containsKey(key) ? integer(key) : fallback;
    }

    /** @return the number value of {@code key} (float or integer), or {@code fallback} if it is absent */
    public double number(String key, double fallback) {
        Object v = metadata.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new ModelLoadException(path, "metadata key " + key + " is " + describe(key) + ", expected a number");
    }

    /** @return the value of {@code key} with its type, for messages: {@code the string "151645"}, {@code uint64 32} */
    public String describe(String key) {
        Object v = metadata.get(key);
        if (v instanceof String s) {
            return "the string " + Printable.quote(s);
        }
        if (v instanceof GgufArray a) {
            return "an array of " + a.length() + " " + typeName(a.elementType());
        }
        return typeName(types.get(key)) + " " + v;
    }

    /** @return the array value of {@code key}, if present and an array */
    public Optional<GgufArray> array(String key) {
        return metadata.get(key) instanceof GgufArray a ? Optional.of(a) : Optional.empty();
    }

    /** A little-endian reader over the file with bounds checks that name the file. */
    private static final class Reader {
        private final Path file;
        private final FileChannel ch;
        private final long size;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private long bufStart;

        Reader(Path file, FileChannel ch) throws IOException {
            this.file = file;
            this.ch = ch;
            this.size = ch.size();
            buf.limit(0);
        }

        long size() {
            return size;
        }

        long position() {
            return bufStart + buf.position();
        }

        private void need(int n) throws IOException {
            if (buf.remaining() >= n) {
                return;
            }
            bufStart += buf.position();
            buf.compact();
            while (buf.position() < n) {
                int r = ch.read(buf, bufStart + buf.position());
                if (r < 0) {
                    buf.flip();
                    throw new EOFException();
                }
            }
            buf.flip();
        }

        private void skip(long n) throws IOException {
            if (position() + n > size) {
                throw new EOFException();
            }
            if (buf.remaining() >= n) {
                buf.position(buf.position() + (int) n);
                return;
            }
            bufStart = position() + n;
            buf.clear().limit(0);
        }

        int u32AsInt() throws IOException {
            need(4);
            return buf.getInt();
        }

        long u32() throws IOException {
            return Integer.toUnsignedLong(u32AsInt());
        }

        long u64() throws IOException {
            need(8);
            return buf.getLong();
        }

        String string(String what) throws IOException {
            long len = u64();
            if (len < 0 || len > size - position()) {
                throw new ModelLoadException(file, (len < 0 || len > size ? "corrupt GGUF header: " : "truncated: ")
                        + "a " + what + " of " + Long.toUnsignedString(len) + " bytes at offset " + (position() - 8)
                        + " runs past the end of the file (" + size + " bytes)");
            }
            if (len > buf.capacity()) {
                throw new ModelLoadException(file, "corrupt GGUF header: a " + what + " of " + len + " bytes");
            }
            need((int) len);
            byte[] b = new byte[(int) len];
            buf.get(b);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                return new String(b, StandardCharsets.UTF_8); // byte-level tokens may not be UTF-8; keep going
            }
        }

        /**
         * Reads the vocabulary, checking that no two tokens have the same text: llama.cpp maps text to id and asserts
         * (aborting the process) that the map is as large as the list. It names an empty token {@code [EMPTY_i]}.
         * The texts go into one byte array and an open-addressing table of token indices — no object per token: a
         * map of 151 936 byte arrays cost 125 ms and 20 MB at every load of a Qwen2.5 file.
         */
        private void checkUniqueTokens(long n) throws IOException {
            if (n < 0 || n > MAX_TOKENS) {
                throw new ModelLoadException(file, TOKENS + " has " + Long.toUnsignedString(n) + " tokens, more than "
                        + MAX_TOKENS + ": a corrupt header (Qwen2.5 has 151 665)");
            }
            int count = (int) n;
            byte[] text = new byte[1 << 20];
            int[] start = new int[count + 1];
            int bits = 32 - Integer.numberOfLeadingZeros(Math.max(count, 8)) + 1; // load factor <= 1/2
            int[] table = new int[1 << bits];
            java.util.Arrays.fill(table, -1);
            int mask = table.length - 1;
            int used = 0;
            for (int i = 0; i < count; i++) {
                long len = u64();
                if (len < 0 || len > size - position() || len > buf.capacity()) {
                    throw new ModelLoadException(file, "truncated or corrupt: token " + i + " of " + TOKENS + " has "
                            + Long.toUnsignedString(len) + " bytes, more than the file holds; was the download cut"
                            + " short?");
                }
                need((int) len);
                byte[] empty = len == 0 ? ("[EMPTY_" + i + "]").getBytes(StandardCharsets.UTF_8) : null;
                int l = empty != null ? empty.length : (int) len;
                if (used + l > text.length) {
                    text = java.util.Arrays.copyOf(text, Math.max(text.length * 2, used + l));
                }
                if (empty != null) {
                    System.arraycopy(empty, 0, text, used, l);
                } else {
                    buf.get(text, used, l);
                }
                start[i] = used;
                used += l;
                start[i + 1] = used;
                int h = 0;
                for (int k = start[i]; k < used; k++) {
                    h = 31 * h + text[k];
                }
                int slot = (h * 0x9E3779B9) >>> (32 - bits); // Fibonacci hashing: the product's high bits
                for (int j; (j = table[slot]) >= 0; slot = (slot + 1) & mask) {
                    if (java.util.Arrays.equals(text, start[j], start[j + 1], text, start[i], used)) {
                        throw new ModelLoadException(file, TOKENS + ": token " + i + " has the same text as token " + j
                                + " (" + Printable.quote(new String(text, start[i], l, StandardCharsets.UTF_8))
                                + "); every token's text must be unique (llama.cpp aborts on this vocabulary)");
                    }
                }
                table[slot] = i;
            }
        }

        private void skipString() throws IOException {
            long len = u64();
            if (len < 0 || len > size - position()) {
                throw new ModelLoadException(file, "truncated: a string of " + Long.toUnsignedString(len)
                        + " bytes at offset " + (position() - 8) + " runs past the end of the file (" + size
                        + " bytes)");
            }
            skip(len);
        }

        Object value(int type, String key) throws IOException {
            switch (type) {
                case TYPE_UINT8: need(1); return (long) Byte.toUnsignedInt(buf.get());
                case TYPE_INT8: need(1); return (long) buf.get();
                case TYPE_UINT16: need(2); return (long) Short.toUnsignedInt(buf.getShort());
                case TYPE_INT16: need(2); return (long) buf.getShort();
                case TYPE_UINT32: return u32();
                case TYPE_INT32: return (long) u32AsInt();
                case TYPE_UINT64: case TYPE_INT64: return u64();
                case TYPE_FLOAT32: need(4); return (double) buf.getFloat();
                case TYPE_FLOAT64: need(8); return buf.getDouble();
                case TYPE_BOOL: need(1); return buf.get() != 0;
                case TYPE_STRING: return string("value of " + key);
                case TYPE_ARRAY: return array(key);
                default:
                    throw new ModelLoadException(file, "corrupt GGUF header: metadata key " + key + " has value type "
                            + Integer.toUnsignedString(type));
            }
        }

        private GgufArray array(String key) throws IOException {
            int elementType = u32AsInt();
            long n = u64();
            if (n < 0 || n > size - position()) {
                throw new ModelLoadException(file, "truncated or corrupt: array " + key + " declares "
                        + Long.toUnsignedString(n) + " elements, more than the " + (size - position())
                        + " bytes left of the file can hold; was the download cut short?");
            }
            int count = (int) Math.min(n, Integer.MAX_VALUE - 8);
            switch (elementType) {
                case TYPE_STRING: {
                    if (key.equals(TOKENS)) {
                        checkUniqueTokens(n);
                        return new GgufArray(elementType, n, null);
                    }
                    if (n > MAX_HELD_STRINGS) {
                        for (long i = 0; i < n; i++) {
                            skipString();
                        }
                        return new GgufArray(elementType, n, null);
                    }
                    List<String> values = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        values.add(string("element of " + key));
                    }
                    return new GgufArray(elementType, n, List.copyOf(values));
                }
                case TYPE_UINT8: case TYPE_INT8: case TYPE_UINT16: case TYPE_INT16: case TYPE_UINT32: case TYPE_INT32: {
                    int[] values = new int[count];
                    for (int i = 0; i < count; i++) {
                        values[i] = (int) (long) (Long) value(elementType, key);
                    }
                    return new GgufArray(elementType, n, values);
                }
                case TYPE_UINT64: case TYPE_INT64: {
                    long[] values = new long[count];
                    for (int i = 0; i < count; i++) {
                        values[i] = u64();
                    }
                    return new GgufArray(elementType, n, values);
                }
                case TYPE_FLOAT32: case TYPE_FLOAT64: {
                    double[] values = new double[count];
                    for (int i = 0; i < count; i++) {
                        values[i] = (Double) value(elementType, key);
                    }
                    return new GgufArray(elementType, n, values);
                }
                case TYPE_BOOL: {
                    boolean[] values = new boolean[count];
                    for (int i = 0; i < count; i++) {
                        values[i] = (Boolean) value(elementType, key);
                    }
                    return new GgufArray(elementType, n, values);
                }
                default:
                    throw new ModelLoadException(file, "corrupt GGUF header: array " + key + " has element type "
                            + Integer.toUnsignedString(elementType) + " (nested arrays are not used by llama.cpp)");
            }
        }
    }
}
