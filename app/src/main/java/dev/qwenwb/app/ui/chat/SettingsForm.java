package dev.qwenwb.app.ui.chat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.store.ConversationSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The conversation settings dialog's state: a text per field, checked as it is typed. A field that does not parse
 * (or is out of range) has an error that names it; the dialog marks it and keeps OK disabled, and nothing typed is
 * lost. An empty field means the model's default.
 */
public final class SettingsForm {

    /** The numeric fields, in the dialog's order, with their label key and what they accept. */
    public enum Field {
        TEMPERATURE("settings.temperature", Kind.DECIMAL, 0, Double.MAX_VALUE),
        TOP_P("settings.topP", Kind.DECIMAL, 0, 1),
        TOP_K("settings.topK", Kind.WHOLE, 0, Integer.MAX_VALUE),
        REPETITION_PENALTY("settings.repetitionPenalty", Kind.DECIMAL, 0, Double.MAX_VALUE),
        MAX_TOKENS("settings.maxTokens", Kind.WHOLE, 1, Integer.MAX_VALUE),
        SEED("settings.seed", Kind.WHOLE, Long.MIN_VALUE, Long.MAX_VALUE);

        private final String label;
        private final Kind kind;
        private final double min;
        private final double max;

        Field(String label, Kind kind, double min, double max) {
            this.label = label;
            this.kind = kind;
            this.min = min;
            this.max = max;
        }

        /** Its label's message key. */
        public String labelKey() {
            return label;
        }
    }

    private enum Kind { DECIMAL, WHOLE }

    private final StringProperty system = new SimpleStringProperty("");
    private final Map<Field, StringProperty> texts = new LinkedHashMap<>();
    private final Map<Field, StringBinding> errors = new LinkedHashMap<>();
    private final StringBinding error;
    private final BooleanBinding valid;

    /** A form showing {@code s}. */
    public SettingsForm(ConversationSettings s) {
        system.set(s.systemPrompt() == null ? "" : s.systemPrompt());
        Object[] values = {s.temperature(), s.topP(), s.topK(), s.repetitionPenalty(), s.maxTokens(), s.seed()};
        for (Field f : Field.values()) {
            Object v = values[f.ordinal()];
            StringProperty text = new SimpleStringProperty(v == null ? "" : v.toString());
            texts.put(f, text);
            errors.put(f, Bindings.createStringBinding(() -> check(f, text.get()), text));
        }
        error = Bindings.createStringBinding(() -> errors.values().stream().map(StringBinding::get)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null), errors.values().toArray(new StringBinding[0]));
        valid = error.isNull();
    }

    /** The system prompt (empty: the chat template's default). */
    public StringProperty systemProperty() {
        return system;
    }

    /** What is typed in {@code f}. */
    public StringProperty text(Field f) {
        return texts.get(f);
    }

    /** What is wrong with {@code f}, naming it; null when it is fine. */
    public StringBinding error(Field f) {
        return errors.get(f);
    }

    /** The first field's error, or null when every field is fine. */
    public StringBinding errorProperty() {
        return error;
    }

    /** Whether every field is fine (OK is enabled). */
    public BooleanBinding validProperty() {
        return valid;
    }

    /** The settings typed; only when {@link #validProperty()} holds. */
    public ConversationSettings result() {
        if (!valid.get()) {
            throw new IllegalStateException(error.get());
        }
        return new ConversationSettings(system.get().isBlank() ? null : system.get(),
                value(Field.TEMPERATURE, Double::valueOf), value(Field.TOP_P, Double::valueOf),
                value(Field.TOP_K, Integer::valueOf), value(Field.REPETITION_PENALTY, Double::valueOf),
                value(Field.MAX_TOKENS, Integer::valueOf), value(Field.SEED, Long::valueOf));
    }

    private <T> T value(Field f, Function<String, T> parse) {
        String t = texts.get(f).get().strip();
        return t.isEmpty() ? null : parse.apply(t);
    }

    private static String check(Field f, String raw) {
        String t = raw == null ? "" : raw.strip();
        if (t.isEmpty()) {
            return null;
        }
        String name = I18n.t(f.label);
        double v;
        try {
            v = f.kind == Kind.WHOLE ? Long.parseLong(t) : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return I18n.t(f.kind == Kind.WHOLE ? "settings.notWhole" : "settings.notNumber", name, t);
        }
        if (Double.isNaN(v) || v < f.min || v > f.max) {
            return I18n.t("settings.outOfRange", name, t, f.max == Double.MAX_VALUE || f.max >= Integer.MAX_VALUE
                    ? "≥ " + (long) f.min : (long) f.min + "–" + (long) f.max);
        }
        return null;
    }
}
