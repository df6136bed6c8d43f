package dev.qwenwb.inference.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the chat template out of a tokenizer_config.json. */
class ChatTemplateConfigTest {

    @TempDir
    Path dir;

    @Test
    void specialTokensAreAvailableToTheTemplate() throws IOException {
        Path config = write("{\"chat_template\": \"{{ bos_token }}{{ messages[0].content }}{{ eos_token }}\","
                + " \"bos_token\": {\"content\": \"<s>\", \"lstrip\": false}, \"eos_token\": \"</s>\"}");
        assertThat(ChatTemplate.fromTokenizerConfig(config).render(List.of(ChatMessage.user("hi")), false))
                .isEqualTo("<s>hi</s>");
    }

    @Test
    void aListOfNamedTemplatesUsesTheDefaultOne() throws IOException {
        Path config = write("{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"T\"},"
                + " {\"name\": \"default\", \"template\": \"D{{ messages|length }}\"}]}");
        assertThat(ChatTemplate.fromTokenizerConfig(config).render(List.of(ChatMessage.user("x")), false))
                .isEqualTo("D1");
    }

    @Test
    void aMissingTemplateNamesTheFile() throws IOException {
        Path config = write("{\"eos_token\": \"</s>\"}");
        assertThatThrownBy(() -> ChatTemplate.fromTokenizerConfig(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(config.toString())
                .hasMessageContaining("chat_template");
    }

    @Test
    void aTemplateOfTheWrongTypeNamesTheFile() throws IOException {
        Path config = write("{\"chat_template\": 42}");
        assertThatThrownBy(() -> ChatTemplate.fromTokenizerConfig(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(config.toString())
                .hasMessageContaining("must be a string");
    }

    @Test
    void namedTemplatesWithoutADefaultAreRefused() throws IOException {
        Path config = write("{\"chat_template\": [{\"name\": \"rag\", \"template\": \"R\"}]}");
        assertThatThrownBy(() -> ChatTemplate.fromTokenizerConfig(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"default\"");
    }

    @Test
    void aChatTemplateJinjaBesideTheConfigIsUsedWhenTheFieldIsAbsent() throws IOException {
        Path config = write("{}");
        Files.writeString(dir.resolve("chat_template.jinja"), "J:{{ messages[0].content }}\n");
        ChatTemplate template = ChatTemplate.fromTokenizerConfig(config);
        assertThat(template.render(List.of(ChatMessage.user("x")), false)).isEqualTo("J:x");
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("tokenizer_config.json"), json);
    }
}
