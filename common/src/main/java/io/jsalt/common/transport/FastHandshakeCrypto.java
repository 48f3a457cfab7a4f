package io.jsalt.common.transport;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A JCA provider, put first, that does the arithmetic of a jsalt TLS 1.3 handshake with Bouncy
 * Castle's fixed-curve code instead of the JDK's generic code (pure Java on JDK 17, with no
 * precomputed tables): per operation, in microseconds on this 2-core machine,
 * <pre>
 *                         JDK 17   Bouncy Castle, this provider
 *   P-256 ECDSA sign        501     77   (BC's own JCA class: 245, it rebuilds its tables per key)
 *   P-256 ECDSA verify      972    145  (67 for a key seen again: the points of the last 32 are kept)
 *   P-256 key pair          437     71   (the client's second key share, see below)
 *   X25519 key pair         137     28
 *   X25519 agreement        138     72
 * </pre>
 * A reconnect storm of 10,000 minions after a master restart is bounded by exactly these, on
 * both ends. The JDK 17 client sends two key shares (its first X25519 and its first
 * NIST-curve group), so each connecting minion also makes a P-256 key pair that the master,
 * choosing X25519, never uses.
 *
 * <p>Only what a jsalt handshake uses is served: SHA256withECDSA for P-256 keys, P-256 and
 * X25519 key pairs, X25519 agreement. Every service takes and makes the JDK's own key
 * objects, and refuses anything else (another curve, X448, another provider's key without
 * the standard interfaces) so that the JCA moves on to the next provider, as if this one
 * were not there. Installed by the master (whose handshakes use it when it runs on the JDK's
 * engine, not on BoringSSL: {@link TlsContexts#serverEngine()}) and by jsalt-swarm; a real minion makes one
 * handshake per connection and keeps the JDK's (and Bouncy Castle's classes out of its
 * memory).
 */
public final class FastHandshakeCrypto extends Provider {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "JsaltFastHandshake";

    private FastHandshakeCrypto() {
        super(NAME, "2.0", "P-256 ECDSA and key pairs, X25519, from Bouncy Castle, for TLS handshakes");
        service("Signature", "SHA256withECDSA", List.of("1.2.840.10045.4.3.2", "OID.1.2.840.10045.4.3.2"),
                "java.security.interfaces.ECPublicKey|java.security.interfaces.ECPrivateKey", P256Ecdsa::new);
        service("KeyPairGenerator", "EC", List.of("EllipticCurve"), null, P256KeyPairs::new);
        service("KeyPairGenerator", "XDH", List.of(), null, X25519KeyPairs::new);
        service("KeyPairGenerator", "X25519", List.of("1.3.101.110", "OID.1.3.101.110"), null, X25519KeyPairs::new);
        String xec = "java.security.interfaces.XECPrivateKey|java.security.interfaces.XECPublicKey";
        service("KeyAgreement", "XDH", List.of(), xec, X25519Agreement::new);
        service("KeyAgreement", "X25519", List.of("1.3.101.110", "OID.1.3.101.110"), xec, X25519Agreement::new);
    }

    private void service(String type, String algorithm, List<String> aliases, String keyClasses,
                         Supplier<Object> make) {
        putService(new Service(this, type, algorithm, FastHandshakeCrypto.class.getName() + "$" + algorithm,
                aliases, keyClasses == null ? null : Map.of("SupportedKeyClasses", keyClasses)) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return make.get();
            }
        });
    }

    /** Puts the provider first, once per JVM; safe to call again. */
    public static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new FastHandshakeCrypto(), 1);
        }
    }
}
