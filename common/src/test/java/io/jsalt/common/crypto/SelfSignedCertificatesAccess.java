package io.jsalt.common.crypto;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test helper: certificates no honest peer would make. */
public final class SelfSignedCertificatesAccess {
    private SelfSignedCertificatesAccess() {}

    /** A certificate naming itself as issuer, for {@code subject}'s key, but signed with {@code signer}'s key. */
    public static X509Certificate signedByOther(KeyMaterial subject, KeyMaterial signer) throws Exception {
        X500Name name = new X500Name("CN=forged");
        var b = new JcaX509v3CertificateBuilder(name, java.math.BigInteger.TEN,
                subject.certificate().getNotBefore(), subject.certificate().getNotAfter(), name, subject.publicKey());
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.privateKey())));
    }
}
