package io.jsalt.common.data;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * PyYAML's implicit resolvers (yaml/resolver.py), so the yaml outputter quotes exactly the
 * strings PyYAML quotes and the CLI's argument loader reads scalars as PyYAML reads them.
 * SnakeYAML's own set differs at the edges: it reads "1e5" as a float, where PyYAML wants a
 * dot and leaves it plain, and it has no "=" value resolver.
 */
public class PyYamlResolver extends Resolver {
    static final Pattern BOOL = Pattern.compile(
            "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
    static final Pattern FLOAT = Pattern.compile(
            "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                    + "|[-+]?\\.(?:inf|Inf|INF)"
                    + "|\\.(?:nan|NaN|NAN))$");
    static final Pattern INT = Pattern.compile(
            "^(?:[-+]?0b[0-1_]+"
                    + "|[-+]?0[0-7_]+"
                    + "|[-+]?(?:0|[1-9][0-9_]*)"
                    + "|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
    static final Pattern MERGE = Pattern.compile("^(?:<<)$");
    protected static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
    static final Pattern TIMESTAMP = Pattern.compile(
            "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                    + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
                    + "(?:[Tt]|[ \\t]+)[0-9][0-9]?"
                    + ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
                    + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$");
    static final Pattern VALUE = Pattern.compile("^(?:=)$");
    /** The tag of PyYAML's "=" value scalar. */
    public static final Tag VALUE_TAG = new Tag("tag:yaml.org,2002:value");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
        addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
        addImplicitResolver(Tag.INT, INT, "-+0123456789");
        addImplicitResolver(Tag.MERGE, MERGE, "<");
        addImplicitResolver(Tag.NULL, NULL, "~nN\0");
        addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789");
        addImplicitResolver(VALUE_TAG, VALUE, "=");
    }
}
