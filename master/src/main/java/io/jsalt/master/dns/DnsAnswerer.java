package io.jsalt.master.dns;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * Answers one DNS query: authoritatively for names in the zone (AA set; NXDOMAIN or NODATA
 * with the SOA for negative caching), through the forwarders for everything else, or
 * REFUSED when there are none. Zone transfers are refused: {@code jsalt-run dns.zone}
 * shows the zone to whoever may run it.
 */
public final class DnsAnswerer {
    private static final Logger log = LoggerFactory.getLogger(DnsAnswerer.class);
    /** The EDNS payload size we advertise (the DNS flag day 2020 value). */
    static final int EDNS_PAYLOAD = 1232;

    private final Supplier<ZoneState> zone;
    private final Resolver forwarder;

    /** @param forwarder null when there are no forwarders */
    public DnsAnswerer(Supplier<ZoneState> zone, Resolver forwarder) {
        this.zone = zone;
        this.forwarder = forwarder;
    }

    /** The response, or null for a message that gets none (a response sent to us). */
    public CompletableFuture<Message> answer(Message query) {
        return respond(query).thenApply(r -> {
            // We offer recursion exactly when there is somewhere to send it.
            if (r != null && forwarder != null) {
                r.getHeader().setFlag(Flags.RA);
            }
            return r;
        });
    }

    private CompletableFuture<Message> respond(Message query) {
        if (query.getHeader().getFlag(Flags.QR)) {
            return CompletableFuture.completedFuture(null);
        }
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            return CompletableFuture.completedFuture(error(query, Rcode.NOTIMP));
        }
        if (question == null) {
            return CompletableFuture.completedFuture(error(query, Rcode.FORMERR));
        }
        ZoneState z = zone.get();
        Name origin = z.zone().getOrigin();
        if (question.getName().subdomain(origin)) {
            return CompletableFuture.completedFuture(authoritative(query, question, z.zone()));
        }
        if (forwarder == null) {
            return CompletableFuture.completedFuture(error(query, Rcode.REFUSED));
        }
        return forward(query);
    }

    private Message authoritative(Message query, Record question, Zone zone) {
        int type = question.getType();
        int dclass = question.getDClass();
        if (dclass != DClass.IN && dclass != DClass.ANY) {
            return error(query, Rcode.REFUSED);
        }
        if (type == Type.AXFR || type == Type.IXFR) {
            return error(query, Rcode.REFUSED);
        }
        Message r = reply(query);
        r.getHeader().setFlag(Flags.AA);
        if (type == Type.ANY) {
            boolean found = false;
            for (RRset set : zone) {
                if (set.getName().equals(question.getName())) {
                    addSet(r, set, Section.ANSWER);
                    found = true;
                }
            }
            if (!found) {
                negative(r, zone, zone.findRecords(question.getName(), Type.A).isNXDOMAIN());
            }
            return r;
        }
        SetResponse sr = zone.findRecords(question.getName(), type);
        if (sr.isSuccessful()) {
            for (RRset set : sr.answers()) {
                addSet(r, set, Section.ANSWER);
            }
        } else {
            negative(r, zone, sr.isNXDOMAIN());
        }
        return r;
    }

    private static void negative(Message r, Zone zone, boolean nxdomain) {
        if (nxdomain) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        r.addRecord(zone.getSOA(), Section.AUTHORITY);
    }

    private static void addSet(Message r, RRset set, int section) {
        for (Record rec : set.rrs()) {
            r.addRecord(rec, section);
        }
    }

    private CompletableFuture<Message> forward(Message query) {
        Message out = query.clone();
        CompletableFuture<Message> f = new CompletableFuture<>();
        forwarder.sendAsync(out).whenComplete((resp, err) -> {
            if (err != null || resp == null) {
                log.debug("Forwarding {} failed: {}", query.getQuestion(), err == null ? "no answer" : err.toString());
                f.complete(error(query, Rcode.SERVFAIL));
                return;
            }
            resp.getHeader().setID(query.getHeader().getID());
            f.complete(resp);
        });
        return f;
    }

    /** An empty response to the query: same id, question, RD copied, EDNS echoed. */
    static Message reply(Message query) {
        Message r = new Message(query.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
        }
        if (query.getQuestion() != null) {
            r.addRecord(query.getQuestion(), Section.QUESTION);
        }
        if (query.getOPT() != null) {
            r.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        return r;
    }

    static Message error(Message query, int rcode) {
        Message r = reply(query);
        r.getHeader().setRcode(rcode);
        return r;
    }
}
