package io.jsalt.tools.compat;

import io.jsalt.common.Jid;
import io.jsalt.common.config.Config;
import io.jsalt.common.data.Data;
import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.Return;
import io.jsalt.minion.Minion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The masterless part of a compatibility run for one formula: a minion of this host (its
 * grains) with the checkout as file root and the formula's pillar.example as pillar, which
 * renders every SLS (state.show_sls) and dry-runs the top SLS (state.apply test=True). The
 * dry-run only reads the host: state functions in test mode change nothing.
 */
public final class FormulaCheck implements AutoCloseable {
    private final Formula formula;
    private final Path configDir;
    private final Minion minion;
    private final Jid jids = Jid.systemUtc();

    /** Writes the minion config (under work/NAME) that both this check and a test host use. */
    public FormulaCheck(Formula formula, Path work) throws IOException {
        this.formula = formula;
        this.configDir = writeConfig(formula, work);
        this.minion = new Minion(Config.load(Config.Role.MINION, configDir)).prepare();
    }

    /**
     * work/NAME/etc/minion (masterless, file root the checkout, pillar root work/NAME/pillar
     * with the formula's pillar files, compat.sls, compat2.sls... in order, everything else under
     * work/NAME/root) and returns work/NAME/etc.
     */
    public static Path writeConfig(Formula formula, Path work) throws IOException {
        Path dir = work.toAbsolutePath().resolve(formula.name());
        Path pillar = Files.createDirectories(dir.resolve("pillar"));
        Path etc = Files.createDirectories(dir.resolve("etc"));
        StringBuilder top = new StringBuilder("base:\n  '*':\n");
        for (int i = 0; i < formula.pillars().size(); i++) {
            String sls = i == 0 ? "compat" : "compat" + (i + 1);
            Files.copy(formula.pillars().get(i), pillar.resolve(sls + ".sls"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            top.append("    - ").append(sls).append('\n');
        }
        Files.writeString(pillar.resolve("top.sls"), formula.pillars().isEmpty() ? "base: {}\n" : top.toString());
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("id", "compat");
        opts.put("root_dir", dir.resolve("root").toString());
        opts.put("file_client", "local");
        opts.put("file_roots", Data.map("base", List.of(formula.root().toAbsolutePath().normalize().toString())));
        opts.put("pillar_roots", Data.map("base", List.of(pillar.toString())));
        Files.writeString(etc.resolve("minion"), io.jsalt.common.data.Yaml.dump(opts));
        return etc;
    }

    public Path configDir() {
        return configDir;
    }

    /** What state.show_sls gave for one SLS: null when it rendered, else its first error line. */
    public String render(String sls) {
        Return r = call("state.show_sls", List.of(sls), Map.of());
        Object ret = Values.fromProto(r.getRet());
        if (r.getRetcode() == 0 && ret instanceof Map) {
            return null;
        }
        return firstLine(ret);
    }

    /** The high data of the top SLS (empty when it does not render). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> highData() {
        Object ret = Values.fromProto(call("state.show_sls", List.of(formula.top()), Map.of()).getRet());
        return ret instanceof Map ? (Map<String, Object>) ret : Map.of();
    }

    /** state.apply TOP test=True: the outcome by state, or the render error. */
    public RunOutcome dryRun() {
        // sync_mods=all: the formula's own _modules/_states first, as a Salt user applying one
        // SLS of it does (Salt syncs by itself only at a highstate; salt/modules/state.py sls).
        Return r = call("state.apply", List.of(formula.top()), Map.of("test", true, "sync_mods", "all"));
        return RunOutcome.of(Values.fromProto(r.getRet()));
    }

    private Return call(String fun, List<Object> args, Map<String, Object> kwargs) {
        Publish p = Publish.newBuilder().setJid(jids.next()).setFun(fun).setArgs(Values.toProto(args))
                .setKwargs(Values.toProto(kwargs)).setUser("root").build();
        return minion.runner().execute(p);
    }

    /**
     * The packages the formula's pkg.installed and pkg.latest states name (their name, names
     * and pkgs arguments), so a test host can have them downloaded before it applies the formula.
     */
    @SuppressWarnings("unchecked")
    public static Set<String> packages(Map<String, Object> high) {
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, Object> e : high.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> body)) {
                continue;
            }
            for (Map.Entry<?, ?> st : body.entrySet()) {
                String key = String.valueOf(st.getKey());
                if (!key.equals("pkg") && !key.startsWith("pkg.") || !(st.getValue() instanceof List<?> parts)) {
                    continue;
                }
                boolean installs = key.equals("pkg.installed") || key.equals("pkg.latest")
                        || parts.contains("installed") || parts.contains("latest");
                if (!installs) {
                    continue;
                }
                List<Object> named = new ArrayList<>();
                Object name = e.getKey();
                for (Object part : parts) {
                    if (part instanceof Map<?, ?> arg) {
                        if (arg.containsKey("name")) {
                            name = arg.get("name");
                        }
                        for (String list : List.of("pkgs", "names")) {
                            if (arg.get(list) instanceof List<?> l) {
                                named.addAll(l);
                            }
                        }
                    }
                }
                if (named.isEmpty()) {
                    named.add(name);
                }
                for (Object n : named) {
                    Object pkg = n instanceof Map<?, ?> m && m.size() == 1 ? m.keySet().iterator().next() : n;
                    if (pkg instanceof String s && !s.isBlank()) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    static String firstLine(Object ret) {
        Object first = ret instanceof List<?> l && !l.isEmpty() ? l.get(0) : ret;
        String s = String.valueOf(first).strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        minion.close();
    }
}
