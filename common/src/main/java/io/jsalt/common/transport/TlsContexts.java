package io.jsalt.common.transport;

import io.jsalt.common.crypto.KeyMaterial;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * The two TLS contexts of jsalt: TLS 1.3 only, the JDK provider, mutual authentication by
 * self-signed certificates. Trust is in keys, not in a CA: the master admits a client key
 * through its key store after the handshake, the minion pins the master's key.
 */
public final class TlsContexts {
    public static final String PROTOCOL = "TLSv1.3";

    private TlsContexts() {}

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
