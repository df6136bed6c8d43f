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
 * The boundaries of ARCHITECTURE.md, in the manner of JabRef's MainArchitectureTest: app → evaluation → inference;
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
