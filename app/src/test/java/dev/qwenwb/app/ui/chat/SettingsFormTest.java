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
