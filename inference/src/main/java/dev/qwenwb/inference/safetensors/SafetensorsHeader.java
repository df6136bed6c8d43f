package dev.qwenwb.inference.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed, validated header of a safetensors file.
 *
 * @param dataSectionStart absolute file offset of the data section ({@code 8 + header length})
 * @param tensors          entries in data order
 * @param metadata         the {@code __metadata__} object, empty if absent
 */
record SafetensorsHeader(long dataSectionStart, Map<String, TensorInfo> tensors, Map<String, String> metadata) {

    /** Headers above this size are refused (the reference implementation uses the same limit). */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * Reads and checks the header against the file size.
     *
     * @throws SafetensorsException for anything that makes the file unusable
     */
    static SafetensorsHeader read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new SafetensorsException(file, "not a safetensors file: it has " + size
                    + " bytes, expected at least 8 (the header length)");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long headerLen = lenBuf.getLong(0);
        if (headerLen < 0 || headerLen > MAX_HEADER_BYTES) {
            throw new SafetensorsException(file, "header too large: " + Long.toUnsignedString(headerLen)
                    + " bytes declared, the limit is " + MAX_HEADER_BYTES + " (corrupt or not a safetensors file)");
        }
        if (8 + headerLen > size) {
            throw new SafetensorsException(file, "truncated: header of " + headerLen + " bytes declared, expected at least "
                    + (8 + headerLen) + " bytes, file has " + size);
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
        readFully(ch, headerBuf, 8);
        JsonNode root;
        try {
            root = JSON.readTree(new String(headerBuf.array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new SafetensorsException(file, "header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsException(file, "header is not a JSON object of tensors");
        }
        long dataStart = 8 + headerLen;
        long dataLen = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorInfo> infos = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (METADATA_KEY.equals(e.getKey())) {
                readMetadata(file, e.getValue(), metadata);
            } else {
                infos.add(readEntry(file, e.getKey(), e.getValue()));
            }
        }
        infos.sort(Comparator.comparingLong(TensorInfo::dataStart));
        long maxEnd = 0;
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (TensorInfo t : infos) {
            maxEnd = Math.max(maxEnd, t.dataEnd());
            tensors.put(t.name(), t);
        }
        if (maxEnd > dataLen) {
            throw new SafetensorsException(file, "truncated: expected at least " + (dataStart + maxEnd)
                    + " bytes, file has " + size);
        }
        return new SafetensorsHeader(dataStart, Collections.unmodifiableMap(tensors),
                Collections.unmodifiableMap(metadata));
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw new SafetensorsException(file, "header: __metadata__ must be an object of strings");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new SafetensorsException(file, "header: __metadata__ value '" + e.getKey() + "' is not a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
    }

    private static TensorInfo readEntry(Path file, String name, JsonNode node) {
        String where = "header: tensor '" + name + "' ";
        if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray()
                || !node.path("data_offsets").isArray() || node.path("data_offsets").size() != 2) {
            throw new SafetensorsException(file, where + "needs {\"dtype\": str, \"shape\": [int...], "
                    + "\"data_offsets\": [begin, end]}, found " + abbreviate(node.toString()));
        }
        TensorDType dtype;
        try {
            dtype = TensorDType.fromSafetensors(node.get("dtype").asText());
        } catch (IllegalArgumentException e) {
            throw new SafetensorsException(file, where + "has " + e.getMessage());
        }
        long[] shape = new long[node.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = nonNegativeLong(file, where + "shape", node.get("shape").get(i));
        }
        long begin = nonNegativeLong(file, where + "data_offsets", node.get("data_offsets").get(0));
        long end = nonNegativeLong(file, where + "data_offsets", node.get("data_offsets").get(1));
        long needed;
        try {
            needed = Math.multiplyExact(TensorInfo.elementCount(shape), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new SafetensorsException(file, where + "shape " + Arrays.toString(shape) + " is too large");
        }
        if (end < begin || end - begin != needed) {
            throw new SafetensorsException(file, where + "data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin) + " bytes, but " + dtype + " " + Arrays.toString(shape) + " needs " + needed);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static long nonNegativeLong(Path file, String what, JsonNode n) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw new SafetensorsException(file, what + " must hold non-negative integers, found " + n);
        }
        return n.asLong();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }
}
