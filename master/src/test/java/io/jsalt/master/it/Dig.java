package io.jsalt.master.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helper: the real dig (Debian's dnsutils) against a local server. */
final class Dig {
    private final int port;

    Dig(int port) {
        this.port = port;
    }

    /** dig @127.0.0.1 -p PORT ARGS...; returns stdout. */
    String run(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(port),
                "+time=2", "+tries=1"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("dig did not finish: " + argv);
        }
        return out;
    }

    /** The answers' data, one per line, sorted (dig +short). */
    List<String> shortAnswer(String name, String type, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("+short", name, type));
        args.addAll(List.of(extra));
        List<String> out = new ArrayList<>();
        for (String line : run(args.toArray(new String[0])).split("\n")) {
            if (!line.isBlank()) {
                out.add(line.trim());
            }
        }
        out.sort(null);
        return out;
    }

    /** The status word of the reply header: NOERROR, NXDOMAIN, REFUSED, ... */
    String status(String name, String type) throws IOException, InterruptedException {
        String out = run("+noall", "+comments", name, type);
        int i = out.indexOf("status: ");
        if (i < 0) {
            throw new AssertionError("no status in dig output:\n" + out);
        }
        return out.substring(i + 8, out.indexOf(',', i));
    }
}
