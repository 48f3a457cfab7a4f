package io.jsalt.common.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.KeyMaterial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master's engine is chosen once per JVM, so each case runs in a JVM of its own: where
 * Netty cannot write the native library out to load it (as with a temporary directory
 * mounted noexec, or a jar for another architecture), the master runs on the JDK's engine
 * and says so in one log line.
 */
class TlsEngineFallbackTest {
    @TempDir
    Path tmp;

    /** Run in the child JVM: the engine chosen, and a server context built on it. */
    public static void main(String[] args) throws Exception {
        TlsContexts.server(KeyMaterial.generate("salt")).newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
        System.out.println("ENGINE " + TlsContexts.serverEngine());
    }

    private String child(String... props) throws Exception {
        return child(0, props);
    }

    private String child(int exitCode, String... props) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djsalt.testLogLevel=info"));
        cmd.addAll(List.of(props));
        cmd.add(TlsEngineFallbackTest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(exitCode, p.exitValue(), out);
        return out;
    }

    private static long engineLines(String out) {
        return out.lines().filter(l -> l.contains("TLS engine for minions")).count();
    }

    @Test
    void nativeLibraryThatCannotLoadLeavesTheMasterOnTheJdkEngine() throws Exception {
        // A file where the directory should be: the library cannot be written out, so it cannot load.
        Path notADirectory = java.nio.file.Files.createFile(tmp.resolve("not-a-directory"));
        String out = child("-Dio.netty.native.workdir=" + notADirectory);
        assertTrue(out.contains("ENGINE JDK"), out);
        assertTrue(out.contains("TLS engine for minions: the JDK's SSLEngine (OpenSSL's native library did not load"), out);
        assertEquals(1, engineLines(out), out);
    }

    @Test
    void propertyChoosesTheJdkEngine() throws Exception {
        String out = child("-D" + TlsContexts.ENGINE_PROPERTY + "=jdk");
        assertTrue(out.contains("ENGINE JDK"), out);
        assertEquals(1, engineLines(out), out);
    }

    @Test
    void unknownEngineIsRefusedNamingTheProperty() throws Exception {
        String out = child(1, "-D" + TlsContexts.ENGINE_PROPERTY + "=boring");
        assertTrue(out.contains("jsalt.tls.engine must be openssl or jdk, not 'boring'"), out);
    }

    @Test
    void nativeLibraryThatLoadsPutsTheMasterOnOpenSsl() throws Exception {
        String out = child("-Dio.netty.native.workdir=" + tmp);
        assertTrue(out.contains("ENGINE OPENSSL"), out);
        assertTrue(out.contains("TLS engine for minions: BoringSSL"), out);
        assertEquals(1, engineLines(out), out);
    }
}
