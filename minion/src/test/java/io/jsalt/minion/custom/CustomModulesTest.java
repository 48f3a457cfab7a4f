package io.jsalt.minion.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.common.Jid;
import io.jsalt.common.data.Values;
import io.jsalt.common.files.FileClient;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.Return;
import io.jsalt.minion.Minion;
import io.jsalt.minion.modules.state.LocalMinion;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom Python modules on a masterless minion: synced from the file roots (fixtures under
 * src/test/resources/custom/salt, written for these tests) and run through python3.
 */
class CustomModulesTest {
    @TempDir
    Path tmp;

    private Path roots;
    private LocalMinion local;
    private Minion minion;

    @BeforeEach
    void setUp() throws IOException, URISyntaxException {
        assumeTrue(PyBridge.unavailableReason() == null, "python3 is not on PATH");
        local = new LocalMinion(tmp, Map.of("id", "pyminion"));
        minion = local.minion;
        roots = local.states;
        Path fixtures = Path.of(getClass().getResource("/custom/salt").toURI());
        try (Stream<Path> s = Files.walk(fixtures)) {
            for (Path p : s.toList()) {
                Path to = roots.resolve(fixtures.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Files.writeString(tmp.resolve("srv/pillar/top.sls"), "base:\n  '*':\n    - data\n");
        Files.writeString(tmp.resolve("srv/pillar/data.sls"), "role: web\ndir: " + tmp + "\n");
        assertEquals(true, ret("saltutil.refresh_pillar"));
    }

    @AfterEach
    void tearDown() {
        if (local != null) {
            local.close();
        }
    }

    private Return run(String fun, List<Object> args, Map<String, Object> kwargs) {
        return local.call(fun, args, kwargs);
    }

    private Object ret(String fun, Object... args) {
        Return r = run(fun, new ArrayList<>(List.of(args)), new LinkedHashMap<>());
        return Values.fromProto(r.getRet());
    }

    private Map<?, ?> syncAll() {
        return (Map<?, ?>) ret("saltutil.sync_all");
    }

    // Salt: salt/utils/extmods.py sync (new or changed files reported as "KIND.NAME", the
    // others removed with clean_dynamic_modules), salt/modules/saltutil.py sync_all's kinds.
    @Test
    void syncCopiesNewAndChangedFilesReportsThemAndRemovesWhatTheRootsDropped() throws IOException {
        Map<?, ?> first = syncAll();
        assertEquals(List.of("modules.jnope", "modules.jtest", "modules.jvirt"), sorted(first.get("modules")));
        assertEquals(List.of("states.jstate"), first.get("states"));
        assertEquals(List.of(), first.get("grains"));
        Path cached = tmp.resolve("var/cache/jsalt/minion/extmods/modules/jtest.py");
        assertTrue(Files.isRegularFile(cached), "synced into cachedir/extmods/modules");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cached)));

        assertEquals(List.of(), ret("saltutil.sync_modules"), "nothing changed, nothing reported");
        Files.writeString(roots.resolve("_modules/jvirt.py"), "\ndef extra():\n    return 1\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.delete(roots.resolve("_modules/jnope.py"));
        Files.writeString(roots.resolve("_modules/bad-name.py"), "x = 1\n");
        assertEquals(List.of("modules.jvirt"), ret("saltutil.sync_modules"));
        assertFalse(Files.exists(cached.resolveSibling("jnope.py")), "removed from the roots, removed here");
        assertFalse(Files.exists(cached.resolveSibling("bad-name.py")), "not a module name: not synced");
        assertEquals(1L, ret("jrenamed.extra"), "the changed module is loaded again");
    }

    @Test
    void syncRefusesNamesThatAreNotAModuleFileOfItsOwnDirectory() throws IOException {
        List<String> fetched = new ArrayList<>();
        Path body = Files.writeString(tmp.resolve("body.py"), "def f():\n    return 1\n");
        FileClient hostile = new FileClient() {
            @Override
            public Optional<Path> cacheFile(String saltUrl, String saltenv) {
                fetched.add(saltUrl);
                return Optional.of(body);
            }

            @Override
            public Optional<String> hash(String saltUrl, String saltenv) {
                return Optional.empty();
            }

            @Override
            public List<String> listFiles(String saltenv) {
                return List.of("_modules/../../evil.py", "_modules/sub/inner.py", "_modules/.hidden.py",
                        "_modules/compiled.so", "_modules/dash-name.py", "_modules/ok_name.py", "other/_modules/x.py");
            }

            @Override
            public List<String> listDirs(String saltenv) {
                return List.of();
            }
        };
        CustomModules custom = new CustomModules(tmp.resolve("extmods"), minion::context);
        assertEquals(List.of("modules.ok_name"), custom.sync("modules", List.of("base"), hostile));
        assertEquals(List.of("salt://_modules/ok_name.py"), fetched, "nothing else is even fetched");
        try (Stream<Path> s = Files.walk(tmp.resolve("extmods"))) {
            assertEquals(List.of("ok_name.py"), s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList());
        }
        assertFalse(Files.exists(tmp.resolve("evil.py")));
    }

    private static List<Object> sorted(Object list) {
        List<Object> l = new ArrayList<>((List<?>) list);
        l.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        return l;
    }

    // Salt: salt/loader/lazy.py injects __salt__, __opts__, __grains__, __pillar__, __context__;
    // private names are not exported and __func_alias__ renames (_load_module).
    @Test
    void aCustomFunctionSeesSaltsDundersAndCallsBackIntoJsalt() {
        syncAll();
        assertEquals(Map.of("args", List.of("a", 1L), "kwargs", Map.of("k", "v")),
                Values.fromProto(run("jtest.echo", new ArrayList<>(List.of("a", 1L)),
                        new LinkedHashMap<>(Map.of("k", "v"))).getRet()));
        assertEquals(List.of("x", 2L), ret("jtest.plain", "x"), "no __pub_* keywords for a function without **kwargs");
        Map<String, Object> dunders = new LinkedHashMap<>();
        dunders.put("test", false);
        dunders.put("id", "pyminion");
        dunders.put("role", "web");
        dunders.put("env", "base");
        dunders.put("count", 1L);
        dunders.put("has_echo", true);
        dunders.put("has_ping", true);
        dunders.put("has_nothing", false);
        assertEquals(dunders, ret("jtest.dunders"));
        Return test = run("jtest.dunders", new ArrayList<>(), new LinkedHashMap<>(Map.of("test", true)));
        assertEquals(true, ((Map<?, ?>) Values.fromProto(test.getRet())).get("test"), "__opts__['test'] follows test=True");
        assertEquals("hello pipes", ret("jtest.shell", "echo hello pipes | cat"), "cmd.run with python_shell, stdout kept clean");
        assertEquals(Map.of("other", "here", "ping", true), ret("jtest.nested"), "custom-to-custom calls share __context__");
        assertEquals("KeyError 'nope.nothing'", ret("jtest.missing_call"));
        Object caught = ret("jtest.failing_callback");
        assertEquals("caught: Specified cwd '/nonexistent/jsalt-custom-test' either not absolute or does not exist",
                caught, "a failing built-in raises CommandExecutionError in Python");
        assertEquals(List.of("listed"), ret("jtest.list"), "__func_alias__");
        assertEquals("'jtest._private' is not available.", ret("jtest._private"));
        assertTrue(String.valueOf(ret("jtest.salt_utils")).contains("no module named 'salt.utils.files'"));
        Return rc = run("jtest.set_retcode", new ArrayList<>(), new LinkedHashMap<>());
        assertEquals(5, rc.getRetcode(), "__context__['retcode'] is the job's retcode");
    }

    // Salt: salt/loader/lazy.py (__virtual__ False or (False, reason) -> not loaded, with
    // "'NAME' __virtual__ returned False: reason"; a string is the module's name).
    @Test
    void virtualDecidesNameAndAvailability() {
        syncAll();
        assertEquals("hello jsalt", ret("jrenamed.hello", "jsalt"));
        assertEquals("'jvirt.hello' is not available.", ret("jvirt.hello"));
        assertEquals("'jnope' __virtual__ returned False: jnope needs a unicorn", ret("jnope.anything"));
    }

    // Salt: salt/minion.py _thread_return's outcomes for each exception.
    @Test
    void exceptionsBecomeSaltsOutcomes() {
        syncAll();
        assertEquals("ERROR: the thing is broken", ret("jtest.fail"));
        assertEquals("Command required for 'jtest.not_found' not found: ufw is not installed", ret("jtest.not_found"));
        assertEquals("ERROR executing 'jtest.invalid': 'x' must be a number", ret("jtest.invalid"));
        String crash = String.valueOf(ret("jtest.crash"));
        assertTrue(crash.startsWith("The minion function caused an exception: Traceback"), crash);
        assertTrue(crash.contains("ValueError: no good value"), crash);
        assertTrue(String.valueOf(ret("jtest.plain")).startsWith("Passed invalid arguments to jtest.plain: "));
        assertEquals("ERROR: the return of jtest.bad_return['data'] is a bytes, which cannot be sent to jsalt",
                ret("jtest.bad_return"));
        assertTrue(String.valueOf(ret("jtest.int_keys")).contains("only string keys can be sent"));
        Return r = run("jtest.fail", new ArrayList<>(), new LinkedHashMap<>());
        assertEquals(1, r.getRetcode());
    }

    // Salt: salt/state.py call_highstate -> load_dynamic syncs before rendering; State.call
    // checks the return (name, changes, result, comment) and passes only the parameters the
    // function takes (salt/utils/args.py format_call).
    @Test
    void aHighstateSyncsAndRunsCustomStatesWithTestMode() throws IOException {
        Path file = tmp.resolve("custom.txt");
        Return dry = run("state.apply", new ArrayList<>(), new LinkedHashMap<>(Map.of("test", true)));
        Map<?, ?> dryRet = (Map<?, ?>) Values.fromProto(dry.getRet());
        Map<?, ?> custom = state(dryRet, "jstate_|-custom file_|-" + file + "_|-present");
        assertNull(custom.get("result"), String.valueOf(custom));
        assertEquals(file + " would be written", custom.get("comment"));
        assertFalse(Files.exists(file));

        Return applied = run("state.apply", new ArrayList<>(), new LinkedHashMap<>());
        Map<?, ?> ret = (Map<?, ?>) Values.fromProto(applied.getRet());
        custom = state(ret, "jstate_|-custom file_|-" + file + "_|-present");
        assertEquals(true, custom.get("result"), String.valueOf(custom));
        assertEquals(file + " written in base by jtest", custom.get("comment"));
        assertEquals(Map.of("content", "written by a custom state"), custom.get("changes"));
        assertEquals("written by a custom state", Files.readString(file));
        assertEquals(true, state(ret, "jstate_|-through states_|-through states_|-through_states").get("result"));
        assertEquals(true, state(ret, "cmd_|-after_|-echo after_|-run").get("result"), "onchanges on a custom state");
        assertEquals(0, applied.getRetcode());

        Return again = run("state.apply", new ArrayList<>(), new LinkedHashMap<>());
        custom = state((Map<?, ?>) Values.fromProto(again.getRet()), "jstate_|-custom file_|-" + file + "_|-present");
        assertEquals(Map.of(), custom.get("changes"), "idempotent");
    }

    private static Map<?, ?> state(Map<?, ?> ret, String tag) {
        assertTrue(ret.containsKey(tag), "no " + tag + " in " + ret.keySet());
        return (Map<?, ?>) ret.get(tag);
    }

    // Salt: salt/state.py State.call (a state's exception is "An exception occurred in this
    // state: " + traceback) and verify_ret (missing keys); salt/modules/state.py single.
    @Test
    void aBadCustomStateFailsAsSaltSays() {
        ret("saltutil.sync_states");
        // jstate's __virtual__ needs the custom jtest module, not synced yet.
        assertTrue(String.valueOf(ret("state.single", "jstate.incomplete", "x")).contains("was not found"));
        ret("saltutil.sync_modules");
        Map<?, ?> incomplete = only(ret("state.single", "jstate.incomplete", "x"));
        assertEquals(false, incomplete.get("result"));
        assertTrue(String.valueOf(incomplete.get("comment")).contains("The following keys were not present in the state return"),
                String.valueOf(incomplete));
        Map<?, ?> raised = only(ret("state.single", "jstate.raises", "y"));
        String comment = String.valueOf(raised.get("comment"));
        assertTrue(comment.startsWith("An exception occurred in this state: Traceback"), comment);
        assertTrue(comment.contains("CommandExecutionError: cannot manage y"), comment);
        Map<?, ?> missing = only(ret("state.single", "jstate.present", "z"));
        assertEquals("Missing parameter content for state jstate.present", missing.get("comment"));
    }

    private static Map<?, ?> only(Object ret) {
        Map<?, ?> m = (Map<?, ?>) ret;
        assertEquals(1, m.size(), String.valueOf(m));
        return (Map<?, ?>) m.values().iterator().next();
    }

    // Salt: state.sls syncs only with sync_mods (salt/modules/state.py sls).
    @Test
    void stateSlsSyncsOnlyWithSyncMods() {
        Object without = ret("state.sls", "jcustom");
        assertTrue(String.valueOf(without).contains("State 'jstate.present' was not found in SLS 'jcustom'"),
                String.valueOf(without));
        Return with = run("state.sls", new ArrayList<>(List.of("jcustom")),
                new LinkedHashMap<>(Map.of("sync_mods", "states,modules", "test", true)));
        assertEquals(0, with.getRetcode(), String.valueOf(Values.fromProto(with.getRet())));
    }

    // Salt: saltutil.kill_job ends the job's process; here the job's python3 and what it started.
    @Test
    void killingTheJobKillsItsPython() throws Exception {
        syncAll();
        String jid = Jid.systemUtc().next();
        Publish p = Publish.newBuilder().setJid(jid).setFun("jtest.sleep")
                .setArgs(Values.toProto(new ArrayList<>(List.of(60L)))).setUser("root").build();
        CompletableFuture<Return> done = new CompletableFuture<>();
        minion.runner().submit(p, done::complete);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<ProcessHandle> started = List.of();
        while (started.stream().noneMatch(h -> h.info().command().orElse("").endsWith("sleep"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            started = ProcessHandle.current().descendants().toList();
        }
        assertTrue(started.stream().anyMatch(h -> h.info().command().orElse("").contains("python")), "python3 runs");
        assertTrue(minion.runner().kill(jid));
        Return r = done.get(20, TimeUnit.SECONDS);
        assertTrue(Values.fromProto(r.getRet()).toString().contains("killed"), Values.fromProto(r.getRet()).toString());
        for (ProcessHandle h : started) {
            h.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(h.isAlive(), h.info().toString());
        }
    }
}
