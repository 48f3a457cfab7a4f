package io.jsalt.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialTest {
    @TempDir
    Path tmp;

    private Path pki() {
        return tmp.resolve("pki/minion");
    }

    /** Damages one file of a fresh key set; loading again must fail with an error naming that file. */
    private KeyFileException loadFailsAfterDamaging(String name, Damage damage) throws Exception {
        KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        Path file = pki().resolve(name);
        damage.apply(file);
        var e = assertThrows(KeyFileException.class, () -> KeyMaterial.loadOrCreate(pki(), "minion", "web1"));
        assertEquals(file, e.path());
        return e;
    }

    private interface Damage {
        void apply(Path file) throws Exception;
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void firstStartMakesKeyFilesWithSafeModes() throws Exception {
        KeyMaterial km = KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        assertEquals("rwx------", mode(pki()));
        assertEquals("rw-------", mode(pki().resolve("minion.pem")));
        assertEquals("rw-------", mode(pki().resolve("minion.pub")));
        assertEquals("rw-------", mode(pki().resolve("minion.crt")));
        assertTrue(Files.readString(pki().resolve("minion.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(km.publicKeyPem(), Files.readString(pki().resolve("minion.pub")));
        assertEquals("EC", km.publicKey().getAlgorithm());
        try (var files = Files.list(pki())) {
            assertEquals(3, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void certificateIsSelfSignedForTheKeyAndValidForTenYears() throws Exception {
        KeyMaterial km = KeyMaterial.loadOrCreate(pki(), "master", "salt");
        var cert = km.certificate();
        assertEquals(3, cert.getVersion());
        assertEquals("CN=salt", cert.getSubjectX500Principal().getName());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        cert.verify(km.publicKey());
        assertTrue(Pem.sameKey(km.publicKey(), cert.getPublicKey()));
        Duration validity = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        assertTrue(validity.toDays() >= 3650 && validity.toDays() <= 3654, validity.toString());
        assertTrue(cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(3640))));
    }

    @Test
    void laterStartsLoadTheSameIdentity() throws Exception {
        KeyMaterial first = KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        KeyMaterial second = KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        assertEquals(first.privateKey(), second.privateKey());
        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(first.certificate(), second.certificate());
    }

    @Test
    void missingPublicKeyAndCertificateAreRebuiltFromThePrivateKey() throws Exception {
        KeyMaterial first = KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        Files.delete(pki().resolve("minion.pub"));
        Files.delete(pki().resolve("minion.crt"));
        KeyMaterial second = KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(first.publicKeyPem(), Files.readString(pki().resolve("minion.pub")));
        assertTrue(Pem.sameKey(first.publicKey(), second.certificate().getPublicKey()));
    }

    @Test
    void missingPrivateKeyMeansANewIdentity() throws Exception {
        KeyMaterial first = KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        Files.delete(pki().resolve("minion.pem"));
        KeyMaterial second = KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        assertNotEquals(first.fingerprint(), second.fingerprint());
        assertEquals(second.publicKeyPem(), Files.readString(pki().resolve("minion.pub")));
    }

    @Test
    void corruptPrivateKeyIsAnErrorNamingTheFile() throws Exception {
        var e = loadFailsAfterDamaging("minion.pem", pem -> Files.writeString(pem,
                "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n"));
        assertTrue(e.getMessage().startsWith(pki().resolve("minion.pem") + ": is not a usable private key"),
                e.getMessage());
    }

    @Test
    void corruptCertificateIsAnErrorNamingTheFile() throws Exception {
        loadFailsAfterDamaging("minion.crt", crt -> Files.writeString(crt, "garbage"));
    }

    @Test
    void publicKeyOfAnotherPairIsAnErrorNamingTheFile() throws Exception {
        var e = loadFailsAfterDamaging("minion.pub",
                pub -> Files.writeString(pub, KeyMaterial.generate("other").publicKeyPem()));
        assertTrue(e.getMessage().contains("does not hold the public half"), e.getMessage());
    }

    @Test
    void unreadablePrivateKeyIsAnErrorNamingTheFile() throws Exception {
        var e = loadFailsAfterDamaging("minion.pem", pem -> {
            Files.delete(pem);
            Files.createDirectory(pem); // unreadable as a file even for root
        });
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }

    @Test
    void looseModesOnAnExistingPrivateKeyAreTightened() throws Exception {
        KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        Path pem = pki().resolve("minion.pem");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(pki(), PosixFilePermissions.fromString("rwxr-xr-x"));
        KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        assertEquals("rw-------", mode(pem));
        assertEquals("rwx------", mode(pki()));
    }

    @Test
    void expiredCertificateIsRenewedForTheSameKey() throws Exception {
        KeyMaterial km = KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        var old = SelfSignedCertificates.create(new java.security.KeyPair(km.publicKey(), km.privateKey()), "web1",
                Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)));
        Files.writeString(pki().resolve("minion.crt"), Pem.certificate(old));
        KeyMaterial again = KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        assertFalse(again.certificate().equals(old));
        again.certificate().checkValidity();
        assertEquals(km.fingerprint(), again.fingerprint());
    }
}
