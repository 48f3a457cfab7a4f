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
        return make(new X500Name("CN=forged"), subject, signer);
    }

    /** A certificate for {@code subject}'s key, issued (named and signed) by {@code issuer}. */
    public static X509Certificate issuedByOther(KeyMaterial subject, KeyMaterial issuer) throws Exception {
        return make(new X500Name("CN=issuer"), subject, issuer);
    }

    private static X509Certificate make(X500Name issuerName, KeyMaterial subject, KeyMaterial signer) throws Exception {
        X500Name name = new X500Name("CN=forged");
        var b = new JcaX509v3CertificateBuilder(issuerName, java.math.BigInteger.TEN,
                subject.certificate().getNotBefore(), subject.certificate().getNotAfter(), name, subject.publicKey());
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.privateKey())));
    }
}
