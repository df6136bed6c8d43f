package dev.qwenwb.app.ui.artifacts;

import javafx.scene.layout.StackPane;
import javafx.scene.web.WebView;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders HTML, SVG and Markdown artifacts in a WebView. Content is loaded as a string with no base URL, so
 * relative files do not resolve; scripts may run inside the page.
 */
final class PreviewPane extends StackPane {

    private final WebView web = new WebView();
    private String shown;

    PreviewPane() {
        getStyleClass().add("artifact-preview");
        getChildren().add(web);
    }

    void show(String language, String code) {
        String html;
        if (language.equals("svg")) {
            html = "<!DOCTYPE html><html><body>" + code.replaceAll("(?is)<script.*?</script>", "")
                    .replaceAll("(?i)\\son\\w+\\s*=", " data-removed=") + "</body></html>";
        } else if (language.equals("markdown")) {
            html = "<!DOCTYPE html><html><body>" + HtmlRenderer.builder().escapeHtml(true).build()
                    .render(Parser.builder().build().parse(code)) + "</body></html>";
        } else {
            html = code;
        }
        if (!html.equals(shown)) {
            shown = html;
            web.getEngine().loadContent(html);
        }
    }
}
