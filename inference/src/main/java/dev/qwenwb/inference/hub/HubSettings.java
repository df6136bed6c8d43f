package dev.qwenwb.inference.hub;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How to reach a model source and where to put what comes from it. Each value is explicit (a setting or a flag)
 * or else taken from the environment as the source's own client takes it: see {@link #fromEnvironment}.
 *
 * @param source        Hugging Face protocol or ModelScope
 * @param endpoint      base address, no trailing slash (a mirror such as {@code https://hf-mirror.com} is fine)
 * @param token         access token, or null; sent only to the endpoint's own host
 * @param proxy         how connections go out ({@link ProxySelector#getDefault()} for the JVM/system setting)
 * @param cache         the hub cache the files land in
 * @param parallelFiles files downloaded at once (1..16)
 * @param idleTimeout   a connection that delivers nothing for this long is dropped and resumed
 * @param retries       attempts after a failure that made no progress (each success of data resets the count)
 * @param backoff       wait before the first retry; doubles each time, at most 30 s
 * @param symlinks      snapshot files as links to blobs (false: copies, as {@code HF_HUB_DISABLE_SYMLINKS=1})
 */
public record HubSettings(HubSource source, URI endpoint, String token, ProxySelector proxy, HubCache cache,
                          int parallelFiles, Duration idleTimeout, int retries, Duration backoff, boolean symlinks) {

    /** Checks the values. */
    public HubSettings {
        if (source == null || endpoint == null || proxy == null || cache == null) {
            throw new IllegalArgumentException("source, endpoint, proxy and cache are required");
        }
        if (parallelFiles < 1 || parallelFiles > 16) {
            throw new IllegalArgumentException("parallel files: " + parallelFiles + " is outside 1..16");
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
    }

    /** @return settings for {@code source} from the real environment */
    public static HubSettings fromEnvironment(HubSource source) {
        return fromEnvironment(source, System.getenv());
    }

    /**
     * Settings as the source's own client would find them:
     * <ul>
     *   <li>endpoint: {@code HF_ENDPOINT} (Hub) or {@code MODELSCOPE_DOMAIN} (ModelScope), else the public site;</li>
     *   <li>token (Hub): {@code HF_TOKEN}, else the file {@code $HF_TOKEN_PATH}, else {@code $HF_HOME/token}
     *       (where {@code huggingface-cli login} writes it); (ModelScope): {@code MODELSCOPE_API_TOKEN};</li>
     *   <li>proxy: {@code HTTPS_PROXY}/{@code HTTP_PROXY} (also lower-case, with {@code NO_PROXY}) as Python's
     *       clients read them, else the JVM's/system's proxy settings;</li>
     *   <li>cache: {@link HubCache#defaultRoot(Map)}; copies instead of links if {@code HF_HUB_DISABLE_SYMLINKS}.</li>
     * </ul>
     */
    public static HubSettings fromEnvironment(HubSource source, Map<String, String> env) {
        String endpoint = HubCache.firstSet(env, source.endpointVariable());
        String token = source == HubSource.HUGGING_FACE ? hubToken(env)
                : HubCache.firstSet(env, "MODELSCOPE_API_TOKEN");
        String proxy = HubCache.firstSet(env, "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY",
                "all_proxy");
        ProxySelector selector = proxy == null ? ProxySelector.getDefault()
                : HubProxy.parse(proxy, HubCache.firstSet(env, "NO_PROXY", "no_proxy"));
        String noLinks = HubCache.firstSet(env, "HF_HUB_DISABLE_SYMLINKS");
        boolean links = noLinks == null || !Boolean.parseBoolean(noLinks) && !noLinks.equals("1")
                && !noLinks.equalsIgnoreCase("yes");
        return new HubSettings(source, parseEndpoint(endpoint == null ? source.defaultEndpoint() : endpoint,
                source.endpointVariable()), token, selector == null ? ProxySelector.of(null) : selector,
                new HubCache(HubCache.defaultRoot(env)), 4, Duration.ofSeconds(20), 5, Duration.ofSeconds(1), links);
    }

    private static String hubToken(Map<String, String> env) {
        String token = HubCache.firstSet(env, "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN");
        if (token != null) {
            return token;
        }
        String path = HubCache.firstSet(env, "HF_TOKEN_PATH");
        Path file = path != null ? Path.of(path) : HubCache.hfHome(env).resolve("token");
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * @param url  {@code https://host[:port][/path]}; a bare host gets {@code https://}
     * @param what the flag or variable it came from, for the message
     */
    static URI parseEndpoint(String url, String what) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (!u.contains("://")) {
            u = "https://" + u;
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getQuery() != null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new HubException(HubException.Kind.BAD_INPUT, what + ": '" + url
                    + "' is not an endpoint; expected an address such as https://hf-mirror.com");
        }
    }

    /** @return these settings with another endpoint ({@code --endpoint}) */
    public HubSettings withEndpoint(String url) {
        return new HubSettings(source, parseEndpoint(url, "--endpoint"), token, proxy, cache, parallelFiles,
                idleTimeout, retries, backoff, symlinks);
    }

    /** @return these settings with another token ({@code --token}) */
    public HubSettings withToken(String t) {
        return new HubSettings(source, endpoint, t, proxy, cache, parallelFiles, idleTimeout, retries, backoff,
                symlinks);
    }

    /** @return these settings with an explicit proxy ({@code http://host:port}, {@code host:port}) */
    public HubSettings withProxy(String p) {
        return new HubSettings(source, endpoint, token, HubProxy.parse(p, null), cache, parallelFiles, idleTimeout,
                retries, backoff, symlinks);
    }

    /** @return these settings with another cache folder ({@code --cache-dir}) */
    public HubSettings withCache(Path root) {
        return new HubSettings(source, endpoint, token, proxy, new HubCache(root), parallelFiles, idleTimeout,
                retries, backoff, symlinks);
    }

    /** @return these settings with another number of parallel files */
    public HubSettings withParallelFiles(int n) {
        return new HubSettings(source, endpoint, token, proxy, cache, n, idleTimeout, retries, backoff, symlinks);
    }

    /** @return these settings with other timing (tests: short waits) */
    public HubSettings withTiming(Duration idle, int retryCount, Duration firstBackoff) {
        return new HubSettings(source, endpoint, token, proxy, cache, parallelFiles, idle, retryCount, firstBackoff,
                symlinks);
    }

    /** @return these settings storing copies instead of links */
    public HubSettings withSymlinks(boolean links) {
        return new HubSettings(source, endpoint, token, proxy, cache, parallelFiles, idleTimeout, retries, backoff,
                links);
    }

    /** @return "host[:port]" of the endpoint, the only place the token goes */
    String authority() {
        return HubHttp.authority(endpoint);
    }

    @Override
    public String toString() { // never the token
        return "HubSettings[" + source.id() + " " + endpoint + ", cache " + cache.root() + ", token "
                + (token == null ? "none" : "set") + "]";
    }
}
