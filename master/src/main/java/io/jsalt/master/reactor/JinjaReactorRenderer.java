package io.jsalt.master.reactor;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.Renderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders reactor SLS files as Salt does: Jinja (with {@code tag}, {@code data} and the
 * master's {@code opts}) then YAML, includes resolved beside the reactor file; unlike Salt,
 * every {@code {{ }}} value prints as one YAML scalar (see the render context's
 * {@code yamlScalarOutput}).
 */
public final class JinjaReactorRenderer implements ReactorRenderer {
    private final Map<String, Object> opts;

    public JinjaReactorRenderer(Map<String, Object> opts) {
        this.opts = opts;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> render(Path sls, String tag, Map<String, Object> data) throws Exception {
        Path dir = sls.toAbsolutePath().getParent();
        Renderer renderer = new Renderer(new FileRoots(Map.of("base", List.of(dir))));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("tag", tag);
        extra.put("data", data);
        // Event data comes from minions: every printed value stays one YAML scalar, so no
        // id or event field can add reactions (Salt pastes the text as it is).
        RenderContext ctx = RenderContext.builder().opts(opts).saltenv("base").extra(extra)
                .yamlScalarOutput(true).build();
        Object out = renderer.renderSls(Files.readString(sls), sls.getFileName().toString(), ctx);
        if (out == null) {
            return new LinkedHashMap<>();
        }
        if (!(out instanceof Map)) {
            throw new IllegalArgumentException(sls + ": a reactor file must render to a mapping, got "
                    + Yaml.typeName(out));
        }
        return (Map<String, Object>) out;
    }
}
