package dev.qwenwb.inference.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A Hugging Face Hub on loopback, serving repos from folders on disk with the Hub's URL layout and headers — and
 * ModelScope's — for download tests. Two servers: the "hub" ({@code http://127.0.0.1:P}) answers the API and
 * {@code /resolve/}; LFS files (weights, big files) redirect to the "CDN" ({@code http://localhost:Q}: another
 * host), as the real Hub sends them to its CDN. Faults can be injected per file; every request is logged.
 */
public final class HubTestServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files at least this big, and every .safetensors/.gguf, are "LFS" files served through the CDN. */
    public static final long LFS_THRESHOLD = 1 << 20;

    private final HttpServer hub;
    private final HttpServer cdn;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hub-test-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, ServedFile> bySha = new ConcurrentHashMap<>();
    private final List<Request> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private volatile boolean apiAnswersHtml;
    private volatile long bytesPerSecond;

    /** One request as the server saw it. */
    public record Request(String server, String method, String path, String range, String authorization,
                          String cookie) {
    }

    /** A file of a repo with its digests. */
    public record ServedFile(String path, Path file, long size, String sha256, String gitOid, boolean lfs) {
    }

    private record Repo(String id, String commit, Map<String, ServedFile> files, String token, boolean gated) {
    }

    /** What goes wrong for one file's next GETs. */
    private static final class Fault {
        final AtomicInteger dropsLeft = new AtomicInteger();
        volatile long dropAfter = -1;
        volatile boolean corrupt;
        volatile long stallAt = -1;
        volatile long stallMillis;
        final AtomicInteger stallsLeft = new AtomicInteger();
        volatile boolean ignoreRange;
        volatile long listedSize = -1;
    }

    /** Starts both servers on loopback, on free ports. */
    public HubTestServer() throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        hub = HttpServer.create(new InetSocketAddress(lo, 0), 0);
        cdn = HttpServer.create(new InetSocketAddress(lo, 0), 0);
        hub.createContext("/", ex -> handle("hub", ex));
        cdn.createContext("/", ex -> handle("cdn", ex));
        hub.setExecutor(pool);
        cdn.setExecutor(pool);
        hub.start();
        cdn.start();
    }

    /** @return the endpoint, {@code http://127.0.0.1:PORT} */
    public String endpoint() {
        return "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    /** @return the CDN's address, {@code http://localhost:PORT} (another host than the endpoint) */
    public String cdnBase() {
        return "http://localhost:" + cdn.getAddress().getPort();
    }

    /**
     * Serves every file under {@code folder} as {@code repoId}, branch {@code main} (ModelScope: {@code master}).
     *
     * @return the commit hash
     */
    public String addRepo(String repoId, Path folder) throws IOException {
        return addRepo(repoId, folder, null, false);
    }

    /**
     * @param token a token the repo requires (null: public)
     * @param gated answer like a gated repo (GatedRepo) instead of a private one (RepoNotFound)
     */
    public String addRepo(String repoId, Path folder, String token, boolean gated) throws IOException {
        Map<String, ServedFile> files = new LinkedHashMap<>();
        MessageDigest commit = sha("SHA-1");
        commit.update(repoId.getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String rel = folder.relativize(p).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(p);
                String sha256 = hex(sha("SHA-256").digest(bytes));
                MessageDigest git = sha("SHA-1");
                git.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
                String oid = hex(git.digest(bytes));
                boolean lfs = bytes.length >= LFS_THRESHOLD || rel.endsWith(".safetensors") || rel.endsWith(".gguf");
                ServedFile f = new ServedFile(rel, p, bytes.length, sha256, oid, lfs);
                files.put(rel, f);
                bySha.put(sha256, f);
                commit.update(sha256.getBytes(StandardCharsets.US_ASCII));
            }
        }
        String c = hex(commit.digest());
        repos.put(repoId, new Repo(repoId, c, files, token, gated));
        return c;
    }

    /** @return the served files of a repo, by path */
    public Map<String, ServedFile> files(String repoId) {
        return repos.get(repoId).files();
    }

    /** The next {@code times} GETs of {@code path} end (connection closed) after {@code afterBytes} bytes. */
    public void dropConnection(String path, long afterBytes, int times) {
        Fault f = fault(path);
        f.dropAfter = afterBytes;
        f.dropsLeft.set(times);
    }

    /** {@code path} is served with one byte changed (same size): its sha256 no longer matches. */
    public void corrupt(String path, boolean on) {
        fault(path).corrupt = on;
    }

    /** The next {@code times} GETs of {@code path} stop sending for {@code millis} after {@code atByte} bytes. */
    public void stall(String path, long atByte, long millis, int times) {
        Fault f = fault(path);
        f.stallAt = atByte;
        f.stallMillis = millis;
        f.stallsLeft.set(times);
    }

    /** {@code path} is always sent whole (200), whatever Range is asked. */
    public void ignoreRange(String path) {
        fault(path).ignoreRange = true;
    }

    /** The listing (and HEAD) claim {@code path} has {@code bytes} bytes, e.g. more than any disk holds. */
    public void listSizeAs(String path, long bytes) {
        fault(path).listedSize = bytes;
    }

    /** The API (listing) answers with a web page, as a misconfigured mirror or a captive portal does. */
    public void apiAnswersHtml(boolean on) {
        apiAnswersHtml = on;
    }

    /** Sends file bodies at about this many bytes per second (0: as fast as possible). */
    public void throttle(long bps) {
        bytesPerSecond = bps;
    }

    /** Removes every fault and the throttle. */
    public void clearFaults() {
        faults.clear();
        apiAnswersHtml = false;
        bytesPerSecond = 0;
    }

    /** @return every request so far, in order */
    public List<Request> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Forgets the request log. */
    public void clearLog() {
        log.clear();
    }

    private long listedSize(ServedFile f) {
        Fault fault = faults.get(f.path());
        return fault != null && fault.listedSize >= 0 ? fault.listedSize : f.size();
    }

    private Fault fault(String path) {
        return faults.computeIfAbsent(path, k -> new Fault());
    }

    private void handle(String server, HttpExchange ex) throws IOException {
        Headers in = ex.getRequestHeaders();
        String rawPath = ex.getRequestURI().getRawPath();
        log.add(new Request(server, ex.getRequestMethod(), ex.getRequestURI().toString(), in.getFirst("Range"),
                in.getFirst("Authorization"), in.getFirst("Cookie")));
        try {
            if (server.equals("cdn")) {
                cdn(ex, rawPath);
            } else if (rawPath.startsWith("/api/v1/models/")) {
                modelScope(ex, rawPath);
            } else if (rawPath.startsWith("/api/models/")) {
                repoInfo(ex, rawPath);
            } else if (rawPath.contains("/resolve/")) {
                resolve(ex, rawPath);
            } else {
                send(ex, 404, "text/plain", "no such page");
            }
        } catch (IOException | RuntimeException e) {
            // a client that went away, or an injected drop
        } finally {
            ex.close();
        }
    }

    // GET /api/models/{org}/{name}/revision/{rev}?blobs=true
    private void repoInfo(HttpExchange ex, String rawPath) throws IOException {
        if (apiAnswersHtml) {
            send(ex, 200, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Welcome to nginx!</title>"
                    + "</head><body>portal</body></html>");
            return;
        }
        String rest = rawPath.substring("/api/models/".length());
        int rv = rest.indexOf("/revision/");
        String repoId = rv < 0 ? rest : rest.substring(0, rv);
        String rev = rv < 0 ? "main" : decode(rest.substring(rv + "/revision/".length()));
        Repo repo = authorized(ex, repoId);
        if (repo == null) {
            return;
        }
        if (!rev.equals("main") && !rev.equals(repo.commit())) {
            error(ex, 404, "RevisionNotFound", "Invalid rev id: " + rev);
            return;
        }
        ObjectNode root = JSON.createObjectNode().put("_id", "x").put("id", repoId).put("sha", repo.commit());
        ArrayNode siblings = root.putArray("siblings");
        for (ServedFile f : repo.files().values()) {
            long size = listedSize(f);
            ObjectNode s = siblings.addObject().put("rfilename", f.path()).put("size", size)
                    .put("blobId", f.gitOid());
            if (f.lfs()) {
                s.putObject("lfs").put("size", size).put("sha256", f.sha256()).put("pointerSize", 134);
            }
        }
        send(ex, 200, "application/json", root.toString());
    }

    // HEAD|GET /{org}/{name}/resolve/{rev}/{path}
    private void resolve(HttpExchange ex, String rawPath) throws IOException {
        int r = rawPath.indexOf("/resolve/");
        String repoId = rawPath.substring(1, r);
        String rest = rawPath.substring(r + "/resolve/".length());
        int slash = rest.indexOf('/');
        String rev = decode(rest.substring(0, slash));
        String path = decode(rest.substring(slash + 1));
        Repo repo = authorized(ex, repoId);
        if (repo == null) {
            return;
        }
        if (!rev.equals("main") && !rev.equals(repo.commit())) {
            error(ex, 404, "RevisionNotFound", "Invalid rev id: " + rev);
            return;
        }
        ServedFile f = repo.files().get(path);
        if (f == null) {
            ex.getResponseHeaders().set("X-Repo-Commit", repo.commit());
            error(ex, 404, "EntryNotFound", path + " does not exist on \"main\"");
            return;
        }
        Headers h = ex.getResponseHeaders();
        h.set("X-Repo-Commit", repo.commit());
        if (f.lfs()) {
            h.set("X-Linked-Etag", "\"" + f.sha256() + "\"");
            h.set("X-Linked-Size", Long.toString(listedSize(f)));
            h.set("ETag", "\"" + f.gitOid() + "\"");
            h.set("Location", cdnBase() + "/cdn/" + f.sha256() + "?X-Amz-Signature=test");
            ex.sendResponseHeaders(302, -1);
            return;
        }
        h.set("ETag", "\"" + f.gitOid() + "\"");
        body(ex, f);
    }

    private void cdn(HttpExchange ex, String rawPath) throws IOException {
        ServedFile f = rawPath.startsWith("/cdn/") ? bySha.get(rawPath.substring("/cdn/".length())) : null;
        if (f == null) {
            send(ex, 404, "application/xml", "<Error><Code>NoSuchKey</Code></Error>");
            return;
        }
        ex.getResponseHeaders().set("ETag", "\"" + f.sha256() + "\"");
        body(ex, f);
    }

    // GET /api/v1/models/{org}/{name}/repo/files?Revision=…&Recursive=true and …/repo?Revision=…&FilePath=…
    private void modelScope(HttpExchange ex, String rawPath) throws IOException {
        String rest = rawPath.substring("/api/v1/models/".length());
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        boolean listing = rest.endsWith("/repo/files");
        String repoId = rest.substring(0, rest.indexOf("/repo"));
        if (apiAnswersHtml && listing) {
            send(ex, 200, "text/html", "<html><head><title>ModelScope 魔搭社区</title></head></html>");
            return;
        }
        Repo repo = repos.get(repoId);
        if (repo == null) {
            send(ex, 404, "application/json", "{\"Code\":10010205001,\"Message\":\"model " + repoId
                    + " not exists\",\"Success\":false}");
            return;
        }
        String rev = q.getOrDefault("Revision", "master");
        if (!rev.equals("master") && !rev.equals(repo.commit())) {
            send(ex, 404, "application/json", "{\"Code\":10010205002,\"Message\":\"revision " + rev
                    + " not exists\",\"Success\":false}");
            return;
        }
        if (listing) {
            ObjectNode root = JSON.createObjectNode().put("Code", 200).put("Success", true).put("Message", "success");
            ArrayNode files = root.putObject("Data").putArray("Files");
            long date = 1_700_000_000L;
            for (ServedFile f : repo.files().values()) {
                String name = f.path().substring(f.path().lastIndexOf('/') + 1);
                files.addObject().put("Name", name).put("Path", f.path()).put("Type", "blob").put("Size", f.size())
                        .put("Sha256", f.sha256()).put("IsLFS", f.lfs()).put("Revision", repo.commit())
                        .put("CommittedDate", date++);
            }
            files.addObject().put("Name", ".gitattributes").put("Path", ".gitattributes").put("Type", "blob")
                    .put("Size", 10).put("Sha256", "00").put("Revision", "1111111111111111111111111111111111111111")
                    .put("CommittedDate", 1);
            send(ex, 200, "application/json", root.toString());
            return;
        }
        ServedFile f = repo.files().get(q.getOrDefault("FilePath", ""));
        if (f == null) {
            send(ex, 404, "application/json", "{\"Code\":10010205003,\"Message\":\"file not exists\",\"Success\":false}");
            return;
        }
        body(ex, f);
    }

    /** @return the repo if the request may see it; otherwise answers as the Hub does and returns null */
    private Repo authorized(HttpExchange ex, String repoId) throws IOException {
        Repo repo = repos.get(repoId);
        if (repo == null) {
            error(ex, 401, "RepoNotFound", "Repository not found");
            return null;
        }
        if (repo.token() != null) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null) {
                error(ex, 401, repo.gated() ? "GatedRepo" : "RepoNotFound", repo.gated()
                        ? "Access to model " + repoId + " is restricted. You must be authenticated to access it."
                        : "Repository not found");
                return null;
            }
            if (!auth.equals("Bearer " + repo.token())) {
                if (repo.gated()) {
                    error(ex, 403, "GatedRepo", "Access to model " + repoId + " is restricted and you are not in "
                            + "the authorized list.");
                } else {
                    ex.getResponseHeaders().set("X-Error-Message", "Invalid credentials in Authorization header");
                    send(ex, 401, "application/json", "{\"error\":\"Invalid credentials in Authorization header\"}");
                }
                return null;
            }
        }
        return repo;
    }

    private void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ex.getResponseHeaders().set("X-Error-Code", code);
        ex.getResponseHeaders().set("X-Error-Message", message);
        send(ex, status, "application/json", JSON.createObjectNode().put("error", message).toString());
    }

    /** Sends a file's bytes (HEAD: headers only), honouring Range and the faults set for it. */
    private void body(HttpExchange ex, ServedFile f) throws IOException {
        Fault fault = faults.get(f.path());
        Headers h = ex.getResponseHeaders();
        h.set("Accept-Ranges", "bytes");
        h.set("Content-Type", "application/octet-stream");
        long start = 0;
        String range = ex.getRequestHeaders().getFirst("Range");
        boolean partial = false;
        if (range != null && range.startsWith("bytes=") && (fault == null || !fault.ignoreRange)) {
            String spec = range.substring(6);
            start = Long.parseLong(spec.substring(0, spec.indexOf('-')));
            if (start >= f.size()) {
                h.set("Content-Range", "bytes */" + f.size());
                ex.sendResponseHeaders(416, -1);
                return;
            }
            partial = true;
            h.set("Content-Range", "bytes " + start + "-" + (f.size() - 1) + "/" + f.size());
        }
        long length = f.size() - start;
        if (ex.getRequestMethod().equals("HEAD")) {
            h.set("Content-Length", Long.toString(length));
            ex.sendResponseHeaders(partial ? 206 : 200, -1);
            return;
        }
        ex.sendResponseHeaders(partial ? 206 : 200, length);
        long dropAt = fault != null && fault.dropAfter >= 0 && fault.dropsLeft.getAndDecrement() > 0
                ? fault.dropAfter : Long.MAX_VALUE;
        long stallAt = fault != null && fault.stallAt >= 0 && fault.stallsLeft.getAndDecrement() > 0
                ? fault.stallAt : Long.MAX_VALUE;
        OutputStream out = ex.getResponseBody();
        byte[] buf = new byte[16 * 1024];
        long pos = start;
        long t0 = System.nanoTime();
        long sent = 0;
        try (InputStream file = Files.newInputStream(f.file())) {
            file.skipNBytes(start);
            while (pos < f.size()) {
                int n = (int) Math.min(buf.length, f.size() - pos);
                if (pos < dropAt && pos + n > dropAt) {
                    n = (int) (dropAt - pos);
                }
                if (pos < stallAt && pos + n > stallAt) {
                    n = (int) (stallAt - pos);
                }
                if (n > 0) {
                    file.readNBytes(buf, 0, n);
                    if (fault != null && fault.corrupt && pos <= f.size() / 2 && f.size() / 2 < pos + n) {
                        buf[(int) (f.size() / 2 - pos)] ^= 0x5a;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    pos += n;
                    sent += n;
                }
                if (pos == dropAt) {
                    throw new IOException("injected: connection dropped at byte " + pos);
                }
                if (pos == stallAt) {
                    sleep(fault.stallMillis);
                    stallAt = Long.MAX_VALUE;
                }
                long bps = bytesPerSecond;
                if (bps > 0) {
                    long due = t0 + sent * 1_000_000_000L / bps;
                    long wait = (due - System.nanoTime()) / 1_000_000L;
                    if (wait > 0) {
                        sleep(wait);
                    }
                }
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static MessageDigest sha(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
        pool.shutdownNow();
    }

    /** Unchecked wrapper for fixture set-up. */
    public static HubTestServer start() {
        try {
            return new HubTestServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
