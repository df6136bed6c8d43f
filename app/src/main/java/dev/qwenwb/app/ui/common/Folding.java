package dev.qwenwb.app.ui.common;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * Folds a bar of buttons to their icons as it narrows, so that no word is cut: buttons fold one by one, in the
 * order given, to their icons (the words move into their tooltips) until the bar fits; plain labels hide once every
 * button is folded. A button never shrinks below its content, so it shows whole words or none.
 */
public final class Folding {

    private Folding() {
    }

    /**
     * Folds {@code buttons} (each with an icon; the first folds first) and then hides {@code labels} while
     * {@code bar} is narrower than it needs.
     */
    public static void install(Region bar, List<? extends Labeled> buttons, List<? extends Node> labels) {
        for (Labeled b : buttons) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            if (b.getTooltip() == null && b.getText() != null && !b.getText().isEmpty()) {
                b.setTooltip(new Tooltip(b.getText()));
            }
        }
        for (Node n : labels) {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        bar.setMinWidth(0); // its parent may make it narrower than its buttons: that is when they fold
        boolean[] busy = {false};
        Runnable check = () -> {
            if (busy[0] || bar.getWidth() <= 0 || bar.getScene() == null) {
                return;
            }
            busy[0] = true;
            try {
                fit(bar, buttons, labels);
            } finally {
                busy[0] = false;
            }
        };
        bar.widthProperty().addListener(o -> check.run());
        bar.needsLayoutProperty().addListener((o, a, b) -> {
            if (!b) {
                check.run(); // laid out again (its content changed): does it still fit?
            }
        });
    }

    private static void fit(Region bar, List<? extends Labeled> buttons, List<? extends Node> labels) {
        int n = buttons.size();
        double[] full = new double[n];
        double[] icon = new double[n];
        double now = 0;
        for (int i = 0; i < n; i++) {
            Labeled b = buttons.get(i);
            ContentDisplay was = b.getContentDisplay();
            now += b.prefWidth(-1);
            b.setContentDisplay(ContentDisplay.LEFT);
            full[i] = b.prefWidth(-1);
            b.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            icon[i] = b.prefWidth(-1);
            b.setContentDisplay(was);
        }
        double labelWidth = 0;
        for (Node l : labels) {
            labelWidth += l.isManaged() ? 0 : l.prefWidth(-1) + spacing(bar);
        }
        double base = bar.prefWidth(-1) - now + labelWidth; // everything else, labels shown
        double available = bar.getWidth();
        int folded = 0;
        double needed = base;
        for (double f : full) {
            needed += f;
        }
        while (folded < n && needed > available + 0.5) {
            needed -= full[folded] - icon[folded];
            folded++;
        }
        boolean hide = needed > available + 0.5;
        for (int i = 0; i < n; i++) {
            ContentDisplay d = i < folded ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT;
            if (buttons.get(i).getContentDisplay() != d) {
                buttons.get(i).setContentDisplay(d);
            }
        }
        for (Node l : labels) {
            if (l.isVisible() == hide) {
                l.setVisible(!hide);
                l.setManaged(!hide);
            }
        }
    }

    private static double spacing(Region bar) {
        return bar instanceof javafx.scene.layout.HBox h ? h.getSpacing() : 0;
    }

    /** Whether {@code b} shows its words (not folded to its icon). */
    public static boolean showsText(Labeled b) {
        return b.getContentDisplay() != ContentDisplay.GRAPHIC_ONLY;
    }
}
