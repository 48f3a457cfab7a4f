package io.jsalt.common.render;

import com.hubspot.jinjava.lib.filter.Filter;
import io.jsalt.common.host.Which;
import io.jsalt.common.py.Hashlib;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Salt's filters that look at files of the host rendering the template (the minion for sls
 * files and templates, the master for pillar): is_text_file, is_bin_file and is_empty
 * (salt/utils/files.py), file_hashsum (salt/utils/hashutils.py get_hash), list_files
 * (salt/utils/files.py) and which (salt/utils/path.py). As in Salt they read what the
 * rendering process may read; a path it cannot read counts as not there.
 */
final class FileFilters {
    private FileFilters() {}

    /** Bytes Python's text heuristics count as text: printable ASCII and \n \r \t \f \b. */
    private static boolean textByte(int b, boolean formFeed) {
        return (b >= 32 && b < 127) || b == '\n' || b == '\r' || b == '\t' || b == '\b' || (formFeed && b == '\f');
    }

    static List<Filter> all() {
        return List.of(
                new SaltFilters.Named("is_text_file", (v, a, k) -> isText(path(v),
                        (int) Math.max(0, Long.parseLong(PyValues.str(SaltFilters.arg(a, k, 0, "blocksize", 512L)))))),
                new SaltFilters.Named("is_bin_file", (v, a, k) -> isBinary(path(v))),
                new SaltFilters.Named("is_empty", (v, a, k) -> {
                    try {
                        return Files.size(path(v)) == 0;
                    } catch (IOException | SecurityException e) {
                        return false;
                    }
                }),
                new SaltFilters.Named("file_hashsum", (v, a, k) -> hashsum(path(v),
                        PyValues.str(SaltFilters.arg(a, k, 0, "form", "sha256")))),
                new SaltFilters.Named("list_files", (v, a, k) -> listFiles(PyValues.str(v))),
                new SaltFilters.Named("which", (v, a, k) -> Which.find(PyValues.str(v), System.getenv("PATH"))));
    }

    private static Path path(Object v) {
        return Path.of(PyValues.str(v));
    }

    private static byte[] head(Path p, int n) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(n);
        }
    }

    /** salt.utils.files.is_text: no NUL, and UTF-8 or at most 30% non-text bytes; unreadable is False. */
    static boolean isText(Path p, int blocksize) {
        byte[] block;
        try {
            block = head(p, blocksize);
        } catch (IOException | SecurityException e) {
            return false;
        }
        for (byte b : block) {
            if (b == 0) {
                return false;
            }
        }
        if (block.length == 0 || utf8(block)) {
            return true;
        }
        return nonText(block, true) / (double) block.length <= 0.30;
    }

    /** salt.utils.files.is_binary: a file whose first 2048 bytes are not UTF-8, hold NUL or over 30% non-text. */
    static boolean isBinary(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        byte[] block;
        try {
            block = head(p, 2048);
        } catch (IOException | SecurityException e) {
            return false;
        }
        if (!utf8(block)) {
            return true;
        }
        String text = new String(block, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return false;
        }
        if (text.indexOf('\0') >= 0) {
            return true;
        }
        long nontext = text.codePoints().filter(c -> !textByte(c, false)).count();
        return nontext / (double) text.codePointCount(0, text.length()) > 0.30;
    }

    private static boolean utf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static long nonText(byte[] block, boolean formFeed) {
        long n = 0;
        for (byte b : block) {
            if (!textByte(b & 0xff, formFeed)) {
                n++;
            }
        }
        return n;
    }

    /** salt.utils.hashutils.get_hash: the hex digest of the file's content. */
    static String hashsum(Path p, String form) {
        MessageDigest md = Hashlib.digest(form).orElseThrow(() ->
                new RenderErrors.TemplateProblem("Invalid hash type: " + form));
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new RenderErrors.TemplateProblem("[Errno 2] No such file or directory: '" + p + "'");
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * salt.utils.files.list_files: the directory itself and every file and directory under
     * it. Salt returns them in a set's order; jsalt sorts them so a render is repeatable.
     */
    static List<Object> listFiles(String directory) {
        TreeSet<String> out = new TreeSet<>();
        out.add(directory);
        Path root = Path.of(directory);
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.forEach(p -> {
                    if (!p.equals(root)) {
                        out.add(p.toString());
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // os.walk skips what it cannot read; so does this
            }
        }
        return new ArrayList<>(out);
    }
}
