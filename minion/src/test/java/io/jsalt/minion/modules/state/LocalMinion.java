package io.jsalt.minion.modules.state;

import io.jsalt.common.Jid;
import io.jsalt.common.config.Config;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.Return;
import io.jsalt.minion.Minion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A masterless minion in a temp dir (file_client: local), as jsalt-call --local runs one:
 * a state tree under {@code srv/salt}, pillar under {@code srv/pillar}.
 */
public final class LocalMinion implements AutoCloseable {
    public final Path dir;
    public final Path states;
    public final Minion minion;
    private final Jid jids = Jid.systemUtc();

    public LocalMinion(Path dir, Map<String, Object> extraOpts) throws IOException {
        this.dir = dir;
        this.states = Files.createDirectories(dir.resolve("srv/salt"));
        Files.createDirectories(dir.resolve("srv/pillar"));
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("id", "local1");
        opts.put("root_dir", dir.toString());
        opts.put("file_client", "local");
        opts.put("file_roots", new LinkedHashMap<>(Map.of("base", List.of(states.toString()))));
        opts.put("pillar_roots", new LinkedHashMap<>(Map.of("base", List.of(dir.resolve("srv/pillar").toString()))));
        opts.putAll(extraOpts);
        Path conf = Files.createDirectories(dir.resolve("etc"));
        minion = new Minion(Config.of(Config.Role.MINION, conf, opts)).prepare();
    }

    LocalMinion(Path dir) throws IOException {
        this(dir, Map.of());
    }

    void write(String path, String text) throws IOException {
        Path p = states.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** Runs fun as a job (jsalt-call's path) and returns the Return. */
    public Return call(String fun, List<Object> args, Map<String, Object> kwargs) {
        Publish p = Publish.newBuilder().setJid(jids.next()).setFun(fun).setArgs(Values.toProto(args))
                .setKwargs(Values.toProto(kwargs)).setUser("root").build();
        return minion.runner().execute(p);
    }

    /** Writes {@code name}.sls and applies it with state.sls: the step most state tests start with. */
    Return sls(String name, String text) throws IOException {
        write(name + ".sls", text);
        return call("state.sls", List.of(name), Map.of());
    }

    static Object ret(Return r) {
        return Values.fromProto(r.getRet());
    }

    @Override
    public void close() {
        minion.close();
    }
}
