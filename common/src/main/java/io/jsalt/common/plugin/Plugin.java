package io.jsalt.common.plugin;

/**
 * A module discovered with {@link java.util.ServiceLoader} through its family's service
 * interface ({@link ExecutionPlugin}, {@link StatePlugin}, {@link RunnerPlugin}, which say
 * the family). It names itself once, and may say why it cannot run on this host. Its functions
 * are its public methods annotated with {@link Fn}, each taking one {@link Call}.
 */
public interface Plugin {
    /** The module name users type: {@code test} in {@code test.ping}. */
    String name();

    Family family();

    /** One or two sentences on what the module is for; {@code sys.doc} prints it. */
    String doc();

    /**
     * Null when the module can run here, otherwise the reason it cannot (Salt's
     * {@code __virtual__} returning False). Called when the registry is built, and again by
     * {@link Registry#refresh} while it says the module cannot run.
     */
    default String unavailableReason(Context ctx) {
        return null;
    }
}
