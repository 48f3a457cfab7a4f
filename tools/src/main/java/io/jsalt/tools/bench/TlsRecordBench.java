package io.jsalt.tools.bench;

import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.transport.MasterKeyVerifier;
import io.jsalt.common.transport.TlsContexts;
import io.jsalt.common.transport.TlsContexts.Engine;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The master's TLS work per minion in a test.ping fan-out, without sockets or threads: per
 * round, the master's engine wraps a publish, unwraps the publish's acknowledgement and the
 * return, and wraps the return's acknowledgement, against a minion's engine (the JDK's, as a
 * real minion's) doing the other half. Only the master's calls are timed (thread CPU time).
 * Each engine is measured in turn, several times, in one JVM.
 *
 * <p>Usage: {@code java -cp ... io.jsalt.tools.bench.TlsRecordBench [rounds [messages]]}
 * (defaults 10 and 20,000).
 */
public final class TlsRecordBench {
    private static final int PUBLISH = 260;
    private static final int ACK = 40;
    private static final int RETURN = 180;

    private static int port = 1024;

    private TlsRecordBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        if (rounds < 1 || messages < 1) {
            throw new IllegalArgumentException("rounds and messages must be at least 1");
        }
        KeyMaterial master = KeyMaterial.generate("salt");
        KeyMaterial minion = KeyMaterial.generate("bench");
        Path pki = Files.createTempDirectory("jsalt-tls-bench");
        try {
            SslContext client = TlsContexts.client(minion, MasterKeyVerifier.of(pki, null));
            List<Engine> engines = List.of(Engine.JDK, Engine.OPENSSL);
            List<SslContext> servers = new ArrayList<>();
            for (Engine e : engines) {
                servers.add(TlsContexts.server(master, e));
            }
            for (int i = 0; i < engines.size(); i++) { // warm-up, not counted
                run(servers.get(i), client, messages);
            }
            double[][] us = new double[engines.size()][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < engines.size(); k++) {
                    int i = r % 2 == 0 ? k : engines.size() - 1 - k;
                    us[i][r] = run(servers.get(i), client, messages);
                }
            }
            for (int i = 0; i < engines.size(); i++) {
                double[] v = us[i].clone();
                java.util.Arrays.sort(v);
                System.out.printf("%-8s master CPU per minion (publish, 2 unwraps, ack): median %.2f us (rounds %.2f-%.2f)%n",
                        engines.get(i), v[v.length / 2], v[0], v[v.length - 1]);
            }
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = us[1][r] / us[0][r];
            }
            java.util.Arrays.sort(ratio);
            System.out.printf("OPENSSL / JDK: median of the rounds' ratios %.3f%n", ratio[rounds / 2]);
        } finally {
            try (var files = Files.walk(pki)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One connection: handshake, then {@code messages} rounds; the master's CPU per round in microseconds. */
    private static double run(SslContext serverCtx, SslContext clientCtx, int messages) throws SSLException {
        var cpu = ManagementFactory.getThreadMXBean();
        SSLEngine server = serverCtx.newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine client = clientCtx.newEngine(ByteBufAllocator.DEFAULT, "127.0.0.1", port++); // no resumption
        try {
            Link toServer = new Link(client, server);
            Link toClient = new Link(server, client);
            client.beginHandshake();
            server.beginHandshake();
            for (int i = 0; i < 100 && (busy(client) || busy(server)); i++) {
                toServer.pump(0);
                toClient.pump(0);
            }
            if (busy(client) || busy(server)) {
                throw new SSLException("handshake did not finish: client " + client.getHandshakeStatus()
                        + ", server " + server.getHandshakeStatus());
            }
            long t = 0;
            for (int i = 0; i < messages; i++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                toClient.wrap(PUBLISH);
                long t1 = cpu.getCurrentThreadCpuTime();
                toClient.unwrap();
                toServer.wrap(ACK);
                toServer.wrap(RETURN);
                long t2 = cpu.getCurrentThreadCpuTime();
                toServer.unwrap();
                toServer.unwrap();
                toClient.wrap(ACK);
                long t3 = cpu.getCurrentThreadCpuTime();
                toClient.unwrap();
                t += (t1 - t0) + (t3 - t2);
            }
            return t / 1000.0 / messages;
        } finally {
            server.closeOutbound();
            client.closeOutbound();
            if (server instanceof io.netty.util.ReferenceCounted rc) {
                rc.release();
            }
        }
    }

    private static boolean busy(SSLEngine e) {
        HandshakeStatus s = e.getHandshakeStatus();
        return s != HandshakeStatus.NOT_HANDSHAKING && s != HandshakeStatus.FINISHED;
    }

    /** One direction: what {@code from} wraps is queued for {@code to} to unwrap. */
    private static final class Link {
        private final SSLEngine from;
        private final SSLEngine to;
        private final ByteBuffer plain = ByteBuffer.allocateDirect(64 * 1024);
        private final ByteBuffer net = ByteBuffer.allocateDirect(64 * 1024);
        private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);

        Link(SSLEngine from, SSLEngine to) {
            this.from = from;
            this.to = to;
        }

        /** Wraps {@code n} application bytes (or handshake data when n is 0) onto the link. */
        void wrap(int n) throws SSLException {
            plain.clear().limit(n);
            do {
                SSLEngineResult r = from.wrap(plain, net);
                runTasks(from);
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    throw new SSLException("wrap: " + r);
                }
                if (r.bytesProduced() == 0) {
                    break;
                }
            } while (plain.hasRemaining() || from.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
        }

        /** Unwraps one record off the link. */
        void unwrap() throws SSLException {
            net.flip();
            in.clear();
            SSLEngineResult r = to.unwrap(net, in);
            runTasks(to);
            net.compact();
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("unwrap: " + r);
            }
        }

        /** Handshake: wraps what {@code from} has and lets {@code to} unwrap all of it. */
        void pump(int n) throws SSLException {
            if (from.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                wrap(n);
            }
            net.flip();
            while (net.hasRemaining()) {
                in.clear();
                SSLEngineResult r = to.unwrap(net, in);
                runTasks(to);
                if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                    break;
                }
            }
            net.compact();
            if (to.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP && net.position() == 0) {
                // OpenSSL's engine moves on after a delegated task only when called again.
                in.clear();
                to.unwrap(net.flip(), in);
                runTasks(to);
                net.compact();
            }
        }

        private static void runTasks(SSLEngine e) {
            Runnable task;
            while ((task = e.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }
}
