package dev.qwenwb.inference.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/** One source's API: list a revision's files, and say where each file's bytes are. */
abstract class SourceApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int API_RETRIES = 2;

    final HubSettings settings;
    final HubHttp http;

    SourceApi(HubSettings settings, Map<String, String> authHeaders) {
        this.settings = settings;
        this.http = new HubHttp(settings, authHeaders);
    }

    /** @return the API of {@code settings.source()} */
    static SourceApi of(HubSettings settings) {
        return settings.source() == HubSource.MODELSCOPE ? new ModelScopeApi(settings) : new HuggingFaceApi(settings);
    }

    /** @return the files of {@code repoId} at {@code revision}, with the commit it resolves to */
    abstract RepoListing list(String repoId, String revision);

    /** @return where {@code file} of {@code listing} is downloaded from, its blob name and size */
    abstract FileSource locate(RepoListing listing, RemoteFile file);

    /** @return a short name of what this source records in the cache, e.g. {@code hf https://hf-mirror.com} */
    String describe() {
        return settings.source().id() + " " + settings.endpoint();
    }

    HubErrors.Context context(String repoId, String revision) {
        return new HubErrors.Context(settings.source(), settings.endpoint(), repoId, revision, settings.token() != null);
    }

    /** GET a JSON document: retried on server errors, refused with one clear line if it is a web page or not JSON. */
    JsonNode getJson(URI uri, HubErrors.Context ctx) {
        HttpResponse<String> r = retrying(() -> {
            HttpResponse<String> resp = http.getText(uri, "application/json");
            if (HubErrors.retryable(resp.statusCode())) {
                throw HubErrors.forStatus(ctx, resp.statusCode(), resp.headers(), resp.body(), null);
            }
            return resp;
        });
        int s = r.statusCode();
        boolean html = HubErrors.isHtml(r.headers(), r.body());
        if (s / 100 != 2) {
            if (html && s != 401 && s != 403 && s != 404) {
                throw HubErrors.html(ctx, uri, r.body());
            }
            throw HubErrors.forStatus(ctx, s, r.headers(), r.body(), null);
        }
        if (html) {
            throw HubErrors.html(ctx, uri, r.body());
        }
        try {
            JsonNode n = JSON.readTree(r.body());
            if (n == null || !n.isObject()) {
                throw new IOException("not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new HubException(HubException.Kind.PROTOCOL, ctx.endpoint() + " answered " + uri.getPath()
                    + " with something that is not the API's JSON (\"" + HubErrors.oneLine(r.body(), 60)
                    + "\"); is it a mirror of " + settings.source().defaultEndpoint() + "?");
        }
    }

    /** Runs {@code call}, again after a back-off when it fails with a network error or a server error. */
    <T> T retrying(Supplier<T> call) {
        long wait = Math.max(1, settings.backoff().toMillis());
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (HubException e) {
                if (e.kind() != HubException.Kind.NETWORK || attempt >= Math.min(API_RETRIES, settings.retries())) {
                    throw e;
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = Math.min(wait * 2, 30_000);
            }
        }
    }

    /** Percent-encodes each segment of a {@code /}-separated path, keeping the slashes (Python's {@code quote}). */
    static String encodePath(String path) {
        StringBuilder b = new StringBuilder();
        for (String seg : path.split("/", -1)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(encode(seg, false));
        }
        return path.startsWith("/") ? "/" + b : b.toString();
    }

    /**
     * Percent-encodes everything but letters, digits and {@code -_.~}.
     *
     * @param plus encode a space as {@code +} (form encoding, Python's {@code quote_plus})
     */
    static String encode(String s, boolean plus) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                b.append((char) c);
            } else if (plus && c == ' ') {
                b.append('+');
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
