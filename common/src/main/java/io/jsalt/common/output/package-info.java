/**
 * Salt's CLI outputters, byte for byte as Salt 3006 prints them.
 *
 * <p>How the salt CLI drives them (salt/cli/salt.py), which jsalt's CLI should copy:
 * each minion's return is printed as it arrives, as its own one-key dict, with that
 * return's retcode: {@code Display.text(Outputters.get(out), Map.of(id, ret),
 * opts.withRetcode(rc))}. With {@code --static} all returns are gathered into one map and
 * printed once at the end (Salt passes no retcode then). Minions that did not return are
 * printed with {@link io.jsalt.common.output.NoReturn#display}.
 *
 * <p>Further outputters (highstate) plug in with {@link io.jsalt.common.output.Outputters#register}
 * or a {@code META-INF/services/io.jsalt.common.output.Outputter} entry.
 */
package io.jsalt.common.output;
