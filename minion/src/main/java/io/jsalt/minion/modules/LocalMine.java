package io.jsalt.minion.modules;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.minion.files.FileIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mine of a masterless minion: Salt keeps it in the minion's own data store under
 * "mine_cache"; here it is the file mine_cache.yaml in the cachedir.
 */
final class LocalMine {
    private LocalMine() {}

    static Path file(Call c) {
        Object dir = c.ctx().opts().get("cachedir");
        if (dir == null) {
            throw new CommandExecutionError("No cachedir configured for the local mine");
        }
        return Path.of(String.valueOf(dir)).resolve("mine_cache.yaml");
    }

    static Map<String, Object> read(Call c) {
        Path f = file(c);
        if (!Files.isRegularFile(f)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Object> m = Yaml.loadMap(Files.readString(f, StandardCharsets.UTF_8), f.toString());
            return m == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m);
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot read the local mine " + f + ": " + e.getMessage());
        }
    }

    /** Replaces the stored mine; returns True as Salt's data.update does. */
    static boolean write(Call c, Map<String, Object> data) {
        Path f = file(c);
        try {
            Files.createDirectories(f.getParent());
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot write the local mine " + f + ": " + e.getMessage());
        }
        FileIo.writeText(f, Yaml.dump(data));
        return true;
    }
}
