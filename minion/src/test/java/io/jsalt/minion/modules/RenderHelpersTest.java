package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.CommandExecutionError;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The execution functions public formulas call while their templates render: config.get and
 * config.option (salt/modules/config.py), the file path helpers (salt/modules/file.py, which
 * returns os.path's results), network.calc_net and network.ip_in_subnet
 * (salt/modules/network.py over salt/utils/network.py), dnsutil.serial
 * (salt/modules/dnsutil.py), the log functions (salt/modules/logmod.py) and the masterless
 * mine (salt/modules/mine.py, the file_client == "local" branches).
 */
class RenderHelpersTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private TestMinion minion(Map<String, Object> opts, Map<String, Object> pillar) {
        TestMinion m = new TestMinion(dir, opts, TestMinion::fakeCore);
        m.ctx().pillar().putAll(pillar);
        return m;
    }

    /** A table of one-argument calls: fun(arg) returns expected, for each arg, expected pair in turn. */
    private static void assertCalls(TestMinion m, String fun, String... argThenExpected) {
        for (int i = 0; i < argThenExpected.length; i += 2) {
            assertEquals(argThenExpected[i + 1], m.call(fun, argThenExpected[i]), fun + " " + argThenExpected[i]);
        }
    }

    @Test
    void configGetSearchesOptsGrainsPillarMasterThenSaltsDefaults() {
        Map<String, Object> opts = Data.map("id", "web1", "shared", "from-opts",
                "nested", Data.map("a", Data.map("x", 1L)));
        Map<String, Object> pillar = Data.map("shared", "from-pillar", "os", "from-pillar",
                "only_pillar", List.of("p", Data.map("k", "v")),
                "nested", Data.map("a", Data.map("y", 2L), "b", 3L),
                "master", Data.map("only_master", "m", "hosts.file", "/srv/hosts"));
        TestMinion m = minion(opts, pillar);
        // The master config comes before Salt's defaults; a default appears when nobody sets it.
        assertCalls(m, "config.get", "shared", "from-opts", "os", "Debian", "pkg:apache", "apache2",
                "only_pillar:k", "v", "only_pillar:0", "p", "only_master", "m", "hosts.file", "/srv/hosts",
                "aliases.file", "/etc/aliases", "missing", "");
        assertEquals("dflt", m.call("config.get", "missing", "dflt"));
        assertEquals("apache2", m.callKw("config.get", List.of("pkg|apache"), "delimiter", "|"));
        // Without merge the first store holding the key wins whole.
        assertEquals(Data.map("a", Data.map("x", 1L)), m.call("config.get", "nested"));
        // merge=recurse merges nested dicts, later stores (grains, then opts) winning.
        assertEquals(Data.map("a", Data.map("y", 2L, "x", 1L), "b", 3L),
                m.callKw("config.get", List.of("nested"), "merge", "recurse"));
        // merge=overwrite replaces top-level keys whole.
        assertEquals(Data.map("a", Data.map("x", 1L)), m.callKw("config.get", List.of("nested"), "merge", "overwrite"));
        assertEquals("from-opts", m.callKw("config.get", List.of("shared"), "merge", "bogus"));
        // config.option does not walk nested keys.
        assertCalls(m, "config.option", "pkg:apache", "", "hosts.file", "/srv/hosts", "redis.host", "salt");
    }

    @Test
    void filePathHelpersBehaveLikeOsPath() {
        TestMinion m = minion(Data.map("id", "web1"), Map.of());
        assertCalls(m, "file.basename", "test/test.config", "test.config", "/etc/", "");
        assertCalls(m, "file.dirname", "test/path/filename.config", "test/path", "/etc", "/", "a//b", "a", "file", "");
        assertEquals("/usr/local/bin", m.call("file.join", "/", "usr", "local", "bin"));
        assertEquals("/etc/x", m.call("file.join", "/srv", "/etc", "x"));
        assertEquals("a/b/", m.call("file.join", "a", "b", ""));
        assertCalls(m, "file.normpath", "a/b/c/..", "a/b", "/..", "/", "../x", "../x", "//a/./", "//a", "///a", "/a",
                "", ".");
        assertEquals(true, m.call("file.directory_exists", dir.toString()));
        assertEquals(false, m.call("file.file_exists", dir.toString()));
        assertEquals(false, m.call("file.is_link", dir.toString()));
    }

    @Test
    void calcNetAndIpInSubnetFollowPythonsIpaddress() {
        TestMinion m = minion(Data.map("id", "web1"), Map.of());
        assertEquals("172.17.0.0/28", m.call("network.calc_net", "172.17.0.5", "255.255.255.240"));
        assertEquals("10.1.0.0/16", m.call("network.calc_net", "10.1.2.3/16"));
        assertEquals("2a02:f6e:a000:80::/64", m.call("network.calc_net", "2a02:f6e:a000:80:84d8:8332:7866:4e07/64"));
        assertThrows(CommandExecutionError.class, () -> m.call("network.calc_net", "nope"));
        assertEquals(true, m.call("network.ip_in_subnet", "172.17.0.4", "172.16.0.0/12"));
        assertEquals(false, m.call("network.ip_in_subnet", "10.0.0.1", "172.16.0.0/12"));
        assertEquals(false, m.call("network.ip_in_subnet", "10.0.0.1", "::/0"));
        // A network with host bits set is invalid: logged, False.
        assertEquals(false, m.call("network.ip_in_subnet", "172.17.0.4", "172.17.0.1/12"));
    }

    @Test
    void dnsSerialIsTodayThenCountsUpInAGrain() {
        TestMinion m = minion(Data.map("id", "web1"), Map.of());
        String today = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + "01";
        assertEquals(today, m.call("dnsutil.serial", "example.com"));
        assertEquals("", m.call("grains.get", "dnsserial_example.com"));
        assertEquals(today, m.callKw("dnsutil.serial", List.of("example.com"), "update", true));
        assertEquals(today, m.call("grains.get", "dnsserial_example.com"));
        String next = String.valueOf(Long.parseLong(today) + 1);
        assertEquals(next, m.callKw("dnsutil.serial", List.of("example.com"), "update", true));
        assertEquals(next, m.call("dnsutil.serial", "example.com"));
        // A serial of an earlier day is replaced by today's.
        m.call("grains.setval", "dnsserial", "2000010105");
        assertEquals("2000010105", m.call("dnsutil.serial"));
        assertEquals(today, m.callKw("dnsutil.serial", List.of(), "update", true));
    }

    @Test
    void logFunctionsReturnTrueWhateverTheMessage() {
        TestMinion m = minion(Data.map("id", "web1"), Map.of());
        for (String level : List.of("debug", "info", "warning", "error", "critical", "exception")) {
            assertEquals(true, m.call("log." + level, "braces {} and %s stay as they are"));
        }
    }

    @Test
    void masterlessMineReturnsThisMinionsOwnData() {
        Map<String, Object> opts = new LinkedHashMap<>(Data.map("id", "web1", "file_client", "local",
                "cachedir", dir.resolve("cache").toString()));
        opts.put("mine_functions", Data.map("test.ping", List.of(),
                "my_os", List.of(Data.map("mine_function", "grains.get"), "os")));
        TestMinion m = minion(opts, Map.of());
        assertEquals(Map.of(), m.call("mine.get", "*", "test.ping"));
        assertEquals(true, m.call("mine.update"));
        assertTrue(Files.isRegularFile(dir.resolve("cache/mine_cache.yaml")));
        assertEquals(Data.map("web1", true), m.call("mine.get", "*", "test.ping"));
        assertEquals(Data.map("web1", "Debian"), m.call("mine.get", "web1", "my_os"));
        assertEquals(Data.map("test.ping", Data.map("web1", true), "my_os", Data.map("web1", "Debian")),
                m.call("mine.get", "*", "test.ping,my_os"));
        assertEquals(Data.map("my_os", Data.map("web1", "Debian")), m.call("mine.get", "*", List.of("my_os")));
        assertEquals(Map.of(), m.call("mine.get", "db*", "test.ping"));
        assertEquals(Data.map("web1", true), m.call("mine.get", "os:Debian", "test.ping", "grain"));
        assertEquals(true, m.call("mine.send", "extra", Data.map("mine_function", "grains.get"), "host"));
        assertEquals(Data.map("web1", "web1"), m.call("mine.get", "*", "extra"));
        assertEquals(true, m.call("mine.delete", "extra"));
        assertEquals(Map.of(), m.call("mine.get", "*", "extra"));
        assertEquals(true, m.call("mine.flush"));
        assertEquals(Map.of(), m.call("mine.get", "*", "test.ping"));
    }

    /**
     * file.contains_regex (salt/modules/file.py: re.search on each line, lchar stripped first, a
     * missing file False), as the openssh formula asks whether sshd_config has tabs; and
     * alternatives.show_current (salt/modules/alternatives.py: the link's target, False when
     * there is none), as the vim formula asks which editor is current.
     */
    @Test
    void containsRegexAndShowCurrentAnswerAsSaltDoes() throws Exception {
        java.nio.file.Path conf = dir.resolve("sshd_config");
        Files.writeString(conf, "Port 22\nPermitRootLogin\tno\n  # UseDNS yes\n");
        java.nio.file.Path alts = dir.resolve("alternatives");
        Files.createDirectories(alts);
        Files.createSymbolicLink(alts.resolve("editor"), java.nio.file.Path.of("/usr/bin/vim.basic"));
        TestMinion m = minion(Data.map("alternatives.dir", alts.toString()), Map.of());
        assertEquals(true, m.call("file.contains_regex", conf.toString(), "^(\\w+)\\t+(\\w)"));
        assertEquals(false, m.call("file.contains_regex", conf.toString(), "^#"));
        assertEquals(true, m.call("file.contains_regex", conf.toString(), "^# UseDNS", " "));
        assertEquals(false, m.call("file.contains_regex", dir.resolve("missing").toString(), "."));
        assertEquals("/usr/bin/vim.basic", m.call("alternatives.show_current", "editor"));
        assertEquals(false, m.call("alternatives.show_current", "pager"));
        assertEquals(false, m.call("alternatives.show_current", "../alternatives/editor"));
    }

    /**
     * slsutil.serialize, as the formulas' _mapdata states write their map with it
     * (salt/modules/slsutil.py serialize over salt/serializers/yaml.py, which dumps with
     * default_flow_style None unless told, and salt/serializers/json.py, json.dumps).
     */
    @Test
    void slsutilSerializeWritesYamlAndJsonAsSaltsSerializers() {
        TestMinion m = minion(Map.of(), Map.of());
        Map<String, Object> map = Data.map("pkg", "apache2", "mods", List.of("ssl", "rewrite"),
                "text", "a\nb");
        assertEquals("pkg: apache2\nmods:\n- ssl\n- rewrite\ntext: 'a\n\n  b'",
                m.callKw("slsutil.serialize", List.of("yaml", map), "default_flow_style", false, "allow_unicode", true));
        // Unset, PyYAML writes a collection of scalars only in flow style.
        assertEquals("pkg: apache2\nmods: [ssl, rewrite]\ntext: 'a\n\n  b'", m.call("slsutil.serialize", "yaml", map));
        assertEquals("{\"pkg\": \"apache2\", \"mods\": [\"ssl\", \"rewrite\"], \"text\": \"a\\nb\"}",
                m.call("slsutil.serialize", "json", map));
        RuntimeException e = assertThrows(RuntimeException.class, () -> m.call("slsutil.serialize", "toml", map));
        assertTrue(e.getMessage().contains("Serializer 'toml' not found."), e.getMessage());
    }
}
