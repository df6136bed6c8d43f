package dev.qwenwb.inference.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test that runs llama.cpp's libraries. They are bundled when the build had npm (the README's commands need only a
 * JDK and Maven, so a build without it is legal); then these tests are skipped and say why — unless
 * {@code WORKBENCH_REQUIRE_LLAMACPP} is set (CI sets it), when they run and fail loudly without the libraries.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresLlamaCpp.Condition.class)
public @interface RequiresLlamaCpp {

    /** Enabled when the libraries are on the classpath, or when CI requires them. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (RequiresLlamaCpp.class.getResource("/dev/qwenwb/llamacpp/llamacpp.properties") != null) {
                return ConditionEvaluationResult.enabled("llama.cpp's libraries are bundled");
            }
            if (System.getenv("WORKBENCH_REQUIRE_LLAMACPP") != null) {
                return ConditionEvaluationResult.enabled("WORKBENCH_REQUIRE_LLAMACPP is set: must run (and fail)");
            }
            return ConditionEvaluationResult.disabled("llama.cpp's libraries are not bundled (no npm at build time)");
        }
    }
}
