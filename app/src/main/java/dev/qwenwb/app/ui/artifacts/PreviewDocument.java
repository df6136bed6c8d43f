package dev.qwenwb.app.ui.artifacts;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * The document the preview pane loads for an HTML, SVG or Markdown artifact: no network, no navigation, and no
 * script unless the user allows it for that HTML artifact.
 *
 * <p>Layers, each enough for some attacks and together for all we know of: (1) a Content-Security-Policy
 * {@code default-src 'none'; img-src data:; style-src 'unsafe-inline'} (+ {@code script-src 'unsafe-inline'}
 * with scripts on) in the wrapper and in the artifact's own document, which blocks every subresource, fetch,
 * XHR and frame load; (2) the artifact runs inside an {@code <iframe sandbox>} (with only
 * {@code allow-scripts}, if anything), so it can navigate neither the top page nor — the wrapper's CSP forbids
 * frame loads — itself, open no popup and submit no form; (3) the markup is cleaned with jsoup: SVG and
 * Markdown through a {@link Safelist} (no script, no event handlers, {@code javascript:} links gone, images only
 * from {@code data:}), HTML without {@code meta http-equiv} (refresh), {@code base}, {@code link}, frames and
 * plug-ins, with every URL attribute that is neither {@code data:} nor {@code #…} removed. The pane's WebView
 * itself also has JavaScript off unless allowed, a popup handler that refuses, and a location listener. Tested
 * with a loopback HTTP server counting requests ({@code PreviewSecurityTest}).
 */
final class PreviewDocument {

    /** The policy without scripts. */
    static final String CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
    /** The policy with scripts allowed. */
    static final String CSP_SCRIPTS = CSP + "; script-src 'unsafe-inline'";

    private static final Set<String> URL_ATTRIBUTES = Set.of("src", "href", "srcset", "action", "formaction",
            "poster", "background", "data", "xlink:href", "ping", "cite", "longdesc", "manifest", "codebase",
            "lowsrc", "dynsrc", "archive", "classid", "usemap", "icon", "profile", "itemtype");
    private static final Set<String> DATA_OK = Set.of("src", "srcset", "poster", "background", "href",
            "xlink:href");
    private static final String REMOVED = "iframe, frame, frameset, object, embed, applet, portal, base, link,"
            + " meta[http-equiv], meta[name=referrer]";

    private PreviewDocument() {
    }

    /**
     * @param language {@code html}, {@code svg} or {@code markdown}
     * @param code the artifact's code
     * @param scripts whether the user allowed scripts for this artifact (HTML only; SVG and Markdown never run
     *                scripts)
     * @return the HTML document to load with {@code loadContent}
     */
    static String of(String language, String code, boolean scripts) {
        boolean js = scripts && language.equals("html");
        String inner;
        switch (language) {
            case "svg":
                inner = page(Jsoup.clean(code, "", svgSafelist(), settings()), CSP);
                break;
            case "markdown":
                inner = page(Jsoup.clean(markdown(code), "", markdownSafelist(), settings()), CSP);
                break;
            default:
                inner = html(code, js);
                break;
        }
        String policy = js ? CSP_SCRIPTS : CSP;
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + cspMeta(policy)
                + "<style>html,body{margin:0;height:100%;overflow:hidden}"
                + "iframe{border:0;width:100%;height:100%;display:block}</style></head><body>"
                + "<iframe id=\"artifact\" sandbox=\"" + (js ? "allow-scripts" : "") + "\" srcdoc=\""
                + attribute(inner) + "\"></iframe></body></html>";
    }

    /** Markdown as HTML: raw HTML escaped, unsafe link URLs dropped by the renderer (then cleaned again). */
    static String markdown(String code) {
        return HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build()
                .render(Parser.builder().build().parse(code));
    }

    private static String html(String code, boolean js) {
        Document doc = Jsoup.parse(code);
        doc.outputSettings(settings());
        doc.select(REMOVED).remove();
        if (!js) {
            doc.select("script").remove();
        }
        for (Element e : doc.getAllElements()) {
            for (Attribute a : List.copyOf(e.attributes().asList())) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                if ((!js && key.startsWith("on")) || (URL_ATTRIBUTES.contains(key) && !allowedUrl(key, a.getValue()))) {
                    e.removeAttr(a.getKey());
                }
            }
        }
        doc.head().prependElement("meta").attr("http-equiv", "Content-Security-Policy")
                .attr("content", js ? CSP_SCRIPTS : CSP);
        return doc.outerHtml();
    }

    private static boolean allowedUrl(String key, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.startsWith("#") || (DATA_OK.contains(key) && v.startsWith("data:") && !v.startsWith("data:text/html"));
    }

    private static String page(String body, String policy) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + cspMeta(policy) + "</head><body>" + body
                + "</body></html>";
    }

    private static String cspMeta(String policy) {
        return "<meta http-equiv=\"Content-Security-Policy\" content=\"" + policy + "\">";
    }

    private static String attribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Document.OutputSettings settings() {
        return new Document.OutputSettings().prettyPrint(false);
    }

    private static Safelist markdownSafelist() {
        return Safelist.relaxed()
                .removeProtocols("img", "src", "http", "https")
                .addProtocols("img", "src", "data")
                .addProtocols("a", "href", "#")
                .addAttributes("code", "class")
                .addAttributes("th", "align").addAttributes("td", "align");
    }

    private static Safelist svgSafelist() {
        String[] presentation = {"id", "class", "style", "fill", "fill-opacity", "fill-rule", "stroke",
            "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-dasharray",
            "stroke-dashoffset", "stroke-miterlimit", "opacity", "transform", "color", "display", "visibility",
            "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
            "clip-path", "clip-rule", "mask", "filter", "marker-start", "marker-mid", "marker-end", "paint-order",
            "vector-effect", "shape-rendering", "letter-spacing"};
        String[] tags = {"svg", "g", "defs", "symbol", "use", "path", "rect", "circle", "ellipse", "line",
            "polyline", "polygon", "text", "tspan", "textpath", "title", "desc", "lineargradient",
            "radialgradient", "stop", "pattern", "clippath", "mask", "marker", "filter", "fegaussianblur",
            "feoffset", "feblend", "fecolormatrix", "feflood", "fecomposite", "femerge", "femergenode",
            "fedropshadow", "image"};
        Safelist s = new Safelist().addTags(tags);
        for (String t : tags) {
            s.addAttributes(t, presentation);
        }
        s.addAttributes("svg", "xmlns", "xmlns:xlink", "viewbox", "width", "height", "preserveaspectratio",
                        "version", "x", "y")
                .addAttributes("use", "href", "xlink:href", "x", "y", "width", "height")
                .addProtocols("use", "href", "#").addProtocols("use", "xlink:href", "#")
                .addAttributes("image", "href", "xlink:href", "x", "y", "width", "height", "preserveaspectratio")
                .addProtocols("image", "href", "data").addProtocols("image", "xlink:href", "data")
                .addAttributes("textpath", "href", "xlink:href", "startoffset")
                .addProtocols("textpath", "href", "#").addProtocols("textpath", "xlink:href", "#")
                .addAttributes("path", "d", "pathlength")
                .addAttributes("rect", "x", "y", "width", "height", "rx", "ry")
                .addAttributes("circle", "cx", "cy", "r")
                .addAttributes("ellipse", "cx", "cy", "rx", "ry")
                .addAttributes("line", "x1", "y1", "x2", "y2")
                .addAttributes("polyline", "points").addAttributes("polygon", "points")
                .addAttributes("text", "x", "y", "dx", "dy", "rotate", "textlength")
                .addAttributes("tspan", "x", "y", "dx", "dy", "rotate")
                .addAttributes("lineargradient", "x1", "y1", "x2", "y2", "gradientunits", "gradienttransform",
                        "spreadmethod")
                .addAttributes("radialgradient", "cx", "cy", "r", "fx", "fy", "gradientunits", "gradienttransform",
                        "spreadmethod")
                .addAttributes("stop", "offset", "stop-color", "stop-opacity")
                .addAttributes("pattern", "x", "y", "width", "height", "patternunits", "patterntransform",
                        "viewbox")
                .addAttributes("symbol", "viewbox", "preserveaspectratio")
                .addAttributes("clippath", "clippathunits")
                .addAttributes("mask", "x", "y", "width", "height", "maskunits")
                .addAttributes("marker", "viewbox", "refx", "refy", "markerwidth", "markerheight", "orient",
                        "markerunits")
                .addAttributes("filter", "x", "y", "width", "height", "filterunits")
                .addAttributes("fegaussianblur", "in", "stddeviation", "result")
                .addAttributes("feoffset", "in", "dx", "dy", "result")
                .addAttributes("feblend", "in", "in2", "mode", "result")
                .addAttributes("fecolormatrix", "in", "type", "values", "result")
                .addAttributes("feflood", "flood-color", "flood-opacity", "result")
                .addAttributes("fecomposite", "in", "in2", "operator", "result")
                .addAttributes("femergenode", "in")
                .addAttributes("fedropshadow", "dx", "dy", "stddeviation", "flood-color", "flood-opacity");
        return s;
    }
}
