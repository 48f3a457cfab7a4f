package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State functions public formulas use, on files in a temp dir through the path options Salt
 * has: host.only (salt/states/host.py, hosts.file), file.copy (copy_ in salt/states/file.py),
 * alias.present/absent (salt/states/alias.py over salt/modules/aliases.py, aliases.file) and
 * sysctl.present (salt/states/sysctl.py over salt/modules/linux_sysctl.py, config). The sysctl
 * cases stop short of sysctl -w: they run in test mode or where the file and the running value
 * already agree, so this host's kernel settings are never written.
 */
class FormulaStatesTest {
    @TempDir
    Path dir;
    StateHarness h;
    Path hosts;
    Path aliases;

    @BeforeEach
    void setUp() throws Exception {
        hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1\tlocalhost\n# fleet\n10.0.0.5\tdb1 old-db\n10.0.0.5\textra\n");
        aliases = dir.resolve("aliases");
        Files.writeString(aliases, "# See man 5 aliases\npostmaster: root # keep\n\nroot: admin\n");
        h = new StateHarness(dir, Map.of("hosts.file", hosts.toString(), "aliases.file", aliases.toString()));
    }

    @Test
    void hostOnlySetsExactlyTheNamesOfAnIp() throws Exception {
        Object[] args = {"name", "10.0.0.5", "hostnames", List.of("db1.example.org", "db1")};
        Map<String, Object> t = h.test("host.only", args);
        assertNull(t.get("result"));
        assertEquals(Map.of(), t.get("changes"));
        assertEquals("Would change 10.0.0.5 from \"db1 old-db extra\" to \"db1.example.org db1\"", t.get("comment"));
        Map<String, Object> r = h.apply("host.only", args);
        assertEquals(true, r.get("result"));
        assertEquals("successfully changed 10.0.0.5 from \"db1 old-db extra\" to \"db1.example.org db1\"", r.get("comment"));
        assertEquals(Data.map("10.0.0.5", Data.map("old", "db1 old-db extra", "new", "db1.example.org db1")), r.get("changes"));
        // salt/modules/hosts.py set_host: the ip's first line replaced in place, its other lines dropped.
        assertEquals("127.0.0.1\tlocalhost\n# fleet\n10.0.0.5\t\tdb1.example.org db1\n", Files.readString(hosts));
        r = h.apply("host.only", args);
        assertEquals("IP address 10.0.0.5 already set to \"db1.example.org db1\"", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));
        // No hostnames removes the ip's entries.
        r = h.apply("host.only", "name", "10.0.0.5", "hostnames", List.of());
        assertEquals("127.0.0.1\tlocalhost\n# fleet\n", Files.readString(hosts));
    }

    @Test
    void fileCopyLeavesAnExistingTargetUnlessForced() throws Exception {
        Path src = dir.resolve("src.conf");
        Files.writeString(src, "a=1\n");
        Path dst = dir.resolve("sub/dst.conf");
        Object[] args = {"name", dst.toString(), "source", src.toString()};
        Map<String, Object> r = h.apply("file.copy", args);
        assertEquals(false, r.get("result"));
        assertEquals("The target directory " + dst.getParent() + " is not present", r.get("comment"));
        Object[] mk = {"name", dst.toString(), "source", src.toString(), "makedirs", true};
        Map<String, Object> t = h.test("file.copy", mk);
        assertNull(t.get("result"));
        assertEquals("File \"" + src + "\" is set to be copied to \"" + dst + "\"", t.get("comment"));
        r = h.apply("file.copy", mk);
        assertEquals(true, r.get("result"));
        assertEquals("Copied \"" + src + "\" to \"" + dst + "\"", r.get("comment"));
        assertEquals(Data.map(dst.toString(), src.toString()), r.get("changes"));
        assertEquals("a=1\n", Files.readString(dst));
        Files.writeString(src, "a=2\n");
        r = h.apply("file.copy", args);
        assertEquals(true, r.get("result"));
        assertEquals("The target file \"" + dst + "\" exists and will not be overwritten", r.get("comment"));
        assertEquals("a=1\n", Files.readString(dst));
        r = h.apply("file.copy", "name", dst.toString(), "source", src.toString(), "force", true);
        assertEquals(Data.map(dst.toString(), src.toString()), r.get("changes"));
        assertEquals("a=2\n", Files.readString(dst));
        r = h.apply("file.copy", "name", dst.toString(), "source", src.toString(), "force", true);
        assertEquals("Copied \"" + src + "\" to \"" + dst + "\" - files are identical but force flag is set", r.get("comment"));
        r = h.apply("file.copy", "name", dst.toString(), "source", dir.resolve("nope").toString());
        assertEquals("Source file \"" + dir.resolve("nope") + "\" is not present", r.get("comment"));
        // subdir copies into a target directory.
        r = h.apply("file.copy", "name", dst.getParent().toString(), "source", src.toString(), "subdir", true);
        assertEquals(true, r.get("result"));
        assertEquals("a=2\n", Files.readString(dst.getParent().resolve("src.conf")));
    }

    @Test
    void aliasPresentAndAbsentKeepTheRestOfTheFile() throws Exception {
        Map<String, Object> t = h.test("alias.present", "name", "webmaster", "target", List.of("a@example.org", "b"));
        assertNull(t.get("result"));
        assertEquals("Alias webmaster -> ['a@example.org', 'b'] is set to be added", t.get("comment"));
        Map<String, Object> r = h.apply("alias.present", "name", "webmaster", "target", List.of("a@example.org", "b"));
        assertEquals("Set email alias webmaster -> ['a@example.org', 'b']", r.get("comment"));
        assertEquals(Data.map("alias", "webmaster"), r.get("changes"));
        r = h.apply("alias.present", "name", "postmaster", "target", "ops");
        assertEquals("Set email alias postmaster -> ops", r.get("comment"));
        assertEquals("# See man 5 aliases\npostmaster: ops # keep\n\nroot: admin\nwebmaster: a@example.org, b\n",
                Files.readString(aliases));
        r = h.apply("alias.present", "name", "root", "target", "admin");
        assertEquals("Alias root already present", r.get("comment"));
        assertEquals(true, r.get("result"));
        assertEquals("Alias root is set to be removed", h.test("alias.absent", "name", "root").get("comment"));
        r = h.apply("alias.absent", "name", "root");
        assertEquals("Removed alias root", r.get("comment"));
        assertEquals("# See man 5 aliases\npostmaster: ops # keep\n\nwebmaster: a@example.org, b\n", Files.readString(aliases));
        assertEquals("Alias root already absent", h.apply("alias.absent", "name", "root").get("comment"));
    }

    @Test
    void sysctlPresentComparesTheRunningValueAndTheConfigFile() throws Exception {
        String name = "vm.swappiness";
        String running = String.valueOf(h.exec("sysctl.get", "name", name));
        String other = String.valueOf(Long.parseLong(running) + 1);
        Path conf = dir.resolve("sysctl.d/99-salt.conf");
        Object[] args = {"name", name, "value", running, "config", conf.toString()};
        Map<String, Object> t = h.test("sysctl.present", args);
        assertNull(t.get("result"));
        assertEquals("Sysctl value is currently set on the running system but not in a config file. Sysctl option "
                + name + " set to be changed to " + running + " in config file.", t.get("comment"));
        assertEquals("Sysctl option " + name + " set to be changed to " + other,
                h.test("sysctl.present", "name", name, "value", other, "config", conf.toString()).get("comment"));
        assertEquals(false, Files.exists(conf));
        // With the file and the running value both holding the value, a real run changes nothing.
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, "#\n# Kernel sysctl configuration\n#\n" + name + " = " + running + "\n");
        Map<String, Object> r = h.apply("sysctl.present", args);
        assertEquals(true, r.get("result"), String.valueOf(r));
        assertEquals("Sysctl value " + name + " = " + running + " is already set", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("Already set", h.exec("sysctl.persist", "name", name, "value", running, "config", conf.toString()));
        assertEquals(Data.map(name, running), h.exec("sysctl.show", "config_file", conf.toString()));
        assertEquals("Sysctl option " + name + " would be changed to " + other,
                h.test("sysctl.present", "name", name, "value", other, "config", conf.toString()).get("comment"));
        assertEquals(List.of(), h.exec("sysctl.show", "config_file", dir.resolve("missing.conf").toString()));
    }

    @Test
    void sshAuthPresentAddsThenUpdatesAKeyInTheConfiguredFile() throws Exception {
        // salt/states/ssh_auth.py over salt/modules/ssh.py, with config pointing into the temp dir.
        String user = System.getProperty("user.name");
        Path keys = dir.resolve("ssh/authorized_keys");
        String key = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
        Object[] args = {"name", key + " admin@example", "user", user, "enc", "ssh-ed25519", "config", keys.toString()};
        Map<String, Object> t = h.test("ssh_auth.present", args);
        assertNull(t.get("result"));
        assertEquals("Key " + key + " for user " + user + " is set to be added", t.get("comment"));
        Map<String, Object> r = h.apply("ssh_auth.present", args);
        assertEquals(true, r.get("result"), String.valueOf(r));
        assertEquals("The authorized host key " + key + " for user " + user + " was added", r.get("comment"));
        assertEquals(Data.map(key, "New"), r.get("changes"));
        assertEquals("ssh-ed25519 " + key + " admin@example\n", Files.readString(keys));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        r = h.apply("ssh_auth.present", args);
        assertEquals("The authorized host key " + key + " is already present for user " + user, r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));
        // A whole authorized_keys line: its options and comment replace the entry's, in place.
        Files.writeString(keys, "# managed\n" + Files.readString(keys) + "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC= other\n");
        Object[] line = {"name", "no-pty,from=\"10.0.0.0/8\" ssh-ed25519 " + key + " admin@laptop", "user", user,
            "config", keys.toString()};
        assertEquals("Key " + key + " for user " + user + " is set to be updated", h.test("ssh_auth.present", line).get("comment"));
        r = h.apply("ssh_auth.present", line);
        assertEquals(Data.map(key, "Updated"), r.get("changes"));
        assertEquals("# managed\nno-pty,from=\"10.0.0.0/8\" ssh-ed25519 " + key + " admin@laptop\n"
                + "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC= other\n", Files.readString(keys));
        r = h.apply("ssh_auth.present", "name", "not-base64!", "user", user, "config", keys.toString());
        assertEquals(false, r.get("result"));
        assertEquals("Invalid public ssh key, most likely has spaces or invalid syntax", r.get("comment"));
    }

    @Test
    void debconfSetPreseedsOnlyTheAnswersThatDiffer() throws Exception {
        // salt/states/debconfmod.py over salt/modules/debconfmod.py; stand-ins for the debconf
        // programs keep the answers in a file, so this host's debconf database is not touched.
        Path db = dir.resolve("debconf.db");
        Files.writeString(db, "# comment line\nlocales\tlocales/default_environment_locale\tselect\ten_US.UTF-8\n");
        Path get = dir.resolve("get-selections");
        Files.writeString(get, "#!/bin/sh\ncat " + db + "\n");
        Path set = dir.resolve("set-selections");
        Files.writeString(set, "#!/bin/sh\n{ cat \"$1\"; echo; } >> " + db + "\n");
        for (Path p : List.of(get, set)) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        StateHarness d = new StateHarness(dir, Map.of("debconf.get_selections", get.toString(),
                "debconf.set_selections", set.toString()));
        Map<String, Object> data = Data.map(
                "locales/default_environment_locale", Data.map("type", "select", "value", "en_US.UTF-8"),
                "locales/locales_to_be_generated", Data.map("type", "multiselect", "value", "en_US.UTF-8 UTF-8"),
                "debconf/frontend", Data.map("type", "boolean", "value", true));
        Map<String, Object> t = d.test("debconf.set", "name", "locales", "data", data);
        assertNull(t.get("result"));
        assertEquals("Unchanged answers: locales/default_environment_locale ", t.get("comment"));
        assertEquals(Data.map("locales/locales_to_be_generated", "New value: en_US.UTF-8 UTF-8",
                "debconf/frontend", "New value: true"), t.get("changes"));
        Map<String, Object> r = d.apply("debconf.set", "name", "locales", "data", data);
        assertEquals(true, r.get("result"));
        assertEquals(Data.map("locales/locales_to_be_generated", "en_US.UTF-8 UTF-8", "debconf/frontend", "true"),
                r.get("changes"));
        assertTrue(Files.readString(db).contains("locales locales/locales_to_be_generated multiselect en_US.UTF-8 UTF-8\n"));
        r = d.apply("debconf.set", "name", "locales", "data", data);
        assertEquals("All specified answers are already set", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));
    }

    @Test
    void pipInstalledAsksTheBinEnvsPip() throws Exception {
        // salt/states/pip_state.py; bin_env points at a stand-in pip that lists two packages and
        // records what it was asked to install, so nothing is installed on this host.
        Path log = dir.resolve("pip.log");
        Path pip = dir.resolve("pip");
        Files.writeString(pip, "#!/bin/sh\nif [ \"$1\" = list ]; then echo '[{\"name\": \"Jinja2\", \"version\": \"3.1.2\"}"
                + ", {\"name\": \"requests\", \"version\": \"2.31.0\"}]'; fi\n"
                + "if [ \"$1\" = install ]; then echo \"$@\" >> " + log + "; fi\n");
        Files.setPosixFilePermissions(pip, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, Object> r = h.apply("pip.installed", "name", "jinja2", "bin_env", pip.toString());
        assertEquals(true, r.get("result"));
        assertEquals("Python package jinja2 was already installed\nAll specified packages are already installed",
                r.get("comment"));
        r = h.apply("pip.installed", "name", "requests==2.31.0", "bin_env", pip.toString());
        assertEquals(true, r.get("result"));
        Map<String, Object> t = h.test("pip.installed", "name", "x", "pkgs", List.of("requests==2.32.0", "jinja2"),
                "bin_env", pip.toString());
        assertNull(t.get("result"));
        assertEquals("Python package(s) set to be installed:\nrequests==2.32.0\njinja2", t.get("comment"));
        r = h.apply("pip.installed", "name", "flask", "bin_env", pip.toString());
        assertEquals("There was no error installing package 'flask' although it does not show when calling 'pip.freeze'.",
                r.get("comment"));
        assertEquals("install flask\n", Files.readString(log));
        r = h.apply("pip.installed", "name", "flask", "bin_env", dir.resolve("no-venv").toString());
        assertEquals(false, r.get("result"));
        assertEquals(PipStates.NO_PIP, r.get("comment"));
    }
}
