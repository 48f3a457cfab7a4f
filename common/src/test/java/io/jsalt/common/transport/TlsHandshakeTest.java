package io.jsalt.common.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.Fingerprints;
import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.crypto.Pem;
import io.jsalt.common.crypto.PemFiles;
import io.jsalt.common.transport.TlsContexts.Engine;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every test runs the master's side on both engines: BoringSSL and the JDK's SSLEngine. */
class TlsHandshakeTest {
    private static final KeyMaterial MASTER = KeyMaterial.generate("salt");
    private static final KeyMaterial MINION = KeyMaterial.generate("web1");

    @TempDir
    Path pki;

    private static Throwable failure(Future<Channel> handshake) {
        assertTrue(handshake.awaitUninterruptibly(10, TimeUnit.SECONDS), "handshake did not finish");
        assertFalse(handshake.isSuccess(), "handshake should have failed");
        return handshake.cause();
    }

    private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + t, t);
    }

    /** Loads BoringSSL once, before the tests' 10-second waits start (a busy machine takes seconds). */
    @BeforeAll
    static void loadTheNativeLibrary() {
        io.netty.handler.ssl.OpenSsl.isAvailable();
    }

    private static Future<Channel> handshake(Loopback lb, Engine engine, KeyMaterial master, KeyMaterial minion,
                                             MasterKeyVerifier v) throws Exception {
        return lb.connect(TlsContexts.server(master, engine), TlsContexts.client(minion, v));
    }

    /** The tests run where the native library loads (the build's x86_64 Linux): no silent fallback. */
    /** The master's handshake failure for a JDK client speaking {@code protocol} with this key and certificate. */
    private static Throwable masterRefuses(Engine engine, String protocol, java.security.PrivateKey key,
                                           java.security.cert.X509Certificate shown) throws Exception {
        SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(protocol)
                .keyManager(key, shown).trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        try (Loopback lb = new Loopback()) {
            lb.connect(TlsContexts.server(MASTER, engine), client);
            return assertThrows(ExecutionException.class, () -> lb.serverSession().get(10, TimeUnit.SECONDS)).getCause();
        }
    }

    @Test
    void theMasterRunsOnOpenSslWhereItsLibraryLoads() {
        assertEquals(Engine.OPENSSL, TlsContexts.serverEngine(), String.valueOf(io.netty.handler.ssl.OpenSsl.unavailabilityCause()));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void mutualHandshakeGivesEachSideThePeersKey(Engine engine) throws Exception {
        try (Loopback lb = new Loopback()) {
            Future<Channel> client = handshake(lb, engine, MASTER, MINION, MasterKeyVerifier.of(pki, null));
            assertTrue(client.await(10, TimeUnit.SECONDS) && client.isSuccess(), String.valueOf(client.cause()));
            SSLSession serverSide = lb.serverSession().get(10, TimeUnit.SECONDS);
            assertEquals("TLSv1.3", serverSide.getProtocol());
            assertTrue(Pem.sameKey(MINION.publicKey(), PeerIdentity.publicKey(serverSide)));
            assertEquals(MINION.fingerprint(), PeerIdentity.fingerprint(serverSide));
            SSLSession clientSide = PeerIdentity.session(lb.client());
            assertEquals(MASTER.fingerprint(), PeerIdentity.fingerprint(clientSide));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void clientWithoutCertificateIsRefusedByTheMaster(Engine engine) throws Exception {
        SslContext anonymous = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .protocols(TlsContexts.PROTOCOL).trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        try (Loopback lb = new Loopback()) {
            lb.connect(TlsContexts.server(MASTER, engine), anonymous);
            var e = assertThrows(ExecutionException.class, () -> lb.serverSession().get(10, TimeUnit.SECONDS));
            assertTrue(String.valueOf(e.getCause().getMessage()).toLowerCase().contains("certificate"),
                    String.valueOf(e.getCause()));
        }
    }

    /**
     * The master does not check a client certificate's self-signature: the CertificateVerify
     * of TLS 1.3 proves that the client holds the key in its certificate. A client showing a
     * minion's certificate (or one it made for that minion's key) without that minion's
     * private key never gets a session.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void clientShowingAnotherMinionsKeyWithoutHoldingItIsRefusedByTheMaster(Engine engine) throws Exception {
        KeyMaterial thief = KeyMaterial.generate("thief");
        var forged = io.jsalt.common.crypto.SelfSignedCertificatesAccess.signedByOther(MINION, thief);
        for (var shown : new java.security.cert.X509Certificate[] {MINION.certificate(), forged}) {
            Throwable t = masterRefuses(engine, TlsContexts.PROTOCOL, thief.privateKey(), shown);
            assertTrue(String.valueOf(t).toLowerCase().contains("signature"), String.valueOf(t));
        }
    }

    /**
     * The master's trust manager runs inside the handshake on either engine: BoringSSL calls it
     * through Netty's verify callback. A certificate issued by another name (the minion holds
     * its key, so the handshake's signature is good) is refused by it alone.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void certificateIssuedByAnotherNameIsRefusedByTheMastersTrustManager(Engine engine) throws Exception {
        var issued = io.jsalt.common.crypto.SelfSignedCertificatesAccess.issuedByOther(MINION, KeyMaterial.generate("ca"));
        Throwable t = masterRefuses(engine, TlsContexts.PROTOCOL, MINION.privateKey(), issued);
        assertTrue(findCause(t, java.security.cert.CertificateException.class).getMessage()
                .contains("not self-signed"), String.valueOf(t));
    }

    /** TLS 1.3 only: a client offering nothing newer than TLS 1.2 gets no session. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void tls12ClientIsRefusedByTheMaster(Engine engine) throws Exception {
        assertTrue(masterRefuses(engine, "TLSv1.2", MINION.privateKey(), MINION.certificate()) != null);
    }

    /**
     * A minion reconnecting with the same context (it may offer to resume its last session)
     * still gives the master its key: the key admission reads it from every new session.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void reconnectingMinionGivesTheMasterItsKeyAgain(Engine engine) throws Exception {
        SslContext server = TlsContexts.server(MASTER, engine);
        SslContext client = TlsContexts.client(MINION, MasterKeyVerifier.of(pki, null));
        try (Loopback lb = new Loopback()) {
            for (int i = 0; i < 3; i++) {
                Future<Channel> c = i == 0 ? lb.connect(server, client) : lb.reconnect(client);
                assertTrue(c.await(10, TimeUnit.SECONDS) && c.isSuccess(), String.valueOf(c.cause()));
                SSLSession s = lb.serverSession().get(10, TimeUnit.SECONDS);
                assertEquals(MINION.fingerprint(), PeerIdentity.fingerprint(s), "connection " + (i + 1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void firstConnectionStoresTheMasterKeyAndLaterOnesPinIt(Engine engine) throws Exception {
        Path stored = pki.resolve("minion_master.pub");
        try (Loopback lb = new Loopback()) {
            assertTrue(handshake(lb, engine, MASTER, MINION, MasterKeyVerifier.of(pki, null)).await(10, TimeUnit.SECONDS));
            lb.serverSession().get(10, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(stored));
        assertTrue(Pem.sameKey(MASTER.publicKey(), PemFiles.readPublicKey(stored)));
        assertEquals(MASTER.fingerprint(), Fingerprints.of(Files.readString(stored)));
        try (Loopback lb = new Loopback()) {
            Future<Channel> again = handshake(lb, engine, MASTER, MINION, MasterKeyVerifier.of(pki, null));
            assertTrue(again.await(10, TimeUnit.SECONDS) && again.isSuccess(), String.valueOf(again.cause()));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void changedMasterKeyIsRefusedWithAClearMessage(Engine engine) throws Exception {
        try (Loopback lb = new Loopback()) {
            handshake(lb, engine, MASTER, MINION, MasterKeyVerifier.of(pki, null)).await(10, TimeUnit.SECONDS);
        }
        KeyMaterial impostor = KeyMaterial.generate("salt");
        try (Loopback lb = new Loopback()) {
            Throwable t = failure(handshake(lb, engine, impostor, MINION, MasterKeyVerifier.of(pki, null)));
            MasterKeyChangedException e = findCause(t, MasterKeyChangedException.class);
            assertEquals(MASTER.fingerprint(), e.expectedFingerprint());
            assertEquals(impostor.fingerprint(), e.presentedFingerprint());
            String msg = e.getMessage();
            assertTrue(msg.startsWith("The master's public key has changed"), msg);
            assertTrue(msg.contains(MASTER.fingerprint()) && msg.contains(impostor.fingerprint()), msg);
            assertTrue(msg.contains("delete " + pki.resolve("minion_master.pub")), msg);
        }
        assertTrue(Pem.sameKey(MASTER.publicKey(), PemFiles.readPublicKey(pki.resolve("minion_master.pub"))),
                "the trusted key stays as it was");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void masterFingerPinsTheKeyFromTheFirstConnection(Engine engine) throws Exception {
        try (Loopback lb = new Loopback()) {
            Future<Channel> ok = handshake(lb, engine, MASTER, MINION, MasterKeyVerifier.of(pki, MASTER.fingerprint()));
            assertTrue(ok.await(10, TimeUnit.SECONDS) && ok.isSuccess(), String.valueOf(ok.cause()));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void masterFingerMismatchIsRefused(Engine engine) throws Exception {
        String wrong = KeyMaterial.generate("other").fingerprint();
        try (Loopback lb = new Loopback()) {
            Throwable t = failure(handshake(lb, engine, MASTER, MINION, MasterKeyVerifier.of(pki, wrong)));
            MasterFingerMismatchException e = findCause(t, MasterFingerMismatchException.class);
            assertTrue(e.getMessage().contains("does not match master_finger " + wrong), e.getMessage());
            assertEquals(MASTER.fingerprint(), e.presentedFingerprint());
        }
        assertFalse(Files.exists(pki.resolve("minion_master.pub")), "a refused key is never stored");
    }
}
