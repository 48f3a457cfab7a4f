package io.jsalt.minion.states;

import io.jsalt.common.plugin.Registry;
import io.jsalt.minion.testhost.TestHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link StateHarness}'s apply, test and exec, run by a {@link HostStateRunner} inside a
 * {@link TestHost}: the state functions change the host, never the machine running the test,
 * and their results come back as the same Java values. A harness is one minion process in the
 * host; {@link #close} ends it (the host's own close ends it too).
 */
final class HostHarness implements AutoCloseable {
    private final Process process;
    private final PrintStream requests;
    private final BufferedReader replies;
    /** The last lines the runner printed that were not replies, for failure messages. */
    private final Deque<String> noise = new ArrayDeque<>();

    /** A harness whose cache and salt:// root are in directory DIR of the host (created there). */
    HostHarness(TestHost host, String dir) {
        try {
            this.process = host.java(HostStateRunner.class.getName(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.requests = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        reply();
    }

    /** Runs a state function with keyword arguments from alternating key/value pairs. */
    @SuppressWarnings("unchecked")
    Map<String, Object> apply(String fun, Object... kv) {
        return (Map<String, Object>) call("apply", fun, kv);
    }

    /** The same in test mode. */
    @SuppressWarnings("unchecked")
    Map<String, Object> test(String fun, Object... kv) {
        return (Map<String, Object>) call("test", fun, kv);
    }

    /** Calls an execution function. */
    Object exec(String fun, Object... kv) {
        return call("exec", fun, kv);
    }

    private Object call(String op, String fun, Object... kv) {
        try {
            requests.println(HostStateRunner.encode(new Object[] {op, fun, kv}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reply();
    }

    private Object reply() {
        try {
            for (String line; (line = replies.readLine()) != null;) {
                if (!line.startsWith(HostStateRunner.REPLY)) {
                    noise.addLast(line);
                    if (noise.size() > 40) {
                        noise.removeFirst();
                    }
                    continue;
                }
                Object[] r = (Object[]) HostStateRunner.decode(line.substring(HostStateRunner.REPLY.length()));
                if (Boolean.TRUE.equals(r[0])) {
                    return r[1];
                }
                // The function's own exception, as the test would have seen it in-process.
                throw Registry.rethrown((Throwable) r[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the minion in the test host ended:\n" + String.join("\n", noise));
    }

    @Override
    public void close() {
        requests.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
