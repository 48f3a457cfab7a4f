package io.jsalt.minion.states;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salt's pip.installed (salt/states/pip_state.py), for named packages: the pip of bin_env (a
 * pip program or a virtualenv), else pip3 or pip on PATH. A package counts as installed when
 * pip lists it and, with an exact ==version, at that version; any other version range is left
 * to pip to resolve, so such a state always runs pip install.
 */
public final class PipStates implements StatePlugin {
    private static final Pattern REQ = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)(\\[[^]]*])?\\s*(.*)$");
    /** The reason Salt's pip states are unavailable without pip. */
    static final String NO_PIP = "An importable Python pip module is required but could not be found on your "
            + "system. This usually means that the system's pip package is not installed properly.";

    @Override
    public String name() {
        return "pip";
    }

    @Override
    public String doc() {
        return "Installation of Python packages using pip.";
    }

    @Fn(doc = """
            Make sure the package is installed.

            name
                The package to install, optionally with a version: django, django==4.2.
            pkgs
                A list of packages to install instead of name.
            bin_env
                The pip program, or a virtualenv whose bin/pip is used (default: pip3, else pip on PATH).
            upgrade
                Pass --upgrade to pip install.

            Differences from Salt: requirements, editable and the other pip install options are not supported; only an \
            exact ==version is checked before running pip.""",
            example = """
            django:
              pip.installed:
                - name: django >= 1.6, <= 1.7
                - bin_env: /srv/venv""")
    public Object installed(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        String pip = pip(c.str(-1, "bin_env", null));
        if (pip == null) {
            return ret.fail(NO_PIP);
        }
        List<String> wanted = new ArrayList<>();
        List<Object> pkgs = c.list(-1, "pkgs", null);
        if (pkgs != null && !pkgs.isEmpty()) {
            pkgs.forEach(p -> wanted.add(String.valueOf(p)));
        } else {
            wanted.add(name);
        }
        Map<String, String> have;
        try {
            have = listed(c, pip);
        } catch (Ret.Failure f) {
            return ret.fail(f.getMessage());
        }
        boolean upgrade = c.bool(-1, "upgrade", false);
        List<String> already = new ArrayList<>();
        List<String[]> target = new ArrayList<>();
        for (String w : wanted) {
            Matcher m = REQ.matcher(w.strip());
            String prefix = m.matches() ? m.group(1) : w.strip();
            String spec = m.matches() ? m.group(3).strip() : "";
            String version = have.get(normal(prefix));
            boolean ok = version != null && !upgrade
                    && (spec.isEmpty() || spec.matches("==\\s*\\S+") && spec.substring(2).strip().equals(version));
            if (ok) {
                already.add("Python package " + w + " was already installed");
            } else {
                target.add(new String[] {prefix, w});
            }
        }
        String alreadyText = String.join("\n", already);
        if (target.isEmpty()) {
            return Plan.nothing(alreadyText + (alreadyText.isEmpty() ? "" : "\n")
                    + "All specified packages are already installed" + (upgrade ? " and up-to-date" : "")).run(c, ret);
        }
        StringBuilder would = new StringBuilder();
        if (wanted.size() > 1) {
            would.append("Python package(s) set to be installed:");
            wanted.forEach(w -> would.append('\n').append(w));
        } else {
            would.append("Python package ").append(target.get(0)[1]).append(" is set to be installed");
        }
        return Plan.change(would.toString(), r -> {
            List<Object> argv = new ArrayList<>(List.of(pip, "install"));
            if (upgrade) {
                argv.add("--upgrade");
            }
            target.forEach(t -> argv.add(t[1]));
            Map<String, Object> res = StateSupport.asMap(c.salt("cmd.run_all", List.of(argv), Map.of("python_shell", false)));
            if (!"0".equals(String.valueOf(res.get("retcode")))) {
                List<String> names = new ArrayList<>();
                target.forEach(t -> names.add(t[1]));
                return r.fail("Failed to install packages: " + String.join(", ", names) + ". Error: "
                        + res.get("stdout") + " " + res.get("stderr"));
            }
            Map<String, String> now = listed(c, pip);
            List<String> missing = new ArrayList<>();
            for (String[] t : target) {
                String v = now.get(normal(t[0]));
                if (v == null) {
                    missing.add("There was no error installing package '" + t[1]
                            + "' although it does not show when calling 'pip.freeze'.");
                } else if (!v.equals(have.get(normal(t[0])))) {
                    r.changes.put(t[0] + "==" + v, "Installed");
                }
            }
            return r.done(alreadyText + (alreadyText.isEmpty() ? "" : "\n")
                    + (missing.isEmpty() ? "All packages were successfully installed" : String.join("\n", missing)));
        }).run(c, ret);
    }

    /** {normalised name: version} of what pip lists; a failing pip list ends the state. */
    private static Map<String, String> listed(Call c, String pip) {
        Map<String, Object> out = StateSupport.asMap(c.salt("cmd.run_all",
                List.of(List.of(pip, "list", "--format=json")), Map.of("python_shell", false)));
        if (!"0".equals(String.valueOf(out.get("retcode")))) {
            throw new Ret.Failure("Error running pip list: " + out.get("stderr"));
        }
        Map<String, String> have = new LinkedHashMap<>();
        for (Object o : StateSupport.asList(Yaml.load(String.valueOf(out.get("stdout")), "pip list"))) {
            Map<String, Object> p = StateSupport.asMap(o);
            have.put(normal(String.valueOf(p.get("name"))), String.valueOf(p.get("version")));
        }
        return have;
    }

    /** PEP 503 name normalisation: case, '-', '_' and '.' do not matter. */
    private static String normal(String n) {
        return n.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static String pip(String binEnv) {
        if (binEnv != null && !binEnv.isEmpty()) {
            File f = new File(binEnv);
            File inVenv = new File(f, "bin/pip");
            return f.isDirectory() ? (inVenv.canExecute() ? inVenv.getPath() : null) : f.canExecute() ? binEnv : null;
        }
        for (String p : List.of("pip3", "pip")) {
            for (String dir : String.valueOf(System.getenv("PATH")).split(":")) {
                File f = new File(dir, p);
                if (!dir.isEmpty() && f.canExecute() && !f.isDirectory()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }
}
