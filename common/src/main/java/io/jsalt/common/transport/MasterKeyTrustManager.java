package io.jsalt.common.transport;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The minion's view of the master: the certificate is only a carrier, the key inside it is
 * checked by the {@link MasterKeyVerifier}. Host names are not checked: minions reach the
 * master by whatever address they are given, and the pinned key is what makes it the master.
 */
final class MasterKeyTrustManager extends X509ExtendedTrustManager {
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final MasterKeyVerifier verifier;

    MasterKeyTrustManager(MasterKeyVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        String where = engine == null || engine.getPeerHost() == null
                ? null : engine.getPeerHost() + ":" + engine.getPeerPort();
        check(chain, where);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, socket == null ? null : String.valueOf(socket.getRemoteSocketAddress()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, null);
    }

    private void check(X509Certificate[] chain, String where) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the master presented no certificate");
        }
        verifier.verify(chain[0].getPublicKey(), where);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only checks the master");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
