package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.files.FileClient;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.py.Hashlib;
import io.jsalt.common.py.PyRepr;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.RenderException;
import io.jsalt.common.render.Renderer;
import io.jsalt.minion.files.FileIo;
import io.jsalt.minion.files.SaltUrl;
import io.jsalt.minion.files.StateFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a managed file's content comes from: salt:// or local sources (checked against
 * source_hash), contents / contents_pillar / contents_grains, optionally rendered as a Jinja
 * template with defaults and context. Problems end the state through {@link Ret.Failure}.
 */
final class Sources {
    /** The resolved content and the source it came from (null for contents). */
    record Content(byte[] bytes, String source) {}

    private Sources() {}

    static String saltenv(Call c) {
        Object env = c.kwargs().get("saltenv");
        if (env == null) {
            env = c.kwargs().get("__env__");
        }
        if (env == null) {
            env = c.ctx().opts().get("saltenv");
        }
        return env == null ? "base" : String.valueOf(env);
    }

    /** The wanted content of a file.managed, or null when the state manages no content. */
    static Content resolve(Call c, String name) {
        Object source = c.arg(-1, "source", null);
        List<String> given = new ArrayList<>();
        for (String k : List.of("contents", "contents_pillar", "contents_grains")) {
            if (c.arg(-1, k, null) != null) {
                given.add(k);
            }
        }
        if (given.size() > 1) {
            throw new Ret.Failure("Only one of 'contents', 'contents_pillar', and 'contents_grains' is permitted");
        }
        if (source != null && !given.isEmpty()) {
            throw new Ret.Failure("'source' cannot be used in combination with 'contents', 'contents_pillar', "
                    + "or 'contents_grains'");
        }
        String template = c.str(-1, "template", null);
        if (template != null && !template.equalsIgnoreCase("jinja")) {
            throw new Ret.Failure("Specified template format " + template + " is not supported");
        }
        if (source != null) {
            Content raw = fetch(c, source, saltenv(c));
            checkHash(c, name, raw);
            if (template == null) {
                return raw;
            }
            String rel = raw.source().startsWith("salt://") ? relPath(raw.source()) : raw.source();
            return new Content(render(c, new String(raw.bytes(), StandardCharsets.UTF_8), rel).getBytes(StandardCharsets.UTF_8),
                    raw.source());
        }
        if (given.isEmpty()) {
            return null;
        }
        String text = contentsText(c, given.get(0));
        if (template != null) {
            text = render(c, text, name);
        }
        if (c.bool(-1, "contents_newline", true) && !text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        return new Content(text.getBytes(StandardCharsets.UTF_8), null);
    }

    private static String contentsText(Call c, String key) {
        Object v;
        if (key.equals("contents")) {
            v = c.arg(-1, "contents", null);
        } else {
            String path = c.str(-1, key, null);
            Map<String, Object> from = key.equals("contents_pillar") ? c.ctx().pillar() : c.ctx().grains();
            String what = key.equals("contents_pillar") ? "Pillar" : "Grain";
            Object marker = new Object();
            v = Data.get(from, path, marker, ":");
            if (v == marker) {
                throw new Ret.Failure(what + " " + path + " does not exist");
            }
        }
        if (v instanceof List<?> l) {
            List<String> lines = new ArrayList<>();
            l.forEach(x -> lines.add(PyRepr.str(x)));
            return String.join("\n", lines);
        }
        return v == null ? "" : PyRepr.str(v);
    }

    /** The first source that exists: salt://, file:// or an absolute path. */
    static Content fetch(Call c, Object source, String saltenv) {
        List<String> candidates = new ArrayList<>();
        if (source instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    m.keySet().forEach(k -> candidates.add(String.valueOf(k)));
                } else {
                    candidates.add(String.valueOf(o));
                }
            }
        } else {
            candidates.add(String.valueOf(source));
        }
        for (String src : candidates) {
            Optional<byte[]> b = read(c, src, saltenv);
            if (b.isPresent()) {
                return new Content(b.get(), src);
            }
        }
        if (candidates.size() == 1) {
            throw new Ret.Failure("Source file " + candidates.get(0) + " not found in saltenv '" + saltenv + "'");
        }
        throw new Ret.Failure("none of the specified sources were found: " + String.join(", ", candidates));
    }

    static Optional<byte[]> read(Call c, String src, String saltenv) {
        if (src.startsWith("salt://")) {
            String env = saltenv;
            String url = src;
            int q = src.indexOf("?saltenv=");
            if (q >= 0) {
                env = src.substring(q + "?saltenv=".length());
                url = src.substring(0, q);
            }
            // A file of the tree this state run listed comes by the hash of that listing: the
            // master is asked for its hash only when the run has not listed it.
            SaltUrl u = SaltUrl.parse(url, env);
            Optional<Path> listed = c.ctx().services().find(StateFiles.class)
                    .flatMap(f -> f.listedFile(u.saltenv(), u.path()));
            if (listed.isPresent()) {
                return listed.map(FileIo::read);
            }
            FileClient fc = c.ctx().service(FileClient.class);
            return fc.cacheFile(url, env).map(FileIo::read);
        }
        String local = src.startsWith("file://") ? src.substring("file://".length()) : src;
        if (!local.startsWith("/")) {
            throw new Ret.Failure("Unable to manage file: source '" + src + "' is not supported: use salt://, "
                    + "file:// or an absolute path");
        }
        Path p = Path.of(local);
        return Files.isRegularFile(p) ? Optional.of(FileIo.read(p)) : Optional.empty();
    }

    /** salt://a/b.conf?saltenv=x -> a/b.conf. */
    static String relPath(String url) {
        String rest = url.substring("salt://".length());
        int q = rest.indexOf('?');
        return q >= 0 ? rest.substring(0, q) : rest;
    }

    /** Renders Jinja with Salt's context plus defaults, then context (context wins). */
    static String render(Call c, String text, String relPath) {
        // A file template imports and includes from the same file roots and saltenv as SLS
        // rendering does (Salt gives both its salt:// loader, salt/utils/templates.py).
        // In a state run the tree is the run's own, fetched once (StateRuns.forRun).
        Renderer renderer = new Renderer(
                c.ctx().services().find(StateFiles.class).map(StateFiles::stateRoots).orElse(null));
        RenderContext.Builder b = RenderContext.builder(c.ctx()).saltenv(saltenv(c));
        b.extra(templateArguments(c, relPath));
        Map<String, Object> defaults = c.map(-1, "defaults", null);
        Map<String, Object> context = c.map(-1, "context", null);
        if (defaults != null) {
            b.extra(new LinkedHashMap<>(defaults));
        }
        if (context != null) {
            b.extra(new LinkedHashMap<>(context));
        }
        try {
            return renderer.renderTemplate(text, relPath, b.build());
        } catch (RenderException e) {
            throw new Ret.Failure("Unable to manage file: " + e.getMessage());
        }
    }

    /**
     * file.managed's named arguments (salt/states/file.py managed): the rest of a state's
     * arguments are its **kwargs, which Salt hands on to the template.
     */
    private static final java.util.Set<String> MANAGED_PARAMETERS = java.util.Set.of("name", "source", "source_hash",
            "source_hash_name", "keep_source", "user", "group", "mode", "attrs", "template", "makedirs", "dir_mode",
            "context", "replace", "defaults", "backup", "show_changes", "create", "contents", "tmp_dir", "tmp_ext",
            "contents_pillar", "contents_grains", "contents_newline", "contents_delimiter", "encoding",
            "encoding_errors", "allow_empty", "follow_symlinks", "check_cmd", "skip_verify", "selinux", "win_owner",
            "win_perms", "win_deny_perms", "win_inheritance", "win_perms_reset", "verify_ssl", "use_etag",
            "signature", "source_hash_sig", "signed_by_any", "signed_by_all", "keyring", "gnupghome",
            "ignore_ordering", "ignore_whitespace", "ignore_comment_characters", "new_file_diff", "file_mode",
            "include_pat", "exclude_pat", "maxdepth", "include_empty", "clean", "require", "saltenv", "test");

    /**
     * What Salt's file functions pass a template besides its context (salt/modules/file.py
     * get_managed calls the renderer with name, source, user, group, mode, attrs, saltenv and
     * the state's **kwargs; salt/utils/templates.py wrap_tmpl_func makes them template
     * variables, context and defaults over them): a template may print {{ source }}, and a
     * state argument the function does not know (often a context key indented one level too
     * little, so YAML reads it as a sibling of context) is a variable as in Salt.
     */
    static Map<String, Object> templateArguments(Call c, String relPath) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : c.kwargs().entrySet()) {
            if (!e.getKey().startsWith("__") && !MANAGED_PARAMETERS.contains(e.getKey())) {
                vars.put(e.getKey(), e.getValue());
            }
        }
        Object source = c.arg(-1, "source", null);
        if (!(source instanceof String) && relPath != null) {
            source = "salt://" + relPath;
        }
        vars.put("name", c.arg(-1, "name", null));
        vars.put("source", source instanceof String ? source : null);
        for (String k : List.of("user", "group", "mode", "attrs")) {
            vars.put(k, c.arg(-1, k, null));
        }
        vars.put("saltenv", saltenv(c));
        return vars;
    }

    /** source_hash: 'sha256=hex', a bare hex digest, or a hash file (salt:// or path) listing it. */
    static void checkHash(Call c, String name, Content raw) {
        Object sh = null;
        Object source = c.arg(-1, "source", null);
        if (source instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && m.containsKey(raw.source())) {
                    sh = m.get(raw.source());
                }
            }
        }
        if (sh == null) {
            sh = c.arg(-1, "source_hash", null);
        }
        if (sh == null || c.bool(-1, "skip_verify", false)) {
            return;
        }
        String spec = String.valueOf(sh).strip();
        if (spec.startsWith("salt://") || spec.startsWith("/") || spec.startsWith("file://")) {
            String hashFile = spec;
            byte[] b = read(c, hashFile, saltenv(c)).orElseThrow(() -> new Ret.Failure(
                    "Source hash file " + hashFile + " not found"));
            spec = fromHashFile(new String(b, StandardCharsets.UTF_8), raw.source());
        }
        String type;
        String want;
        int eq = spec.indexOf('=');
        if (eq > 0) {
            type = spec.substring(0, eq).toLowerCase(Locale.ROOT);
            want = spec.substring(eq + 1).toLowerCase(Locale.ROOT);
        } else {
            want = spec.toLowerCase(Locale.ROOT);
            type = switch (want.length()) {
                case 32 -> "md5";
                case 40 -> "sha1";
                case 56 -> "sha224";
                case 64 -> "sha256";
                case 96 -> "sha384";
                case 128 -> "sha512";
                default -> throw new Ret.Failure("Invalid source_hash '" + spec + "': not a known hash length");
            };
        }
        String got = digest(type, raw.bytes());
        if (!got.equals(want)) {
            throw new Ret.Failure("File sum set for file " + name + " of " + want + " does not match real sum of " + got);
        }
    }

    private static String fromHashFile(String text, String source) {
        String base = source.substring(source.lastIndexOf('/') + 1);
        String first = null;
        for (String line : text.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length == 0 || !w[0].matches("[0-9a-fA-F]{32,128}")) {
                continue;
            }
            if (first == null) {
                first = w[0];
            }
            if (w.length > 1 && w[w.length - 1].replaceFirst("^\\*", "").endsWith(base)) {
                return w[0];
            }
        }
        if (first == null) {
            throw new Ret.Failure("No hash found for " + source + " in its source_hash file");
        }
        return first;
    }

    static String digest(String type, byte[] b) {
        return Hashlib.hexdigest(type, b).orElseThrow(() -> new Ret.Failure("Invalid hash type '" + type + "'"));
    }
}
