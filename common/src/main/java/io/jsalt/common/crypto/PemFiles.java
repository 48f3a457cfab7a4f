package io.jsalt.common.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;

/** Reads PEM files; every failure is a {@link KeyFileException} naming the file. */
public final class PemFiles {
    private PemFiles() {}

    /** The file as UTF-8 text. */
    public static String readText(Path file) throws KeyFileException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) throws KeyFileException {
        try {
            return Pem.parsePrivateKey(readText(file));
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, "is not a usable private key (" + e.getMessage() + ")", e);
        }
    }

    public static PublicKey readPublicKey(Path file) throws KeyFileException {
        try {
            return Pem.parsePublicKey(readText(file));
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, "is not a usable public key (" + e.getMessage() + ")", e);
        }
    }

    public static X509Certificate readCertificate(Path file) throws KeyFileException {
        try {
            return Pem.parseCertificate(readText(file));
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file, "is not a usable certificate (" + e.getMessage() + ")", e);
        }
    }
}
