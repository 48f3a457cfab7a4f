package io.jsalt.master.runners;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.RunnerPlugin;
import io.jsalt.master.dns.DnsHub;
import io.jsalt.master.rsync.RsyncHub;
import java.util.LinkedHashMap;
import java.util.Map;

/** The state of the master's hub services: the rsync daemon and its modules, the DNS zone. */
public final class HubRunner implements RunnerPlugin {
    @Override
    public String name() {
        return "hub";
    }

    @Override
    public String doc() {
        return "Status of the fleet hub services the master runs (rsync daemon, DNS zone).";
    }

    @Fn(doc = """
            Show the rsync hub (its modules without secrets, and the daemon's state, pid, restarts and last exit \
            status) and the DNS hub (zone, port, serial, records, and masterdb_error: why pillar's masterdb is not \
            served). A hub that is not configured shows as disabled.""",
            example = "jsalt-run hub.status")
    public Object status(Call c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rsync", c.ctx().services().find(RsyncHub.class).map(RsyncHub::status)
                .orElse(disabled("rsync_hub")));
        out.put("dns", c.ctx().services().find(DnsHub.class).map(DnsHub::status).orElse(disabled("dns_hub")));
        return out;
    }

    private static Map<String, Object> disabled(String option) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", "disabled");
        m.put("comment", "set " + option + " in the master config to enable it");
        return m;
    }
}
