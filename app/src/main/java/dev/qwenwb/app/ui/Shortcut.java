package dev.qwenwb.app.ui;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The window's keyboard shortcuts, all on the platform's modifier (Ctrl; ⌘ on macOS): one table that the menu bar
 * (its items and accelerators) and Help ▸ Keyboard shortcuts both come from.
 */
public enum Shortcut {
    NEW_CONVERSATION(Menu.CONVERSATION, "shortcut.newConversation", Feather.PLUS, KeyCode.N, false,
            WindowActions::newConversation),
    SEARCH_CONVERSATIONS(Menu.CONVERSATION, "shortcut.search", Feather.SEARCH, KeyCode.F, false,
            WindowActions::searchConversations),
    FOCUS_INPUT(Menu.CONVERSATION, "shortcut.focusInput", Feather.EDIT_3, KeyCode.L, false,
            WindowActions::focusInput),
    REGENERATE(Menu.CONVERSATION, "regenerate", Feather.REFRESH_CW, KeyCode.R, false, WindowActions::regenerate),
    STOP(Menu.CONVERSATION, "shortcut.stop", Feather.STOP_CIRCLE, KeyCode.PERIOD, false, WindowActions::stop),
    SETTINGS(Menu.CONVERSATION, "shortcut.settings", Feather.SLIDERS, KeyCode.COMMA, false,
            WindowActions::openSettings),
    VIEW_CHAT(Menu.VIEW, "view.chat", MainView.CHAT.icon(), KeyCode.DIGIT1, false, a -> a.show(MainView.CHAT)),
    VIEW_EVALUATION(Menu.VIEW, "view.evaluation", MainView.EVALUATION.icon(), KeyCode.DIGIT2, false,
            a -> a.show(MainView.EVALUATION)),
    VIEW_MODELS(Menu.VIEW, "view.models", MainView.MODELS.icon(), KeyCode.DIGIT3, false,
            a -> a.show(MainView.MODELS)),
    TOGGLE_ARTIFACTS(Menu.VIEW, "shortcut.artifacts", Feather.SIDEBAR, KeyCode.A, true,
            WindowActions::toggleArtifacts),
    SHORTCUTS(Menu.HELP, "shortcut.list", Feather.COMMAND, KeyCode.SLASH, false, WindowActions::showShortcuts);

    /** The menus of the menu bar, in order. */
    public enum Menu {
        CONVERSATION("menu.conversation"), VIEW("menu.view"), HELP("menu.help");

        private final String messageKey;

        Menu(String messageKey) {
            this.messageKey = messageKey;
        }

        /** The menu's title in the UI bundle. */
        public String messageKey() {
            return messageKey;
        }
    }

    private final Menu menu;
    private final String messageKey;
    private final Ikon icon;
    private final KeyCombination keys;
    private final Consumer<WindowActions> action;

    Shortcut(Menu menu, String messageKey, Ikon icon, KeyCode key, boolean shift, Consumer<WindowActions> action) {
        this.menu = menu;
        this.messageKey = messageKey;
        this.icon = icon;
        this.keys = shift ? new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)
                : new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
        this.action = action;
    }

    /** A stable id ("new-conversation"); the menu item is {@code menu-ID}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The menu it sits in. */
    public Menu menu() {
        return menu;
    }

    /** What it does, as a key of the UI bundle. */
    public String messageKey() {
        return messageKey;
    }

    public Ikon icon() {
        return icon;
    }

    /** The keys, with the platform's modifier. */
    public KeyCombination keys() {
        return keys;
    }

    /** Does it on {@code actions}. */
    public void fire(WindowActions actions) {
        action.accept(actions);
    }
}
