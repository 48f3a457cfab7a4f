package io.jsalt.master.keys;

import io.jsalt.common.data.Data;
import io.jsalt.common.py.Fnmatch;
import io.jsalt.common.text.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salt's automatic key acceptance and rejection ({@code salt.daemons.masterapi.AutoKey}),
 * all opt-in: {@code auto_accept}, {@code autosign_file}, {@code autoreject_file} and
 * {@code autosign_grains_dir}. Signing-file lines are matched as Salt's expr_match does: a
 * glob first, then a regular expression over the whole id; lines starting with '#' are
 * comments. A signing file others may write to is ignored, as in Salt.
 */
public final class AutoSign {
    private static final Logger LOG = LoggerFactory.getLogger(AutoSign.class);

    /**
     * @param autosignFile may be null; so may the other paths
     * @param permissivePkiAccess Salt's {@code permissive_pki_access}: trust group-writable files
     */
    public record Config(boolean autoAccept, Path autosignFile, Path autorejectFile, Path autosignGrainsDir,
                         boolean permissivePkiAccess) {
        public static final Config OFF = new Config(false, null, null, null, false);

        /** Reads Salt's master config keys of the same names. */
        public static Config fromOpts(Map<String, Object> opts) {
            return new Config(
                    Data.truthy(opts.get("auto_accept")),
                    path(opts.get("autosign_file")),
                    path(opts.get("autoreject_file")),
                    path(opts.get("autosign_grains_dir")),
                    Data.truthy(opts.get("permissive_pki_access")));
        }

        private static Path path(Object o) {
            return o == null || o.toString().isBlank() ? null : Path.of(o.toString());
        }
    }

    private final Config config;

    public AutoSign(Config config) {
        this.config = config;
    }

    /** Salt's check_autosign: auto_accept, then autosign_file, then autosign_grains_dir. */
    public boolean autosign(String id, Map<String, Object> grains) {
        return config.autoAccept()
                || matchesSigningFile(id, config.autosignFile())
                || matchesGrains(grains);
    }

    /** Salt's check_autoreject: autoreject_file. */
    public boolean autoreject(String id) {
        return matchesSigningFile(id, config.autorejectFile());
    }

    /** Salt's expr_match: equal, a glob, or a regular expression matching the whole id. */
    static boolean exprMatch(String id, String expr) {
        if (id.equals(expr) || Fnmatch.matches(id, expr)) {
            return true;
        }
        try {
            // Python's named groups (?P<name>...) are (?<name>...) in Java.
            return Pattern.compile(expr.replace("(?P<", "(?<")).matcher(id).matches();
        } catch (PatternSyntaxException e) {
            return false; // Salt ignores lines that are not valid regular expressions
        }
    }

    private boolean matchesSigningFile(String id, Path file) {
        if (file == null || !Files.isRegularFile(file) || !trusted(file)) {
            return false;
        }
        for (String expr : entries(file)) {
            if (exprMatch(id, expr)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesGrains(Map<String, Object> grains) {
        Path dir = config.autosignGrainsDir();
        if (grains == null || grains.isEmpty() || dir == null || !Files.isDirectory(dir)) {
            return false;
        }
        for (Map.Entry<String, Object> grain : grains.entrySet()) {
            String value = scalar(grain.getValue());
            if (value == null || grain.getKey().contains("/") || grain.getKey().startsWith(".")) {
                continue;
            }
            Path file = dir.resolve(grain.getKey());
            if (!Files.isRegularFile(file) || !trusted(file)) {
                continue;
            }
            if (entries(file).contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** Strings and numbers are compared by their text; lists and maps never match (as in Salt). */
    private static String scalar(Object v) {
        return v instanceof String || v instanceof Number ? v.toString() : null;
    }

    /**
     * The entries of a signing file. An entry with a control or format character can match
     * no valid id, and would only carry that character into log lines: it is skipped with a
     * warning naming the file and line.
     */
    private static List<String> entries(Path file) {
        List<String> out = new ArrayList<>();
        try {
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                if (!Printable.isLine(entry)) {
                    LOG.warn("Ignoring line {} of {}: '{}' contains a control or format character", n, file,
                            Printable.line(entry));
                    continue;
                }
                out.add(entry);
            }
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}; ignoring it", file, e.toString());
        }
        return out;
    }

    /** Salt's check_permissions: never world-writable, group-writable only with permissive_pki_access. */
    private boolean trusted(Path file) {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return true;
        } catch (IOException e) {
            LOG.warn("Cannot stat {}: {}; ignoring it", file, e.toString());
            return false;
        }
        if (mode.contains(PosixFilePermission.OTHERS_WRITE)
                || (mode.contains(PosixFilePermission.GROUP_WRITE) && !config.permissivePkiAccess())) {
            LOG.warn("Wrong permissions for {}, ignoring content", file);
            return false;
        }
        return true;
    }
}
