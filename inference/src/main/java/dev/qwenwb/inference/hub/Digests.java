package dev.qwenwb.inference.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The two digests the Hub lists: sha256 (LFS files) and the git blob id (sha1 of {@code "blob <size>\0" + bytes}). */
final class Digests {

    private Digests() {
    }

    static MessageDigest sha256() {
        return digest("SHA-256");
    }

    static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    /** Feeds the first {@code length} bytes of {@code file} into {@code d}. */
    static void update(MessageDigest d, Path file, long length) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = length;
        try (InputStream in = Files.newInputStream(file)) {
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException(file + ": shorter than " + length + " bytes");
                }
                d.update(buf, 0, n);
                left -= n;
            }
        }
    }

    /** @return the sha256 of the whole file, lower-case hex */
    static String sha256(Path file) throws IOException {
        MessageDigest d = sha256();
        update(d, file, Files.size(file));
        return hex(d);
    }

    /** @return git's blob id of the file, as {@code git hash-object} computes it */
    static String gitBlobId(Path file) throws IOException {
        long size = Files.size(file);
        MessageDigest d = digest("SHA-1");
        d.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
        update(d, file, size);
        return hex(d);
    }

    /**
     * Checks a complete file against what the listing says.
     *
     * @return null if it matches, else what does not (one line)
     */
    static String mismatch(Path file, RemoteFile expected, long expectedSize) throws IOException {
        long size = Files.size(file);
        if (expectedSize >= 0 && size != expectedSize) {
            return "size " + size + " bytes, expected " + expectedSize;
        }
        if (expected.sha256() != null) {
            String got = sha256(file);
            return got.equals(expected.sha256()) ? null : "sha256 " + got + ", expected " + expected.sha256();
        }
        if (expected.gitOid() != null) {
            String got = gitBlobId(file);
            return got.equals(expected.gitOid()) ? null : "git blob id " + got + ", expected " + expected.gitOid();
        }
        return null;
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " missing from the JDK", e);
        }
    }
}
