package io.edgewatch.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadOwnerTest {
    @Test
    void theFirstCallerOwnsAndAnotherThreadIsRefused() throws Exception {
        ThreadOwner owner = new ThreadOwner("stage");
        assertThat(owner.check()).isTrue();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                owner.check();
            } catch (Throwable t) {
                seen.set(t);
            }
        }, "intruder");
        other.start();
        other.join();
        assertThat(seen.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stage").hasMessageContaining("intruder");
    }

    @Test
    void transferMovesOwnershipToTheCaller() throws Exception {
        ThreadOwner owner = new ThreadOwner("stage");
        Thread first = new Thread(owner::check, "first");
        first.start();
        first.join();
        assertThatThrownBy(owner::check).isInstanceOf(IllegalStateException.class);
        owner.transfer();
        assertThat(owner.check()).isTrue();
    }
}
