package dev.qwenwb.app.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.store.ConversationSettings;
import org.junit.jupiter.api.Test;

/**
 * The settings dialog's form: "abc" as temperature marks that field with an error naming it and blocks OK while
 * the other edits stay; fixing it gives the settings typed.
 */
class SettingsFormTest {

    @Test
    void aFieldThatDoesNotParseIsNamedAndNothingTypedIsLost() {
        I18n.use("en");
        SettingsForm form = new SettingsForm(new ConversationSettings(null, null, null, null, null, null, null));
        form.text(SettingsForm.Field.MAX_TOKENS).set("64");
        form.text(SettingsForm.Field.TEMPERATURE).set("abc");
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.error(SettingsForm.Field.TEMPERATURE).get()).startsWith("Temperature").contains("\"abc\"");
        assertThat(form.error(SettingsForm.Field.MAX_TOKENS).get()).isNull();
        assertThat(form.errorProperty().get()).isEqualTo(form.error(SettingsForm.Field.TEMPERATURE).get());
        assertThat(form.text(SettingsForm.Field.MAX_TOKENS).get()).isEqualTo("64");

        form.text(SettingsForm.Field.TOP_P).set("1.5");
        form.text(SettingsForm.Field.TEMPERATURE).set("0.3");
        assertThat(form.errorProperty().get()).startsWith("Top-p");
        form.text(SettingsForm.Field.TOP_P).set("");
        form.text(SettingsForm.Field.TOP_K).set("2.5");
        assertThat(form.errorProperty().get()).contains("whole number");
        form.text(SettingsForm.Field.TOP_K).set("40");
        assertThat(form.validProperty().get()).isTrue();
        ConversationSettings s = form.result();
        assertThat(s.temperature()).isEqualTo(0.3);
        assertThat(s.maxTokens()).isEqualTo(64);
        assertThat(s.topK()).isEqualTo(40);
        assertThat(s.topP()).isNull();
    }

    @Test
    void aJsonSchemaIsCheckedLikeTheOtherFieldsAndKeptWhenTheFormatChanges() {
        I18n.use("en");
        SettingsForm form = new SettingsForm(ConversationSettings.defaults());
        assertThat(form.formatProperty().get()).isEqualTo(SettingsForm.Format.TEXT);
        form.formatProperty().set(SettingsForm.Format.JSON_SCHEMA);
        assertThat(form.errorProperty().get()).isEqualTo("JSON schema: type a schema (a JSON object)");
        form.schemaProperty().set("{\"type\": ");
        assertThat(form.schemaError().get()).startsWith("JSON schema: not JSON: ");
        form.schemaProperty().set("{\"type\": \"string\", \"pattern\": \"^a\"}");
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.errorProperty().get()).isEqualTo("JSON schema: schema: the schema keyword 'pattern' is not "
                + "supported (supported: additionalProperties, anyOf, const, enum, items, maxItems, minItems, oneOf, "
                + "properties, required, type)");
        form.formatProperty().set(SettingsForm.Format.TEXT);
        assertThat(form.validProperty().get()).as("a schema not used is not checked").isTrue();
        form.formatProperty().set(SettingsForm.Format.JSON_SCHEMA);
        form.schemaProperty().set("{\"type\": \"object\", \"properties\": {\"ok\": {\"type\": \"boolean\"}}}");
        ConversationSettings s = form.result();
        assertThat(s.responseFormat()).isEqualTo("json_schema");
        assertThat(s.format().schema().path("properties").has("ok")).isTrue();
        assertThat(new SettingsForm(s).formatProperty().get()).isEqualTo(SettingsForm.Format.JSON_SCHEMA);

        form.formatProperty().set(SettingsForm.Format.JSON_OBJECT);
        assertThat(form.result().format().kind()).isEqualTo(dev.qwenwb.inference.grammar.ResponseFormat.Kind.JSON_OBJECT);
        form.formatProperty().set(SettingsForm.Format.TEXT);
        assertThat(form.result().format()).isNull();
        assertThat(form.result().jsonSchema()).as("kept for later").contains("\"ok\"");
    }

    @Test
    void errorsAreInTheWindowsLanguage() {
        I18n.use("zh-CN");
        try {
            SettingsForm form = new SettingsForm(new ConversationSettings(null, null, null, null, null, null, null));
            form.text(SettingsForm.Field.SEED).set("x");
            assertThat(form.errorProperty().get()).startsWith("随机种子").contains("不是整数");
        } finally {
            I18n.use(null);
        }
    }
}
