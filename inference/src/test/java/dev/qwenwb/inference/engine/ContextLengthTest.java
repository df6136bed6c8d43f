package dev.qwenwb.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.generate.decode.EngineModel;
import org.junit.jupiter.api.Test;

/** The context length a model loads with: the default, the model's own (serve), or the one asked for. */
class ContextLengthTest {

    @Test
    void theDefaultIsCappedTheModelsOwnIsAskedForByNameAndMoreThanTheModelHoldsIsRefused() {
        assertThat(EngineModel.contextLength(0, 32768, "max_position_embeddings"))
                .isEqualTo(EngineOptions.DEFAULT_CONTEXT);
        assertThat(EngineModel.contextLength(EngineOptions.MODEL_CONTEXT, 32768, "max_position_embeddings"))
                .as("serve's default: the model's own").isEqualTo(32768);
        assertThat(EngineModel.contextLength(EngineOptions.MODEL_CONTEXT, 128, "max_position_embeddings"))
                .isEqualTo(128);
        assertThat(EngineModel.contextLength(1000, 32768, "max_position_embeddings")).isEqualTo(1000);
        assertThatThrownBy(() -> EngineModel.contextLength(40000, 32768, "max_position_embeddings"))
                .hasMessageContaining("max_position_embeddings 32768");
        assertThat(EngineOptions.defaults().withContextLength(EngineOptions.MODEL_CONTEXT).contextLength())
                .isEqualTo(EngineOptions.MODEL_CONTEXT);
        assertThatThrownBy(() -> EngineOptions.defaults().withContextLength(-2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
