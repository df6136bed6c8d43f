package dev.qwenwb.inference.hub;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two facts a model list shows from a GGUF file's header — {@code general.architecture} and the number of
 * parameters (summed over the tensor infos) — read without touching the tensor data. GGUF v2/v3, little-endian.
 *
 * @param architecture e.g. {@code qwen2}, or null
 * @param parameters   total tensor elements, or -1
 */
record GgufSummary(String architecture, long parameters) {

    private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final int STRING = 8;
    private static final int ARRAY = 9;

    /** @return what the header says, or (null, -1) for a file that is not a readable GGUF */
    static GgufSummary read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (Integer.reverseBytes(in.readInt()) != MAGIC) {
                return new GgufSummary(null, -1);
            }
            int version = Integer.reverseBytes(in.readInt());
            if (version < 2) {
                return new GgufSummary(null, -1);
            }
            long tensors = Long.reverseBytes(in.readLong());
            long kvs = Long.reverseBytes(in.readLong());
            String arch = null;
            for (long i = 0; i < kvs; i++) {
                String key = string(in);
                int type = Integer.reverseBytes(in.readInt());
                if (key.equals("general.architecture") && type == STRING) {
                    arch = string(in);
                } else {
                    skip(in, type);
                }
            }
            long params = 0;
            for (long t = 0; t < tensors; t++) {
                skipBytes(in, Long.reverseBytes(in.readLong())); // name
                int dims = Integer.reverseBytes(in.readInt());
                long n = 1;
                for (int d = 0; d < dims; d++) {
                    n *= Long.reverseBytes(in.readLong());
                }
                in.readInt(); // type
                in.readLong(); // offset
                params += n;
            }
            return new GgufSummary(arch, params);
        } catch (IOException | RuntimeException e) {
            return new GgufSummary(null, -1);
        }
    }

    private static String string(DataInputStream in) throws IOException {
        long len = Long.reverseBytes(in.readLong());
        if (len < 0 || len > 1 << 20) {
            throw new IOException("implausible string length " + len);
        }
        return new String(in.readNBytes((int) len), StandardCharsets.UTF_8);
    }

    private static void skip(DataInputStream in, int type) throws IOException {
        switch (type) {
            case 0: case 1: case 7:
                skipBytes(in, 1);
                break;
            case 2: case 3:
                skipBytes(in, 2);
                break;
            case 4: case 5: case 6:
                skipBytes(in, 4);
                break;
            case 10: case 11: case 12:
                skipBytes(in, 8);
                break;
            case STRING:
                skipBytes(in, Long.reverseBytes(in.readLong()));
                break;
            case ARRAY:
                int elem = Integer.reverseBytes(in.readInt());
                long n = Long.reverseBytes(in.readLong());
                for (long i = 0; i < n; i++) {
                    skip(in, elem);
                }
                break;
            default:
                throw new IOException("unknown GGUF value type " + type);
        }
    }

    private static void skipBytes(DataInputStream in, long n) throws IOException {
        if (n < 0) {
            throw new IOException("negative length");
        }
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                s = 1;
            }
            left -= s;
        }
    }
}
