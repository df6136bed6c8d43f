package dev.qwenwb.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of ARCHITECTURE.md: app → evaluation → inference; JavaFX and DJL stay where they belong. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.qwenwb");
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
    void inferenceDoesNotDependOnTheLayersAboveIt() {
        noClasses().that().resideInAnyPackage("dev.qwenwb.inference..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.qwenwb.evaluation..", "dev.qwenwb.app..")
                .check(classes);
    }

    @Test
    void evaluationDoesNotDependOnTheApp() {
        noClasses().that().resideInAnyPackage("dev.qwenwb.evaluation..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.qwenwb.app..")
                .check(classes);
    }
}
