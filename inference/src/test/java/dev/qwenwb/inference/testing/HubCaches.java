package dev.qwenwb.inference.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/** Test fixture shared through the inference test-jar: model repos in a Hugging Face cache, laid out as huggingface_hub does. */
public final class HubCaches {

    private HubCaches() {
    }

    /**
     * Writes {@code models--org--name/}: blobs by digest, the snapshot's relative links to them, a ref.
     *
     * @param ref e.g. {@code main}, or null for none
     * @return the snapshot folder
     */
    public static Path writeRepo(Path cache, String repoId, String commit, Path from, String ref) throws IOException {
        Path repo = cache.resolve("models--" + repoId.replace("/", "--"));
        Path snap = Files.createDirectories(repo.resolve("snapshots").resolve(commit));
        Files.createDirectories(repo.resolve("blobs"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String etag = sha256(f);
                Path blob = repo.resolve("blobs").resolve(etag);
                if (!Files.exists(blob)) {
                    Files.copy(f, blob);
                }
                Files.createSymbolicLink(snap.resolve(f.getFileName().toString()),
                        Path.of("../../blobs/" + etag));
            }
        }
        if (ref != null) {
            Files.createDirectories(repo.resolve("refs"));
            Files.writeString(repo.resolve("refs").resolve(ref), commit); // no newline, as huggingface_hub writes it
        }
        return snap;
    }

    private static String sha256(Path f) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
