package io.jsalt.master.reactor;

import java.nio.file.Path;
import java.util.Map;

/**
 * Renders one reactor SLS file for one event into its reactions:
 * {@code {id: {"local.state.apply": [{tgt: ...}, ...]}}}. Salt renders reactor files with
 * Jinja, {@code tag} and {@code data} in the context; the master plugs that renderer in
 * here. The default, {@link YamlReactorRenderer}, reads plain YAML.
 */
@FunctionalInterface
public interface ReactorRenderer {
    Map<String, Object> render(Path sls, String tag, Map<String, Object> data) throws Exception;
}
