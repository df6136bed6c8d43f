package dev.qwenwb.inference.hub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An HTTP(S) proxy for every host except loopback and those listed in {@code NO_PROXY}. */
final class HubProxy extends ProxySelector {

    private final Proxy proxy;
    private final List<String> noProxy;

    private HubProxy(Proxy proxy, List<String> noProxy) {
        this.proxy = proxy;
        this.noProxy = noProxy;
    }

    /**
     * @param spec    {@code http://host:port} or {@code host:port}
     * @param noProxy comma-separated host suffixes to reach directly ({@code NO_PROXY}), or null
     */
    static HubProxy parse(String spec, String noProxy) {
        String s = spec.trim();
        URI uri;
        try {
            uri = new URI(s.contains("://") ? s : "http://" + s);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getPort() <= 0
                || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new HubException(HubException.Kind.BAD_INPUT, "proxy: '" + spec
                    + "' is not an HTTP proxy; expected http://host:port");
        }
        List<String> direct = new ArrayList<>();
        if (noProxy != null) {
            for (String h : noProxy.split(",")) {
                String t = h.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    direct.add(t.startsWith("*") ? t.substring(1) : t);
                }
            }
        }
        return new HubProxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort())),
                List.copyOf(direct));
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]")) {
            return List.of(Proxy.NO_PROXY);
        }
        for (String d : noProxy) {
            if (d.equals("*") || host.equals(d) || host.endsWith(d.startsWith(".") ? d : "." + d)) {
                return List.of(Proxy.NO_PROXY);
            }
        }
        return List.of(proxy);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to learn: the download reports the failure
    }

    @Override
    public String toString() {
        return "proxy " + proxy.address();
    }
}
