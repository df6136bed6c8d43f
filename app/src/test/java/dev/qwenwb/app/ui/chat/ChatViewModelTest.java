package dev.qwenwb.app.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.ui.store.Conversation;
import dev.qwenwb.app.ui.store.ConversationStore;
import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.app.ui.testing.UiQueue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming, stop, regenerate and persistence of the chat, on a scripted generator. */
class ChatViewModelTest {

    @TempDir
    Path data;

    private final List<Conversation> saved = new ArrayList<>();
    /** The ViewModel's UI thread: model-thread updates run here, on the test's thread, as they would on the FX one. */
    private final UiQueue ui = new UiQueue();

    private ChatViewModel chat(ScriptedGenerator g) {
        ChatViewModel vm = new ChatViewModel(ui, c -> {
            synchronized (saved) {
                saved.add(c);
            }
        });
        vm.generatorProperty().set(g.chat());
        return vm;
    }

    private void awaitIdle(ChatViewModel vm) {
        ui.until("reply finished", 10, () -> !vm.generatingProperty().get());
    }

    @Test
    void streamsTheReplyWithStatsAndSavesIt() {
        ScriptedGenerator g = new ScriptedGenerator(2, List.of("Hel", "lo", " there"));
        ChatViewModel vm = chat(g);
        AtomicInteger updates = new AtomicInteger();
        vm.inputProperty().set("Say hello");
        vm.send();
        assertThat(vm.inputProperty().get()).isEmpty();
        MessageViewModel reply = vm.messages().get(1);
        reply.textProperty().addListener((o, a, b) -> updates.incrementAndGet());
        awaitIdle(vm);
        assertThat(vm.titleProperty().get()).isEqualTo("Say hello");
        assertThat(reply.textProperty().get()).isEqualTo("Hello there");
        assertThat(reply.statsProperty().get().tokens()).isEqualTo(3);
        assertThat(reply.statsProperty().get().finishReason()).isEqualTo("eos");
        assertThat(reply.statsProperty().get().ttftMs()).isPositive();
        assertThat(reply.streamingProperty().get()).isFalse();
        assertThat(updates.get()).isPositive();
        assertThat(vm.contextUsedProperty().get()).isEqualTo(10 + 3);
        Conversation last = saved.get(saved.size() - 1);
        assertThat(last.messages()).hasSize(2);
        assertThat(last.messages().get(1).current().text()).isEqualTo("Hello there");
    }

    @Test
    void stopKeepsThePartialReply() {
        ScriptedGenerator g = new ScriptedGenerator(1, List.of("a", "b", "c", "d")).holdAfter(2);
        ChatViewModel vm = chat(g);
        vm.inputProperty().set("go");
        vm.send();
        MessageViewModel reply = vm.messages().get(1);
        ui.until("two tokens", 10, () -> "ab".equals(reply.textProperty().get()));
        vm.stop();
        awaitIdle(vm);
        assertThat(reply.textProperty().get()).isEqualTo("ab");
        assertThat(reply.statsProperty().get().finishReason()).isEqualTo("cancelled");
        assertThat(saved.get(saved.size() - 1).messages().get(1).current().text()).isEqualTo("ab");
    }

    @Test
    void regenerateKeepsEarlierVersionsAndSendsTheSameContext() {
        ScriptedGenerator g = new ScriptedGenerator(0, List.of("first"), List.of("second"));
        ChatViewModel vm = chat(g);
        vm.inputProperty().set("q");
        vm.send();
        awaitIdle(vm);
        vm.regenerate();
        awaitIdle(vm);
        MessageViewModel reply = vm.messages().get(1);
        assertThat(vm.messages()).hasSize(2);
        assertThat(reply.versionCountProperty().get()).isEqualTo(2);
        assertThat(reply.textProperty().get()).isEqualTo("second");
        vm.selectVersion(reply, 0);
        assertThat(reply.textProperty().get()).isEqualTo("first");
        assertThat(g.prompts().get(1)).isEqualTo(g.prompts().get(0));
    }

    @Test
    void theNextTurnSendsTheWholeConversation() {
        ScriptedGenerator g = new ScriptedGenerator(0, List.of("one"), List.of("two"));
        ChatViewModel vm = chat(g);
        vm.inputProperty().set("first question");
        vm.send();
        awaitIdle(vm);
        vm.inputProperty().set("second question");
        vm.send();
        awaitIdle(vm);
        assertThat(g.prompts().get(1)).extracting(m -> m.role() + ":" + m.content())
                .containsExactly("user:first question", "assistant:one", "user:second question");
    }

    @Test
    void withoutAModelSendingSaysSoAndKeepsThePrompt() {
        ChatViewModel vm = new ChatViewModel(Runnable::run, saved::add);
        vm.inputProperty().set("hello?");
        vm.send();
        assertThat(vm.noticeProperty().get()).contains("No model");
        assertThat(vm.inputProperty().get()).isEqualTo("hello?");
        assertThat(vm.messages()).isEmpty();
    }

    @Test
    void aConversationSurvivesTheStoreExactly() {
        ScriptedGenerator g = new ScriptedGenerator(0, List.of("v1"), List.of("v2"));
        ConversationStore store = new ConversationStore(data.resolve("conversations"));
        ChatViewModel vm = new ChatViewModel(ui, store::save);
        vm.generatorProperty().set(g.chat());
        vm.inputProperty().set("remember me");
        vm.send();
        awaitIdle(vm);
        vm.regenerate();
        awaitIdle(vm);
        vm.selectVersion(vm.messages().get(1), 0);
        Conversation before = vm.snapshot();

        ChatViewModel reopened = new ChatViewModel(Runnable::run, c -> { });
        List<Conversation> all = new ConversationStore(data.resolve("conversations")).loadAll();
        assertThat(all).hasSize(1);
        reopened.open(all.get(0));
        assertThat(reopened.titleProperty().get()).isEqualTo("remember me");
        assertThat(reopened.snapshot().messages()).isEqualTo(before.messages());
        assertThat(reopened.messages().get(1).textProperty().get()).isEqualTo("v1");
        assertThat(reopened.messages().get(1).versionCountProperty().get()).isEqualTo(2);
    }

    @Test
    void editingAUserMessageResendsFromThereAndDropsTheLaterTurns() {
        ScriptedGenerator g = new ScriptedGenerator(0, List.of("one"), List.of("two"), List.of("three"));
        ConversationStore store = new ConversationStore(data.resolve("conversations"));
        ChatViewModel vm = new ChatViewModel(ui, store::save);
        vm.generatorProperty().set(g.chat());
        vm.inputProperty().set("first question");
        vm.send();
        awaitIdle(vm);
        vm.inputProperty().set("second question");
        vm.send();
        awaitIdle(vm);

        vm.edit(vm.messages().get(0));
        assertThat(vm.inputProperty().get()).isEqualTo("first question");
        assertThat(vm.editingProperty().get()).isSameAs(vm.messages().get(0));
        vm.inputProperty().set("better first question");
        vm.send();
        awaitIdle(vm);

        assertThat(vm.editingProperty().get()).isNull();
        assertThat(vm.messages()).extracting(m -> m.textProperty().get())
                .containsExactly("better first question", "three");
        assertThat(g.prompts().get(2)).extracting(m -> m.role() + ":" + m.content())
                .containsExactly("user:better first question");
        Conversation onDisk = new ConversationStore(data.resolve("conversations")).loadAll().get(0);
        assertThat(onDisk.messages()).extracting(m -> m.current().text())
                .containsExactly("better first question", "three");
    }

    @Test
    void cancellingAnEditChangesNothing() {
        ScriptedGenerator g = new ScriptedGenerator(0, List.of("one"), List.of("two"));
        ChatViewModel vm = chat(g);
        vm.inputProperty().set("q");
        vm.send();
        awaitIdle(vm);
        vm.edit(vm.messages().get(1)); // a reply cannot be edited
        assertThat(vm.editingProperty().get()).isNull();
        vm.edit(vm.messages().get(0));
        vm.cancelEdit();
        assertThat(vm.inputProperty().get()).isEmpty();
        vm.inputProperty().set("next");
        vm.send();
        awaitIdle(vm);
        assertThat(vm.messages()).extracting(m -> m.textProperty().get()).containsExactly("q", "one", "next", "two");
    }

    @Test
    void deletingAUserMessageTakesItsReplyAndDeletingAReplyTakesOnlyItself() {
        ScriptedGenerator g = new ScriptedGenerator(0, List.of("one"), List.of("two"));
        ConversationStore store = new ConversationStore(data.resolve("conversations"));
        ChatViewModel vm = new ChatViewModel(ui, store::save);
        vm.generatorProperty().set(g.chat());
        vm.inputProperty().set("q1");
        vm.send();
        awaitIdle(vm);
        vm.inputProperty().set("q2");
        vm.send();
        awaitIdle(vm);

        vm.delete(vm.messages().get(0));
        assertThat(vm.messages()).extracting(m -> m.textProperty().get()).containsExactly("q2", "two");
        assertThat(store.loadAll().get(0).messages()).extracting(m -> m.current().text())
                .containsExactly("q2", "two");
        vm.delete(vm.messages().get(1));
        assertThat(vm.messages()).extracting(m -> m.textProperty().get()).containsExactly("q2");
        assertThat(store.loadAll().get(0).messages()).extracting(m -> m.current().text()).containsExactly("q2");
        vm.delete(vm.messages().get(0));
        assertThat(vm.messages()).isEmpty();
        assertThat(store.loadAll().get(0).messages()).isEmpty();
    }

    @Test
    void aStreamingReplyIsOnDiskWithItsPartialTextAndReopensAsInterrupted() {
        ScriptedGenerator g = new ScriptedGenerator(1, List.of("par", "tial", " and the rest")).holdAfter(2);
        Path dir = data.resolve("conversations");
        ChatViewModel vm = new ChatViewModel(ui, new ConversationStore(dir)::save);
        vm.generatorProperty().set(g.chat());
        vm.inputProperty().set("crash soon");
        vm.send();
        ui.until("partial reply on disk", 10, () -> {
            List<Conversation> all = new ConversationStore(dir).loadAll(); // another store: what a restart reads
            return all.size() == 1 && "partial".equals(all.get(0).messages().get(1).current().text());
        });
        assertThat(vm.generatingProperty().get()).isTrue(); // the reply is still held mid-stream
        Conversation onDisk = new ConversationStore(dir).loadAll().get(0);

        ChatViewModel reopened = new ChatViewModel(Runnable::run, c -> { });
        reopened.open(onDisk);
        MessageViewModel reply = reopened.messages().get(1);
        assertThat(reply.textProperty().get()).isEqualTo("partial");
        assertThat(reply.streamingProperty().get()).isFalse();
        assertThat(reply.statsProperty().get().finishReason()).isEqualTo(MessageViewModel.INTERRUPTED);
        assertThat(reopened.snapshot().messages().get(1).current().stats().finishReason())
                .isEqualTo(MessageViewModel.INTERRUPTED);
        vm.stop();
        awaitIdle(vm);
    }

    @Test
    void aStreamingReplyIsSavedAtMostAboutOnceASecond() {
        ScriptedGenerator g = new ScriptedGenerator(10, ScriptedGenerator.tokens("x".repeat(150), 1));
        ChatViewModel vm = chat(g);
        vm.inputProperty().set("long one");
        long t0 = System.nanoTime();
        vm.send();
        awaitIdle(vm); // about 1.5 s of streaming
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> replies;
        synchronized (saved) {
            replies = saved.stream().map(c -> c.messages().get(1).current().text()).toList();
        }
        assertThat(replies.get(replies.size() - 1)).hasSize(150);
        // the send, then a partial save for each whole second of streaming, then the finish
        assertThat(replies.size() - 2).isBetween(1, (int) seconds + 1);
        assertThat(replies.subList(1, replies.size() - 1)).allMatch(t -> !t.isEmpty() && t.length() < 150);
    }
}
