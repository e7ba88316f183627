package io.edgewatch.util;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose mutable state belongs to one thread (named by {@link #value()}, as in docs/architecture.md).
 * Such a class holds a {@link ThreadOwner} and asserts it in its entry points, so tests (run with assertions on)
 * fail when another thread calls in; the architecture test checks that every marked class has one.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ThreadConfined {
    /** The owning thread's name or name pattern, e.g. {@code "detect"} or {@code "mqtt-publisher-<device>"}. */
    String value();
}
