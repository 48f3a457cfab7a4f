package io.jsalt.master.dns;

import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.Zone;

/** One published version of the zone; replaced whole when the zone changes. */
public record ZoneState(Zone zone, long serial, List<Record> records, List<String> warnings, long builtAtMillis) {}
