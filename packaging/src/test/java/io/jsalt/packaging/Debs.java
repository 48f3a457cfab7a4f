package io.jsalt.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The packages mvn package built in this module's target/, and dpkg-deb to look into them. */
final class Debs {
    static final List<String> DAEMONS = List.of("master", "minion");

    private Debs() {}

    /** The project version as Debian orders it: 0.1.0-SNAPSHOT is 0.1.0~SNAPSHOT. */
    static String debianVersion() {
        String v = System.getProperty("jsalt.version");
        assumeTrue(v != null && !v.isBlank(), "jsalt.version is set by the packaging module's pom");
        return v.replace('-', '~');
    }

    /** target/jsalt-DAEMON_VERSION_all.deb, which must exist once the package phase has run. */
    static Path deb(String daemon) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "needs dpkg-deb");
        Path p = Path.of("target", "jsalt-" + daemon + "_" + debianVersion() + "_all.deb").toAbsolutePath();
        assertEquals(true, Files.isRegularFile(p), p + " was not built");
        return p;
    }

    /** Runs a command and returns its output; a non-zero exit fails the test with the output. */
    static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
        return out;
    }

    /** The package's files and control files unpacked into DIR (control files in DIR/DEBIAN). */
    static Path unpack(String daemon, Path dir) throws IOException, InterruptedException {
        Path deb = deb(daemon);
        run("dpkg-deb", "-x", deb.toString(), dir.toString());
        run("dpkg-deb", "-e", deb.toString(), dir.resolve("DEBIAN").toString());
        return dir;
    }

    /** Every path in the package ("/usr/bin/jsalt"), directories with a trailing "/". */
    static List<String> paths(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !p.equals(root) && !root.relativize(p).startsWith("DEBIAN")).forEach(p -> out.add(
                    "/" + root.relativize(p) + (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "/" : "")));
        }
        return out;
    }
}
