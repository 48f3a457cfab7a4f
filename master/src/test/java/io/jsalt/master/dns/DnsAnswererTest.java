package io.jsalt.master.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

class DnsAnswererTest {
    static final Name ZONE = Name.fromConstantString("fleet.internal.");

    static ZoneState zone(int hosts) throws Exception {
        List<Record> recs = new ArrayList<>();
        recs.add(new SOARecord(ZONE, DClass.IN, 60, Name.fromString("ns1", ZONE), Name.fromString("hostmaster", ZONE),
                7, 3600, 600, 86400, 60));
        recs.add(new NSRecord(ZONE, DClass.IN, 60, Name.fromString("ns1", ZONE)));
        recs.add(new ARecord(Name.fromString("web1", ZONE), DClass.IN, 60, InetAddress.getByName("10.0.0.7")));
        for (int i = 0; i < hosts; i++) {
            recs.add(new ARecord(Name.fromString("big", ZONE), DClass.IN, 60, InetAddress.getByName("10.1." + (i / 250) + "." + (i % 250 + 1))));
        }
        return new ZoneState(new Zone(ZONE, recs.toArray(new Record[0])), 7, recs, List.of(), 0);
    }

    static Message query(String name, int type) throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        return q;
    }

    /** The answer of a hub without forwarders, serving zone(0), to one query. */
    private static Message ask(String name, int type) throws Exception {
        ZoneState z = zone(0);
        return new DnsAnswerer(() -> z, null).answer(query(name, type)).get();
    }

    @Test
    void inZoneNameIsAnsweredAuthoritatively() throws Exception {
        ZoneState z = zone(0);
        Message q = query("web1.fleet.internal.", Type.A);
        Message r = new DnsAnswerer(() -> z, null).answer(q).get();
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertTrue(r.getHeader().getFlag(Flags.AA));
        assertEquals(q.getHeader().getID(), r.getHeader().getID());
        assertEquals("10.0.0.7", ((ARecord) r.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress());
        assertFalse(r.getHeader().getFlag(Flags.RA), "no forwarders, no recursion offered");
    }

    @Test
    void missingNameIsNxdomainWithSoaForNegativeCaching() throws Exception {
        Message r = ask("nope.fleet.internal.", Type.A);
        assertEquals(Rcode.NXDOMAIN, r.getRcode());
        assertTrue(r.getHeader().getFlag(Flags.AA));
        assertEquals(Type.SOA, r.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void existingNameWithoutThatTypeIsNodata() throws Exception {
        Message r = ask("web1.fleet.internal.", Type.AAAA);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertTrue(r.getSection(Section.ANSWER).isEmpty());
        assertEquals(Type.SOA, r.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void soaAndNsAtTheApexAndAnyForAName() throws Exception {
        ZoneState z = zone(0);
        DnsAnswerer a = new DnsAnswerer(() -> z, null);
        assertEquals(7, ((SOARecord) a.answer(query("fleet.internal.", Type.SOA)).get()
                .getSection(Section.ANSWER).get(0)).getSerial());
        assertEquals(Type.NS, a.answer(query("fleet.internal.", Type.NS)).get().getSection(Section.ANSWER).get(0).getType());
        assertEquals(Type.A, a.answer(query("web1.fleet.internal.", Type.ANY)).get().getSection(Section.ANSWER).get(0).getType());
    }

    @Test
    void outsideTheZoneWithoutForwardersIsRefused() throws Exception {
        Message r = ask("example.com.", Type.A);
        assertEquals(Rcode.REFUSED, r.getRcode());
        assertFalse(r.getHeader().getFlag(Flags.AA));
    }

    @Test
    void zoneTransfersAreRefused() throws Exception {
        assertEquals(Rcode.REFUSED, ask("fleet.internal.", Type.AXFR).getRcode());
    }

    @Test
    void outsideTheZoneGoesToTheForwarderAndKeepsTheClientsId() throws Exception {
        ZoneState z = zone(0);
        List<Message> forwarded = new ArrayList<>();
        Resolver upstream = fakeResolver(q -> {
            forwarded.add(q);
            Message resp = new Message(4242);
            resp.getHeader().setFlag(Flags.QR);
            resp.getHeader().setFlag(Flags.RA);
            resp.addRecord(q.getQuestion(), Section.QUESTION);
            try {
                resp.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 300,
                        InetAddress.getByName("93.184.216.34")), Section.ANSWER);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return CompletableFuture.completedFuture(resp);
        });
        Message q = query("example.com.", Type.A);
        Message r = new DnsAnswerer(() -> z, upstream).answer(q).get();
        assertEquals(1, forwarded.size());
        assertEquals(q.getHeader().getID(), r.getHeader().getID());
        assertEquals("93.184.216.34", ((ARecord) r.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress());
    }

    @Test
    void failingForwarderGivesServfail() throws Exception {
        ZoneState z = zone(0);
        Resolver broken = fakeResolver(q -> CompletableFuture.failedFuture(new java.io.IOException("timed out")));
        assertEquals(Rcode.SERVFAIL, new DnsAnswerer(() -> z, broken).answer(query("example.com.", Type.A)).get().getRcode());
    }

    @Test
    void largeAnswerIsTruncatedForUdpWithTheTcFlag() throws Exception {
        ZoneState z = zone(100);
        Message q = query("big.fleet.internal.", Type.A);
        Message r = new DnsAnswerer(() -> z, null).answer(q).get();
        byte[] udp = r.toWire(512);
        assertTrue(udp.length <= 512);
        assertTrue(new Message(udp).getHeader().getFlag(Flags.TC));
        assertEquals(100, new Message(r.toWire()).getSection(Section.ANSWER).size());
    }

    @Test
    void ednsQueryGetsAnOptRecordBack() throws Exception {
        ZoneState z = zone(0);
        Message q = query("web1.fleet.internal.", Type.A);
        q.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        Message r = new DnsAnswerer(() -> z, null).answer(q).get();
        assertEquals(DnsAnswerer.EDNS_PAYLOAD, r.getOPT().getPayloadSize());
    }

    interface Answer {
        CompletionStage<Message> apply(Message q);
    }

    static Resolver fakeResolver(Answer a) {
        return (Resolver) java.lang.reflect.Proxy.newProxyInstance(Resolver.class.getClassLoader(),
                new Class<?>[] {Resolver.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendAsync") && args.length == 1) {
                        return a.apply((Message) args[0]);
                    }
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    return null;
                });
    }
}
