package dev.qwenwb.app.ui.artifacts;

import javafx.scene.layout.StackPane;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;

/**
 * Renders HTML, SVG and Markdown artifacts in a WebView without network or navigation ({@link PreviewDocument}
 * says how): content only through {@code loadContent}, JavaScript off unless the user allows it for the
 * artifact, popups refused, no context menu (no "Open link", "Reload"), and a location listener that puts the
 * artifact back if the page ever navigates (it cannot stop the request itself — the sandbox and the CSP do).
 */
final class PreviewPane extends StackPane {

    private final WebView web = new WebView();
    private String shown;
    private int navigationsUndone;

    PreviewPane() {
        getStyleClass().add("artifact-preview");
        setId("artifact-preview-pane");
        WebEngine engine = web.getEngine();
        engine.setJavaScriptEnabled(false);
        engine.setCreatePopupHandler(features -> null);
        web.setContextMenuEnabled(false);
        engine.locationProperty().addListener((o, was, now) -> {
            if (now != null && !now.isEmpty() && !now.equals("about:blank") && shown != null) {
                navigationsUndone++;
                engine.loadContent(shown);
            }
        });
        getChildren().add(web);
    }

    /**
     * Shows an artifact.
     *
     * @param language {@code html}, {@code svg} or {@code markdown}
     * @param code its code
     * @param scripts whether the user allowed JavaScript for it
     */
    void show(String language, String code, boolean scripts) {
        String html = PreviewDocument.of(language, code, scripts);
        boolean js = scripts && language.equals("html");
        if (!html.equals(shown) || web.getEngine().isJavaScriptEnabled() != js) {
            shown = html;
            web.getEngine().setJavaScriptEnabled(js);
            web.getEngine().loadContent(html);
        }
    }

    /** @return the engine (tests inspect its document and location) */
    WebEngine engine() {
        return web.getEngine();
    }

    /** @return how often the page navigated away and was put back */
    int navigationsUndone() {
        return navigationsUndone;
    }
}
