package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Salt's dnsutil module: the zone serial kept in a grain. */
public final class DnsutilModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "dnsutil";
    }

    @Override
    public String doc() {
        return "Compendium of generic DNS utilities.";
    }

    @Fn(doc = """
            Return, store and update a dns serial for your zone files.

            zone
                A keyword for a specific zone.
            update
                Store an updated version of the serial in a grain.

            If update is False, return the stored serial, or the current date (YYYYMMDD01) if no serial is stored; \
            nothing is stored. If update is True, set the serial to the current date if none exists or the stored one \
            is for a previous date; a stored serial for the current date or later is incremented.

            The serial is stored in the grain dnsserial_<zone> (dnsserial without a zone), which can also be set \
            explicitly.""",
            example = """
            jsalt '*' dnsutil.serial example.com
            jsalt '*' dnsutil.serial example.com update=True""")
    public Object serial(Call c) {
        String zone = c.str(0, "zone", "");
        String key = zone.isEmpty() ? "dnsserial" : "dnsserial_" + zone;
        Object storedObj = c.salt("grains.get", List.of(key), Map.of());
        String stored = storedObj == null ? "" : String.valueOf(storedObj);
        String present = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + "01";
        if (!c.bool(1, "update", false)) {
            return stored.isEmpty() ? present : storedObj;
        }
        String current = !stored.isEmpty() && stored.compareTo(present) >= 0
                ? String.valueOf(Long.parseLong(stored.trim()) + 1) : present;
        c.salt("grains.setval", List.of(key, current), Map.of());
        return current;
    }
}
