package dev.qwenwb.app.ui.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The UI's texts: English and Simplified Chinese resource bundles. */
public final class I18n {

    private static volatile ResourceBundle bundle = load(Locale.getDefault());

    private I18n() {
    }

    /** The JVM's locale at start: the system's. */
    private static final Locale SYSTEM = Locale.getDefault();

    /**
     * Uses {@code language} ("en", "zh-CN"; null for the system locale) from now on — for JavaFX's own words too
     * (a text field's Undo… Select All menu, made when its skin is), which JavaFX takes from the JVM's locale.
     */
    public static void use(String language) {
        Locale l = language == null ? SYSTEM : Locale.forLanguageTag(language);
        bundle = load(l);
        if (!Locale.getDefault().equals(l)) {
            Locale.setDefault(l);
        }
    }

    private static ResourceBundle load(Locale locale) {
        return ResourceBundle.getBundle("dev.qwenwb.app.ui.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The text for {@code key} (the key itself when missing), formatted with {@code args}. */
    public static String t(String key, Object... args) {
        String s;
        try {
            s = bundle.getString(key);
        } catch (MissingResourceException e) {
            s = key;
        }
        return args.length == 0 ? s : MessageFormat.format(s, args);
    }
}
