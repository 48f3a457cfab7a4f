package io.jsalt.common.plugin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a plugin method as a function users can call. The method is public, takes one
 * {@link Call} and returns data in the model of {@link io.jsalt.common.data.Data}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Fn {
    /** The function name when it differs from the method name (Java keywords, dashes). */
    String name() default "";

    /** What the function does and its arguments. */
    String doc();

    /** How it is called: a CLI line for execution functions, an SLS snippet for states. */
    String example();
}
