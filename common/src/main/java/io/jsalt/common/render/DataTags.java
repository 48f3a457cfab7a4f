package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.py.PyJson;

/**
 * Salt's SerializerExtension tags: {@code {% import_yaml 'x.yaml' as v %}} (and _json,
 * _text) load a file from the roots, rendered through Jinja first as Salt does;
 * {@code {% load_yaml as v %}...{% endload %}} (and _json, _text) parse a block.
 */
final class DataTags {
    private DataTags() {}

    /** Parses rendered text as the given format; errors name the file and line. */
    static Object parse(String format, String text, String file, int lineOffset) {
        if (format.equals("text")) {
            return text;
        }
        if (format.equals("json")) {
            // Salt reads JSON with json.loads, which refuses what YAML would take ({foo, bar}).
            try {
                return PyJson.loads(text);
            } catch (PyJson.JsonError e) {
                throw new RenderException(file, e.line() > 0 ? e.line() + lineOffset : -1,
                        "Unable to load json: " + e.getMessage(), e);
            }
        }
        try {
            return Yaml.load(text, file);
        } catch (Yaml.DataException e) {
            int line = e.line() > 0 ? e.line() + lineOffset : -1;
            String msg = e.getMessage();
            int colon = msg.indexOf(": ");
            throw new RenderException(file, line, "Unable to load " + format + ": "
                    + (colon >= 0 ? msg.substring(colon + 2) : msg), e);
        }
    }

    /** import_yaml, import_json, import_text. */
    static final class Import extends NamedTag {
        private static final long serialVersionUID = 1L;
        private final String format;

        Import(String format) {
            super("import_" + format, false);
            this.format = format;
        }

        @Override
        public String interpret(TagNode node, JinjavaInterpreter interpreter) {
            String[] parts = Exprs.splitTopLevel(node.getHelpers(), "as");
            if (parts[1] == null || !parts[1].matches("\\w+")) {
                throw new RenderErrors.TemplateProblem("expected 'import_" + format + " <file> as <name>', got '"
                        + getName() + node.getHelpers() + "'");
            }
            TemplateTags.Loaded t = TemplateTags.load(interpreter, node, parts[0])
                    .orElseThrow(() -> TemplateTags.notFound(interpreter, parts[0]));
            String text = TemplateTags.renderHere(interpreter, node, t);
            interpreter.getContext().put(parts[1], parse(format, text, t.rel(), 0));
            return "";
        }
    }

    /** load_yaml, load_json, load_text blocks. */
    static final class Load extends NamedTag {
        private static final long serialVersionUID = 1L;
        private final String format;

        Load(String format) {
            // Salt's one end tag for all three (salt/utils/jinja.py, _parse_load).
            super("load_" + format, "endload");
            this.format = format;
        }

        @Override
        public String interpret(TagNode node, JinjavaInterpreter interpreter) {
            String h = node.getHelpers().trim();
            if (!h.matches("as\\s+\\w+")) {
                throw new RenderErrors.TemplateProblem("expected 'load_" + format + " as <name>', got '"
                        + getName() + node.getHelpers() + "'");
            }
            StringBuilder body = new StringBuilder();
            for (Node n : node.getChildren()) {
                body.append(n.render(interpreter));
            }
            // The block's text starts on the tag's line, so its line 1 is the tag's line.
            Object value = parse(format, body.toString(), RenderErrors.currentFile(interpreter),
                    node.getLineNumber() - 1);
            interpreter.getContext().put(h.substring(2).trim(), value);
            return "";
        }
    }
}
