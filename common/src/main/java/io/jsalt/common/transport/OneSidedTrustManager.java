package io.jsalt.common.transport;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager for one side of the link: the master checks only clients, a minion checks
 * only the master. The JDK asks through six entry points (client or server, each plain, with
 * a socket or with an engine); this class routes the three of the checked side to
 * {@link #checkPeer} with the peer's address when known, refuses the other three, and names
 * no issuers, since neither side trusts a CA.
 */
abstract class OneSidedTrustManager extends X509ExtendedTrustManager {
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final boolean checksClients;
    private final String refusal;

    /**
     * @param checksClients whether this manager checks clients (else it checks the server)
     * @param refusal       the message for a check of the other side
     */
    OneSidedTrustManager(boolean checksClients, String refusal) {
        this.checksClients = checksClients;
        this.refusal = refusal;
    }

    /** Checks the peer's chain; {@code where} is its address, or null when unknown. */
    abstract void checkPeer(X509Certificate[] chain, String where) throws CertificateException;

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(true, chain, null);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(true, chain, where(socket));
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(true, chain, where(engine));
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(false, chain, null);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(false, chain, where(socket));
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(false, chain, where(engine));
    }

    /** No issuers: the certificate request names no CA, so clients send their own certificate. */
    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }

    private void check(boolean client, X509Certificate[] chain, String where) throws CertificateException {
        if (client != checksClients) {
            throw new CertificateException(refusal);
        }
        checkPeer(chain, where);
    }

    private static String where(Socket socket) {
        return socket == null ? null : String.valueOf(socket.getRemoteSocketAddress());
    }

    private static String where(SSLEngine engine) {
        return engine == null || engine.getPeerHost() == null ? null : engine.getPeerHost() + ":" + engine.getPeerPort();
    }
}
