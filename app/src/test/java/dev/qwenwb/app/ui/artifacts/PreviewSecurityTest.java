package dev.qwenwb.app.ui.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import dev.qwenwb.app.ui.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.html.HTMLIFrameElement;

/**
 * Hostile HTML, SVG and Markdown artifacts in the real artifacts pane (its Preview toggle clicked, its
 * JavaScript toggle clicked for the HTML one) against a loopback HTTP server that counts requests: zero
 * requests and no navigation, while the same HTML in a plain WebView reaches the server many times and the
 * allowed script does run.
 */
@ExtendWith(ApplicationExtension.class)
class PreviewSecurityTest {

    private static final String HTML = "<html><head><meta http-equiv=\"refresh\" content=\"1;url=URLrefresh\">"
            + "<link rel=\"stylesheet\" href=\"URLcss\"><base href=\"URLbase/\"></head>"
            + "<body onload=\"fetch('URLonload')\">"
            + "<img src=\"URLimg\"><img src=\"relative.png\"><iframe src=\"URLiframe\"></iframe>"
            + "<object data=\"URLobject\"></object><video poster=\"URLposter\"></video>"
            + "<div style=\"background:url(URLbg);width:10px;height:10px\"></div>"
            + "<a id=\"js\" href=\"javascript:fetch('URLjslink')\">x</a><a id=\"away\" href=\"URLlink\">y</a>"
            + "<form id=\"f\" action=\"URLform\" method=\"get\"><input name=\"q\" value=\"1\"></form>"
            + "<script>"
            + "document.body.setAttribute('data-ran', 'yes');"
            + "fetch('URLfetch').catch(function () {});"
            + "try { var x = new XMLHttpRequest(); x.open('GET', 'URLxhr'); x.send(); } catch (e) {}"
            + "try { window.open('URLopen'); } catch (e) {}"
            + "new Image().src = 'URLimage';"
            + "try { document.getElementById('f').submit(); } catch (e) {}"
            + "setTimeout(function () { try { document.getElementById('away').click(); } catch (e) {}"
            + " try { location.href = 'URLlocation'; } catch (e) {} try { top.location = 'URLtop'; } catch (e) {}"
            + " }, 300);"
            + "</script></body></html>";

    private static final String SVG = "<svg/onload=\"fetch('URLsvgonload')\" xmlns=\"http://www.w3.org/2000/svg\""
            + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"40\" height=\"40\">"
            + "<image href=\"URLsvgimage\" width=\"10\" height=\"10\"/><script>fetch('URLsvgscript')</script>"
            + "<a xlink:href=\"javascript:fetch('URLsvgjs')\"><text y=\"20\">x</text></a><use href=\"URLuse#a\"/>"
            + "<foreignObject><iframe src=\"URLsvgiframe\"></iframe></foreignObject>"
            + "<rect width=\"10\" height=\"10\" fill=\"url(URLfill#g)\"/></svg>";

    private static final String MARKDOWN = "# Title\n\n[click](javascript:fetch('URLmdjs')) ![remote](URLmdimg)\n\n"
            + "<img src=\"URLmdraw\"> <script>fetch('URLmdscript')</script> <iframe src=\"URLmdiframe\"></iframe>\n\n"
            + "[a link](URLmdlink)\n";

    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String base;
    private ArtifactsViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = new ArtifactsViewModel(Runnable::run, Runnable::run);
        stage.setScene(new Scene(new ArtifactsView(vm), 700, 600));
        stage.show();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            paths.add(ex.getRequestURI().toString());
            hits.computeIfAbsent("all", k -> new AtomicInteger()).incrementAndGet();
            byte[] body = "<html><body>reached</body></html>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private int requests() {
        return hits.getOrDefault("all", new AtomicInteger()).get();
    }

    private String hostile(String template) {
        return template.replace("URL", base);
    }

    @Test
    void theHostileHtmlReachesTheServerInAPlainWebView() throws Exception {
        Platform.runLater(() -> {
            WebView plain = new WebView();
            stage.getScene().setRoot(plain);
            plain.getEngine().loadContent(hostile(HTML));
        });
        Wait.until("the unprotected page's image, frame, fetch and a navigation", 30,
                () -> paths.containsAll(List.of("/img", "/iframe", "/fetch"))
                        && paths.stream().anyMatch(p -> p.matches("/(form\\?q=1|link|location|top|refresh)")));
        assertThat(requests()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aHostileHtmlArtifactMakesNoRequestWithScriptsOffOrOn(FxRobot robot) throws Exception {
        show("html", hostile(HTML));
        robot.clickOn("#artifact-preview");
        PreviewPane pane = robot.lookup("#artifact-preview-pane").queryAs(PreviewPane.class);
        Wait.until("the artifact's document", 30, () -> !"no document".equals(ran(pane)));
        Thread.sleep(2000); // past the page's 1 s refresh and 300 ms timer
        assertThat(paths).as("requests with scripts off").isEmpty();
        assertThat(ran(pane)).as("scripts are off").isNull();

        ToggleButton scripts = robot.lookup("#artifact-scripts").queryAs(ToggleButton.class);
        assertThat(scripts.isVisible()).isTrue();
        assertThat(scripts.isSelected()).as("off by default").isFalse();
        robot.clickOn("#artifact-scripts");
        assertThat(vm.scriptsProperty().get()).isTrue();
        Wait.until("the allowed script to run inside the preview", 30, () -> "yes".equals(ran(pane)));
        Thread.sleep(2000);
        assertThat(paths).as("requests with scripts on").isEmpty();
        assertThat(pane.navigationsUndone()).as("the page never navigated").isZero();
        assertThat(onFx(() -> pane.engine().getLocation())).isIn("", "about:blank", null);
    }

    @Test
    void hostileSvgAndMarkdownArtifactsMakeNoRequest(FxRobot robot) throws Exception {
        show("svg", hostile(SVG));
        robot.clickOn("#artifact-preview");
        vm.allowScripts(true); // not offered for SVG; even forced, SVG runs no script
        assertThat(robot.lookup("#artifact-scripts").queryAs(ToggleButton.class).isVisible()).isFalse();
        Thread.sleep(2000);
        show("markdown", hostile(MARKDOWN));
        Thread.sleep(2000);
        PreviewPane pane = robot.lookup("#artifact-preview-pane").queryAs(PreviewPane.class);
        assertThat(paths).isEmpty();
        assertThat(pane.navigationsUndone()).isZero();
        assertThat(onFx(() -> pane.engine().getDocument().getElementById("artifact"))).isNotNull();
    }

    private void show(String language, String code) {
        onFx(() -> {
            vm.update(List.of("```" + language + "\n" + code + "\n```"));
            return null;
        });
    }

    private String ran(PreviewPane pane) {
        return onFx(() -> {
            Document doc = pane.engine().getDocument();
            HTMLIFrameElement frame = (HTMLIFrameElement) doc.getElementById("artifact");
            Document inner = frame.getContentDocument();
            if (inner == null || inner.getElementsByTagName("body").getLength() == 0) {
                return "no document";
            }
            String v = ((org.w3c.dom.Element) inner.getElementsByTagName("body").item(0)).getAttribute("data-ran");
            return v == null || v.isEmpty() ? null : v;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> err = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                out.set(c.call());
            } catch (Exception e) {
                err.set(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        if (err.get() != null) {
            throw new AssertionError(err.get());
        }
        return out.get();
    }
}
