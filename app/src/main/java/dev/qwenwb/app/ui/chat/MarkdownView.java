package dev.qwenwb.app.ui.chat;

import dev.qwenwb.app.ui.artifacts.Highlighter;
import dev.qwenwb.app.ui.common.I18n;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** Turns parsed {@link MarkdownBlocks} into JavaFX nodes (FX thread): text flows, tables, code with Copy. */
public final class MarkdownView {

    private MarkdownView() {
    }

    /** Nodes for {@code blocks}. */
    public static List<Node> nodes(List<MarkdownBlocks.Block> blocks) {
        return blocks.stream().map(MarkdownView::node).toList();
    }

    private static Node node(MarkdownBlocks.Block b) {
        switch (b.kind()) {
            case HEADING: {
                TextFlow f = flow(b.runs());
                f.getStyleClass().addAll("md-heading", "md-h" + Math.min(b.level(), 3));
                return f;
            }
            case ITEM: {
                TextFlow f = flow(b.runs());
                Text bullet = new Text(b.bullet() + " ");
                bullet.getStyleClass().add("md-text");
                f.getChildren().add(0, bullet);
                f.setPadding(new Insets(0, 0, 0, 16 * b.level()));
                return f;
            }
            case QUOTE: {
                TextFlow f = flow(b.runs());
                f.getStyleClass().add("md-quote");
                return f;
            }
            case CODE:
                return code(b);
            case RULE:
                return new Separator();
            case TABLE:
                return table(b.rows());
            default:
                return flow(b.runs());
        }
    }

    private static TextFlow flow(List<MarkdownBlocks.Run> runs) {
        TextFlow f = new TextFlow();
        f.getStyleClass().add("md-paragraph");
        for (MarkdownBlocks.Run r : runs) {
            Text t = new Text(r.text());
            t.getStyleClass().add("md-text");
            r.styles().forEach(s -> t.getStyleClass().add("md-" + s));
            f.getChildren().add(t);
        }
        return f;
    }

    private static Node code(MarkdownBlocks.Block b) {
        TextFlow f = new TextFlow();
        f.getStyleClass().add("md-code");
        String code = b.code();
        int pos = 0;
        for (Highlighter.Span s : b.spans()) {
            if (s.start() > pos) {
                f.getChildren().add(codeText(code.substring(pos, s.start()), null));
            }
            f.getChildren().add(codeText(code.substring(s.start(), s.end()), s.style()));
            pos = s.end();
        }
        if (pos < code.length()) {
            f.getChildren().add(codeText(code.substring(pos), null));
        }
        Label lang = new Label(b.language());
        lang.getStyleClass().add("md-code-lang");
        Button copy = new Button(I18n.t("copy"));
        copy.getStyleClass().addAll("small", "flat", "md-copy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(code);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(lang, gap, copy);
        header.getStyleClass().add("md-code-header");
        VBox box = new VBox(header, f);
        box.getStyleClass().add("md-code-block");
        return box;
    }

    private static Text codeText(String s, String style) {
        Text t = new Text(s);
        t.getStyleClass().add("code-text");
        if (style != null) {
            t.getStyleClass().add(style);
        }
        return t;
    }

    private static Node table(List<List<List<MarkdownBlocks.Run>>> rows) {
        GridPane g = new GridPane();
        g.getStyleClass().add("md-table");
        g.setHgap(12);
        g.setVgap(4);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                g.add(flow(rows.get(r).get(c)), c, r);
            }
        }
        return g;
    }
}
