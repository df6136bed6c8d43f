package dev.qwenwb.app.ui.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.store.ConversationSettings;
import dev.qwenwb.inference.grammar.JsonSchemaException;
import dev.qwenwb.inference.grammar.ResponseFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The conversation settings dialog's state: a text per field, checked as it is typed. A field that does not parse
 * (or is out of range) has an error that names it; the dialog marks it and keeps OK disabled, and nothing typed is
 * lost. An empty field means the model's default. The reply's format (text, a JSON object, JSON under a schema) is
 * checked the same way: a schema that is not JSON, or that the decoding grammar cannot take, names the field.
 */
public final class SettingsForm {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** What a reply is: plain text, any JSON object, or JSON valid under the schema typed. */
    public enum Format {
        TEXT(null), JSON_OBJECT("json_object"), JSON_SCHEMA("json_schema");

        private final String wire;

        Format(String wire) {
            this.wire = wire;
        }

        /** Its label's message key. */
        public String labelKey() {
            return "settings.format." + name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        }

        static Format of(String wire) {
            for (Format f : values()) {
                if (f.wire != null && f.wire.equals(wire)) {
                    return f;
                }
            }
            return TEXT;
        }
    }

    private final StringProperty system = new SimpleStringProperty("");
    private final Map<Field, StringProperty> texts = new LinkedHashMap<>();
    private final Map<Field, StringBinding> errors = new LinkedHashMap<>();
    private final ObjectProperty<Format> format = new SimpleObjectProperty<>(Format.TEXT);
    private final StringProperty schema = new SimpleStringProperty("");
    private final StringBinding schemaError;
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
        format.set(Format.of(s.responseFormat()));
        schema.set(s.jsonSchema() == null ? "" : s.jsonSchema());
        schemaError = Bindings.createStringBinding(() -> checkSchema(format.get(), schema.get()), format, schema);
        List<StringBinding> all = new ArrayList<>(errors.values());
        all.add(schemaError);
        error = Bindings.createStringBinding(() -> all.stream().map(StringBinding::get)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null), all.toArray(new StringBinding[0]));
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

    /** The reply's format (text by default). */
    public ObjectProperty<Format> formatProperty() {
        return format;
    }

    /** The JSON schema typed (JSON text), used when the format is {@link Format#JSON_SCHEMA}; kept otherwise. */
    public StringProperty schemaProperty() {
        return schema;
    }

    /** What is wrong with the schema, naming the field; null when it is fine or not used. */
    public StringBinding schemaError() {
        return schemaError;
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
                value(Field.MAX_TOKENS, Integer::valueOf), value(Field.SEED, Long::valueOf), format.get().wire,
                schema.get().isBlank() ? null : schema.get().strip());
    }

    /** The schema must be JSON the decoding grammar takes: {@link ResponseFormat} is the one converter. */
    private static String checkSchema(Format f, String text) {
        if (f != Format.JSON_SCHEMA) {
            return null;
        }
        String name = I18n.t("settings.jsonSchema");
        if (text == null || text.isBlank()) {
            return I18n.t("settings.schemaMissing", name);
        }
        try {
            ResponseFormat.jsonSchema(JSON.readTree(text));
            return null;
        } catch (JsonProcessingException e) {
            return I18n.t("settings.schemaNotJson", name, e.getOriginalMessage());
        } catch (JsonSchemaException e) {
            return I18n.t("settings.schemaUnsupported", name, e.getMessage());
        }
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
