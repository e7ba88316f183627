package io.edgewatch.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Package rules from DESIGN.md §2: stages form an acyclic graph; the daemon never reaches the offline tools. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.edgewatch");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.edgewatch.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void daemonNeverImportsCompressionTools() {
        noClasses().that().resideOutsideOfPackages("io.edgewatch.compress..", "io.edgewatch.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.edgewatch.compress..")
                .check(classes);
    }

    @Test
    void pipelineStagesDoNotReachUpstreamOrIntoWiring() {
        noClasses().that().resideInAnyPackage("io.edgewatch.ingest..", "io.edgewatch.detect..")
                .should().dependOnClassesThat().resideInAnyPackage("io.edgewatch.schedule..", "io.edgewatch.track..",
                        "io.edgewatch.event..", "io.edgewatch.publish..", "io.edgewatch.app..", "io.edgewatch.cli..")
                .check(classes);
        // bench drives the real daemon (app.Daemon) from outside, like cli does.
        noClasses().that().resideOutsideOfPackages("io.edgewatch.app..", "io.edgewatch.cli..", "io.edgewatch.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("io.edgewatch.app..", "io.edgewatch.cli..")
                .check(classes);
    }

    @Test
    void onlyTheCliReachesTheBenchmarks() {
        noClasses().that().resideOutsideOfPackages("io.edgewatch.bench..", "io.edgewatch.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.edgewatch.bench..")
                .check(classes);
    }

    @Test
    void theFleetWatcherStaysOutsideTheDaemon() {
        noClasses().that().resideOutsideOfPackages("io.edgewatch.watch..", "io.edgewatch.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.edgewatch.watch..")
                .check(classes);
    }
}
