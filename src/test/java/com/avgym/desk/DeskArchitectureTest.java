package com.avgym.desk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The desk's own layering: view-models are plain Java, and the CLI launches the desk without touching JavaFX. */
@AnalyzeClasses(packages = "com.avgym", importOptions = ImportOption.DoNotIncludeTests.class)
class DeskArchitectureTest {

    @ArchTest
    static final ArchRule viewModelsNeedNoScreen = noClasses().that().resideInAPackage("com.avgym.desk.viewmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.avgym.server..")
            .because("view-models are tested without a screen and talk to the server only through the client");

    @ArchTest
    static final ArchRule cliLaunchesTheDeskWithoutJavaFx = noClasses().that().resideInAPackage("com.avgym.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
            .because("the CLI goes through DeskLauncher, so the server commands never load JavaFX");

    @ArchTest
    static final ArchRule deskDoesNotReachIntoTheServer = noClasses().that().resideInAPackage("com.avgym.desk..")
            .should().dependOnClassesThat().resideInAnyPackage("com.avgym.server..")
            .because("even embedded, the server is started by the CLI and reached over HTTP and the socket");
}
