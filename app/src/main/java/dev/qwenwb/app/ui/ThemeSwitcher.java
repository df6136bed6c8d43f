package dev.qwenwb.app.ui;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The toolbar's theme control: System (follow the OS, the default), Light, Dark, as one segmented toggle; and the
 * View menu's Theme submenu ({@link #menu}). Both show the one theme setting ({@link WorkbenchViewModel#themeProperty()})
 * and follow it wherever it changes.
 */
final class ThemeSwitcher extends HBox {

    static final List<String> THEMES = List.of("system", "light", "dark");
    private static final Ikon[] ICONS = {Feather.MONITOR, Feather.SUN, Feather.MOON};

    /** Held here: the setting's listener is weak, so a window rebuilt (language switch) does not keep this one. */
    private final ChangeListener<String> follow;

    /** Shows {@code theme} selected, following it; a click hands the new theme to {@code set}. */
    ThemeSwitcher(ObservableStringValue theme, Consumer<String> set) {
        getStyleClass().add("theme-switcher");
        setId("theme");
        ToggleGroup group = new ToggleGroup();
        for (int i = 0; i < THEMES.size(); i++) {
            String t = THEMES.get(i);
            ToggleButton b = Icons.on(new ToggleButton(), ICONS[i]);
            b.setId("theme-" + t);
            b.setTooltip(new Tooltip(I18n.t("theme." + t)));
            b.setAccessibleText(I18n.t("theme." + t));
            b.getStyleClass().add(i == 0 ? "left-pill" : i == THEMES.size() - 1 ? "right-pill" : "center-pill");
            getChildren().add(b);
            b.setToggleGroup(group);
            b.setUserData(t);
        }
        follow = bind(group, theme, set);
    }

    /** The View menu's Theme submenu: one radio item per theme, following {@code theme}. */
    static Menu menu(ObservableStringValue theme, Consumer<String> set) {
        Menu menu = Icons.on(new Menu(I18n.t("theme.menu")), Feather.SUN);
        menu.setId("menu-theme");
        ToggleGroup group = new ToggleGroup();
        for (String t : THEMES) {
            RadioMenuItem item = new RadioMenuItem(I18n.t("theme." + t));
            item.setId("menu-theme-" + t);
            item.setUserData(t);
            item.setToggleGroup(group);
            menu.getItems().add(item);
        }
        menu.getProperties().put(ThemeSwitcher.class, bind(group, theme, set)); // held as long as the menu
        return menu;
    }

    /** Selects the toggle of the theme now and on each change; a user's choice goes to {@code set}. */
    private static ChangeListener<String> bind(ToggleGroup group, ObservableStringValue theme, Consumer<String> set) {
        ChangeListener<String> follow = (o, a, b) -> select(group, b);
        theme.addListener(new WeakChangeListener<>(follow));
        select(group, theme.get());
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one theme is always chosen
            } else if (!b.getUserData().equals(theme.get())) {
                set.accept((String) b.getUserData());
            }
        });
        return follow;
    }

    private static void select(ToggleGroup group, String theme) {
        for (Toggle t : group.getToggles()) {
            if (t.getUserData().equals(theme) && !t.isSelected()) {
                t.setSelected(true);
            }
        }
    }
}
