package io.edgewatch.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real, tiny filesystem for disk-full tests: a tmpfs of {@code size} mounted on a fresh directory before each
 * test and unmounted after it. Needs root (CI and these machines run as root); elsewhere the test is skipped.
 */
public final class TinyTmpfs implements BeforeEachCallback, AfterEachCallback {
    private final String size;
    private Path dir;
    private boolean mounted;

    /** @param size tmpfs size option, e.g. {@code 300k} */
    public TinyTmpfs(String size) {
        this.size = size;
    }

    /** The mount point. */
    public Path dir() {
        return dir;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("edgewatch-tmpfs-");
        mounted = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root): disk-full test skipped");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (mounted && run("umount", dir.toString()) != 0) {
            run("umount", "-l", dir.toString());
        }
        Files.deleteIfExists(dir);
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
