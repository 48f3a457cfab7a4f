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

    /** Loading the key files again fails with an error that names the given file. */
    private KeyFileException loadFailsNaming(Path file) {
        var e = assertThrows(KeyFileException.class, () -> KeyMaterial.loadOrCreate(pki(), "minion", "web1"));
        assertEquals(file, e.path());
        return e;
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
        KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        Path pem = pki().resolve("minion.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n");
        var e = loadFailsNaming(pem);
        assertTrue(e.getMessage().startsWith(pem + ": is not a usable private key"), e.getMessage());
    }

    @Test
    void corruptCertificateIsAnErrorNamingTheFile() throws Exception {
        KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        Path crt = pki().resolve("minion.crt");
        Files.writeString(crt, "garbage");
        loadFailsNaming(crt);
    }

    @Test
    void publicKeyOfAnotherPairIsAnErrorNamingTheFile() throws Exception {
        KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        Path pub = pki().resolve("minion.pub");
        Files.writeString(pub, KeyMaterial.generate("other").publicKeyPem());
        var e = loadFailsNaming(pub);
        assertTrue(e.getMessage().contains("does not hold the public half"), e.getMessage());
    }

    @Test
    void unreadablePrivateKeyIsAnErrorNamingTheFile() throws Exception {
        KeyMaterial.loadOrCreate(pki(), "minion", "web1");
        Path pem = pki().resolve("minion.pem");
        Files.delete(pem);
        Files.createDirectory(pem); // unreadable as a file even for root
        var e = loadFailsNaming(pem);
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
