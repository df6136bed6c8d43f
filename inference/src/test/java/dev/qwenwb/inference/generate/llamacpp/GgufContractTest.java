package dev.qwenwb.inference.generate.llamacpp;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.GeneratorContract;
import dev.qwenwb.inference.generate.decode.EngineModel;
import dev.qwenwb.inference.gguf.GgmlType;
import dev.qwenwb.inference.testing.RequiresLlamaCpp;
import dev.qwenwb.inference.testing.TinyGgufs;

/** The generator contract on llama.cpp, with the tiny model's f32 GGUF (the same weights as the DJL run's). */
@RequiresLlamaCpp
class GgufContractTest extends GeneratorContract {

    private GgufModel gguf;

    @Override
    protected EngineModel open() {
        // one thread: ggml's workers spin at barriers, slow on a busy 2-core machine
        gguf = GgufModel.load(TinyGgufs.tiny(GgmlType.F32), EngineOptions.defaults().withContextLength(CONTEXT)
                .withThreads(1));
        return gguf;
    }

    @Override
    protected String decode(int[] ids) {
        return gguf.tokenizer().decode(ids);
    }
}
