package dev.qwenwb.inference.hub;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The HTTP side of a source: one JDK {@link HttpClient} that never follows redirects by itself, so that each hop is
 * seen and the token ({@code Authorization}, ModelScope's session cookie) goes to the endpoint's own host only —
 * never to the CDN a large file redirects to.
 */
final class HubHttp {

    /** Most redirects followed for one request. */
    static final int MAX_REDIRECTS = 10;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER_AGENT = "qwen-workbench/0.1.0; java/" + Runtime.version().feature();

    private final HubSettings settings;
    private final Map<String, String> authHeaders;
    private final HttpClient client;

    /**
     * @param settings    endpoint, proxy, timing
     * @param authHeaders headers that carry the token (empty without one)
     */
    HubHttp(HubSettings settings, Map<String, String> authHeaders) {
        this.settings = settings;
        this.authHeaders = Map.copyOf(authHeaders);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(settings.proxy())
                .connectTimeout(Duration.ofSeconds(15))
                .build();
    }

    HttpClient client() {
        return client;
    }

    HubSettings settings() {
        return settings;
    }

    /** @return lower-case host and effective port, e.g. {@code huggingface.co:443} */
    static String authority(URI u) {
        int port = u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
        return (u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
    }

    /** @return true if requests to {@code uri} may carry the token: it is the endpoint's own host and port */
    boolean mayAuthenticate(URI uri) {
        return authority(uri).equals(settings.authority());
    }

    /** A request to {@code uri} with our User-Agent, no compression (sizes must be the file's), and the token if allowed. */
    HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("User-Agent", USER_AGENT)
                .header("Accept-Encoding", "identity");
        if (mayAuthenticate(uri)) {
            authHeaders.forEach(b::header);
        }
        return b;
    }

    /**
     * GET {@code uri} as text, following every redirect (re-deciding the token at each hop).
     *
     * @return the last response
     * @throws HubException NETWORK if the host cannot be reached
     */
    HttpResponse<String> getText(URI uri, String accept) {
        URI at = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest req = request(at).header("Accept", accept).timeout(REQUEST_TIMEOUT).GET().build();
            HttpResponse<String> r = send(req, HttpResponse.BodyHandlers.ofString());
            Optional<URI> next = redirect(r, at);
            if (next.isEmpty()) {
                return r;
            }
            at = next.get();
        }
        throw tooManyRedirects(uri);
    }

    /**
     * HEAD {@code uri}, following relative redirects only (a renamed repo), as huggingface_hub's
     * {@code _httpx_follow_relative_redirects}: a redirect to another host (the CDN) is returned as it is, so its
     * {@code X-Linked-*} headers and {@code Location} can be read.
     */
    HttpResponse<Void> head(URI uri) {
        URI at = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest req = request(at).timeout(REQUEST_TIMEOUT)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<Void> r = send(req, HttpResponse.BodyHandlers.discarding());
            Optional<URI> next = redirect(r, at);
            if (next.isEmpty() || isAbsolute(r)) {
                return r;
            }
            at = next.get();
        }
        throw tooManyRedirects(uri);
    }

    private static boolean isAbsolute(HttpResponse<?> r) {
        return r.headers().firstValue("Location").map(l -> URI.create(l.trim()).getHost() != null).orElse(false);
    }

    /** @return where a 3xx response points, resolved against the request's address */
    static Optional<URI> redirect(HttpResponse<?> r, URI from) {
        int s = r.statusCode();
        if (s != 301 && s != 302 && s != 303 && s != 307 && s != 308) {
            return Optional.empty();
        }
        return r.headers().firstValue("Location").map(l -> from.resolve(URI.create(l.trim())));
    }

    HubException tooManyRedirects(URI uri) {
        return new HubException(HubException.Kind.PROTOCOL, uri.getHost() + ": more than " + MAX_REDIRECTS
                + " redirects for " + uri.getPath());
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(req, handler);
        } catch (IOException e) {
            throw network(req.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.Kind.CANCELLED, "interrupted", e);
        }
    }

    /** A one-line message for a failed connection: which host, and why in plain words. */
    static HubException network(URI uri, Throwable e) {
        String why;
        if (e instanceof UnknownHostException || e.getCause() instanceof UnresolvedAddressException
                || e instanceof ConnectException && e.getCause() instanceof UnresolvedAddressException) {
            why = "unknown host";
        } else if (e instanceof HttpConnectTimeoutException) {
            why = "timed out connecting";
        } else if (e instanceof HttpTimeoutException) {
            why = "no answer in time";
        } else if (e instanceof ConnectException) {
            why = "connection refused";
        } else if (e instanceof SSLException) {
            why = "TLS failed (" + e.getMessage() + ")";
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new HubException(HubException.Kind.NETWORK, "cannot reach " + uri.getHost()
                + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + ": " + why
                + " (check the network, a proxy, or use a mirror with --endpoint / HF_ENDPOINT)", e);
    }
}
