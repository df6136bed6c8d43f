package dev.qwenwb.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of {@code docs/ARCHITECTURE.md} (the project's map: modules, the generation seam, the decode loop,
 * threads), in the manner of JabRef's MainArchitectureTest: app → evaluation → inference;
 * inside the app the entry points (command line, window, server) are siblings sharing only common packages (the
 * server, which both start, imports neither); no
 * package cycles; JavaFX and DJL stay where they belong; ViewModels hold state, never controls.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // the inference test fixtures
                .importPackages("dev.qwenwb");
    }

    @Test
    void modulesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("app").definedBy("dev.qwenwb.app..")
                .layer("evaluation").definedBy("dev.qwenwb.evaluation..")
                .layer("inference").definedBy("dev.qwenwb.inference..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("evaluation").mayOnlyBeAccessedByLayers("app")
                .whereLayer("inference").mayOnlyBeAccessedByLayers("evaluation", "app")
                .check(classes);
    }

    @Test
    void theEntryPointsAreSiblings() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("main").definedBy("dev.qwenwb.app")
                .layer("cli").definedBy("dev.qwenwb.app.cli..")
                .layer("ui").definedBy("dev.qwenwb.app.ui..")
                .layer("server").definedBy("dev.qwenwb.app.server..")
                .layer("common").definedBy("dev.qwenwb.app.demo..")
                .whereLayer("main").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayOnlyBeAccessedByLayers("main")
                .whereLayer("ui").mayOnlyBeAccessedByLayers("main")
                .whereLayer("server").mayOnlyBeAccessedByLayers("main", "cli", "ui") // serve, the Model menu's toggle
                .withOptionalLayers(true)
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        // the layers forbid cycles between modules; inside each module, between its packages:
        slices().matching("dev.qwenwb.inference.(**)").should().beFreeOfCycles().check(classes);
        slices().matching("dev.qwenwb.evaluation.(**)").should().beFreeOfCycles().check(classes);
        slices().matching("dev.qwenwb.app.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void inferenceAndEvaluationDoNotUseJavaFx() {
        noClasses().that().resideInAnyPackage("dev.qwenwb.inference..", "dev.qwenwb.evaluation..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void onlyInferenceTouchesDjl() {
        noClasses().that().resideOutsideOfPackage("dev.qwenwb.inference..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
                .check(classes);
    }

    @Test
    void theGenerationSeamImportsNoEngine() {
        // every caller (chat, evaluation, command line, server) depends on generate; an engine's library there would
        // reach them all, and a third engine would have to touch the seam
        noClasses().that().resideInAPackage("dev.qwenwb.inference.generate")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "com.sun.jna..",
                        "dev.qwenwb.inference.llamacpp..", "dev.qwenwb.inference.gguf..", "dev.qwenwb.inference.engine..",
                        "dev.qwenwb.inference.generate.djl..", "dev.qwenwb.inference.generate.llamacpp..")
                .because("the seam is engine-free: engines live in generate.djl and generate.llamacpp")
                .check(classes);
    }

    @Test
    void theDecodeLoopAndTheSamplingChainAreEngineFree() {
        // one loop and one chain serve both local engines; what differs reaches them only through EngineContext
        noClasses().that().resideInAnyPackage("dev.qwenwb.inference.generate.decode..",
                        "dev.qwenwb.inference.generate.sampling..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "com.sun.jna..",
                        "dev.qwenwb.inference.llamacpp..", "dev.qwenwb.inference.generate.djl..",
                        "dev.qwenwb.inference.generate.llamacpp..")
                .because("an engine supplies only an EngineContext (forward, trim, token text)")
                .check(classes);
    }

    @Test
    void llamaCppIsReachedOnlyThroughItsEngine() {
        // JNA's native calls can abort the JVM on a bad argument: only the engine and the checked binding make them
        noClasses().that().resideOutsideOfPackages("dev.qwenwb.inference.llamacpp..", "dev.qwenwb.inference.gguf..",
                        "dev.qwenwb.inference.generate.llamacpp..", "dev.qwenwb.inference.util..")
                .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..")
                .because("llama.cpp's C API is called from the GGUF engine and its binding only")
                .check(classes);
    }

    @Test
    void viewModelsDoNotTouchControls() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(classes);
    }

    @Test
    void nothingButTheCommandLineWritesToTheStandardStreams() {
        noClasses().that().resideOutsideOfPackages("dev.qwenwb.app.cli..")
                .and().doNotHaveFullyQualifiedName("dev.qwenwb.app.Main")
                // a process of its own: the GPU probe's child answers its parent on stdout
                .and().doNotHaveFullyQualifiedName("dev.qwenwb.inference.llamacpp.GpuProbeChild")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .check(classes);
    }
}
