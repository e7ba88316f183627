package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.testing.FakeTime;
import io.edgewatch.util.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The debounce before a replaced model file is tried: stable size and mtime for a second, and new content. */
class ModelFileCheckTest {
    @TempDir
    Path dir;

    /** Fake time whose every sleep lets a "writer" append to the file, the first {@code writes} times. */
    private static TimeSource copying(FakeTime fake, Path file, int writes, AtomicInteger written) {
        return new TimeSource() {
            public long nanos() {
                return fake.nanos();
            }

            public Instant now() {
                return fake.now();
            }

            public void sleepNanos(long n) throws InterruptedException {
                fake.sleepNanos(n);
                if (written.get() < writes) {
                    try {
                        Files.write(file, new byte[4096], StandardOpenOption.APPEND);
                        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000L + written.incrementAndGet()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
    }

    @Test
    void aFileThatStopsChangingIsTakenOneStableSecondAfterTheLastWrite() throws Exception {
        Path file = Files.write(dir.resolve("m.onnx"), new byte[100]);
        FakeTime fake = new FakeTime();
        AtomicInteger written = new AtomicInteger();
        ModelFileCheck check = new ModelFileCheck(copying(fake, file, 7, written));

        assertThat(check.awaitStable(file)).isTrue();
        assertThat(written.get()).isEqualTo(7);
        long lastWriteSeen = 7 * ModelFileCheck.POLL_NANOS;
        assertThat(fake.slept()).isGreaterThanOrEqualTo(lastWriteSeen + ModelFileCheck.STABLE_NANOS)
                .isLessThan(lastWriteSeen + ModelFileCheck.STABLE_NANOS + 2 * ModelFileCheck.POLL_NANOS);
    }

    @Test
    void aFileStillBeingWrittenAfterTheMaximumWaitIsLeftForItsNextChange() throws Exception {
        Path file = Files.write(dir.resolve("m.onnx"), new byte[100]);
        FakeTime fake = new FakeTime();
        ModelFileCheck check = new ModelFileCheck(copying(fake, file, Integer.MAX_VALUE, new AtomicInteger()));

        assertThat(check.awaitStable(file)).isFalse();
        assertThat(fake.slept()).isGreaterThan(ModelFileCheck.MAX_WAIT_NANOS)
                .isLessThan(ModelFileCheck.MAX_WAIT_NANOS + 2 * ModelFileCheck.POLL_NANOS);
    }

    @Test
    void aMissingFileIsNotWaitedFor() throws Exception {
        FakeTime fake = new FakeTime();
        assertThat(new ModelFileCheck(fake).awaitStable(dir.resolve("gone.onnx"))).isFalse();
        assertThat(fake.sleeps()).isZero();
    }

    @Test
    void onlyNewContentIsWorthATrialAndEachContentOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("m.onnx"), "serving model");
        String serving = DetectorFactory.sha256(file);
        ModelFileCheck check = new ModelFileCheck(new FakeTime());

        assertThat(check.worthTrying(file, serving)).as("same bytes as the serving model").isNull();
        Files.writeString(file, "candidate model");
        String candidate = check.worthTrying(file, serving);
        assertThat(candidate).isEqualTo(DetectorFactory.sha256(file)).isNotEqualTo(serving);

        Files.setLastModifiedTime(file, FileTime.fromMillis(42_000L)); // touch: same content again
        assertThat(check.worthTrying(file, serving)).as("a refused file touched").isNull();
        Files.writeString(file, "fixed candidate model");
        assertThat(check.worthTrying(file, serving)).isNotNull().isNotEqualTo(candidate);
        assertThat(check.worthTrying(dir.resolve("gone.onnx"), serving)).isNull();
    }
}
