package dev.qwenwb.app.server;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 proxy on loopback in front of the real server that injects faults: the next N POSTs answered with
 * an error status, or POST number K's stream cut off (a TCP reset) after a few whole events. It counts POSTs and how many
 * were in flight at once.
 */
final class FaultProxy implements AutoCloseable {

    private final URI target;
    private final ServerSocket socket;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    volatile int failNext;
    volatile int failStatus = 503;
    volatile String retryAfter;
    volatile int dropPost = -1;
    volatile int dropAfterEvents = 3;
    volatile boolean unstream;
    volatile boolean refuseSuffix;

    /** @param target the real server's root, e.g. {@code http://127.0.0.1:PORT} */
    FaultProxy(URI target) throws IOException {
        this.target = target;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "fault-proxy");
        t.setDaemon(true);
        t.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> serve(s), "fault-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                if (c > 0) {
                    headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
                }
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            if (unstream) { // as a server that ignores "stream": one JSON answer
                body = new String(body, StandardCharsets.UTF_8).replace("\"stream\":true", "\"stream\":false")
                        .getBytes(StandardCharsets.UTF_8);
            }
            HttpRequest.Builder fwd = HttpRequest.newBuilder(URI.create(target + requestLine[1]));
            if (headers.containsKey("authorization")) {
                fwd.header("Authorization", headers.get("authorization"));
            }
            OutputStream out = s.getOutputStream();
            if (!requestLine[0].equals("POST")) {
                HttpResponse<byte[]> r = http.send(fwd.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                out.write(("HTTP/1.1 " + r.statusCode() + " X\r\nContent-Type: application/json\r\nContent-Length: "
                        + r.body().length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(r.body());
                return;
            }
            int n = posts.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (refuseSuffix && new String(body, StandardCharsets.UTF_8).contains("\"suffix\"")) { // as vLLM
                    byte[] err = ("{\"object\": \"error\", \"message\": \"suffix is not currently supported\", "
                            + "\"type\": \"BadRequestError\", \"param\": null, \"code\": 400}").getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: "
                            + err.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(err);
                    return;
                }
                if (failNext > 0) {
                    failNext--;
                    byte[] err = "{\"error\": {\"message\": \"overloaded\", \"type\": \"unavailable_error\", \"param\": null, \"code\": null}}"
                            .getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 " + failStatus + " Busy\r\nContent-Type: application/json\r\nContent-Length: "
                            + err.length + (retryAfter != null ? "\r\nRetry-After: " + retryAfter : "")
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(err);
                    return;
                }
                HttpResponse<InputStream> r = http.send(fwd.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                out.write(("HTTP/1.1 " + r.statusCode() + " X\r\nContent-Type: "
                        + r.headers().firstValue("Content-Type").orElse("text/event-stream")
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                try (BufferedReader up = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    int events = 0;
                    String line;
                    while ((line = up.readLine()) != null) {
                        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        if (line.startsWith("data:")) {
                            events++;
                        } else if (line.isEmpty() && events == dropAfterEvents && n == dropPost) { // event complete
                            Thread.sleep(200); // the client reads what was sent (a reset drops unread data)
                            s.setSoLinger(true, 0); // close with a reset: the connection is lost mid-stream
                            return;
                        }
                    }
                }
            } finally {
                inFlight.decrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away; nothing to do
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
            if (state == 4) {
                break;
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
