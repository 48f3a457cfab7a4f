package io.jsalt.common.transport;

import io.jsalt.common.crypto.KeyMaterial;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;
import org.slf4j.LoggerFactory;

/**
 * The two TLS contexts of jsalt: TLS 1.3 only, mutual authentication by self-signed
 * certificates. Trust is in keys, not in a CA: the master admits a client key through its key
 * admission after the handshake, the minion pins the master's key.
 *
 * <p>The master's side runs on BoringSSL (Netty's OpenSSL engine, from the
 * netty-tcnative-boringssl-static jar the master ships) when its native library loads, and on
 * the JDK's SSLEngine otherwise (another architecture, a temporary directory mounted noexec,
 * {@code -Djsalt.tls.engine=jdk}): the same trust manager, protocol and client authentication
 * either way. The minion's side always runs on the JDK's engine (docs/performance.md has the
 * figures for both choices).
 */
public final class TlsContexts {
    public static final String PROTOCOL = "TLSv1.3";

    /** The system property that forces the JDK's engine on the master ({@code jdk}). */
    public static final String ENGINE_PROPERTY = "jsalt.tls.engine";

    /** An SSLEngine implementation. */
    public enum Engine {
        /** BoringSSL through Netty's OpenSSL engine. */
        OPENSSL(SslProvider.OPENSSL),
        /** The JDK's own SSLEngine. */
        JDK(SslProvider.JDK);

        private final SslProvider provider;

        Engine(SslProvider provider) {
            this.provider = provider;
        }
    }

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

    /**
     * The engine the master's context runs on: OpenSSL when its native library loaded and
     * speaks TLS 1.3, unless {@value #ENGINE_PROPERTY} says {@code jdk}. Decided once per JVM,
     * with one log line naming the engine (and why not OpenSSL, when not).
     */
    public static synchronized Engine serverEngine() {
        if (serverEngine == null) {
            serverEngine = chooseServerEngine();
        }
        return serverEngine;
    }

    private static Engine serverEngine;

    private static Engine chooseServerEngine() {
        var log = LoggerFactory.getLogger(TlsContexts.class);
        String wanted = System.getProperty(ENGINE_PROPERTY, "");
        if (wanted.equalsIgnoreCase("jdk")) {
            log.info("TLS engine for minions: the JDK's SSLEngine ({}=jdk)", ENGINE_PROPERTY);
            return Engine.JDK;
        }
        if (!wanted.isEmpty() && !wanted.equalsIgnoreCase("openssl")) {
            throw new IllegalArgumentException(ENGINE_PROPERTY + " must be openssl or jdk, not '" + wanted + "'");
        }
        if (!OpenSsl.isAvailable()) {
            Throwable why = OpenSsl.unavailabilityCause();
            log.info("TLS engine for minions: the JDK's SSLEngine (OpenSSL's native library did not load: {})",
                    why == null ? "unknown" : why.toString());
            return Engine.JDK;
        }
        if (!SslProvider.isTlsv13Supported(SslProvider.OPENSSL)) {
            log.info("TLS engine for minions: the JDK's SSLEngine ({} has no TLS 1.3)", OpenSsl.versionString());
            return Engine.JDK;
        }
        log.info("TLS engine for minions: {} (Netty's OpenSSL engine)", OpenSsl.versionString());
        return Engine.OPENSSL;
    }

    /** The master's context on {@link #serverEngine()}. */
    public static SslContext server(KeyMaterial km) throws SSLException {
        return server(km, serverEngine());
    }

    /**
     * The master's context: requires a client certificate, any well-formed self-signed one
     * ({@link SelfSignedClientTrustManager}, called by either engine during the handshake).
     */
    public static SslContext server(KeyMaterial km, Engine engine) throws SSLException {
        return SslContextBuilder.forServer(km.privateKey(), km.certificate())
                .sslProvider(engine.provider)
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
