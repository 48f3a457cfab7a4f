package io.jsalt.master.jobs;

import java.util.List;
import java.util.Map;

/**
 * What the jsalt CLI asks the master to run.
 *
 * @param tgt        the target expression
 * @param tgtType    Salt's tgt_type name (glob, pcre, list, grain, ...)
 * @param fun        the function, {@code test.ping}
 * @param args       positional arguments, already typed
 * @param kwargs     keyword arguments, already typed
 * @param timeoutSec seconds to wait before asking missing minions whether they still run it
 * @param user       who asked (for the job cache)
 */
public record PublishSpec(String tgt, String tgtType, String fun, List<Object> args, Map<String, Object> kwargs,
                          long timeoutSec, String user) {}
