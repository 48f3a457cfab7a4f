package io.jsalt.minion.grains;

import io.jsalt.common.host.HostFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The init grain, detected from PID 1 as Salt's os_data does on Linux. */
final class InitSystem {
    private static final List<String> SUPPORTED = List.of("upstart", "sysvinit", "systemd");

    private InitSystem() {}

    static String detect() {
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            return "systemd";
        }
        String cmdline = HostFiles.read("/proc/1/cmdline");
        if (cmdline == null) {
            return "unknown";
        }
        List<String> argv = List.of(cmdline.replace('\0', ' ').trim().split("\\s+"));
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            return "unknown";
        }
        Path bin = which(argv.get(0));
        if (bin != null && bin.toString().endsWith("bin/init")) {
            return scanBinary(bin);
        }
        for (String tool : List.of("supervisord", "dumb-init", "tini")) {
            Path p = which(tool);
            if (p != null && argv.contains(p.toString())) {
                return tool;
            }
        }
        if (argv.equals(List.of("runit")) || argv.contains("/sbin/my_init")) {
            return "runit";
        }
        return "unknown";
    }

    /** The init binary names its flavour somewhere inside; Salt greps it the same way. */
    private static String scanBinary(Path bin) {
        Path real;
        try {
            real = bin.toRealPath();
        } catch (IOException e) {
            return "unknown";
        }
        if (real.getFileName().toString().equals("systemd")) {
            return "systemd";
        }
        try (InputStream in = Files.newInputStream(real)) {
            byte[] buf = new byte[262144];
            String edge = "";
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                String chunk = edge + new String(buf, 0, n, StandardCharsets.ISO_8859_1).toLowerCase();
                for (String item : SUPPORTED) {
                    if (chunk.contains(item)) {
                        return item;
                    }
                }
                edge = chunk.substring(Math.max(0, chunk.length() - 7));
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    /** The program on PATH (or the given path), or null. */
    static Path which(String cmd) {
        if (cmd.contains("/")) {
            Path p = Path.of(cmd);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, cmd);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
