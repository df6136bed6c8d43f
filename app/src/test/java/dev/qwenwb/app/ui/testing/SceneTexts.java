package dev.qwenwb.app.ui.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;

/**
 * What a window shows in words, read from its scene graph: every visible labelled control, tab, menu item, prompt
 * text and tooltip; which labelled controls show their text cut (their skin's text ends in "…" where the text does
 * not); and which strings are not in a language's bundle.
 */
public final class SceneTexts {

    /** A key combination as JavaFX writes it (Ctrl+Shift+A). */
    private static final Pattern KEYS = Pattern.compile("((Ctrl|Shift|Alt|Meta|Cmd|Shortcut|Esc|Enter|F\\d+|[A-Z0-9.,/;=\\[\\]-])\\+?)+");

    private SceneTexts() {
    }

    /** Labelled controls under {@code root} that are shown and show less than their text ("text" → "shown"). */
    public static List<String> truncated(Node root) {
        List<String> out = new ArrayList<>();
        walk(root, n -> {
            if (n instanceof Labeled l && shown(l) && !inCell(l) && l.getText() != null && !l.getText().isEmpty()
                    && l.getContentDisplay() != javafx.scene.control.ContentDisplay.GRAPHIC_ONLY
                    && !(l.getTooltip() != null && l.getTooltip().getText() != null
                    && l.getTooltip().getText().contains(l.getText()))) { // cut data whose whole text is a hover away
                for (Node c : l.getChildrenUnmodifiable()) {
                    if (c instanceof Text t && c.getClass().getSimpleName().equals("LabeledText")
                            && !t.getText().equals(l.getText()) && !t.getText().replace("\n", " ").equals(
                                    l.getText().replace("\n", " "))) {
                        out.add(describe(l) + ": \"" + l.getText() + "\" shown as \"" + t.getText() + "\"");
                    }
                }
            }
            if (n instanceof javafx.scene.control.TextField f && shown(f) && !inCell(f)
                    && (f.getText() == null || f.getText().isEmpty()) && f.getPromptText() != null
                    && !f.getPromptText().isEmpty()) {
                String cut = promptCut(f);
                if (cut != null) {
                    out.add("text field " + (f.getId() != null ? "#" + f.getId() : "") + ": prompt \""
                            + f.getPromptText() + "\" " + cut);
                }
            }
        });
        return out;
    }

    /**
     * A text field's prompt is not ellipsized but clipped: its skin's text node sits in a clipped group. Returns how
     * much shows ("13 of 52 px") where the prompt is wider than the clip, null where it fits.
     */
    private static String promptCut(javafx.scene.control.TextField f) {
        Text[] prompt = {null};
        walk(f, c -> {
            if (prompt[0] == null && c instanceof Text t && f.getPromptText().equals(t.getText())) {
                prompt[0] = t;
            }
        });
        if (prompt[0] == null || !(prompt[0].getParent() != null
                && prompt[0].getParent().getClip() instanceof javafx.scene.shape.Rectangle clip)) {
            return null;
        }
        double need = prompt[0].getLayoutBounds().getWidth();
        return need > clip.getWidth() + 1 ? String.format(java.util.Locale.ROOT, "shows %.0f of %.0f px",
                clip.getWidth(), need) : null;
    }

    /** Every string shown under {@code root} (labels, tabs, columns, prompts, tooltips, menu items). */
    public static Set<String> strings(Node root) {
        Set<String> out = new LinkedHashSet<>();
        walk(root, n -> {
            if (!shown(n)) {
                return;
            }
            if (n instanceof Labeled l && !inCell(l)) {
                add(out, l.getText());
            }
            if (n instanceof TextInputControl t) {
                add(out, t.getPromptText());
            }
            if (n instanceof ComboBoxBase<?> c) {
                add(out, c.getPromptText());
            }
            if (n instanceof Control c && c.getTooltip() != null) {
                add(out, c.getTooltip().getText());
            }
            if (n instanceof TabPane p) {
                p.getTabs().forEach(t -> add(out, t.getText()));
            }
            if (n instanceof TableView<?> t) {
                t.getColumns().forEach(c -> columns(c, out));
                if (t.getItems().isEmpty() && t.getPlaceholder() instanceof Labeled l) {
                    add(out, l.getText());
                }
            }
            if (n instanceof MenuBar b) {
                b.getMenus().forEach(m -> items(m, out));
            }
            if (n instanceof MenuButton b) {
                b.getItems().forEach(m -> items(m, out));
            }
        });
        return out;
    }

    /**
     * The strings of {@code shown} that are not in {@code bundle} (a value, its {@code {n}} placeholders standing
     * for anything; a line of several joined by " · " is checked part by part), are not data from {@code data}, and
     * have a word of Latin letters.
     */
    public static List<String> notIn(ResourceBundle bundle, Collection<String> shown, Collection<String> data) {
        List<Pattern> values = new ArrayList<>();
        for (String k : bundle.keySet()) {
            values.add(pattern(bundle.getString(k)));
        }
        List<String> longestFirst = new ArrayList<>(data);
        longestFirst.removeIf(d -> d == null);
        longestFirst.sort(java.util.Comparator.comparingInt(String::length).reversed());
        List<String> out = new ArrayList<>();
        for (String s : shown) {
            boolean ok = true;
            for (String part : s.split(" · |\n")) {
                String p = part.strip().replaceFirst("^[≠•·–-]\\s*", "");
                if (values.stream().anyMatch(v -> v.matcher(p).matches())) {
                    continue;
                }
                String rest = p;
                for (String d : longestFirst) {
                    if (d.length() >= 2) {
                        rest = rest.replace(d, " ");
                    }
                }
                String left = rest;
                if (left.isBlank() || !left.matches("(?s).*[A-Za-z]{2,}.*") || KEYS.matcher(left.strip()).matches()
                        || units(left) || left.contains("/") && !left.strip().contains(" ")) {
                    continue;
                }
                ok = false;
            }
            if (!ok) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether {@code s} is numbers with units (ms, MB, GB, MiB, GiB, s) only. */
    private static boolean units(String s) {
        for (String w : s.split("[^A-Za-z]+")) {
            if (!w.isEmpty() && !Set.of("ms", "MB", "GB", "MiB", "GiB", "s", "KB", "KiB").contains(w)) {
                return false;
            }
        }
        return true;
    }

    private static Pattern pattern(String value) {
        StringBuilder re = new StringBuilder("(?s)");
        java.util.regex.Matcher m = Pattern.compile("\\{\\d+(,[^}]*)?}").matcher(value);
        int at = 0;
        while (m.find()) {
            re.append(Pattern.quote(value.substring(at, m.start()).replace("''", "'"))).append(".*");
            at = m.end();
        }
        re.append(Pattern.quote(value.substring(at).replace("''", "'")));
        return Pattern.compile(re.toString());
    }

    private static void columns(TableColumnBase<?, ?> c, Set<String> out) {
        add(out, c.getText());
        if (c.getGraphic() instanceof Labeled l) {
            add(out, l.getText());
        }
        c.getColumns().forEach(x -> columns(x, out));
    }

    private static void items(MenuItem m, Set<String> out) {
        add(out, m.getText());
        if (m instanceof Menu menu) {
            menu.getItems().forEach(x -> items(x, out));
        }
    }

    private static void add(Set<String> out, String s) {
        if (s != null && !s.isBlank()) {
            out.add(s);
        }
    }

    /** Whether {@code n} and all its parents are visible (a hidden tab's content is not). */
    public static boolean shown(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    private static boolean inCell(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (x instanceof IndexedCell<?>) {
                return true; // rows of data: long values end in "…" there by design
            }
        }
        return false;
    }

    private static String describe(Labeled l) {
        return l.getClass().getSimpleName() + (l.getId() == null ? "" : "#" + l.getId())
                + " (" + Math.round(l.getWidth()) + " px)";
    }

    private static void walk(Node n, java.util.function.Consumer<Node> visit) {
        visit.accept(n);
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, visit);
            }
        }
    }
}
