package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing the master and a minion write (job cache with pillar in its returns, grains and
 * mine caches, keys, the CLI socket, the file client cache, backups, the state lock, the
 * saved schedule) can be read by another local user, whatever umask the process has: this
 * JVM keeps the usual 022. Salt guards the same places one by one (salt/utils/verify.py
 * forces pki_dir to 0700; salt/loader.py writes the grains cache under umask 077).
 */
class PrivateFilesIT extends FleetCase {
    /** Every file and directory under root whose mode lets group or others in. */
    private static List<String> openToOthers(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0777;
                if (!Files.isSymbolicLink(p) && (mode & 077) != 0) {
                    out.add(String.format("%o %s", mode, root.relativize(p)));
                }
            }
        }
        return out;
    }

    @Test
    void nothingTheMasterAndMinionWriteIsReadableByOtherUsers() throws Exception {
        Path pillarRoot = tmp.resolve("pillar");
        Path fileRoot = tmp.resolve("salt");
        Path managed = tmp.resolve("managed/app.conf");
        write(pillarRoot, "top.sls", "base:\n  '*':\n    - secrets\n");
        write(pillarRoot, "secrets.sls", "db_password: hunter2\n");
        write(fileRoot, "motd", "hello\n");
        write(fileRoot, "app.sls", managed + ":\n  file.managed:\n    - contents: \"{{ pillar['db_password'] }}\"\n"
                + "    - backup: minion\n");
        write(tmp, "managed/app.conf", "old\n");
        fleet = new TestFleet(tmp).startMaster(o -> {
            o.put("pillar_roots", Map.of("base", List.of(pillarRoot.toString())));
            o.put("file_roots", Map.of("base", List.of(fileRoot.toString())));
        });
        fleet.acceptedMinion("alpha", Map.of("roles", List.of("web")));
        Cli cli = new Cli(fleet.sockDir());

        Cli.Run pillar = cli.publish("alpha", "glob", "pillar.items", List.of(), Map.of(), 10);
        assertEquals("hunter2", Data.get(pillar.returns().get("alpha"), "db_password", null));
        cli.publish("alpha", "glob", "cp.cache_file", List.of("salt://motd"), Map.of(), 10);
        cli.publish("alpha", "glob", "state.apply", List.of("app"), Map.of(), 20);
        assertEquals("hunter2", Files.readString(managed).strip());
        cli.publish("alpha", "glob", "mine.send", List.of("test.ping"), Map.of(), 10);
        cli.publish("alpha", "glob", "schedule.add", List.of("job1"),
                Map.of("function", "test.ping", "seconds", 3600L), 10);
        cli.publish("alpha", "glob", "schedule.save", List.of(), Map.of(), 10);
        Path cachedir = fleet.master().config().path("cachedir");
        TestFleet.await(() -> Files.exists(cachedir.resolve("minions/alpha/grains.pb")), "grains cached");

        assertTrue(Files.exists(cachedir.resolve("jobs.mv.db")), "the job cache is in cachedir");
        // Their parents (/var/cache, /etc, /run) are the system's, not the daemons'.
        for (String dir : List.of("cachedir", "pki_dir", "sock_dir")) {
            assertEquals(List.of(), openToOthers(fleet.master().config().path(dir)), "master " + dir);
        }
        for (String dir : List.of("cachedir", "pki_dir")) {
            Path d = fleet.minionConfig("alpha").path(dir);
            assertEquals(List.of(), openToOthers(d), "minion " + dir);
        }
        assertTrue(Files.exists(fleet.minionConfig("alpha").path("cachedir").resolve("files/base/motd")),
                "the file client cache was walked");
        Path schedule = fleet.minionDir("alpha").resolve("conf/minion.d/_schedule.conf");
        if (Files.exists(schedule)) {
            assertEquals(List.of(), openToOthers(schedule), "the saved schedule");
        }
    }
}
