package io.jsalt.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aLogFileIsPreparedPrivateAndTheLoggerKeepsItSo() throws Exception {
        Path log = tmp.resolve("var/log/jsalt/master");
        SecureFiles.privateLogFile(log);
        assertEquals("rwx------", mode(log.getParent()));
        assertEquals("rw-------", mode(log));

        LoggerContext lc = new LoggerContext();
        lc.start();
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(lc);
        enc.setPattern("%msg%n");
        enc.start();
        FileAppender<ILoggingEvent> fa = new FileAppender<>();
        fa.setContext(lc);
        fa.setFile(log.toString());
        fa.setAppend(true);
        fa.setEncoder(enc);
        fa.start();
        org.junit.jupiter.api.Assertions.assertTrue(fa.isStarted(), () -> lc.getStatusManager().getCopyOfStatusList().toString());
        fa.doAppend(new ch.qos.logback.classic.spi.LoggingEvent("t", lc.getLogger("t"),
                ch.qos.logback.classic.Level.ERROR, "pillar secret", null, null));
        fa.stop();
        assertEquals("rw-------", mode(log), "appending keeps the mode");
    }

    @Test
    void anExistingReadableLogFileIsMadePrivateAndASharedDirectoryLeftAlone() throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("log"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = Files.writeString(shared.resolve("jsalt.log"), "old\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        SecureFiles.privateLogFile(log);
        assertEquals("rw-------", mode(log));
        assertEquals("old\n", Files.readString(log));
        assertEquals("rwxr-xr-x", mode(shared), "a directory such as /var/log is not ours to change");
    }
}
