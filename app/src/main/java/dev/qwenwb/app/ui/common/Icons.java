package dev.qwenwb.app.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window's icons: Ikonli's Feather font (line icons that AtlantaFX's own sampler uses, coloured by the theme's
 * CSS, so there are no image files to keep) and the app icon from {@code assets/icon/png}.
 */
public final class Icons {

    /** The sizes of the app icon the window offers the OS (it picks the one that fits its title bar or dock). */
    private static final int[] APP_ICON_SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private Icons() {
    }

    /** A font icon of {@code ikon}, styled {@code .wb-icon}. */
    public static FontIcon of(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("wb-icon");
        return icon;
    }

    /** Gives {@code control} the icon {@code ikon} before its text; returns it. */
    public static <T extends Labeled> T on(T control, Ikon ikon) {
        control.setGraphic(of(ikon));
        return control;
    }

    /** Gives menu item {@code item} the icon {@code ikon}; returns it. */
    public static <T extends MenuItem> T on(T item, Ikon ikon) {
        item.setGraphic(of(ikon));
        return item;
    }

    /** The app icon in each size shipped (for {@code Stage.getIcons()}). */
    public static List<Image> app() {
        List<Image> images = new ArrayList<>();
        for (int size : APP_ICON_SIZES) {
            String path = "/assets/icon/png/qwen-workbench-" + size + ".png";
            images.add(new Image(Objects.requireNonNull(Icons.class.getResource(path), path).toExternalForm()));
        }
        return images;
    }
}
