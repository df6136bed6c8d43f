package dev.qwenwb.inference.generate.djl;

import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.GeneratorContract;
import dev.qwenwb.inference.generate.decode.EngineModel;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;

/** The generator contract on DJL's PyTorch engine (f32, CPU). */
class DjlContractTest extends GeneratorContract {

    private DjlModel djl;

    @Override
    protected EngineModel open() {
        djl = DjlModel.load(TinyModels.tiny(TensorDType.F32), EngineOptions.defaults()
                .withDevice(DeviceSpec.parse("cpu")).withDtype(ComputeDType.F32).withContextLength(CONTEXT));
        return djl;
    }

    @Override
    protected String decode(int[] ids) {
        return djl.tokenizer().decode(ids, true);
    }
}
