package com.avgym.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package map of the README, enforced: protocol <- server, protocol <- client <- desk. */
@AnalyzeClasses(packages = "com.avgym", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule protocolDoesNoIo = noClasses().that().resideInAPackage("com.avgym.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.sql..",
                    "javax.sql..", "org.eclipse.jetty..", "org.java_websocket..", "javafx..", "com.avgym.server..",
                    "com.avgym.client..", "com.avgym.desk..", "com.avgym.cli..")
            .because("protocol holds message types and codes only; I/O lives at the edges");

    @ArchTest
    static final ArchRule serverDoesNotKnowClientOrDesk = noClasses().that().resideInAPackage("com.avgym.server..")
            .should().dependOnClassesThat().resideInAnyPackage("com.avgym.client..", "com.avgym.desk..", "javafx..",
                    "com.avgym.cli..");

    @ArchTest
    static final ArchRule clientDoesNotKnowServerOrDesk = noClasses().that().resideInAPackage("com.avgym.client..")
            .should().dependOnClassesThat().resideInAnyPackage("com.avgym.server..", "com.avgym.desk..", "javafx..",
                    "com.avgym.cli..", "org.eclipse.jetty..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule deskUsesClientNotServerInternals = noClasses().that().resideInAPackage("com.avgym.desk..")
            .should().dependOnClassesThat().resideInAnyPackage("com.avgym.server.ws..", "com.avgym.server.http..",
                    "com.avgym.server.db..", "org.eclipse.jetty..")
            .allowEmptyShould(true);
}
