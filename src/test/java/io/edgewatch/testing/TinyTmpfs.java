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
 * {@link #readOnly} mounts it read-only: unlike permission bits, that also stops root from writing.
 */
public final class TinyTmpfs implements BeforeEachCallback, AfterEachCallback {
    private final String size;
    private final boolean readOnly;
    private Path dir;
    private boolean mounted;

    /** @param size tmpfs size option, e.g. {@code 300k} */
    public TinyTmpfs(String size) {
        this(size, false);
    }

    private TinyTmpfs(String size, boolean readOnly) {
        this.size = size;
        this.readOnly = readOnly;
    }

    /** An empty tmpfs mounted read-only. */
    public static TinyTmpfs readOnly(String size) {
        return new TinyTmpfs(size, true);
    }

    /** Remounts it read-write, as an admin fixing the mount would. */
    public void makeWritable() throws IOException, InterruptedException {
        if (run("mount", "-o", "remount,rw", dir.toString()) != 0) {
            throw new IOException("cannot remount " + dir + " read-write");
        }
    }

    /** The mount point. */
    public Path dir() {
        return dir;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("edgewatch-tmpfs-");
        String options = "size=" + size + (readOnly ? ",ro" : "");
        mounted = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()) == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root): test skipped");
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
