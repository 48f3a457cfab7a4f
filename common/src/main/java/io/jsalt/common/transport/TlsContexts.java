package io.jsalt.common.transport;

import io.jsalt.common.crypto.KeyMaterial;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * The two TLS contexts of jsalt: TLS 1.3 only, the JDK provider, mutual authentication by
 * self-signed certificates. Trust is in keys, not in a CA: the master admits a client key
 * through its key admission after the handshake, the minion pins the master's key.
 */
public final class TlsContexts {
    public static final String PROTOCOL = "TLSv1.3";

    private static final String TRUST_STORE_PROPERTY = "javax.net.ssl.trustStore";

    static {
        initialiseNettyWithoutCaBundle();
    }

    private TlsContexts() {}

    /**
     * Netty's {@link JdkSslContext}, as its class is initialised, makes a throw-away default
     * SSLContext to learn the JDK's protocols and cipher suites, and the JDK fills that context's
     * trust manager with its whole CA bundle (cacerts: about 140 certificates parsed and kept,
     * 1.6 MB of an idle minion). jsalt trusts keys, not CAs, so the class is initialised with an
     * empty default trust store ("NONE"), and the property is put back at once: a default
     * context made later (an https download) still gets the real bundle. An operator's own
     * javax.net.ssl.trustStore is left alone.
     */
    static void initialiseNettyWithoutCaBundle() {
        if (System.getProperty(TRUST_STORE_PROPERTY) != null) {
            return;
        }
        System.setProperty(TRUST_STORE_PROPERTY, "NONE");
        try {
            Class.forName(JdkSslContext.class.getName(), true, TlsContexts.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        } finally {
            System.clearProperty(TRUST_STORE_PROPERTY);
        }
    }

    /** The master's context: requires a client certificate, any well-formed self-signed one. */
    public static SslContext server(KeyMaterial km) throws SSLException {
        return SslContextBuilder.forServer(km.privateKey(), km.certificate())
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOL)
                .clientAuth(ClientAuth.REQUIRE)
                .trustManager(new SelfSignedClientTrustManager())
                .build();
    }

    /** The minion's context: presents the minion certificate, checks the master's key with the verifier. */
    public static SslContext client(KeyMaterial km, MasterKeyVerifier verifier) throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOL)
                .keyManager(km.privateKey(), km.certificate())
                .trustManager(new MasterKeyTrustManager(verifier))
                .build();
    }
}
