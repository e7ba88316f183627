package io.edgewatch.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The rules of docs/architecture.md over one package root, so the same rules check the product
 * ({@code io.edgewatch}) and the deliberately broken fixtures ({@code io.edgewatch.arch.fixture}).
 */
final class ArchRules {
    /** The daemon's packages: everything that runs in {@code edgewatch run}. */
    private static final String[] DAEMON = {"app", "config", "detect", "event", "ingest", "metrics", "outbox",
        "publish", "schedule", "snapshot", "systemd", "track", "util"};
    // not the daemon: cli, bench, compress, watch (offline tools and operator commands)

    final ArchRule packagesAcyclic;
    final ArchRule compressAcyclic;
    final ArchRule utilIsLeaf;
    final ArchRule configIsLeaf;
    final ArchRule daemonNeverImportsTools;
    final ArchRule stagesDoNotReachDownstream;
    final ArchRule onlyEntryPointsReachApp;
    final ArchRule onlyCliReachesBench;
    final ArchRule eventIsAContract;
    final ArchRule oneTimeSource;
    final ArchRule watcherOutsideDaemon;
    final ArchRule confinedClassesHoldAnOwner;
    final ArchRule micrometerOnlyInMetrics;
    final ArchRule stdStreamsOnlyInCli;

    ArchRules(String root) {
        packagesAcyclic = slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
        compressAcyclic = slices().matching(root + ".compress.(*)..").should().beFreeOfCycles()
                .allowEmptyShould(true);
        utilIsLeaf = noClasses().that().resideInAPackage(root + ".util..")
                .should().dependOnClassesThat().resideOutsideOfPackages(root + ".util..", "java..", "javax..",
                        "org.slf4j..")
                .allowEmptyShould(true);
        configIsLeaf = noClasses().that().resideInAPackage(root + ".config..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "edgewatch classes outside config and util", c -> c.getPackageName().startsWith(root + ".")
                                && !c.getPackageName().startsWith(root + ".config")
                                && !c.getPackageName().startsWith(root + ".util")))
                .allowEmptyShould(true);
        daemonNeverImportsTools = noClasses().that().resideInAnyPackage(in(root, DAEMON))
                .should().dependOnClassesThat().resideInAnyPackage(root + ".compress..", root + ".bench..",
                        root + ".cli..", root + ".watch..")
                .allowEmptyShould(true);
        stagesDoNotReachDownstream = noClasses().that().resideInAnyPackage(root + ".ingest..", root + ".detect..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".schedule..", root + ".track..",
                        root + ".event..", root + ".publish..", root + ".app..", root + ".cli..")
                .allowEmptyShould(true);
        // bench drives the real daemon (app.Daemon) from outside, like cli does.
        onlyEntryPointsReachApp = noClasses().that().resideOutsideOfPackages(root + ".app..", root + ".cli..",
                        root + ".bench..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".app..", root + ".cli..")
                .allowEmptyShould(true);
        onlyCliReachesBench = noClasses().that().resideOutsideOfPackages(root + ".bench..", root + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(root + ".bench..")
                .allowEmptyShould(true);
        // track turns detections into events; event (types + codec) must not reach back into any stage.
        eventIsAContract = noClasses().that().resideInAPackage(root + ".event..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".ingest..", root + ".schedule..",
                        root + ".track..", root + ".publish..", root + ".outbox..", root + ".snapshot..",
                        root + ".app..")
                .allowEmptyShould(true);
        oneTimeSource = noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().areAssignableTo(java.time.Clock.class)
                .because("time is injected as io.edgewatch.util.TimeSource")
                .allowEmptyShould(true);
        // the fleet consumer (edgewatch watch) is a tool for operators: only the cli reaches it.
        watcherOutsideDaemon = noClasses().that().resideOutsideOfPackages(root + ".watch..", root + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(root + ".watch..")
                .allowEmptyShould(true);
        confinedClassesHoldAnOwner = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that()
                .resideInAPackage(root + "..").and().areAnnotatedWith(io.edgewatch.util.ThreadConfined.class)
                .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass>(
                        "hold a ThreadOwner that checks the confinement") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaClass c,
                                      com.tngtech.archunit.lang.ConditionEvents events) {
                        boolean has = c.getFields().stream()
                                .anyMatch(f -> f.getRawType().isEquivalentTo(io.edgewatch.util.ThreadOwner.class));
                        events.add(new com.tngtech.archunit.lang.SimpleConditionEvent(c, has,
                                c.getName() + (has ? " holds" : " does not hold") + " a ThreadOwner"));
                    }
                })
                .allowEmptyShould(true);
        micrometerOnlyInMetrics = noClasses().that().resideOutsideOfPackage(root + ".metrics..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .allowEmptyShould(true);
        stdStreamsOnlyInCli = noClasses().that().resideOutsideOfPackage(root + ".cli..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .allowEmptyShould(true);
    }

    private static String[] in(String root, String[] packages) {
        String[] out = new String[packages.length];
        for (int i = 0; i < packages.length; i++) {
            out[i] = root + "." + packages[i] + "..";
        }
        return out;
    }
}
