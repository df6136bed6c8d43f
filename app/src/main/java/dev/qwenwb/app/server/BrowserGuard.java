package dev.qwenwb.app.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.qwenwb.inference.util.Printable;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps web pages the user opens from driving the server. A page cannot read a local server's answers across origins
 * unless the server allows it (CORS), but it can send requests — a {@code text/plain} POST needs no preflight — and
 * DNS rebinding makes its own host name point at 127.0.0.1. So every request is checked twice before anything else:
 * <ul>
 *   <li>On a loopback address, {@code Host} must name this server: an IP address (a rebinding attack needs a host
 *   name), {@code localhost} or a {@code *.localhost} name, the {@code --host} the server listens on, or a name given
 *   with {@code --allowed-host}; otherwise 403 (Ollama's fix for the same bug, CVE-2024-28224, checks Host alike).
 *   On other addresses an API key is required, which a page does not have, and any Host is accepted.</li>
 *   <li>A request with an {@code Origin} header comes from a browser page; it is refused with 403 unless
 *   {@code --cors ORIGIN} allows that origin ({@code *}: any). Allowed origins get the CORS headers, and preflights
 *   ({@code OPTIONS}) are answered for them.</li>
 * </ul>
 * Clients that are not browsers (curl, SDKs) send no {@code Origin} and are not affected.
 */
final class BrowserGuard {

    private static final String METHODS = "GET, POST, OPTIONS";
    private final Set<String> hosts = new TreeSet<>();
    private final Set<String> origins = new TreeSet<>();
    private final boolean checkHost;

    /** The guard for {@code options}: Host is checked only on a loopback address (elsewhere an API key is required). */
    BrowserGuard(ServerOptions options) {
        checkHost = options.loopbackOnly();
        hosts.add(normalizeHost(options.host()));
        options.allowedHosts().forEach(h -> hosts.add(normalizeHost(h)));
        options.corsOrigins().forEach(o -> origins.add(o.equals("*") ? o : normalizeOrigin(o)));
    }

    /**
     * Checks {@code ex}'s Host and Origin, and adds the CORS headers for an allowed origin.
     *
     * @return true if {@code ex} was a preflight and has been answered
     * @throws ApiError 403 for a Host or an Origin that is not allowed
     */
    boolean check(HttpExchange ex) {
        Headers in = ex.getRequestHeaders();
        String host = in.getFirst("Host");
        if (checkHost && host != null && !hostAllowed(host)) {
            throw new ApiError(403, "permission_error", "Host " + quoted(host) + " is not this server: requests must "
                    + "address it as localhost or by IP address (a web page may be trying to reach it through DNS "
                    + "rebinding); start the server with --allowed-host NAME to accept that name", null,
                    "host_not_allowed");
        }
        String origin = in.getFirst("Origin");
        boolean preflight = ex.getRequestMethod().equalsIgnoreCase("OPTIONS");
        if (origin != null) {
            if (!originAllowed(origin)) {
                throw new ApiError(403, "permission_error", "cross-origin requests from " + quoted(origin)
                        + " are not allowed: a web page may be trying to use this server; start it with --cors "
                        + "ORIGIN to allow that page", null, "origin_not_allowed");
            }
            Headers out = ex.getResponseHeaders();
            out.set("Access-Control-Allow-Origin", origins.contains("*") ? "*" : origin);
            out.add("Vary", "Origin");
            if (preflight) {
                out.set("Access-Control-Allow-Methods", METHODS);
                String asked = in.getFirst("Access-Control-Request-Headers");
                out.set("Access-Control-Allow-Headers", asked != null && asked.matches("[A-Za-z0-9, _-]{1,500}")
                        ? asked : "Authorization, Content-Type");
                out.set("Access-Control-Max-Age", "600");
            }
        }
        if (preflight) {
            ex.getResponseHeaders().set("Allow", METHODS);
            try {
                ex.sendResponseHeaders(204, -1);
            } catch (java.io.IOException e) {
                // the client went away; nothing to answer
            }
            return true;
        }
        return false;
    }

    private boolean hostAllowed(String header) {
        String h = normalizeHost(header);
        if (h.isEmpty()) {
            return false;
        }
        return isIpLiteral(h) || h.equals("localhost") || h.endsWith(".localhost") || hosts.contains(h);
    }

    private boolean originAllowed(String origin) {
        return origins.contains("*") || origins.contains(normalizeOrigin(origin));
    }

    /** {@code Host: NAME[:PORT]} or {@code [v6]:PORT} to the lower-case name, without the trailing dot. */
    static String normalizeHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? "" : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && colon == h.lastIndexOf(':')) {
            h = h.substring(0, colon);
        } else if (colon >= 0) {
            h = "[" + h + "]"; // a bare IPv6 address, as --host may give it
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean isIpLiteral(String h) {
        if (h.startsWith("[") && h.endsWith("]")) {
            return h.length() > 2 && h.substring(1, h.length() - 1).matches("[0-9a-f:.]+(%[a-z0-9]+)?");
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** {@code scheme://host[:port]} in lower case, the default port dropped; other text as given. */
    static String normalizeOrigin(String origin) {
        String o = origin.trim();
        try {
            URI u = new URI(o);
            if (u.getScheme() == null || u.getHost() == null) {
                return o.toLowerCase(Locale.ROOT);
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean dflt = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (dflt ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return o.toLowerCase(Locale.ROOT);
        }
    }

    private static String quoted(String header) {
        return Printable.quote(header);
    }
}
