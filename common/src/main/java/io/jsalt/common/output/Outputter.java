package io.jsalt.common.output;

/**
 * One of Salt's CLI outputters ({@code --out NAME}). An outputter turns model data into the
 * text Salt's {@code output(data)} function returns; {@link Display} then trims and prints it
 * as {@code salt.output.display_output} does.
 */
public interface Outputter {

    /** The name given to {@code --out}, e.g. {@code nested}. */
    String name();

    /** The text for data, exactly as Salt's outputter of the same name returns it. */
    String format(Object data, OutputOptions opts);
}
