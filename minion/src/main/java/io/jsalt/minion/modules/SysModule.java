package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.py.Fnmatch;
import io.jsalt.minion.api.StateRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Salt's sys module: what this minion can do. Reads the execution {@link Registry} service
 * and, when the minion provides one, the {@link StateRegistry}.
 */
public final class SysModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "sys";
    }

    @Override
    public String doc() {
        return "The sys module provides information about the available functions on the minion.";
    }

    /** The text sys.doc prints for a function: its doc, then Salt's "CLI Example" block. */
    public static String docText(Registry.Function f, String exampleHeading) {
        StringBuilder sb = new StringBuilder(f.doc().strip()).append("\n\n").append(exampleHeading).append(":\n\n");
        for (String line : f.example().strip().split("\n")) {
            sb.append("    ").append(line).append('\n');
        }
        return sb.toString();
    }

    @Fn(doc = """
            Return the docstrings of all functions, of the named modules or of the named functions ('*' globs \
            allowed), as {"mod.fun": "doc"}; each doc ends with its CLI example.""",
            example = """
            jsalt '*' sys.doc
            jsalt '*' sys.doc sys
            jsalt '*' sys.doc sys.doc
            jsalt '*' sys.doc network.traceroute user.info""")
    public Object doc(Call c) {
        return docs(registry(c), c.args(), "CLI Example");
    }

    @Fn(name = "list_modules", doc = """
            List the execution modules loaded on the minion; with arguments, only those named (globs match function \
            names).""",
            example = """
            jsalt '*' sys.list_modules
            jsalt '*' sys.list_modules 's*'""")
    @Fn(name = "list_state_modules", doc = "List the state modules loaded on the minion; globs allowed.",
            example = """
            jsalt '*' sys.list_state_modules
            jsalt '*' sys.list_state_modules 'mysql_*'""")
    public Object list_modules(Call c) {
        return modules(family(c), c.args());
    }

    @Fn(name = "list_functions", doc = "List the functions of all modules, or of the named modules or globs.",
            example = """
            jsalt '*' sys.list_functions
            jsalt '*' sys.list_functions sys
            jsalt '*' sys.list_functions 'sys.list_*'""")
    @Fn(name = "list_state_functions", doc = "List the functions of all state modules, or of the named ones; globs allowed.",
            example = """
            jsalt '*' sys.list_state_functions
            jsalt '*' sys.list_state_functions file""")
    public Object list_functions(Call c) {
        return functions(family(c), c.args());
    }

    @Fn(doc = """
            Execution modules that are installed but cannot run on this host, with the reason (Salt: "__virtual__ \
            returned False").""",
            example = "jsalt '*' sys.list_unavailable")
    public Object list_unavailable(Call c) {
        return new LinkedHashMap<String, Object>(registry(c).unavailable());
    }

    @Fn(doc = "Reload the execution modules. jsalt loads its modules once at start; this returns True.",
            example = "jsalt '*' sys.reload_modules")
    public Object reload_modules(Call c) {
        return true;
    }

    @Fn(doc = "Return the docstrings of state functions, as sys.doc does for execution functions.",
            example = """
            jsalt '*' sys.state_doc
            jsalt '*' sys.state_doc service
            jsalt '*' sys.state_doc service.running""")
    public Object state_doc(Call c) {
        return docs(states(c), c.args(), "SLS Example");
    }

    private static Map<String, Object> docs(Registry r, List<Object> args, String heading) {
        Map<String, Object> out = new TreeMap<>();
        Map<String, Registry.Function> fns = r.functions();
        if (args.isEmpty()) {
            fns.forEach((name, f) -> out.put(name, docText(f, heading)));
            return new LinkedHashMap<>(out);
        }
        for (Object a : args) {
            String module = String.valueOf(a);
            if (module.contains("*")) {
                fns.forEach((name, f) -> {
                    if (Fnmatch.matches(name, module)) {
                        out.put(name, docText(f, heading));
                    }
                });
            } else {
                // "sys" and "sys." match sys's functions without also matching sysctl's.
                String prefix = module.isEmpty() || module.endsWith(".") ? module : module + ".";
                fns.forEach((name, f) -> {
                    if (name.equals(module) || name.startsWith(prefix)) {
                        out.put(name, docText(f, heading));
                    }
                });
            }
        }
        return new LinkedHashMap<>(out);
    }

    private static List<Object> modules(Registry r, List<Object> args) {
        TreeSet<String> out = new TreeSet<>();
        for (String fun : r.functions().keySet()) {
            String mod = fun.substring(0, fun.indexOf('.'));
            if (args.isEmpty()) {
                out.add(mod);
            }
            for (Object a : args) {
                String m = String.valueOf(a);
                if (m.contains("*") ? Fnmatch.matches(fun, m) : m.equals(mod)) {
                    out.add(mod);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static List<Object> functions(Registry r, List<Object> args) {
        TreeSet<String> out = new TreeSet<>();
        for (String fun : r.functions().keySet()) {
            if (args.isEmpty()) {
                out.add(fun);
            }
            for (Object a : args) {
                String m = String.valueOf(a);
                if (m.contains("*") || m.contains(".") ? Fnmatch.matches(fun, m) : fun.startsWith(m + ".")) {
                    out.add(fun);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static Registry registry(Call c) {
        return c.ctx().service(Registry.class);
    }

    /** The registry a list_* function lists: the state modules' for list_state_*, else the execution modules'. */
    private static Registry family(Call c) {
        return c.function().startsWith("list_state_") ? states(c) : registry(c);
    }

    private static Registry states(Call c) {
        return c.ctx().services().find(StateRegistry.class).map(StateRegistry::registry)
                .orElseThrow(() -> new CommandExecutionError("No state modules are loaded in this process"));
    }
}
