package io.jsalt.common.output;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notices the salt CLI prints for targeted minions that did not answer
 * (salt.client.LocalClient.get_cli_event_returns). Salt hands them to the display code as
 * {@code {minion_id: message}} with out="no_return" and retcode 1 (EX_GENERIC), so they
 * go through the no_return outputter unless {@code --out} named another one.
 */
public final class NoReturn {
    /** Salt's retcode for a minion that did not return (salt.defaults.exitcodes.EX_GENERIC). */
    public static final int RETCODE = 1;

    private NoReturn() {}

    /** The minion is connected but did not answer before the timeout. */
    public static String noResponse(String jid) {
        return "Minion did not return. [No response]"
                + "\nThe minions may not have all finished running and any remaining minions will"
                + " return upon completion. To look up the return data for this job later, run the"
                + " following command:\n\njsalt-run jobs.lookup_jid " + jid;
    }

    /** The minion has no live connection to the master. */
    public static String notConnected() {
        return "Minion did not return. [Not connected]";
    }

    /** The data Salt outputs for the notice: {@code {minion_id: message}}. */
    public static Map<String, Object> data(String minionId, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(minionId, message);
        return m;
    }

    /**
     * The text the CLI prints for the notice: through the outputter the user named with
     * {@code --out} (null when none was named, then Salt's no_return outputter), with the
     * notice's retcode. {@code --out=highstate} also gets no_return, as in Salt.
     */
    public static String display(String minionId, String message, String requestedOut, OutputOptions opts) {
        // get_printout ignores --out=highstate here: highstate cannot show a bare string.
        boolean own = requestedOut == null || requestedOut.isEmpty() || requestedOut.equals("highstate");
        Outputter out = Outputters.get(own ? "no_return" : requestedOut);
        return Display.text(out, data(minionId, message), opts.withRetcode(RETCODE));
    }
}
