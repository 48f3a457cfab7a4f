package io.jsalt.minion.custom;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.FunctionNotAvailable;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.py.PyJson;
import io.jsalt.minion.modules.ProcessRunner;
import io.jsalt.minion.modules.Sh;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange with a {@code python3} child running the bridge script (a resource beside this
 * class): the request goes in as one JSON line; the child's {@code __salt__} / {@code __states__}
 * calls come back as lines the {@link Callbacks} answer; its last line is the outcome. The
 * child's stderr (prints, logging) is logged. An interrupted caller (a killed job) kills the
 * child and what it started.
 */
final class PyBridge {
    static final String PYTHON = "python3";
    /** Why custom modules cannot run here, or null. */
    static String unavailableReason() {
        return Sh.has(PYTHON) ? null : "custom Python modules need python3, which was not found on PATH";
    }

    private static final String SCRIPT = loadScript();
    private static final Logger LOG = LoggerFactory.getLogger("jsalt.custom");
    private static final String EOF = "\0eof";
    private static final PyJson.Style STRICT = new PyJson.Style(false, false, null, v -> {
        throw new CommandExecutionError("a " + v.getClass().getSimpleName() + " cannot be sent to Python");
    });
    private static final PyJson.Style LENIENT = new PyJson.Style(false, false, null, String::valueOf);

    /** Answers the child's calls back into the minion. */
    interface Callbacks {
        /** {@code fun in __salt__} (kind "modules") or {@code __states__}: false, true, or where a custom one lives. */
        Object has(String kind, String fun);

        Object call(String kind, String fun, List<Object> args, Map<String, Object> kwargs);
    }

    private PyBridge() {}

    private static String loadScript() {
        try (InputStream in = PyBridge.class.getResourceAsStream("jsalt_bridge.py")) {
            if (in == null) {
                throw new IllegalStateException("jsalt_bridge.py is missing from the minion's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configuration, grains and pillar as JSON, anything JSON cannot hold written as its text. */
    static Object plainContext(Object data) {
        return PyJson.loads(PyJson.dumps(data, LENIENT));
    }

    /**
     * Runs one request; returns the child's last message ({@code ret} or {@code error}).
     * Arguments that cannot be sent exactly are an error before the child starts.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> run(Map<String, Object> request, Callbacks callbacks, String label) {
        String first = PyJson.dumps(request, STRICT);
        String why = unavailableReason();
        if (why != null) {
            throw new CommandExecutionError(why);
        }
        // -I: no PYTHONPATH, user site or script directory on sys.path; -B: no __pycache__ in the cache dir.
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-I", "-B", "-c", SCRIPT).directory(new File("/"));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CommandExecutionError("Unable to start python3 for custom module " + label + ": " + e.getMessage());
        }
        Deque<String> stderrTail = new ArrayDeque<>();
        Thread err = daemon("jsalt-py-stderr", () -> logLines(p.getErrorStream(), label, stderrTail));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread out = daemon("jsalt-py-stdout", () -> readLines(p.getInputStream(), lines));
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8))) {
            write(w, first);
            while (true) {
                String line = lines.take();
                if (line == EOF) {
                    int code = p.waitFor();
                    err.join(2000);
                    throw new CommandExecutionError("python3 running custom module " + label + " exited with code "
                            + code + " before answering" + tail(stderrTail));
                }
                Map<String, Object> msg = (Map<String, Object>) PyJson.loads(line);
                if (msg.containsKey("has")) {
                    write(w, PyJson.dumps(Map.of("ret", answerHas(callbacks, msg)), STRICT));
                } else if (msg.containsKey("salt") || msg.containsKey("state")) {
                    write(w, answerCall(callbacks, msg));
                } else {
                    return msg;
                }
            }
        } catch (InterruptedException e) {
            ProcessRunner.killTree(p);
            Thread.currentThread().interrupt();
            throw new CommandExecutionError("Custom module " + label + " was interrupted; its python3 was killed");
        } catch (IOException e) {
            throw new CommandExecutionError("Lost the python3 running custom module " + label + ": " + e.getMessage()
                    + tail(stderrTail));
        } catch (PyJson.JsonError e) {
            throw new CommandExecutionError("python3 running custom module " + label
                    + " wrote something other than the protocol: " + e.getMessage());
        } finally {
            if (p.isAlive()) {
                ProcessRunner.killTree(p);
            }
            out.interrupt();
        }
    }

    private static Object answerHas(Callbacks callbacks, Map<String, Object> msg) {
        return callbacks.has(String.valueOf(msg.get("kind")), String.valueOf(msg.get("has")));
    }

    @SuppressWarnings("unchecked")
    private static String answerCall(Callbacks callbacks, Map<String, Object> msg) {
        String kind = msg.containsKey("salt") ? "modules" : "states";
        String fun = String.valueOf(msg.containsKey("salt") ? msg.get("salt") : msg.get("state"));
        try {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("ret", callbacks.call(kind, fun, (List<Object>) msg.get("args"),
                    (Map<String, Object>) msg.get("kwargs")));
            return PyJson.dumps(reply, STRICT);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            return PyJson.dumps(Map.of("error", Map.of("type", pythonType(e),
                    "message", String.valueOf(e.getMessage()))), STRICT);
        }
    }

    /** The exception a Python caller of {@code __salt__} sees for the minion's failure. */
    static String pythonType(RuntimeException e) {
        if (e instanceof FunctionNotAvailable) {
            return "KeyError";
        }
        if (e instanceof InvocationError) {
            return "SaltInvocationError";
        }
        if (e instanceof Call.InvalidArguments) {
            return "TypeError";
        }
        return "CommandExecutionError";
    }

    private static void write(BufferedWriter w, String line) throws IOException {
        w.write(line);
        w.write('\n');
        w.flush();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void readLines(InputStream in, BlockingQueue<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            LOG.debug("python3's stdout closed: {}", e.getMessage());
        }
        lines.add(EOF);
    }

    private static void logLines(InputStream in, String label, Deque<String> tail) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                LOG.info("[{}] {}", label, line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 20) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("python3's stderr closed: {}", e.getMessage());
        }
    }

    private static String tail(Deque<String> tail) {
        synchronized (tail) {
            return tail.isEmpty() ? "" : ":\n" + String.join("\n", tail);
        }
    }
}
