package dev.qwenwb.app.ui;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/**
 * The window's menu bar, built from the {@link Shortcut} table: one item per shortcut, its accelerator the
 * shortcut's keys (the menu bar installs them in the scene, so they work wherever the focus is).
 */
final class WorkbenchMenus {

    private WorkbenchMenus() {
    }

    /** A menu bar whose items do {@code actions} (the system menu bar on macOS). */
    static MenuBar build(WindowActions actions) {
        return build(actions, null, null);
    }

    /**
     * As {@link #build(WindowActions)}, with View ▸ Theme showing {@code theme} and handing a choice to
     * {@code setTheme} (null: no Theme submenu).
     */
    static MenuBar build(WindowActions actions, javafx.beans.value.ObservableStringValue theme,
                         java.util.function.Consumer<String> setTheme) {
        MenuBar bar = new MenuBar();
        bar.setId("menu-bar");
        bar.setUseSystemMenuBar(true); // macOS: the screen's menu bar; elsewhere it stays in the window
        for (Shortcut.Menu m : Shortcut.Menu.values()) {
            Menu menu = new Menu(I18n.t(m.messageKey()));
            menu.setId("menu-" + m.name().toLowerCase(java.util.Locale.ROOT));
            for (Shortcut s : Shortcut.values()) {
                if (s.menu() == m) {
                    MenuItem item = Icons.on(new MenuItem(I18n.t(s.messageKey())), s.icon());
                    item.setId("menu-" + s.id());
                    item.setAccelerator(s.keys());
                    item.setOnAction(e -> s.fire(actions));
                    menu.getItems().add(item);
                }
            }
            if (m == Shortcut.Menu.VIEW && theme != null) {
                menu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(),
                        ThemeSwitcher.menu(theme, setTheme));
            }
            if (m == Shortcut.Menu.HELP) {
                MenuItem about = Icons.on(new MenuItem(I18n.t("about.title")), org.kordamp.ikonli.feather.Feather.INFO);
                about.setId("menu-about");
                about.setOnAction(e -> actions.showAbout());
                menu.getItems().add(about);
            }
            bar.getMenus().add(menu);
        }
        return bar;
    }
}
