package io.jsalt.common.transport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.crypto.Pem;
import io.jsalt.common.crypto.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyVerifierTest {
    private final KeyMaterial master = KeyMaterial.generate("salt");
    private final KeyMaterial other = KeyMaterial.generate("salt");

    @TempDir
    Path pki;

    @Test
    void trustOnFirstUseThenRefuseAnotherKey() throws Exception {
        MasterKeyVerifier v = MasterKeyVerifier.of(pki, "");
        v.verify(master.publicKey());
        v.verify(master.publicKey());
        var e = assertThrows(MasterKeyChangedException.class, () -> v.verify(other.publicKey(), "10.0.0.1:4506"));
        assertTrue(e.getMessage().contains("(master at 10.0.0.1:4506)"), e.getMessage());
    }

    @Test
    void masterFingerAcceptsAnyCaseAndMirrorsTheKeyForFingerMaster() throws Exception {
        Files.writeString(pki.resolve("minion_master.pub"), other.publicKeyPem());
        MasterKeyVerifier v = MasterKeyVerifier.of(pki, master.fingerprint().toUpperCase());
        assertDoesNotThrow(() -> v.verify(master.publicKey()));
        assertTrue(Pem.sameKey(master.publicKey(), PemFiles.readPublicKey(pki.resolve("minion_master.pub"))));
        assertThrows(MasterFingerMismatchException.class, () -> v.verify(other.publicKey()));
    }

    @Test
    void corruptStoredMasterKeyIsAnErrorNamingTheFile() throws Exception {
        Path stored = pki.resolve("minion_master.pub");
        Files.writeString(stored, "junk");
        var e = assertThrows(CertificateException.class, () -> MasterKeyVerifier.of(pki, null).verify(master.publicKey()));
        assertTrue(e.getMessage().contains(stored.toString()), e.getMessage());
    }

    @Test
    void clientTrustManagerRejectsEmptyAndNonSelfIssuedChains() throws Exception {
        assertThrows(CertificateException.class, () -> SelfSignedClientTrustManager.check(new java.security.cert.X509Certificate[0]));
        assertThrows(CertificateException.class, () -> SelfSignedClientTrustManager.check(null));
        assertDoesNotThrow(() -> SelfSignedClientTrustManager.check(
                new java.security.cert.X509Certificate[] {master.certificate()}));
        var issued = io.jsalt.common.crypto.SelfSignedCertificatesAccess.issuedByOther(master, other);
        var e = assertThrows(CertificateException.class,
                () -> SelfSignedClientTrustManager.check(new java.security.cert.X509Certificate[] {issued}));
        assertTrue(e.getMessage().contains("not self-signed"), e.getMessage());
        // The self-signature itself is left to the handshake's CertificateVerify (TlsHandshakeTest).
    }
}
