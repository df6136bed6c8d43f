package dev.qwenwb.app.ui;

import dev.qwenwb.app.Main;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The app as {@code ./workbench} starts it ({@link Main} with no arguments), in a child JVM of
 * {@link WindowStateOnSigtermTest}: once its window shows, it is moved and resized, switched to the evaluation view
 * and a divider is moved, as a user would, and then it prints {@code CHANGED <divider>} and waits to be ended.
 */
public final class WindowStateChild {

    private WindowStateChild() {
    }

    public static void main(String[] args) throws Exception {
        Thread app = new Thread(() -> Main.main(new String[0]), "workbench-main");
        app.setDaemon(true);
        app.start();
        Stage stage = null;
        for (int i = 0; i < 1200 && stage == null; i++) {
            Thread.sleep(100);
            stage = shownStage();
        }
        if (stage == null) {
            throw new IllegalStateException("the window never showed");
        }
        Stage s = stage;
        onFx(() -> {
            s.setX(40);
            s.setY(30);
            s.setWidth(1000);
            s.setHeight(700);
            ((ToggleButton) s.getScene().lookup("#view-evaluation")).fire();
        });
        // the evaluation view lays out and its dividers settle (Dividers) before a user's move counts
        boolean[] settled = new boolean[1];
        for (int i = 0; i < 600 && !settled[0]; i++) {
            Thread.sleep(100);
            onFx(() -> {
                SplitPane split = split(s);
                settled[0] = split != null && split.getWidth() > 0 && split.getProperties().keySet().stream()
                        .noneMatch(k -> String.valueOf(k).endsWith(".settling"));
            });
        }
        onFx(() -> { }); // a settling pane sets its positions once more in a later runLater
        double[] at = new double[1];
        onFx(() -> {
            SplitPane split = split(s);
            split.setDividerPositions(0.31);
            at[0] = split.getDividerPositions()[0];
        });
        onFx(() -> { }); // the listeners have run
        System.out.println("CHANGED " + at[0]);
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(10));
    }

    private static SplitPane split(Stage s) {
        javafx.scene.Node view = s.getScene().getRoot().lookup("#evaluation-view");
        return view == null ? null : (SplitPane) view.lookup(".split-pane");
    }

    private static Stage shownStage() {
        try {
            CompletableFuture<Stage> f = new CompletableFuture<>();
            Platform.runLater(() -> f.complete(Window.getWindows().stream().filter(w -> w instanceof Stage
                    && w.isShowing() && w.getScene() != null && w.getScene().lookup("#view-evaluation") != null)
                    .map(w -> (Stage) w).findFirst().orElse(null)));
            return f.get(10, TimeUnit.SECONDS);
        } catch (IllegalStateException e) {
            return null; // the toolkit is not started yet
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void onFx(Runnable r) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                f.complete(null);
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        f.get(30, TimeUnit.SECONDS);
    }
}
