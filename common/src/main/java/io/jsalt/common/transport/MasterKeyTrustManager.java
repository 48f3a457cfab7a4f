package io.jsalt.common.transport;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The minion's view of the master: the certificate is only a carrier, the key inside it is
 * checked by the {@link MasterKeyVerifier}. Host names are not checked: minions reach the
 * master by whatever address they are given, and the pinned key is what makes it the master.
 */
final class MasterKeyTrustManager extends OneSidedTrustManager {
    private final MasterKeyVerifier verifier;

    MasterKeyTrustManager(MasterKeyVerifier verifier) {
        super(false, "this trust manager only checks the master");
        this.verifier = verifier;
    }

    @Override
    void checkPeer(X509Certificate[] chain, String where) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the master presented no certificate");
        }
        verifier.verify(chain[0].getPublicKey(), where);
    }
}
