package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.common.ChatErrors;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.inference.generate.PromptTooLongException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** English and Simplified Chinese say the same things. */
class I18nTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = I18nTest.class.getResourceAsStream("/dev/qwenwb/app/ui/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @AfterEach
    void reset() {
        I18n.use("en");
    }

    @Test
    void bothBundlesHaveTheSameKeys() throws IOException {
        assertThat(load("messages_zh_CN.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(load("messages.properties").keySet());
    }

    @Test
    void theLanguageSettingSwitchesTheTexts() {
        I18n.use("zh-CN");
        assertThat(I18n.t("send")).isEqualTo("发送");
        assertThat(I18n.t("status.context", 3, "128")).isEqualTo("上下文 3 / 128");
        I18n.use("en");
        assertThat(I18n.t("send")).isEqualTo("Send");
    }

    @Test
    void errorsAreFramedInTheUiLanguageAroundTheEnginesOwnDetail() {
        PromptTooLongException full = new PromptTooLongException(600, 512, 32768);
        I18n.use("zh-CN");
        assertThat(ChatErrors.describe(new java.util.concurrent.CompletionException(full)))
                .startsWith("上下文已满：the prompt is 600 tokens").endsWith("请新建会话或调低最大新词元数。");
        assertThat(ChatErrors.describe(new RuntimeException())).isEqualTo("RuntimeException");
        assertThat(I18n.t("model.loadFailed", "x: config.json: not valid JSON")).isEqualTo(
                "无法加载模型：x: config.json: not valid JSON");
        I18n.use("en");
        assertThat(ChatErrors.describe(full)).startsWith("The context is full: the prompt is 600 tokens");
    }
}
