package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.py.PyJson;
import io.jsalt.common.py.PyYaml;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.RenderException;
import io.jsalt.common.render.Renderer;
import io.jsalt.minion.files.SaltUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Salt's slsutil module (salt/modules/slsutil.py): the merge helper formulas' map files
 * call (the saltstack-formulas libmapstack.jinja layers its YAML files with it),
 * {@code renderer}, which runs a file or string through a renderer pipe, and the serializer
 * their _mapdata states write the map with.
 */
public final class SlsutilModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "slsutil";
    }

    @Override
    public String doc() {
        return "Utility functions for SLS and map files: merging dicts, rendering a file through a renderer pipe, serializing data.";
    }

    @Fn(doc = """
            Merge obj_b into a copy of obj_a and return it.

            strategy
                smart (the default: recurse), recurse, overwrite or none.
            renderer
                Accepted for Salt's signature; smart merging with the yaml renderer recurses.
            merge_lists
                If True, lists present in both are merged instead of replaced.""",
            example = "jsalt '*' slsutil.merge '{a: {b: 1}}' '{a: {c: 2}}'")
    public Object merge(Call c) {
        return Data.merge(dict(c, 0, "obj_a"), dict(c, 1, "obj_b"), c.str(2, "strategy", "smart"),
                c.bool(4, "merge_lists", false));
    }

    /** The arguments of renderer that are its own; every other keyword argument is a template variable. */
    private static final Set<String> RENDERER_ARGS = Set.of("path", "string", "default_renderer", "saltenv");

    @Fn(doc = """
            Render a file or a string through a renderer pipe and return the result: data for a pipe ending in \
            yaml or json, text for one ending in jinja. A shebang line (#!jinja|yaml) in the file overrides \
            default_renderer.

            path
                A salt:// file or an absolute path on this minion. A file that does not exist, or holds only \
                whitespace, gives {} (as Salt's compile_template does).
            string
                An inline template instead of a file (exactly one of path and string).
            default_renderer
                The renderer pipe (default jinja|yaml); jsalt has jinja, yaml and json.
            saltenv
                The file server environment of a salt:// path and of the template (default base).
            Other keyword arguments are variables of the template.""",
            example = """
            jsalt '*' slsutil.renderer salt://path/to/file
            jsalt '*' slsutil.renderer /path/to/file.jinja default_renderer=jinja
            jsalt '*' slsutil.renderer string='Hello, {{ name }}.' default_renderer=jinja name=world""")
    public Object renderer(Call c) {
        // salt/modules/slsutil.py renderer: cp.get_url fetches the path, then
        // salt/template.py compile_template renders it through the pipe.
        String path = c.str(0, "path", null);
        String string = c.str(1, "string", null);
        String pipe = c.str(2, "default_renderer", "jinja|yaml");
        String saltenv = c.str(-1, "saltenv", "base");
        boolean hasPath = path != null && !path.isEmpty();
        boolean hasString = string != null && !string.isEmpty();
        if (!hasPath && !hasString) {
            throw new InvocationError("Must pass either path or string");
        }
        if (hasPath && hasString) {
            throw new InvocationError("Must not pass both path and string");
        }
        // Salt names a string's template ":string:"; a salt:// file is named by its path in the roots.
        String relPath = hasString ? ":string:" : path;
        if (hasPath && path.startsWith("salt://")) {
            Optional<SaltUrl> url = CpModule.parsed(c, path, saltenv);
            if (url.isEmpty()) {
                return new LinkedHashMap<String, Object>();
            }
            relPath = url.get().path();
        }
        Optional<String> text = hasString ? Optional.of(string) : source(c, path, saltenv);
        if (text.isEmpty()) {
            return new LinkedHashMap<String, Object>();
        }
        Map<String, Object> vars = new LinkedHashMap<>(c.userKwargs());
        vars.keySet().removeAll(RENDERER_ARGS);
        RenderContext ctx = RenderContext.builder(c.ctx()).saltenv(saltenv).extra(vars).build();
        try {
            return new Renderer(CpModule.stateRoots(c)).renderPipe(text.get(), relPath, ctx, pipe);
        } catch (RenderException e) {
            throw new CommandExecutionError("Unable to render " + relPath + ": " + e.getMessage(), e);
        }
    }

    /**
     * The text at {@code path}: a salt:// file from the master, or a file of this minion by its
     * absolute path (salt/fileclient.py get_url refuses a relative one). A file that is missing is
     * logged and empty: Salt's compile_template logs it and renders nothing.
     */
    private static Optional<String> source(Call c, String path, String saltenv) {
        if (path.startsWith("salt://")) {
            Optional<String> text = CpModule.files(c).readText(path, saltenv);
            if (text.isEmpty()) {
                c.ctx().log().error("Unable to fetch file {} from saltenv {}.", path, saltenv);
            }
            return text;
        }
        String local = path.startsWith("file://") ? path.substring("file://".length()) : path;
        if (local.contains("://")) {
            throw new CommandExecutionError("slsutil.renderer: jsalt reads salt:// paths and local files, not " + path);
        }
        Path p = Path.of(local);
        if (!p.isAbsolute()) {
            throw new CommandExecutionError("Path '" + local + "' is not absolute");
        }
        if (!Files.isRegularFile(p)) {
            c.ctx().log().error("Template does not exist: {}", local);
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(p));
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot read " + local + ": " + e.getMessage(), e);
        }
    }

    @Fn(doc = """
            Serialize obj with one of Salt's serializers and return the text.

            serializer
                yaml (PyYAML's safe dump; default_flow_style: true, false, or unset for flow
                style on collections of scalars only) or json (sort_keys, indent).
            Other keyword arguments of the Python serializers (allow_unicode, ...) are accepted
            and change nothing.""",
            example = "jsalt '*' slsutil.serialize json '{foo: Foo}'")
    public Object serialize(Call c) {
        String serializer = c.requiredStr(0, "serializer");
        Object obj = c.required(1, "obj");
        // salt/serializers/yaml.py and json.py: yaml.dump with default_flow_style None unless
        // given, json.dumps with Python's defaults (keys as they come, on one line).
        return switch (serializer) {
            case "yaml" -> PyYaml.dump(obj, flowStyle(c.kwargs().get("default_flow_style")));
            case "json" -> PyJson.dumps(obj, c.bool(-1, "sort_keys", false),
                    c.kwargs().get("indent") == null ? null : (int) c.integer(-1, "indent", 0));
            // salt/modules/slsutil.py _get_serialize_fn's message for a serializer it lacks.
            default -> throw new IllegalArgumentException("Serializer '" + serializer + "' not found.");
        };
    }

    private static Boolean flowStyle(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("slsutil.serialize: default_flow_style must be true, false or None, not "
                + v);
    }

    /** A dict argument the merge functions (here and in defaults) cannot do without. */
    static Map<String, Object> dict(Call c, int pos, String name) {
        Map<String, Object> m = c.map(pos, name, null);
        if (m == null) {
            throw new IllegalArgumentException(c.fun() + ": " + name + " must be a dict");
        }
        return m;
    }
}
