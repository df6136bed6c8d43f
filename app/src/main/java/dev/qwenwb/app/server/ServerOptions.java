package dev.qwenwb.app.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * How the server listens.
 *
 * @param host         the address to bind (loopback unless an API key is set)
 * @param port         the port; 0 picks a free one
 * @param apiKey       the key clients must send as {@code Authorization: Bearer KEY}; null for none
 * @param queue        requests that may wait while {@code parallel} generate; more are refused with 429
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param aliases      other names a request's {@code model} may give besides the model's own (e.g. the path given as
 *                     {@code --model})
 * @param allowedHosts host names requests may address besides localhost, IP addresses and {@code host}
 *                     ({@code --allowed-host}; see {@link BrowserGuard})
 * @param corsOrigins  origins whose web pages may call the server ({@code --cors}; {@code *} for any); pages of any
 *                     other origin are refused
 * @param parallel     requests that generate together (on a local engine: sequences of one batch)
 * @param nPredict     new tokens at most per request and choice ({@code --n-predict}, as llama.cpp's server's
 *                     {@code -n}): a larger {@code max_tokens} is cut to it; {@value #NO_N_PREDICT} for no cap
 */
public record ServerOptions(String host, int port, String apiKey, int queue, int maxBodyBytes, List<String> aliases,
                            List<String> allowedHosts, List<String> corsOrigins, int parallel, int nPredict) {

    /** The default port, as llama.cpp's server uses. */
    public static final int DEFAULT_PORT = 8080;
    /** Requests that may wait by default. */
    public static final int DEFAULT_QUEUE = 16;
    /** The body limit: 4 MiB, far beyond any prompt a 32k context holds. */
    public static final int DEFAULT_MAX_BODY = 4 * 1024 * 1024;
    /** Requests that generate together by default. */
    public static final int DEFAULT_PARALLEL = 4;
    /** No cap on the tokens a request generates beyond its own {@code max_tokens} and the context. */
    public static final int NO_N_PREDICT = -1;

    /**
     * Checks the ranges, and that a non-loopback address has a key.
     *
     * @throws IllegalArgumentException one line naming the flag
     */
    public ServerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host: give an address to listen on, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + ": expected 0 (a free port) to 65535");
        }
        if (queue < 0) {
            throw new IllegalArgumentException("--queue " + queue + ": expected a whole number >= 0");
        }
        if (parallel < 1 || parallel > 256) {
            throw new IllegalArgumentException("--parallel " + parallel + ": expected a whole number from 1 to 256");
        }
        if (nPredict != NO_N_PREDICT && nPredict < 1) {
            throw new IllegalArgumentException("--n-predict " + nPredict + ": expected a whole number >= 1, or -1 for "
                    + "no limit");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("body limit " + maxBodyBytes + ": expected >= 1024 bytes");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        for (String h : allowedHosts) {
            if (h.isBlank() || !h.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
                throw new IllegalArgumentException("--allowed-host '" + h + "': expected a host name such as "
                        + "mybox.lan");
            }
        }
        for (String o : corsOrigins) {
            if (!o.equals("*") && !o.equals("null") && !o.matches("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s]+")) {
                throw new IllegalArgumentException("--cors '" + o + "': expected an origin such as "
                        + "http://localhost:3000 (scheme, host and port, no path), or * for any");
            }
        }
        if (apiKey == null && !isLoopback(host)) {
            throw new IllegalArgumentException("--host " + host + " is reachable from other machines: give --api-key "
                    + "KEY to require it from clients, or listen on 127.0.0.1");
        }
    }

    /** Options without a cap on the tokens a request generates ({@link #NO_N_PREDICT}). */
    public ServerOptions(String host, int port, String apiKey, int queue, int maxBodyBytes, List<String> aliases,
                         List<String> allowedHosts, List<String> corsOrigins, int parallel) {
        this(host, port, apiKey, queue, maxBodyBytes, aliases, allowedHosts, corsOrigins, parallel, NO_N_PREDICT);
    }

    /** Options without extra allowed hosts or CORS origins, {@link #DEFAULT_PARALLEL} generating together. */
    public ServerOptions(String host, int port, String apiKey, int queue, int maxBodyBytes, List<String> aliases) {
        this(host, port, apiKey, queue, maxBodyBytes, aliases, List.of(), List.of(), DEFAULT_PARALLEL);
    }

    /** Loopback, no key, the default queue, parallelism and body limit. */
    public static ServerOptions loopback(int port) {
        return new ServerOptions("127.0.0.1", port, null, DEFAULT_QUEUE, DEFAULT_MAX_BODY, List.of());
    }

    /** @return a copy with this key */
    public ServerOptions withApiKey(String key) {
        return new ServerOptions(host, port, key, queue, maxBodyBytes, aliases, allowedHosts, corsOrigins,
                parallel, nPredict);
    }

    /** @return a copy with this queue length */
    public ServerOptions withQueue(int n) {
        return new ServerOptions(host, port, apiKey, n, maxBodyBytes, aliases, allowedHosts, corsOrigins,
                parallel, nPredict);
    }

    /** @return a copy that also accepts these Host names and allows these origins' pages */
    public ServerOptions withBrowserAccess(List<String> hosts, List<String> origins) {
        return new ServerOptions(host, port, apiKey, queue, maxBodyBytes, aliases, hosts, origins, parallel,
                nPredict);
    }

    /** @return whether {@link #host()} is a loopback address (then the Host header is checked) */
    public boolean loopbackOnly() {
        return isLoopback(host);
    }

    /** @return a copy with {@code n} requests generating together */
    public ServerOptions withParallel(int n) {
        return new ServerOptions(host, port, apiKey, queue, maxBodyBytes, aliases, allowedHosts, corsOrigins, n,
                nPredict);
    }

    /** @return a copy that cuts each request's new tokens to {@code n} ({@link #NO_N_PREDICT}: no cap) */
    public ServerOptions withNPredict(int n) {
        return new ServerOptions(host, port, apiKey, queue, maxBodyBytes, aliases, allowedHosts, corsOrigins,
                parallel, n);
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + ": unknown host");
        }
    }
}
