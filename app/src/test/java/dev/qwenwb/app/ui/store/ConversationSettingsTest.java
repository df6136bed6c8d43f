package dev.qwenwb.app.ui.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.grammar.ResponseFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A conversation's response format is saved with it; files written before the field existed still load. */
class ConversationSettingsTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theResponseFormatIsSavedAndLoadedAndOldFilesAreText() throws Exception {
        ConversationStore store = new ConversationStore(Files.createDirectory(tmp.resolve("conversations")));
        String schema = "{\"type\": \"object\", \"properties\": {\"ok\": {\"type\": \"boolean\"}}}";
        String id = java.util.UUID.randomUUID().toString();
        Conversation c = new Conversation(id, "json", 1, 2, new ConversationSettings(null, null, null, null,
                null, 64, null, "json_schema", schema), List.of());
        store.save(c);
        Path file = store.dir().resolve(id + ".json");
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(file.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode saved = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.get("settings");
        assertThat(saved.path("responseFormat").asText()).isEqualTo("json_schema");
        assertThat(saved.path("jsonSchema").asText()).isEqualTo(schema);
        assertThat(saved.has("format")).as("a method, not a field").isFalse();
        ConversationSettings loaded = store.loadAll().get(0).settings();
        assertThat(loaded).isEqualTo(c.settings());
        assertThat(loaded.format().kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);

        saved.remove(List.of("responseFormat", "jsonSchema")); // as written before the fields existed
        Files.writeString(file, JSON.writeValueAsString(json));
        ConversationSettings old = store.loadAll().get(0).settings();
        assertThat(old.maxTokens()).isEqualTo(64);
        assertThat(old.responseFormat()).isNull();
        assertThat(old.format()).isNull();

        assertThatThrownBy(() -> new ConversationSettings(null, null, null, null, null, null, null, "json_schema",
                "{\"type\": ").format()).hasMessageStartingWith("the conversation's JSON schema is not JSON: ");
    }
}
