package dev.qwenwb.app.ui;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Sizes and places the window: where it was when it closed if that is still on a screen, else a default size that
 * fits the visual bounds (the screen less task bars and docks) of the screen it opens on.
 */
public final class WindowPlacement {

    /** The size the window prefers where the screen is large enough. */
    public static final double PREFERRED_WIDTH = 1280;
    public static final double PREFERRED_HEIGHT = 800;
    /** The least of a saved window that must be visible on a screen for it to be restored there. */
    private static final double VISIBLE = 120;

    private WindowPlacement() {
    }

    /** Places {@code stage} (before it is shown) from {@code saved}. */
    public static void place(Stage stage, WindowSettings saved) {
        Rectangle2D bounds = apply(saved, Screen.getPrimary().getVisualBounds(),
                saved.sized() ? Screen.getScreensForRectangle(saved.x(), saved.y(), saved.width(), saved.height())
                        .stream().map(Screen::getVisualBounds).toList() : java.util.List.of());
        stage.setX(bounds.getMinX());
        stage.setY(bounds.getMinY());
        stage.setWidth(bounds.getWidth());
        stage.setHeight(bounds.getHeight());
        stage.setMaximized(saved.sized() && saved.maximized());
    }

    /**
     * The window's bounds: the saved ones (shrunk to fit) if enough of them lies on one of {@code screens}, else the
     * preferred size fitted into {@code primary} and centred there.
     */
    static Rectangle2D apply(WindowSettings saved, Rectangle2D primary, java.util.List<Rectangle2D> screens) {
        if (saved.sized()) {
            for (Rectangle2D s : screens) {
                double w = Math.min(saved.width(), s.getWidth());
                double h = Math.min(saved.height(), s.getHeight());
                double x = Math.max(s.getMinX(), Math.min(saved.x(), s.getMaxX() - w));
                double y = Math.max(s.getMinY(), Math.min(saved.y(), s.getMaxY() - h));
                Rectangle2D r = new Rectangle2D(saved.x(), saved.y(), saved.width(), saved.height());
                if (r.intersects(s) && overlap(r, s) >= VISIBLE) {
                    return new Rectangle2D(x, y, w, h);
                }
            }
        }
        double w = Math.min(PREFERRED_WIDTH, primary.getWidth());
        double h = Math.min(PREFERRED_HEIGHT, primary.getHeight());
        return new Rectangle2D(primary.getMinX() + (primary.getWidth() - w) / 2,
                primary.getMinY() + (primary.getHeight() - h) / 2, w, h);
    }

    private static double overlap(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return Math.min(w, h);
    }
}
