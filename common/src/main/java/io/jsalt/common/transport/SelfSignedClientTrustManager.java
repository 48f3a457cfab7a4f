package io.jsalt.common.transport;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Accepts any well-formed, currently valid, self-issued client certificate. Possession of
 * the key is proven by the TLS handshake itself; whether that key may speak for a minion id
 * is decided afterwards by the master's key admission, as Salt's key acceptance does.
 *
 * <p>The certificate's self-signature is not checked: in TLS 1.3 the client's
 * CertificateVerify is a signature, by the certificate's key, over the handshake transcript,
 * which contains the whole certificate. It proves everything the self-signature would (the
 * key's holder vouches for the certificate) and is checked by the JDK for every handshake;
 * nothing but the key in the certificate is used afterwards. Checking the self-signature too
 * was a fifth of the master's CPU in a reconnect storm.
 */
final class SelfSignedClientTrustManager extends OneSidedTrustManager {
    SelfSignedClientTrustManager() {
        super(true, "this trust manager only checks clients");
    }

    @Override
    void checkPeer(X509Certificate[] chain, String where) throws CertificateException {
        check(chain);
    }

    static void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the client presented no certificate");
        }
        X509Certificate cert = chain[0];
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            throw new CertificateException("the client certificate is not self-signed (subject "
                    + cert.getSubjectX500Principal() + ", issuer " + cert.getIssuerX500Principal() + ")");
        }
        cert.checkValidity();
    }
}
