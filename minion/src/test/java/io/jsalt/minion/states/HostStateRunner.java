package io.jsalt.minion.states;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The minion's side of {@link HostHarness}, started inside a test host with the test class
 * path: a {@link StateHarness} on a directory of the host, calling one state or execution
 * function per request line and answering with one reply line, until its input ends.
 *
 * <p>Requests and replies are Java-serialized and base64-encoded, so results come back with
 * the exact types the functions returned (Long stays Long, maps keep their order) and the
 * tests' assertions mean what they meant when the functions ran in the test's own JVM.
 * Replies start with {@link #REPLY}; anything else on the output (a stray print) is not one.
 */
public final class HostStateRunner {
    static final String REPLY = "jsalt-host-reply ";

    private HostStateRunner() {
    }

    public static void main(String[] args) throws IOException {
        // Replies alone go to the real stdout; whatever else prints goes to stderr.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        StateHarness h = new StateHarness(Path.of(args[0]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println(REPLY + encode(new Object[] {true, "ready"}));
        for (String line; (line = in.readLine()) != null;) {
            Object[] reply;
            try {
                Object[] req = (Object[]) decode(line);
                String op = (String) req[0];
                String fun = (String) req[1];
                Object[] kv = (Object[]) req[2];
                Object value = switch (op) {
                    case "apply" -> h.apply(fun, kv);
                    case "test" -> h.test(fun, kv);
                    case "exec" -> h.exec(fun, kv);
                    default -> throw new IllegalArgumentException("unknown request " + op);
                };
                reply = new Object[] {true, value};
            } catch (Throwable t) {
                reply = new Object[] {false, t};
            }
            String text;
            try {
                text = encode(reply);
            } catch (IOException e) {
                text = encode(new Object[] {false, new AssertionError("reply not serializable: " + reply[1] + " (" + e + ")")});
            }
            out.println(REPLY + text);
        }
    }

    static String encode(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream s = new ObjectOutputStream(b)) {
            s.writeObject(o);
        }
        return Base64.getEncoder().encodeToString(b.toByteArray());
    }

    static Object decode(String text) throws IOException {
        try (ObjectInputStream s = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(text)))) {
            return s.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }
}
