package dev.qwenwb.app.ui.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.SplitPane;

/**
 * The divider positions of the window's split panes by name, restored when a pane is built and followed as the
 * user drags them (saved with the window in the app settings). A pane whose number of dividers changes
 * (the chat without its artifacts pane) keeps one entry per count.
 */
public final class Dividers {

    private static final String SETTLING = Dividers.class.getName() + ".settling";

    private final Map<String, List<Double>> positions = new LinkedHashMap<>();
    private final List<Runnable> listeners = new java.util.ArrayList<>();

    /** Starts from saved positions. */
    public Dividers(Map<String, List<Double>> saved) {
        positions.putAll(saved);
    }

    /** No saved positions. */
    public static Dividers none() {
        return new Dividers(Map.of());
    }

    /** Runs {@code r} (FX thread) each time the user moves a divider. */
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    /** The positions now, for saving. */
    public Map<String, List<Double>> snapshot() {
        return Map.copyOf(positions);
    }

    /**
     * Gives {@code split} its saved positions under {@code name} (else {@code defaults}) and keeps them up to date
     * as its dividers move or its items change.
     */
    public void remember(String name, SplitPane split, double... defaults) {
        Runnable follow = () -> {
            split.getDividers().forEach(d -> d.positionProperty().addListener((o, a, b) -> record(name, split)));
        };
        split.getDividers().addListener((ListChangeListener<SplitPane.Divider>) c -> follow.run());
        apply(name, split, defaults);
        follow.run();
    }

    /** Gives {@code split} its saved positions under {@code name} (after its items changed), else {@code defaults}. */
    public void apply(String name, SplitPane split, double... defaults) {
        List<Double> saved = positions.get(key(name, split));
        double[] p = saved != null && saved.size() == split.getDividers().size()
                && saved.stream().allMatch(x -> x > 0.02 && x < 0.98)
                ? saved.stream().mapToDouble(Double::doubleValue).toArray() : defaults;
        if (p.length == 0) {
            return;
        }
        split.setDividerPositions(p);
        if (split.getWidth() <= 0) {
            // a pane's first layout moves its dividers (a pane not resizable with its parent keeps its pixels):
            // set them again once it has its size, and follow the user only from then on
            split.getProperties().put(SETTLING, Boolean.TRUE);
            ChangeListener<Number> once = new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Number> o, Number a, Number b) {
                    if (b.doubleValue() > 0) {
                        split.widthProperty().removeListener(this);
                        Platform.runLater(() -> {
                            split.setDividerPositions(p);
                            split.getProperties().remove(SETTLING);
                        });
                    }
                }
            };
            split.widthProperty().addListener(once);
        }
    }

    private void record(String name, SplitPane split) {
        if (split.getScene() == null || split.getWidth() <= 0 || split.getProperties().containsKey(SETTLING)) {
            return; // positions of a pane not laid out yet are its defaults, not the user's
        }
        positions.put(key(name, split), List.of(java.util.Arrays.stream(split.getDividerPositions()).boxed()
                .toArray(Double[]::new)));
        listeners.forEach(Runnable::run);
    }

    private static String key(String name, SplitPane split) {
        return name + "." + split.getDividers().size();
    }
}
