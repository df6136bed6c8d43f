package dev.qwenwb.app.ui;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import java.util.function.Consumer;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The toolbar's theme control: System (follow the OS, the default), Light, Dark, as one segmented toggle. */
final class ThemeSwitcher extends HBox {

    private static final String[] THEMES = {"system", "light", "dark"};
    private static final Ikon[] ICONS = {Feather.MONITOR, Feather.SUN, Feather.MOON};

    /** Shows {@code theme} selected; a click hands the new theme ("system", "light" or "dark") to {@code set}. */
    ThemeSwitcher(String theme, Consumer<String> set) {
        getStyleClass().add("theme-switcher");
        setId("theme");
        ToggleGroup group = new ToggleGroup();
        for (int i = 0; i < THEMES.length; i++) {
            String t = THEMES[i];
            ToggleButton b = Icons.on(new ToggleButton(), ICONS[i]);
            b.setId("theme-" + t);
            b.setUserData(t);
            b.setToggleGroup(group);
            b.setTooltip(new Tooltip(I18n.t("theme." + t)));
            b.setAccessibleText(I18n.t("theme." + t));
            b.getStyleClass().add(i == 0 ? "left-pill" : i == THEMES.length - 1 ? "right-pill" : "center-pill");
            b.setSelected(t.equals(theme));
            getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one theme is always chosen
            } else {
                set.accept((String) b.getUserData());
            }
        });
    }
}
