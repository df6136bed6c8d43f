package dev.qwenwb.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.generate.decode.EngineSession;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.llamacpp.GgufModel;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.llamacpp.LlamaQuantizeParams;
import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.testing.RequiresLlamaCpp;
import dev.qwenwb.inference.testing.TinyGgufs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llama.cpp's quantizer through the binding: an f16 GGUF becomes a smaller "q4_K_M" one that loads and generates. */
@RequiresLlamaCpp
class GgufQuantizerTest {

    @TempDir
    Path dir;

    @Test
    void q4KmOfTheTinyModelLoadsAndGenerates() {
        Path out = dir.resolve("tiny-q4_k_m.gguf");
        Path f16 = TinyGgufs.tiny(GgmlType.F16);
        GgufQuantizer.quantize(f16, out, LlamaQuantizeParams.FTYPE_Q4_K_M, 1);
        GgufFile q = GgufFile.read(out);
        assertThat(q.integer("general.file_type")).isEqualTo(15);
        assertThat(q.tensorBytes()).isLessThan(GgufFile.read(f16).tensorBytes());
        try (GgufModel m = GgufModel.load(out, EngineOptions.defaults().withContextLength(64).withThreads(1));
             EngineSession s = m.newSession()) {
            assertThat(m.details().fileType()).isEqualTo("q4_k_m");
            assertThat(s.generate(GgufRequests.of(m.tokenizer().encode("写一个快速排序"),
                    SamplingParams.greedyDecoding(), 4, null, Set.of())).tokenIds()).hasSize(4);
        }
    }

    @Test
    void aBadInputIsRefusedBeforeLlamaCppSeesIt() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.gguf"), "not a model");
        assertThatThrownBy(() -> GgufQuantizer.quantize(bad, dir.resolve("out.gguf"),
                LlamaQuantizeParams.FTYPE_Q4_K_M, 1)).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(bad.toString());
        assertThat(dir.resolve("out.gguf")).doesNotExist();
    }
}
