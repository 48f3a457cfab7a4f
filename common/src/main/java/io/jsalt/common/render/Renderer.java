package io.jsalt.common.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileRoots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders SLS files and file templates as Salt does: the shebang line picks the renderer
 * pipe (default {@code jinja|yaml}), Jinja runs with Salt's context and idioms, YAML 1.1
 * turns the text into ordered model data. Templates load other templates only from the
 * file roots. Every failure is a {@link RenderException} naming the file and line.
 * Thread-safe; parsed templates are cached by content hash, for every renderer of the process.
 */
public final class Renderer {
    private static final Map<String, String> OLD_STYLE = Map.of(
            "yaml_jinja", "jinja|yaml", "json_jinja", "jinja|json");

    /**
     * One Jinja engine and one cache of parsed templates for every renderer of the process.
     * A minion makes a renderer for each state call, and parsing its templates anew in each
     * call cost more than rendering them. Both depend only on SaltEngine's one configuration
     * (a render's variables, roots and errors live in its own context and interpreter), and
     * the cache is keyed by the text's hash, so renderers over any roots can share them.
     */
    private static final Jinjava ENGINE = SaltEngine.create();
    private static final TemplateCache TEMPLATES = new TemplateCache(2048, 2L * 1024 * 1024);

    private final FileRoots roots;
    private final Jinjava jinjava = ENGINE;
    /**
     * The engine's configuration for each jinja_env setting of trim_blocks and lstrip_blocks,
     * shared by every renderer as the engine is: a configuration builds its own Jackson
     * ObjectMapper, and a minion's renderer per state call made one for every state run.
     */
    private static final java.util.concurrent.ConcurrentMap<JinjaEnv, com.hubspot.jinjava.JinjavaConfig> CONFIGS =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Shared by every renderer: its key holds the text's hash and the jinja_env parse options. */
    private final TemplateCache cache = TEMPLATES;
    /**
     * Parsed YAML for every renderer of the process, as the templates are: a minion makes a
     * renderer for each state run, and a cache of its own never saw the same text twice, so
     * every warm run parsed its unchanged SLS files anew. Keyed by the file's name and text.
     */
    private static final DataCache PARSED_YAML = new DataCache(512, 1024L * 1024);
    private final DataCache parsedYaml = PARSED_YAML;

    /** A renderer whose templates may load files from {@code roots} (may be null: no loading). */
    public Renderer(FileRoots roots) {
        this.roots = roots;
    }

    /**
     * Renders an SLS file's text to model data (ordered maps, Long ints). {@code relPath} is
     * the file's name under its root ({@code redis/init.sls}); an empty file gives {}.
     */
    public Object renderSls(String text, String relPath, RenderContext ctx) {
        return renderSls(text, relPath, ctx, null);
    }

    /** An SLS render whose file, when known ({@code full}), need not be looked up again. */
    private Object renderSls(String text, String relPath, RenderContext ctx, Path full) {
        String stateconf = Stateconf.argline(text);
        if (stateconf != null) {
            // Salt's stateconf renderer: its own template and data renderers, run with the
            // variables it extracted (Stateconf).
            return Stateconf.render(text, relPath, ctx.sls() == null ? "" : ctx.sls(), ctx.saltenv(), stateconf,
                    (t, steps, vars) -> render(t, relPath, RenderContext.builder().from(ctx).extra(vars).build(),
                            full, steps));
        }
        return render(text, relPath, ctx, full, pipeline(text, relPath, ctx));
    }

    /**
     * Salt's compile_template (salt/template.py) as slsutil.renderer uses it: {@code text}
     * through the renderer pipe its shebang line names, else {@code defaultPipe}
     * ({@code jinja|yaml}, {@code yaml}, {@code jinja} ...). A pipe that ends in {@code jinja}
     * gives the rendered text, one that ends in {@code yaml} or {@code json} the data; a text
     * that is only whitespace gives {} without rendering, as Salt's does.
     */
    public Object renderPipe(String text, String relPath, RenderContext ctx, String defaultPipe) {
        if (text.isBlank()) {
            return new LinkedHashMap<String, Object>();
        }
        return render(text, relPath, ctx, null, pipeline(text, relPath, defaultPipe, false));
    }

    private Object render(String text, String relPath, RenderContext ctx, Path full, List<String> pipe) {
        Object data = text;
        for (String step : pipe) {
            if (!(data instanceof String s)) {
                throw new RenderException(relPath, -1, "renderer '" + step + "' needs text, but the previous "
                        + "renderer returned data", null);
            }
            data = step.equals("jinja") ? jinja(s, relPath, ctx, full) : yaml(s, relPath);
        }
        return data == null ? new LinkedHashMap<String, Object>() : data;
    }

    /** Reads {@code relPath} from the roots of ctx's saltenv and renders it as an SLS. */
    public Object renderSlsFile(String relPath, RenderContext ctx) {
        if (roots == null) {
            throw new RenderException(relPath, -1, "no file roots to read from", null);
        }
        try {
            // The file found here is the template's tplpath: the roots' symlink checks once.
            Path full = roots.require(ctx.saltenv(), relPath);
            return renderSls(Files.readString(full), relPath, ctx, full);
        } catch (IOException e) {
            throw new RenderException(relPath, -1, e.getMessage(), e);
        } catch (FileRoots.UnsafePathException e) {
            throw new RenderException(relPath, -1, e.getMessage(), e);
        }
    }

    /** Renders a file.managed template (Jinja only) to text. */
    public String renderTemplate(String text, String relPath, RenderContext ctx) {
        return jinja(text, relPath, ctx, null);
    }

    /** An SLS file's pipe: its shebang's, else the option {@code renderer}, else {@code jinja|yaml}. */
    static List<String> pipeline(String text, String relPath, RenderContext ctx) {
        Object configured = ctx.opts().get("renderer");
        return pipeline(text, relPath, configured instanceof String s && !s.isBlank() ? s : "jinja|yaml", true);
    }

    /**
     * Salt's template_shebang and check_render_pipe_str, limited to jinja, yaml and json; with
     * {@code dataOnly} the pipe must end in a data renderer, as an SLS file's must.
     */
    static List<String> pipeline(String text, String relPath, String defaultPipe, boolean dataOnly) {
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).strip();
        String pipe = first.startsWith("#!") && !first.startsWith("#!/") ? first.substring(2) : defaultPipe;
        pipe = OLD_STYLE.getOrDefault(pipe.strip(), pipe);
        List<String> steps = new ArrayList<>();
        for (String part : pipe.split("\\|")) {
            String name = part.strip().split("\\s+", 2)[0];
            if (!name.equals("jinja") && !name.equals("yaml") && !name.equals("json")) {
                throw new RenderException(relPath, 1, "renderer '" + name + "' (from '" + pipe.strip()
                        + "') is not available; jsalt renders jinja, yaml and json (and stateconf for SLS files)", null);
            }
            steps.add(name);
        }
        String last = steps.get(steps.size() - 1);
        if (dataOnly && last.equals("jinja")) {
            throw new RenderException(relPath, 1, "renderer pipe '" + pipe.strip()
                    + "' does not end in a data renderer (yaml or json)", null);
        }
        return steps;
    }

    private Object yaml(String text, String relPath) {
        try {
            // The same minion renders the same text again and again (every highstate); YAML
            // parsing is half of a render, and parsing is a pure function of the text.
            return parsedYaml.computeIfAbsent(relPath, text, () -> Yaml.load(text, relPath));
        } catch (Yaml.DataException e) {
            String msg = e.getMessage();
            String prefix = relPath + (e.line() > 0 ? ", line " + e.line() : "") + ": ";
            String problem = msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
            if (e.line() > 0) {
                String[] lines = text.split("\n", -1);
                if (e.line() <= lines.length) {
                    problem += " (rendered line " + e.line() + ": '" + lines[e.line() - 1].strip() + "')";
                }
            }
            throw new RenderException(relPath, e.line(), problem, e);
        }
    }

    /** The error with Salt's excerpt of the failing file: this text, or an included file's. */
    private static RenderException inContext(RenderException e, String text, String relPath, RenderState state) {
        String source = e.file().equals(relPath) ? text : null;
        if (source == null) {
            try {
                source = state.read(e.file()).orElse(null);
            } catch (RuntimeException unreadable) {
                source = null; // the error itself matters more than its excerpt
            }
        }
        return RenderErrors.withContext(e, source);
    }

    /** Renders Jinja; {@code found} is the template's file if the caller found it already. */
    private String jinja(String source, String relPath, RenderContext ctx, Path found) {
        // Jinja2's lexer reads \r\n and \r as \n (newline_sequence), so a template saved with
        // Windows line ends renders with \n ones.
        String text = source.indexOf('\r') < 0 ? source : source.replace("\r\n", "\n").replace('\r', '\n');
        Path full = found;
        try {
            if (full == null && roots != null) {
                full = roots.find(ctx.saltenv(), relPath).orElse(null);
            }
        } catch (FileRoots.UnsafePathException | UncheckedIOException e) {
            full = null; // a name outside the roots still renders, it just has no tplpath
        }
        Map<String, Object> vars = ctx.variables(relPath, full);
        String tpldir = String.valueOf(vars.getOrDefault("tpldir", "."));
        JinjaEnv env;
        try {
            env = JinjaEnv.of(ctx);
        } catch (RenderErrors.TemplateProblem e) {
            throw new RenderException(relPath, -1, e.getMessage(), e);
        }
        RenderState state = new RenderState(roots, ctx, cache, relPath, tpldir, env);
        StrictContext context = new StrictContext(jinjava.getGlobalContext(), vars);
        SaltInterpreter interpreter = new SaltInterpreter(jinjava, context, CONFIGS.computeIfAbsent(env,
                e -> SaltEngine.config(e.trimBlocks(), e.lstripBlocks())), state);
        context.getCurrentPathStack().pushWithoutCycleCheck(relPath, 0, 0);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Node tree = cache.parse(interpreter, text);
            // Salt puts back the last newline Jinja2 drops, even where Jinja2 kept it
            // (salt/utils/templates.py render_jinja_tmpl, its "Workaround a bug in Jinja").
            return interpreter.render(tree) + (text.endsWith("\n") ? "\n" : "");
        } catch (RenderException e) {
            throw inContext(e, text, relPath, state);
        } catch (RuntimeException | StackOverflowError e) {
            throw inContext(RenderErrors.fromThrowable(RenderErrors.currentFile(interpreter),
                    interpreter.getLineNumber(), e), text, relPath, state);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }
}
