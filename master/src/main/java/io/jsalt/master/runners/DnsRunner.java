package io.jsalt.master.runners;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.RunnerPlugin;
import io.jsalt.master.dns.DnsHub;
import io.jsalt.master.dns.ZoneState;
import io.jsalt.master.hub.MasterPillar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** The DNS hub from the command line: show the zone, reload pillar into it. */
public final class DnsRunner implements RunnerPlugin {
    @Override
    public String name() {
        return "dns";
    }

    @Override
    public String doc() {
        return "The master's authoritative DNS zone for the fleet (dns_hub in the master config).";
    }

    @Fn(doc = """
            Reload the master's pillar and rebuild the zone now (the master also does it by itself when a pillar file \
            changes). Returns the zone, its serial, the record count and whether it changed; pillar_errors when the \
            pillar failed to render (the zone then keeps the last good pillar).""",
            example = "jsalt-run dns.refresh")
    public Object refresh(Call c) {
        DnsHub hub = hub(c);
        long before = hub.current().serial();
        // Through the master's one copy of its pillar, so the rsync hub sees the same compile.
        ZoneState z = c.ctx().services().find(MasterPillar.class).map(p -> {
            p.reload();
            return hub.current();
        }).orElseGet(hub::refresh);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("zone", hub.config().zone().toString(true));
        out.put("serial", z.serial());
        out.put("records", (long) z.records().size());
        out.put("changed", z.serial() != before);
        if (!hub.pillarErrors().isEmpty()) {
            out.put("pillar_errors", new ArrayList<Object>(hub.pillarErrors()));
        }
        return out;
    }

    @Fn(doc = "Print the zone as served now, in BIND master-file format.", example = "jsalt-run dns.zone")
    public Object zone(Call c) {
        return hub(c).masterFile();
    }

    static DnsHub hub(Call c) {
        return c.ctx().services().find(DnsHub.class).orElseThrow(() -> new CommandExecutionError(
                "The DNS hub is not enabled: set dns_hub (zone, listen, port) in the master config"));
    }
}
