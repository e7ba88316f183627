package io.edgewatch.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package picture of docs/architecture.md, enforced: every rule lives in {@link ArchRules}; this test checks the
 * production classes against them, and checks that each rule really fails on a deliberately broken fixture class
 * (package {@code io.edgewatch.arch.fixture}, test scope only), so a rule cannot silently stop guarding.
 */
class ArchitectureTest {
    private static final ArchRules PRODUCT = new ArchRules("io.edgewatch");
    private static final ArchRules FIXTURE = new ArchRules("io.edgewatch.arch.fixture");
    private static JavaClasses production;
    private static JavaClasses fixtures;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.edgewatch");
        fixtures = new ClassFileImporter().importPackages("io.edgewatch.arch.fixture");
    }

    @Test
    void packagesAreFreeOfCycles() {
        PRODUCT.packagesAcyclic.check(production);
    }

    @Test
    void compressSubPackagesAreFreeOfCycles() {
        PRODUCT.compressAcyclic.check(production);
    }

    @Test
    void configAndUtilAreLeaves() {
        PRODUCT.utilIsLeaf.check(production);
        PRODUCT.configIsLeaf.check(production);
    }

    @Test
    void daemonNeverImportsOfflineToolsOrCli() {
        PRODUCT.daemonNeverImportsTools.check(production);
    }

    @Test
    void pipelineStagesDoNotReachUpstreamOrIntoWiring() {
        PRODUCT.stagesDoNotReachDownstream.check(production);
        PRODUCT.onlyEntryPointsReachApp.check(production);
    }

    @Test
    void eventIsAContractWithoutPipelineLogic() {
        PRODUCT.eventIsAContract.check(production);
    }

    @Test
    void timeComesFromTheOneInjectableTimeSource() {
        PRODUCT.oneTimeSource.check(production);
    }

    @Test
    void onlyTheCliReachesTheBenchmarks() {
        PRODUCT.onlyCliReachesBench.check(production);
    }

    @Test
    void micrometerOnlyInMetrics() {
        PRODUCT.micrometerOnlyInMetrics.check(production);
    }

    @Test
    void standardStreamsOnlyInCli() {
        PRODUCT.stdStreamsOnlyInCli.check(production);
    }

    @Test
    void threadConfinedClassesCheckTheirOwner() {
        PRODUCT.confinedClassesHoldAnOwner.check(production);
    }

    @Test
    void eachRuleFailsOnABrokenFixture() {
        assertThatThrownBy(() -> FIXTURE.confinedClassesHoldAnOwner.check(fixtures))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> FIXTURE.configIsLeaf.check(fixtures)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> FIXTURE.utilIsLeaf.check(fixtures)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> FIXTURE.micrometerOnlyInMetrics.check(fixtures))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> FIXTURE.stdStreamsOnlyInCli.check(fixtures)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> FIXTURE.daemonNeverImportsTools.check(fixtures))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void theFleetWatcherStaysOutsideTheDaemon() {
        PRODUCT.watcherOutsideDaemon.check(production);
    }
}
