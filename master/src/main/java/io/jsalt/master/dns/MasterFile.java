package io.jsalt.master.dns;

import io.jsalt.common.net.Ip;
import java.util.Iterator;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * A zone as a BIND master file: {@code $ORIGIN} and {@code $TTL} first, then one record
 * per line (name, TTL, class, type, data, tab-separated), SOA and NS before the rest, and
 * IPv6 addresses in their short form as named-compilezone prints them.
 */
final class MasterFile {
    private MasterFile() {}

    static String format(Zone zone, long ttl) {
        StringBuilder sb = new StringBuilder();
        sb.append("$ORIGIN ").append(zone.getOrigin()).append('\n');
        sb.append("$TTL ").append(ttl).append('\n');
        for (Iterator<RRset> it = zone.AXFR(); it.hasNext(); ) {
            RRset set = it.next();
            for (Record r : set.rrs()) {
                if (set.getType() == Type.SOA && sb.indexOf("\tSOA\t") >= 0) {
                    continue; // AXFR order ends with the SOA again
                }
                sb.append(r.getName()).append('\t').append(r.getTTL()).append('\t').append(DClass.string(r.getDClass()))
                        .append('\t').append(Type.string(r.getType())).append('\t').append(rdata(r)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String rdata(Record r) {
        if (r instanceof AAAARecord a) {
            return Ip.format(a.getAddress());
        }
        return r.rdataToString();
    }
}
