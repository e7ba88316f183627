package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.testing.FakeTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The decoder loop against scripted sources and fake time; the real FFmpeg path is in FileIngestIT. */
class CameraIngestTest {
    private static final IngestOptions OPTIONS = IngestOptions.defaults()
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    /** Opens (or throws), then serves {@code frames} 4x2 pictures, then ends or throws. */
    private static class ScriptedSource implements FrameSource {
        private final IOException openError;
        private final int frames;
        private final long declared;
        private final IOException endError;
        private int served;
        final java.util.Set<byte[]> distinctBuffers =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        volatile boolean closed;

        ScriptedSource(IOException openError, int frames, long declared, IOException endError) {
            this.openError = openError;
            this.frames = frames;
            this.declared = declared;
            this.endError = endError;
        }

        @Override public void open() throws IOException { if (openError != null) throw openError; }
        @Override public double frameRate() { return 10; }
        @Override public long declaredFrames() { return declared; }
        @Override public void close() { closed = true; }

        int converted;

        @Override
        public boolean grab() throws IOException {
            if (served == frames) {
                if (endError != null) throw endError;
                return false;
            }
            served++;
            return true;
        }

        @Override
        public Picture picture(IntFunction<byte[]> buffers) {
            converted++;
            byte[] b = buffers.apply(4 * 2 * 3);
            distinctBuffers.add(b);
            b[0] = (byte) served;
            return new Picture(4, 2, b);
        }
    }

    private static CameraConfig camera(String name, String url, boolean loop) {
        return CameraConfig.builder(name).url(url).loop(loop).detectFps(1.0).build();
    }

    @Test
    void liveSourceReconnectsWithGrowingBackoffAndRecovers() {
        FakeTime ticker = new FakeTime();
        AtomicInteger attempts = new AtomicInteger();
        List<ScriptedSource> made = new ArrayList<>();
        FrameSource.Factory factory = (cam, opt) -> {
            ScriptedSource s = attempts.incrementAndGet() <= 3
                    ? new ScriptedSource(new IOException("Connection refused rtsp://u:secret@cam/1"), 0, 0, null)
                    : new ScriptedSource(null, 5, 0, null);
            made.add(s);
            return s;
        };
        CameraIngest ingest = new CameraIngest(camera("door", "rtsp://u:secret@cam/1", false), OPTIONS, ticker,
                factory, () -> 0.0);
        ingest.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> ingest.stats().framesDecoded() >= 5);
        ingest.close();
        // three failed opens waited 100 + 200 + 400 ms; the stream's end then starts again at 100 ms
        assertThat(ticker.slept()).isGreaterThanOrEqualTo(700_000_000L);
        assertThat(ingest.stats().decodeErrors()).isGreaterThanOrEqualTo(3); // + each end of the live stream
        assertThat(ingest.stats().reconnects()).isGreaterThanOrEqualTo(3);
        assertThat(made).allSatisfy(s -> assertThat(s.closed).isTrue());
        assertThat(ingest.status().state()).isEqualTo(IngestState.STOPPED);
        assertThat(ingest.isRunning()).isFalse();
    }

    @Test
    void backoffReasonIsRedactedAndNamesTheFailure() {
        FakeTime ticker = new FakeTime();
        CameraIngest ingest = new CameraIngest(camera("yard", "rtsp://admin:hunter2@cam/1", false), OPTIONS,
                ticker, (c, o) -> new ScriptedSource(new IOException("could not open " + c.url()), 0, 0, null),
                () -> 0.0);
        ingest.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> ingest.stats().decodeErrors() >= 2);
        IngestStatus status = ingest.status();
        ingest.close();
        assertThat(status.state()).isIn(IngestState.BACKOFF, IngestState.CONNECTING);
        assertThat(status.reason()).doesNotContain("hunter2");
    }

    @Test
    void neverOpensAgainAfterClose() throws Exception {
        FakeTime ticker = new FakeTime();
        AtomicInteger opens = new AtomicInteger();
        CameraIngest ingest = new CameraIngest(camera("gate", "rtsp://cam/2", false), OPTIONS, ticker,
                (c, o) -> { opens.incrementAndGet(); return new ScriptedSource(new IOException("down"), 0, 0, null); },
                () -> 0.5);
        ingest.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> opens.get() >= 3);
        ingest.close();
        int after = opens.get();
        Thread.sleep(100); // would be ample time for the fake-time loop to open many more
        assertThat(opens.get()).isEqualTo(after);
        assertThat(ingest.status().state()).isEqualTo(IngestState.STOPPED);
        assertThatThrownBy(ingest::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void runtimeExceptionsFromTheSourceAreContainedAndRetried() {
        FakeTime ticker = new FakeTime();
        AtomicInteger opens = new AtomicInteger();
        FrameSource.Factory factory = (c, o) -> {
            if (opens.incrementAndGet() == 1) {
                throw new IllegalStateException("native glitch");
            }
            return new ScriptedSource(null, 3, 0, null);
        };
        CameraIngest ingest = new CameraIngest(camera("lobby", "rtsp://cam/3", false), OPTIONS, ticker, factory,
                () -> 0.0);
        ingest.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> ingest.stats().framesDecoded() >= 3);
        ingest.close();
        assertThat(ingest.stats().decodeErrors()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void fileIsPacedToItsFrameRateAndStopsAtTheEnd() {
        FakeTime ticker = new FakeTime();
        CameraIngest ingest = new CameraIngest(camera("clip", "clip.mp4", false), OPTIONS, ticker,
                (c, o) -> new ScriptedSource(null, 20, 20, null), () -> 0.0);
        ingest.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> ingest.status().state() == IngestState.STOPPED);
        assertThat(ingest.status().reason()).contains("end of file after 20 frames");
        assertThat(ingest.stats().framesDecoded()).isEqualTo(20);
        // 19 intervals of 100 ms at 10 fps, no backoff involved, then the wait until 1 ms before a 21st frame would
        // have been due (decoding starts just in time: see the next test) before the end of the file shows
        assertThat(ticker.slept()).isEqualTo(19 * 100_000_000L + 99_000_000L);
        assertThat(ingest.mailbox().poll().sequence()).isEqualTo(19);
        ingest.close();
    }

    @Test
    void aFileCameraDecodesItsNextFrameJustBeforeItIsDueNotRightAfterAHandOff() {
        FakeTime ticker = new FakeTime();
        long start = ticker.nanos();
        List<Long> grabs = new CopyOnWriteArrayList<>();
        CameraIngest ingest = new CameraIngest(camera("clip", "clip.mp4", false), OPTIONS, ticker,
                (c, o) -> new ScriptedSource(null, 5, 5, null) {
                    @Override
                    public boolean grab() throws IOException {
                        grabs.add(ticker.nanos() - start);
                        ticker.advanceNanos(2_000_000L); // decoding takes 2 ms
                        return super.grab();
                    }
                }, () -> 0.0);
        ingest.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> ingest.status().state() == IngestState.STOPPED);
        // Frame n is due at 2 ms (the first frame's end of decoding) + n x 100 ms; each later decode starts twice the
        // last decode time + 1 ms before that, not at once after the frame before was handed over.
        assertThat(grabs).containsExactly(0L, 97_000_000L, 197_000_000L, 297_000_000L, 397_000_000L, 497_000_000L);
        assertThat(ingest.mailbox().poll().decodedNanos() - start).isEqualTo(402_000_000L);
        ingest.close();
    }

    @Test
    void loopingFileRestartsWithoutCountingReconnects() {
        FakeTime ticker = new FakeTime();
        AtomicInteger opens = new AtomicInteger();
        CameraIngest ingest = new CameraIngest(camera("demo", "clip.mp4", true), OPTIONS, ticker,
                (c, o) -> { opens.incrementAndGet(); return new ScriptedSource(null, 5, 5, null); }, () -> 0.0);
        ingest.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> ingest.stats().framesDecoded() >= 23);
        ingest.close();
        assertThat(opens.get()).isGreaterThanOrEqualTo(5);
        assertThat(ingest.stats().reconnects()).isZero();
        assertThat(ingest.stats().decodeErrors()).isZero();
    }

    @Test
    void truncatedNonLoopingFileFailsWithAClearReason() {
        FakeTime ticker = new FakeTime();
        CameraIngest ingest = new CameraIngest(camera("cut", "cut.mp4", false), OPTIONS, ticker,
                (c, o) -> new ScriptedSource(null, 30, 300, null), () -> 0.0);
        ingest.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> ingest.status().state() == IngestState.FAILED);
        assertThat(ingest.status().reason()).contains("frame 30 of 300").contains("truncated");
        assertThat(ingest.stats().decodeErrors()).isEqualTo(1);
        ingest.close();
        assertThat(ingest.status().state()).isEqualTo(IngestState.FAILED);
    }

    @Test
    void replacedFramesLendTheirBuffersToLaterFrames() {
        FakeTime ticker = new FakeTime();
        ScriptedSource source = new ScriptedSource(null, 50, 50, null);
        CameraIngest ingest = new CameraIngest(camera("pool", "pool.mp4", false), OPTIONS, ticker,
                (c, o) -> source, () -> 0.0);
        ingest.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> ingest.status().state() == IngestState.STOPPED);
        VideoFrame last = ingest.mailbox().poll();
        assertThat(last.sequence()).isEqualTo(49);
        assertThat(last.bgr()[0]).as("pixels of the newest frame are intact").isEqualTo((byte) 50);
        assertThat(ingest.stats().framesDropped()).isEqualTo(49);
        assertThat(source.distinctBuffers).as("buffers of dropped frames are reused").hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void framesTheConsumerWillPassByAreDecodedButNeitherConvertedNorOffered() {
        FakeTime ticker = new FakeTime();
        ScriptedSource source = new ScriptedSource(null, 20, 20, null);
        CameraIngest ingest = new CameraIngest(camera("gate", "gate.mp4", false), OPTIONS, ticker,
                (c, o) -> source, () -> 0.0);
        // The consumer's next slot opens in 1 s; the file plays at 10 fps, so frame k is decoded at k × 100 ms.
        ingest.mailbox().wantFrom(ticker.nanos() + 1_000_000_000L);
        ingest.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> ingest.status().state() == IngestState.STOPPED);
        assertThat(ingest.stats().framesDecoded()).isEqualTo(20);
        // frame 0 (the first, which also gives the stream's size) and frames 10..19
        assertThat(source.converted).isEqualTo(11);
        assertThat(ingest.mailbox().offered()).isEqualTo(11);
        VideoFrame last = ingest.mailbox().poll();
        assertThat(last.sequence()).as("sequence numbers count decoded frames").isEqualTo(19);
        assertThat(last.bgr()[0]).isEqualTo((byte) 20);
    }
}
