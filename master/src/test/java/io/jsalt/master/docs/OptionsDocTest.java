package io.jsalt.master.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsalt.common.config.Option;
import io.jsalt.common.config.OptionTable;
import io.jsalt.common.config.TemplateOptions;
import io.jsalt.master.MasterOptions;
import io.jsalt.minion.MinionOptions;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every option the daemons read is in the option table, in the typed records and in
 * docs/configuration.md, and nothing else is: an option added to one place and not the
 * others fails here.
 */
class OptionsDocTest {
    private static final Path PAGE = Path.of("..", "docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_]+)` \\|", Pattern.MULTILINE);

    private static Set<String> documented(String heading) throws IOException {
        String page = Files.readString(PAGE);
        int start = page.indexOf("\n" + heading);
        int end = page.indexOf("\n## ", start + 1);
        Matcher m = ROW.matcher(page.substring(start, end < 0 ? page.length() : end));
        Set<String> out = new TreeSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> table(List<Option> options) {
        Set<String> out = new TreeSet<>();
        options.forEach(o -> out.add(o.name()));
        return out;
    }

    /**
     * Record components in snake case, as the options are named; interface is a Java keyword.
     * The shared {@link TemplateOptions} component stands for its own components.
     */
    private static Set<String> components(Class<? extends Record> type) {
        Set<String> out = new TreeSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals("raw")) {
                continue;
            }
            if (c.getType() == TemplateOptions.class) {
                out.addAll(components(TemplateOptions.class));
                continue;
            }
            String name = c.getName().equals("interfaceAddress") ? "interface" : c.getName();
            out.add(name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    private static void inStep(String role, String heading, List<Option> options, Class<? extends Record> type)
            throws IOException {
        assertEquals(table(options), documented(heading),
                "docs/configuration.md's " + role + " table and OptionTable." + role.toUpperCase(java.util.Locale.ROOT) + " differ");
        assertEquals(table(options), components(type),
                type.getSimpleName() + " and OptionTable." + role.toUpperCase(java.util.Locale.ROOT) + " differ");
    }

    @Test
    void everyMasterOptionIsDocumentedAndTyped() throws IOException {
        inStep("master", "## Master (`CONFIG_DIR/master`)", OptionTable.MASTER, MasterOptions.class);
    }

    @Test
    void everyMinionOptionIsDocumentedAndTyped() throws IOException {
        inStep("minion", "## Minion (`CONFIG_DIR/minion`)", OptionTable.MINION, MinionOptions.class);
    }
}
