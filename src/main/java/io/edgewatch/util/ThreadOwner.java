package io.edgewatch.util;

/**
 * The run-time half of {@link ThreadConfined}: the first thread that calls {@link #check()} owns the object; a
 * later call from another thread fails. Meant for {@code assert owner.check();} so production pays nothing.
 */
public final class ThreadOwner {
    private final String what;
    private volatile Thread owner;

    public ThreadOwner(String what) {
        this.what = what;
    }

    /** True when called from the owner (claiming ownership on the first call); throws otherwise. */
    public boolean check() {
        Thread me = Thread.currentThread();
        Thread o = owner;
        if (o == null) {
            synchronized (this) {
                if (owner == null) {
                    owner = me;
                }
                o = owner;
            }
        }
        if (o != me) {
            throw new IllegalStateException(what + " is confined to thread '" + o.getName() + "' but was called from '"
                    + me.getName() + "'");
        }
        return true;
    }

    /** Hands ownership to the calling thread, e.g. to shutdown after the owning thread has been joined. */
    public synchronized void transfer() {
        owner = Thread.currentThread();
    }
}
