package io.jsalt.master.runners;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.RunnerPlugin;
import io.jsalt.master.MasterOptions;
import io.jsalt.master.pillar.PillarEdit;
import java.nio.file.Path;
import java.util.List;

/** Pillar from the master's side: edit one value in the pillar files, as an operator would. */
public final class PillarRunner implements RunnerPlugin {
    @Override
    public String name() {
        return "pillar";
    }

    @Override
    public String doc() {
        return "The master's pillar files (pillar_roots, saltenv base).";
    }

    @Fn(doc = """
            Set one key (a:b:c) to a new value in the one pillar file under pillar_roots (base) that defines it in \
            plain YAML: only the value's text on the key's line changes, every comment and line stays, and the file is \
            replaced atomically. Returns {file, key, old, new}. Refuses when no file or several files define the key, \
            or when Jinja renders it there.""",
            example = "jsalt-run pillar.edit infra:hosts_entries:masterdb db2")
    public Object edit(Call c) {
        String key = c.requiredStr(0, "key");
        Object value = c.required(1, "value");
        List<Path> roots = c.ctx().service(MasterOptions.class).pillarRoots().getOrDefault("base", List.of());
        return PillarEdit.edit(roots, key, String.valueOf(value)).toMap();
    }
}
