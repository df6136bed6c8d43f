package dev.qwenwb.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process runner ({@code evaluation.exec}) is the bottom layer of the evaluation, shared with the artifacts
 * pane: it depends on no other evaluation package (so no cycle runs through it, e.g. check → exec → check),
 * and the artifacts pane starts no process of its own.
 */
class EvaluationLayersTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.qwenwb.evaluation", "dev.qwenwb.app.ui.artifacts");
    }

    @Test
    void theProcessRunnerDependsOnNoOtherEvaluationPackage() {
        noClasses().that().resideInAPackage("dev.qwenwb.evaluation.exec..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.qwenwb.evaluation.check..",
                        "dev.qwenwb.evaluation.run..", "dev.qwenwb.evaluation.suite..", "dev.qwenwb.evaluation.report..",
                        "dev.qwenwb.evaluation.stats..", "dev.qwenwb.evaluation.code..")
                .check(classes);
    }

    @Test
    void theArtifactsPaneStartsNoProcessOfItsOwn() {
        noClasses().that().resideInAPackage("dev.qwenwb.app.ui.artifacts..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                .check(classes);
    }
}
