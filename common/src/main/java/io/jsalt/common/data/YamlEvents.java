package io.jsalt.common.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Model data built straight from SnakeYAML's parser events, for the plain documents nearly
 * every rendered SLS is: mappings with scalar keys, sequences and scalars, no anchors,
 * aliases, explicit tags or merge keys. SnakeYAML's own load first builds a tree of nodes
 * (the composer), then Java objects from it (the constructor), then {@link Data#normalize}
 * copies them into the model: three passes where this makes one, about half of a load.
 *
 * <p>It gives up ({@link #NOT_PLAIN}) on anything the composer or constructor has a rule
 * or a limit for: an anchor, alias, tag, merge key, complex key, a key seen twice in one
 * mapping (after normalising: {@code 1} and {@code '1'} too), a second document, nesting
 * near {@link LoaderOptions#getNestingDepthLimit()}, or a scalar the constructor rejects.
 * {@link Yaml#load} then loads the text the full way, which gives the value or the error
 * it always gave. Scalars are typed by the same resolver and constructor as that load
 * (YAML 1.1 booleans, Salt's ints), so both ways give equal data. Syntax errors come from
 * the same parser, read in the same order, so they are the same exceptions.
 */
final class YamlEvents {
    /** The document needs SnakeYAML's composer and constructor: load it the full way. */
    static final Object NOT_PLAIN = new Object();

    /** The resolver {@code new org.yaml.snakeyaml.Yaml(constructor)} uses; stateless after construction. */
    private static final Resolver RESOLVER = new Resolver();

    private final Parser parser;
    private final SaltSafeConstructor constructor;
    private final int depthLimit;

    private YamlEvents(String text, LoaderOptions options, SaltSafeConstructor constructor) {
        this.parser = new ParserImpl(new StreamReader(text), options);
        this.constructor = constructor;
        this.depthLimit = options.getNestingDepthLimit();
    }

    /**
     * The one document of {@code text} as model data (null for an empty stream), or
     * {@link #NOT_PLAIN}. Parser errors are thrown as the full load throws them.
     */
    static Object load(String text, LoaderOptions options, SaltSafeConstructor constructor) {
        return new YamlEvents(text, options, constructor).document();
    }

    private Object document() {
        parser.getEvent(); // stream start
        if (parser.checkEvent(Event.ID.StreamEnd)) {
            return null;
        }
        parser.getEvent(); // document start
        Object value = node(0);
        if (value == NOT_PLAIN) {
            return NOT_PLAIN;
        }
        parser.getEvent(); // document end
        // A second document is the composer's error ("expected a single document").
        return parser.checkEvent(Event.ID.StreamEnd) ? value : NOT_PLAIN;
    }

    /** The next node as model data, or NOT_PLAIN. */
    private Object node(int depth) {
        if (parser.checkEvent(Event.ID.Scalar)) {
            ScalarEvent e = (ScalarEvent) parser.getEvent();
            Object raw = scalar(e);
            return raw == NOT_PLAIN ? NOT_PLAIN : Data.normalize(raw);
        }
        boolean mapping = parser.checkEvent(Event.ID.MappingStart);
        if (!mapping && !parser.checkEvent(Event.ID.SequenceStart)) {
            return NOT_PLAIN; // an alias
        }
        CollectionStartEvent start = (CollectionStartEvent) parser.getEvent();
        // The composer counts its own depth and fails past the limit; leave that to it.
        if (start.getAnchor() != null || start.getTag() != null || depth + 2 >= depthLimit) {
            return NOT_PLAIN;
        }
        return mapping ? mapping(depth + 1) : sequence(depth + 1);
    }

    private Object sequence(int depth) {
        List<Object> out = new ArrayList<>();
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            Object item = node(depth);
            if (item == NOT_PLAIN) {
                return NOT_PLAIN;
            }
            out.add(item);
        }
        parser.getEvent();
        return out;
    }

    private Object mapping(int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            if (!parser.checkEvent(Event.ID.Scalar)) {
                return NOT_PLAIN; // a complex key or an alias as key
            }
            ScalarEvent keyEvent = (ScalarEvent) parser.getEvent();
            Object key = scalar(keyEvent);
            if (key == NOT_PLAIN || key == MERGE) {
                return NOT_PLAIN;
            }
            Object value = node(depth);
            if (value == NOT_PLAIN) {
                return NOT_PLAIN;
            }
            // The constructor rejects a key seen twice; normalising may also make two keys
            // one (1 and '1'): either way, the full load decides what happens.
            String name = Data.keyString(key);
            if (out.containsKey(name)) {
                return NOT_PLAIN;
            }
            out.put(name, value);
        }
        parser.getEvent();
        return out;
    }

    /**
     * First characters of SnakeYAML's implicit resolvers for ints, floats, timestamps, merge
     * keys, null (also {@code ' '}) and its {@code !}, {@code &} and {@code *} values.
     */
    private static final String RESOLVED_FIRST = "-+0123456789.<~ !&*\0";
    /** First characters of its booleans (yes, No, on, OFF ...) and of null. */
    private static final String WORD_FIRST = "yYnNtTfFoO";

    /**
     * Whether no implicit resolver can claim this plain scalar, so it is a string: most
     * keys and values of an SLS ({@code name}, {@code /etc/motd}, {@code pkg.installed}).
     * The resolver would try its regexes on each one (every scalar at least the empty-value
     * pattern); YamlEventsTest checks this shortcut against the resolver itself.
     */
    static boolean surelyString(String value) {
        if (value.isEmpty() || RESOLVED_FIRST.indexOf(value.charAt(0)) >= 0) {
            return false;
        }
        // The longest boolean or null word is five letters (false).
        return WORD_FIRST.indexOf(value.charAt(0)) < 0 || value.length() > 5;
    }

    /** Marks a merge key ({@code <<}), which only the constructor applies. */
    private static final Object MERGE = new Object();

    /** A scalar as the constructor makes it (before normalising), MERGE, or NOT_PLAIN. */
    private Object scalar(ScalarEvent e) {
        if (e.getAnchor() != null || e.getTag() != null) {
            return NOT_PLAIN;
        }
        String value = e.getValue();
        boolean plain = e.getImplicit().canOmitTagInPlainScalar();
        Tag tag = plain && surelyString(value) ? Tag.STR : RESOLVER.resolve(NodeId.scalar, value, plain);
        if (tag.equals(Tag.STR)) {
            return value;
        }
        if (tag.equals(Tag.MERGE)) {
            return MERGE;
        }
        try {
            return constructor.scalarValue(new ScalarNode(tag, true, value, e.getStartMark(), e.getEndMark(),
                    e.getScalarStyle()));
        } catch (RuntimeException rejected) {
            return NOT_PLAIN; // the full load reports it, after the parse as it always did
        }
    }
}
