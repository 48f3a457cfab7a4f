package io.jsalt.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the two .deb files hold, read with dpkg-deb without installing anything: control
 * fields, conffiles, the launchers and exactly the jars each daemon's class path needs, init
 * scripts and maintainer scripts that agree with the daemons' defaults. DebInstallSystemTest
 * installs them in a test host.
 */
class DebContentsTest {
    @TempDir
    Path tmp;

    @Test
    void controlFields() throws Exception {
        for (String d : Debs.DAEMONS) {
            String deb = Debs.deb(d).toString();
            assertEquals("jsalt-" + d, Debs.run("dpkg-deb", "-f", deb, "Package").strip());
            assertEquals(Debs.debianVersion(), Debs.run("dpkg-deb", "-f", deb, "Version").strip());
            assertEquals("all", Debs.run("dpkg-deb", "-f", deb, "Architecture").strip());
            // Any Java 17+ runtime: Debian's default JRE from bookworm on, or one that provides
            // java17-runtime-headless (openjdk-17 and later do).
            assertEquals("default-jre-headless (>= 2:1.17) | java17-runtime-headless",
                    Debs.run("dpkg-deb", "-f", deb, "Depends").strip());
            assertTrue(Integer.parseInt(Debs.run("dpkg-deb", "-f", deb, "Installed-Size").strip()) > 1000);
        }
    }

    @Test
    void filesLaunchersAndConffiles() throws Exception {
        Set<String> seen = new HashSet<>();
        for (String d : Debs.DAEMONS) {
            String pkg = "jsalt-" + d;
            Path root = Debs.unpack(d, tmp.resolve(d));
            assertEquals(List.of("/etc/default/" + pkg, "/etc/init.d/" + pkg, "/etc/jsalt/" + d,
                    "/etc/logrotate.d/" + pkg), Files.readAllLines(root.resolve("DEBIAN/conffiles")));
            List<String> launchers = d.equals("master") ? List.of("jsalt-master", "jsalt", "jsalt-key", "jsalt-run")
                    : List.of("jsalt-minion", "jsalt-call");
            for (String l : launchers) {
                Path link = root.resolve("usr/bin/" + l);
                assertTrue(Files.isSymbolicLink(link), l);
                assertEquals("../share/jsalt/" + d + "/bin/" + l, Files.readSymbolicLink(link).toString());
                assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(root.resolve("usr/share/jsalt/" + d + "/bin/" + l))));
            }
            Path lib = root.resolve("usr/share/jsalt/" + d + "/lib");
            List<String> jars = new ArrayList<>();
            try (var s = Files.list(lib)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).forEach(jars::add);
            }
            // Exactly the module's jar and what its class path file names: no more (the minion
            // without the master's H2 and dnsjava), no fewer (a missing one fails at run time).
            List<String> expected = new ArrayList<>(Arrays.stream(
                    Files.readString(lib.resolve(pkg + ".classpath")).strip().split(":"))
                    .map(e -> e.replace("@LIB@/", "")).toList());
            expected.add(pkg + "-" + System.getProperty("jsalt.version") + ".jar");
            assertEquals(new HashSet<>(expected), new HashSet<>(jars));
            if (d.equals("minion")) {
                assertFalse(jars.stream().anyMatch(j -> j.startsWith("h2-") || j.startsWith("jsalt-master")), jars.toString());
                assertTrue(Files.isRegularFile(lib.resolve("minion.classlist")));
            } else {
                // The CLI tools' class data sharing archive is built from it (bin/_launch).
                assertTrue(Files.isRegularFile(lib.resolve("cli.classlist")));
            }
            // Two packages may not ship the same file: dpkg would refuse the second.
            for (String p : Debs.paths(root)) {
                if (!p.endsWith("/")) {
                    assertTrue(seen.add(p), p + " is in both packages");
                }
            }
        }
    }

    @Test
    void initScriptsAndMaintainerScriptsAgreeWithTheDaemonsDefaults() throws Exception {
        for (String d : Debs.DAEMONS) {
            String pkg = "jsalt-" + d;
            Path root = Debs.unpack(d, tmp.resolve(d));
            Path init = root.resolve("etc/init.d/" + pkg);
            for (Path script : List.of(init, root.resolve("DEBIAN/postinst"), root.resolve("DEBIAN/prerm"),
                    root.resolve("DEBIAN/postrm"))) {
                Debs.run("sh", "-n", script.toString());
            }
            String initText = Files.readString(init);
            assertTrue(initText.contains("# Provides:          " + pkg + "\n"), initText);
            assertTrue(initText.contains("# Required-Start:    $network $remote_fs\n"));
            assertTrue(initText.contains("# Default-Start:     2 3 4 5\n"));
            assertTrue(initText.contains("PIDFILE=/run/$NAME.pid"));
            assertTrue(initText.contains("status_of_proc -p \"$PIDFILE\""));

            // The conffile as shipped is a valid config, and the paths the scripts use are the
            // daemon's defaults: the pid file start-stop-daemon writes is the one the daemon
            // writes too (/var/run is /run on Debian), purge removes its keys and caches,
            // logrotate rotates its log.
            Config c = Config.load(d.equals("master") ? Config.Role.MASTER : Config.Role.MINION, root.resolve("etc/jsalt"));
            assertEquals(Path.of("/var/run/" + pkg + ".pid"), c.path("pidfile"));
            // Shipped with every option commented out, as Salt's conf/minion and conf/master
            // are: the minion looks for "salt", the master serves /srv/salt and /srv/pillar.
            if (d.equals("minion")) {
                assertEquals("salt", c.str("master"));
            } else {
                assertEquals(java.util.Map.of("base", List.of("/srv/salt")), c.get("file_roots"));
                assertEquals(java.util.Map.of("base", List.of("/srv/pillar")), c.get("pillar_roots"));
            }
            String postrm = Files.readString(root.resolve("DEBIAN/postrm"));
            for (String opt : List.of("pki_dir", "cachedir", "log_file")) {
                assertTrue(postrm.contains(" " + c.path(opt) + " "), opt + " " + c.path(opt) + " not purged:\n" + postrm);
            }
            assertTrue(Files.readString(root.resolve("etc/logrotate.d/" + pkg)).contains(c.path("log_file") + " "));
            String postinst = Files.readString(root.resolve("DEBIAN/postinst"));
            assertTrue(postinst.contains("update-rc.d \"$NAME\" defaults"));
            assertTrue(postinst.contains("invoke-rc.d --skip-systemd-native \"$NAME\" \"$action\""));
            assertTrue(Files.isRegularFile(root.resolve("lib/systemd/system/" + pkg + ".service")));
            // The minion offers Salt's salt-call as an alternative name of jsalt-call (low priority,
            // so Salt's own package wins); prerm withdraws it. The master offers none.
            String alternatives = d.equals("minion") ? "salt-call=jsalt-call" : "";
            assertTrue(postinst.contains("  for alt in " + alternatives + "; do\n    update-alternatives --install "
                    + "\"/usr/bin/${alt%%=*}\" \"${alt%%=*}\" \"/usr/share/jsalt/" + d + "/bin/${alt#*=}\" 10\n"), postinst);
            assertTrue(Files.readString(root.resolve("DEBIAN/prerm")).contains("  for alt in " + alternatives
                    + "; do\n    update-alternatives --remove \"${alt%%=*}\" \"/usr/share/jsalt/" + d + "/bin/${alt#*=}\"\n"));
        }
    }
}
