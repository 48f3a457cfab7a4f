package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Parsed templates keyed by their text, so an unchanged file is parsed once however often it
 * is rendered (Salt re-compiles on every render). An entry is found by the text's
 * String hash and length and kept with its text, which must be equal: a sha256 of every
 * template on every render cost more than the lookup saves. Bounded by count and by the
 * total length of the texts (a parsed tree is a few times its text), least recently used
 * first out. Parsed trees are not changed by rendering, so threads share them.
 */
final class TemplateCache {
    private static final String INTERPRETER_NAME = "____int3rpr3t3r____";

    private final int capacity;
    private final long maxChars;
    private final LinkedHashMap<Key, Entry> nodes = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    /** Where a text's tree is looked up: the parse options, the text's hash and length. */
    private record Key(boolean trimBlocks, boolean lstripBlocks, boolean keepTrailingNewline, int hash, int length) { }

    private record Entry(Node node, String source, int chars) { }

    TemplateCache(int capacity, long maxChars) {
        this.capacity = capacity;
        this.maxChars = maxChars;
    }

    Node parse(JinjavaInterpreter interpreter, String text) {
        if (text.contains(INTERPRETER_NAME)) {
            // Jinjava's own handle on the interpreter: no template may name it.
            throw new RenderErrors.TemplateProblem("'" + INTERPRETER_NAME + "' is reserved");
        }
        // Jinja2's lexer drops a template's last newline unless keep_trailing_newline is set;
        // trim_blocks and lstrip_blocks change the parse, so they are part of the key.
        JinjaEnv env = interpreter instanceof SaltInterpreter s && s.state != null ? s.state.env() : JinjaEnv.DEFAULT;
        // Keyed by the text as given (a hit copies nothing); the newline is dropped on a miss.
        Key key = new Key(env.trimBlocks(), env.lstripBlocks(), env.keepTrailingNewline(), text.hashCode(), text.length());
        synchronized (nodes) {
            Entry e = nodes.get(key);
            if (e != null && e.source().equals(text)) {
                return e.node();
            }
        }
        String source = env.keepTrailingNewline() ? text : JinjaEnv.withoutTrailingNewline(text);
        Node parsed = interpreter.parse(PySyntax.rewrite(source)); // throws on a syntax error: nothing is cached
        synchronized (nodes) {
            // A text with the same hash and length takes the place of the one there.
            Entry old = nodes.put(key, new Entry(parsed, text, text.length()));
            chars += text.length() - (old == null ? 0 : old.chars());
            Iterator<Entry> eldest = nodes.values().iterator();
            while ((nodes.size() > capacity || chars > maxChars) && nodes.size() > 1) {
                chars -= eldest.next().chars();
                eldest.remove();
            }
        }
        return parsed;
    }
}
