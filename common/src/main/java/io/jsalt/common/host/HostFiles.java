package io.jsalt.common.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small text files under /proc, /sys and /etc that grains and modules are made
 * of. A missing or unreadable file is simply absent: grains never fail a minion's start.
 */
public final class HostFiles {
    private HostFiles() {}

    /** The file's text, or null when it cannot be read. */
    public static String read(String path) {
        return read(Path.of(path));
    }

    public static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            // Includes undecodable bytes (MalformedInputException is an IOException).
            return null;
        }
    }

    /** The first line of the file, trimmed, or null. */
    public static String line(String path) {
        String text = read(path);
        if (text == null) {
            return null;
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).trim();
    }

    public static List<String> lines(String path) {
        String text = read(path);
        return text == null ? List.of() : text.lines().toList();
    }

    /**
     * "Key: value" files such as /proc/meminfo and /proc/self/status, keys in file order.
     * Only the first occurrence of a key is kept.
     */
    public static Map<String, String> colonPairs(String path) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines(path)) {
            int i = line.indexOf(':');
            if (i > 0) {
                out.putIfAbsent(line.substring(0, i).trim(), line.substring(i + 1).trim());
            }
        }
        return out;
    }
}
