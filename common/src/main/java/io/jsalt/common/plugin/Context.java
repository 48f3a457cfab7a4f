package io.jsalt.common.plugin;

import java.util.Map;
import org.slf4j.Logger;

/**
 * Everything a plugin function may use, passed explicitly: no globals.
 *
 * @param opts      the daemon's configuration (minion or master), read-only by convention
 * @param grains    this host's grains
 * @param pillar    this minion's pillar (empty on the master's runners)
 * @param functions the execution function table, to call other modules ({@code salt[...]})
 * @param test      dry-run flag: change nothing, report what would change
 * @param jid       the job this call belongs to, or null outside a job
 * @param log       the logger for this module
 * @param services  host-provided services (master link, grains store, job registry)
 */
public record Context(
        Map<String, Object> opts,
        Map<String, Object> grains,
        Map<String, Object> pillar,
        Functions functions,
        boolean test,
        String jid,
        Logger log,
        Services services) {

    /** Returns a copy with a different test flag, jid and logger. */
    public Context with(boolean newTest, String newJid, Logger newLog) {
        return new Context(opts, grains, pillar, functions, newTest, newJid, newLog, services);
    }

    /**
     * Returns a copy with different pillar (pillar={...} overrides, refreshed pillar). The
     * functions it calls (a template's {@code salt['pillar.get']}) see that pillar too.
     */
    public Context withPillar(Map<String, Object> newPillar) {
        Functions rebound = functions == null ? null : functions.with(c -> c.withPillar(newPillar));
        return new Context(opts, grains, newPillar, rebound, test, jid, log, services);
    }

    /** Returns a copy with different services (a call's own, see {@link Services#with}). */
    public Context withServices(Services newServices) {
        return new Context(opts, grains, pillar, functions, test, jid, log, newServices);
    }

    /** The service of the given type; fails with a clear message if the host has none. */
    public <T> T service(Class<T> type) {
        return services.get(type);
    }
}
