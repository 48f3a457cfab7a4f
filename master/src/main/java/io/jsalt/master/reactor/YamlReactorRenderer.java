package io.jsalt.master.reactor;

import io.jsalt.common.data.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reactor files as plain YAML, without templating. A file that uses Jinja is refused with
 * a message saying so, rather than run with its {@code {{ ... }}} left in.
 */
public final class YamlReactorRenderer implements ReactorRenderer {
    @Override
    public Map<String, Object> render(Path sls, String tag, Map<String, Object> data) throws Exception {
        String text = Files.readString(sls);
        if (text.contains("{{") || text.contains("{%")) {
            throw new IllegalArgumentException(sls + " uses Jinja, but this master reads reactor files as plain YAML "
                    + "(no Jinja renderer is installed for the reactor)");
        }
        return Yaml.loadMap(text, sls.toString());
    }
}
