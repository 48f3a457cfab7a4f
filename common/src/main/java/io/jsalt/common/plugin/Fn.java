package io.jsalt.common.plugin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a plugin method as a function users can call. The method is public, takes one
 * {@link Call} and returns data in the model of {@link io.jsalt.common.data.Data}.
 *
 * <p>Functions that differ only in one value ({@code service.start} and {@code service.stop}
 * run the same command with another verb) are one method with one {@code @Fn} each, every
 * one naming its function; the method reads which was called from {@link Call#function()}.
 * An alias ({@code cmd.watch} of {@code cmd.wait}) is one more {@code @Fn} on its function.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Fn.Several.class)
public @interface Fn {
    /**
     * The function name when it differs from the method name (Java keywords, dashes); required
     * on each of several {@code @Fn} on one method.
     */
    String name() default "";

    /**
     * What the function does and its arguments. More than one line is a text block laid out as the
     * Salt docstring reads: one doc line a source line, {@code \} where a long line goes on.
     */
    String doc();

    /**
     * How it is called: a CLI line for execution functions, an SLS snippet for states (a text block
     * when it has several lines).
     */
    String example();

    /** The container of several {@code @Fn} on one method; written by the compiler. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Several {
        Fn[] value();
    }
}
