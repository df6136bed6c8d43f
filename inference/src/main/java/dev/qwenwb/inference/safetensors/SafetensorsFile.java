package dev.qwenwb.inference.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code .safetensors} file: the header is parsed and checked on {@link #open(Path)}; tensor
 * bytes are memory-mapped, one read-only mapping per tensor on first use, so files over 2 GiB work
 * (a single tensor over 2 GiB is refused).
 */
public final class SafetensorsFile implements TensorSource {

    private static final Logger LOG = LoggerFactory.getLogger(SafetensorsFile.class);

    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final Map<String, MappedByteBuffer> mapped = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private SafetensorsFile(Path file, FileChannel channel, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens and validates a safetensors file.
     *
     * @param file the {@code .safetensors} file
     * @return the open file
     * @throws SafetensorsException if it is missing, unreadable, corrupt or truncated
     */
    public static SafetensorsFile open(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SafetensorsException(file, "file not found", e);
        } catch (IOException e) {
            throw new SafetensorsException(file, "cannot open: " + e, e);
        }
        try {
            SafetensorsHeader header = SafetensorsHeader.read(file, ch);
            LOG.debug("opened {}: {} tensors, data at {}", file, header.tensors().size(), header.dataSectionStart());
            return new SafetensorsFile(file, ch, header);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new SafetensorsException(file, "cannot read header: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** @return the file this was opened from */
    public Path file() {
        return file;
    }

    /** @return the header's {@code __metadata__} strings (empty if none) */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    @Override
    public Set<String> names() {
        return header.tensors().keySet();
    }

    @Override
    public TensorInfo info(String name) {
        TensorInfo info = header.tensors().get(name);
        if (info == null) {
            throw new SafetensorsException(file, "no tensor named '" + name + "' in this file ("
                    + header.tensors().size() + " tensors)");
        }
        return info;
    }

    @Override
    public ByteBuffer data(String name) {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
        TensorInfo info = info(name);
        if (info.byteLength() > Integer.MAX_VALUE) {
            throw new SafetensorsException(file, "tensor '" + name + "' is " + info.byteLength()
                    + " bytes; tensors over 2 GiB are not supported");
        }
        MappedByteBuffer buf = mapped.computeIfAbsent(name, n -> map(info));
        return buf.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Positional reads from the file channel: nothing is mapped. */
    @Override
    public void read(String name, long offset, ByteBuffer dst) {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
        TensorInfo info = info(name);
        if (offset < 0 || offset + dst.remaining() > info.byteLength()) {
            throw new IllegalArgumentException("bytes " + offset + ".." + (offset + dst.remaining())
                    + " are outside tensor '" + name + "' (" + info.byteLength() + " bytes)");
        }
        long pos = header.dataSectionStart() + info.dataStart() + offset;
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, pos);
                if (n < 0) {
                    throw new SafetensorsException(file, "truncated: tensor '" + name + "' ends past the end of the file");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new SafetensorsException(file, "cannot read tensor '" + name + "': " + e, e);
        }
    }

    private MappedByteBuffer map(TensorInfo info) {
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, header.dataSectionStart() + info.dataStart(),
                    info.byteLength());
        } catch (IOException e) {
            throw new SafetensorsException(file, "cannot memory-map tensor '" + info.name() + "': " + e, e);
        }
    }

    /** Closes the file. Mappings stay valid until garbage-collected, but must not be used. */
    @Override
    public void close() {
        closed = true;
        mapped.clear();
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.warn("closing {} failed", ch, e);
        }
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + file + ", " + header.tensors().size() + " tensors]";
    }
}
