package io.jsalt.master.dns;

import java.net.InetAddress;
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
            return shortV6(a.getAddress());
        }
        return r.rdataToString();
    }

    /** RFC 5952 text: lower case, the longest run of two or more zero groups as "::". */
    static String shortV6(InetAddress a) {
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
