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

    /** The text an outputter makes of data: a built-in's whole behaviour, named in {@link Outputters}' table. */
    @FunctionalInterface
    interface Format {
        String format(Object data, OutputOptions opts);
    }

    /** An outputter made of a name and a {@link Format}. */
    static Outputter of(String name, Format format) {
        return new Named(name, format);
    }

    /** See {@link #of}. */
    record Named(String name, Format how) implements Outputter {
        @Override
        public String format(Object data, OutputOptions opts) {
            return how.format(data, opts);
        }
    }
}
