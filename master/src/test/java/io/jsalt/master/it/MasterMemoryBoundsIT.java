package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.Hello;
import io.jsalt.common.proto.Request;
import io.jsalt.master.keys.KeyState;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a peer can make the master hold in memory: before its key is accepted, one small
 * Hello; after, the replies to a few requests at a time, however many it sends without
 * reading the answers. Salt's master works on at most worker_threads requests at once
 * (salt/master.py, MWorker) and serves files in file_buffer_size chunks
 * (salt/fileserver/__init__.py, serve_file).
 */
class MasterMemoryBoundsIT extends FleetCase {
    private static final int MIB = 1 << 20;

    private byte[] big;

    @BeforeEach
    void start() throws Exception {
        Path fileRoot = tmp.resolve("salt");
        Files.createDirectories(fileRoot);
        big = new byte[MIB];
        new Random(7).nextBytes(big);
        Files.write(fileRoot.resolve("big.bin"), big);
        fleet = new TestFleet(tmp).startMaster(o -> o.put("file_roots", Map.of("base", List.of(fileRoot.toString()))));
    }

    private static Envelope request(long id, String method, Map<String, Object> args) {
        return Envelope.newBuilder().setId(id)
                .setRequest(Request.newBuilder().setMethod(method).setArgs(Values.toProto(args))).build();
    }

    /** An accepted peer that, as a real minion does, sends its full grains and so becomes a connected minion. */
    private RawPeer registeredPeer(String id) throws Exception {
        RawPeer p = acceptedPeer(id, KeyMaterial.generate(id));
        p.send(request(1, "grains.update", Map.of("grains", Map.of("os", "Debian"))));
        assertEquals(1, p.next().getReplyTo());
        return p;
    }

    @Test
    void aStrangerAnnouncingALargeFrameIsClosedBeforeTheMasterBuffersIt() throws Exception {
        try (RawPeer p = peer(KeyMaterial.generate("stranger"))) {
            // The length of a 1 MiB frame and its first 64 KiB; the rest is never sent.
            p.sendRaw(Unpooled.buffer().writeInt(MIB).writeBytes(new byte[64 * 1024]));
            assertTrue(p.closedByMaster(), "closed on the length alone, not after waiting for 1 MiB");
        }
        assertFalse(fleet.master().keys().list().get(KeyState.PENDING).contains("stranger"));
    }

    @Test
    void aHelloOverTheLimitIsRefusedButAnAcceptedMinionMaySendLargeMessages() throws Exception {
        try (RawPeer p = peer(KeyMaterial.generate("grainy"))) {
            p.send(Envelope.newBuilder().setId(1).setHello(Hello.newBuilder().setId("grainy")
                    .setGrains(Values.toProto(Map.of("junk", "x".repeat(32 * 1024))))).build());
            Envelope answer = p.next();
            assertTrue(answer == null || answer.getBodyCase() != Envelope.BodyCase.HELLO_ACK,
                    "a 32 KiB Hello is over max_hello_bytes (16 KiB): not read, not answered");
            assertTrue(p.closedByMaster());
        }
        assertFalse(fleet.master().keys().list().get(KeyState.PENDING).contains("grainy"));
        try (RawPeer p = acceptedPeer("accepted", KeyMaterial.generate("accepted"))) {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("tag", "big");
            args.put("data", Map.of("blob", "y".repeat(MIB)));
            p.send(request(2, "event.fire", args));
            Envelope reply = p.next();
            assertNotNull(reply, "after acceptance max_frame_bytes applies");
            assertEquals("", reply.getResponse().getError());
        }
    }

    @Test
    void aMinionThatNeverReadsItsFileRepliesCannotGrowTheMastersBuffers() throws Exception {
        fleet.acceptedMinion("honest", Map.of());
        Cli cli = new Cli(fleet.sockDir());
        try (RawPeer greedy = registeredPeer("greedy")) {
            greedy.stopReading();
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("saltenv", "base");
            args.put("path", "big.bin");
            args.put("offset", 0L);
            for (int i = 0; i < 300; i++) {
                greedy.write(request(100 + i, "file.get", args));
            }
            greedy.flush();

            TestFleet.await(() -> fleet.master().minions().connectedIds().contains("greedy"), "greedy registered");
            Channel onMaster = fleet.master().minions().get("greedy").channel();
            long most = 0;
            // Long enough for today's master to take the whole burst on a busy machine.
            long end = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < end) {
                ChannelOutboundBuffer out = onMaster.unsafe().outboundBuffer();
                most = Math.max(most, out == null ? 0 : out.totalPendingWriteBytes());
                Thread.sleep(20);
            }
            // Eight requests at a time, each answered with a 1 MiB chunk, part of it in the kernel's
            // socket buffers: about 4 MiB here. Unbounded, the 300 replies reached 300 MiB.
            assertTrue(most <= 10L * MIB, "the master held " + most / 1024 + " KiB of replies for a peer that"
                    + " does not read");

            assertEquals(Map.of("honest", true), cli.ping("honest", "glob").returns(), "honest minions answer");
            Object cached = cli.publish("honest", "glob", "cp.cache_file", List.of("salt://big.bin"), Map.of(), 20)
                    .returns().get("honest");
            assertArrayEquals(big, Files.readAllBytes(Path.of(String.valueOf(cached))),
                    "and fetch the same file meanwhile");
        }
    }
}
