package dev.qwenwb.app.ui.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** What the preview loads: the policy, the sandbox, and markup without scripts, remote URLs or javascript: links. */
class PreviewDocumentTest {

    private static Document inner(String wrapper) {
        Document outer = Jsoup.parse(wrapper);
        return Jsoup.parse(outer.getElementById("artifact").attr("srcdoc"));
    }

    @Test
    void everyDocumentCarriesThePolicyAndASandboxThatAllowsScriptsOnlyWhenAsked() {
        String off = PreviewDocument.of("html", "<p>hi</p><script>x()</script>", false);
        Document outer = Jsoup.parse(off);
        assertThat(outer.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .isEqualTo("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
        assertThat(outer.getElementById("artifact").attr("sandbox")).isEmpty();
        assertThat(inner(off).select("script")).isEmpty();
        assertThat(inner(off).select("meta[http-equiv=Content-Security-Policy]")).hasSize(1);

        String on = PreviewDocument.of("html", "<p>hi</p><script>x()</script>", true);
        assertThat(Jsoup.parse(on).getElementById("artifact").attr("sandbox")).isEqualTo("allow-scripts");
        assertThat(Jsoup.parse(on).select("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .endsWith("; script-src 'unsafe-inline'");
        assertThat(inner(on).select("script")).hasSize(1);
        assertThat(Jsoup.parse(PreviewDocument.of("svg", "<svg></svg>", true)).getElementById("artifact")
                .attr("sandbox")).as("SVG never runs scripts").isEmpty();
    }

    @Test
    void htmlLosesRefreshBaseFramesAndEveryRemoteUrlButKeepsItsLooks() {
        Document d = inner(PreviewDocument.of("html", "<html><head><meta http-equiv=refresh content='0;url=http://x/'>"
                + "<base href='http://x/'><link rel=stylesheet href='http://x/a.css'><style>p{color:red}</style></head>"
                + "<body><p style='color:blue' onclick='go()'>t</p><img src='http://x/i.png'><img src='data:image/png;base64,AA'>"
                + "<a href='http://x/'>a</a><a href='#top'>b</a><a href='javascript:go()'>c</a>"
                + "<iframe src='http://x/'></iframe><form action='http://x/'></form></body></html>", false));
        assertThat(d.select("meta[http-equiv=refresh], base, link, iframe")).isEmpty();
        assertThat(d.select("style").html()).contains("color:red");
        assertThat(d.select("p").attr("style")).isEqualTo("color:blue");
        assertThat(d.select("p").hasAttr("onclick")).isFalse();
        assertThat(d.select("img").eachAttr("src")).containsExactly("data:image/png;base64,AA");
        assertThat(d.select("a").eachAttr("href")).containsExactly("#top");
        assertThat(d.select("form").hasAttr("action")).isFalse();
        assertThat(d.outerHtml()).doesNotContain("http://x").doesNotContain("javascript:");
    }

    @Test
    void svgIsCleanedBySafelistAndStillDrawsShapes() {
        String svg = "<svg/onload=alert(1) viewBox='0 0 10 10'><script>alert(2)</script>"
                + "<rect width='5' height='5' fill='red' onmouseover='alert(3)'/><use href='#r'/>"
                + "<use href='http://x/s.svg#r'/><image href='http://x/i.png'/><a xlink:href='javascript:alert(4)'>"
                + "<text>t</text></a><foreignObject><iframe src='http://x/'></iframe></foreignObject></svg>";
        Document d = inner(PreviewDocument.of("svg", svg, false));
        String body = d.body().html();
        assertThat(body).contains("<rect").contains("fill=\"red\"").containsIgnoringCase("viewbox=\"0 0 10 10\"");
        assertThat(body).doesNotContain("alert").doesNotContain("http://x").doesNotContain("iframe")
                .doesNotContain("script").doesNotContain("javascript");
        assertThat(d.select("use").eachAttr("href")).containsExactly("#r");
    }

    @Test
    void markdownKeepsTextAndSafeLinksButNoScriptsRemoteImagesOrJavascriptLinks() {
        Document d = inner(PreviewDocument.of("markdown", "# T\n\n[ok](https://example.org/) [bad](javascript:alert(1))"
                + " ![r](http://x/i.png) ![d](data:image/png;base64,AA)\n\n<script>alert(2)</script> <img src=http://x/j>\n",
                false));
        assertThat(d.select("h1").text()).isEqualTo("T");
        assertThat(d.select("a").eachAttr("href")).containsExactly("https://example.org/");
        assertThat(d.select("img").eachAttr("src")).containsExactly("data:image/png;base64,AA");
        assertThat(d.body().html()).doesNotContain("javascript:").doesNotContain("=\"http://x").doesNotContain("<script");
        assertThat(d.body().text()).contains("<script>alert(2)</script>"); // raw HTML is shown as text
    }
}
