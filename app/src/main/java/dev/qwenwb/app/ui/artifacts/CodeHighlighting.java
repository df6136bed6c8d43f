package dev.qwenwb.app.ui.artifacts;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** Highlights a {@link CodeArea} off the FX thread and applies the styles back on it if the text is unchanged. */
final class CodeHighlighting {

    private static final ExecutorService POOL = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "highlighter");
        t.setDaemon(true);
        return t;
    });

    private CodeHighlighting() {
    }

    /** Shows {@code code} in {@code area} and highlights it as {@code language}. */
    static void show(CodeArea area, String code, String language) {
        if (!area.getText().equals(code)) {
            area.replaceText(code);
        }
        POOL.execute(() -> {
            StyleSpans<Collection<String>> spans = spans(Highlighter.spans(language, code), code.length());
            Platform.runLater(() -> {
                if (area.getText().equals(code)) {
                    area.setStyleSpans(0, spans);
                }
            });
        });
    }

    static StyleSpans<Collection<String>> spans(List<Highlighter.Span> spans, int length) {
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int pos = 0;
        for (Highlighter.Span s : spans) {
            b.add(Collections.emptyList(), s.start() - pos);
            b.add(Collections.singleton(s.style()), s.end() - s.start());
            pos = s.end();
        }
        b.add(Collections.emptyList(), length - pos);
        return b.create();
    }
}
