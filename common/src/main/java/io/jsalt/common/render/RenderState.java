package io.jsalt.common.render;

import io.jsalt.common.files.FileRoots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One render: its context, the file roots templates may load from, and the template
 * directory that {@code ./x} names are relative to (Salt resolves them against the top
 * template's tpldir, salt/utils/jinja.py SaltCacheLoader).
 */
final class RenderState {
    static final int MAX_DEPTH = 64;

    private final FileRoots roots;
    private final RenderContext ctx;
    private final TemplateCache cache;
    private final String topFile;
    private final String tpldir;
    private final Deque<String> loading = new ArrayDeque<>();
    private final boolean strictUndefined;
    private final JinjaEnv env;
    /** Outputs of the serializing filters in this render, by identity (see {@link YamlScalars}). */
    private final java.util.Set<Object> serialized =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

    RenderState(FileRoots roots, RenderContext ctx, TemplateCache cache, String topFile, String tpldir, JinjaEnv env) {
        this.roots = roots;
        this.ctx = ctx;
        this.cache = cache;
        this.topFile = topFile;
        this.tpldir = tpldir;
        this.strictUndefined = !ctx.allowUndefined();
        this.env = env;
    }

    /** The Jinja2 environment settings of this render (jinja_env / jinja_sls_env). */
    JinjaEnv env() {
        return env;
    }

    /** Whether an undefined name or key is Jinja2's StrictUndefined ({@link Undefined}) or None. */
    boolean strictUndefined() {
        return strictUndefined;
    }

    /** Notes that a serializing filter produced {@code value}: printing it as is adds no structure. */
    void markSerialized(Object value) {
        if (value != null && ctx.yamlScalarOutput()) {
            serialized.add(value);
        }
    }

    boolean isSerialized(Object value) {
        return serialized.contains(value);
    }

    String topFile() {
        return topFile;
    }

    RenderContext ctx() {
        return ctx;
    }

    TemplateCache cache() {
        return cache;
    }

    /**
     * The root-relative name of a template reference: {@code salt://x/y}, {@code x/y}, or
     * {@code ./y} / {@code ../y} relative to tpldir. Refuses anything leaving the roots.
     */
    String resolve(String name) {
        String n = name.trim();
        if (!(n.startsWith("./") || n.startsWith("../"))) {
            return FileRoots.normalize(n);
        }
        Deque<String> segs = new ArrayDeque<>();
        if (!tpldir.equals(".") && !tpldir.isEmpty()) {
            for (String s : tpldir.split("/")) {
                segs.addLast(s);
            }
        }
        for (String s : n.split("/")) {
            if (s.equals("..")) {
                if (segs.isEmpty()) {
                    throw new FileRoots.UnsafePathException(name, "relative path leaves the file roots");
                }
                segs.removeLast();
            } else if (!s.isEmpty() && !s.equals(".")) {
                segs.addLast(s);
            }
        }
        return FileRoots.normalize(String.join("/", segs));
    }

    /** The text of a root-relative file, or empty when no root holds it. */
    Optional<String> read(String rel) {
        Optional<Path> p = roots == null ? Optional.empty() : roots.find(ctx.saltenv(), rel);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(p.get()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + rel, e);
        }
    }

    /** Marks a template as being loaded; refuses runaway recursion. */
    void enter(String rel) {
        if (loading.size() >= MAX_DEPTH) {
            throw new RenderErrors.TemplateProblem("templates nested more than " + MAX_DEPTH
                    + " deep (include/import loop?) at '" + rel + "'");
        }
        loading.push(rel);
    }

    void leave() {
        loading.pop();
    }
}
