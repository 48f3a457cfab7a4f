package io.jsalt.tools.bench;

/**
 * The yardstick of the CLI start benchmark: a bare JVM that prints "hello", started with the
 * same JDK as {@code bin/jsalt} (jsalt-bench compares the two, run in turn).
 */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
