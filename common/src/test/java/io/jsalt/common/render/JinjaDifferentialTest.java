package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.py.PyJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Jinja differential suite: every case of {@link JinjaDifferentialCases} rendered by jsalt's
 * template renderer (the entry file.managed templates and SLS files use) and compared with what
 * Jinja2 rendered for it, recorded in jinja-differential/expected.json by
 * common/src/test/python/jinja_reference.py in the environment Salt gives a template
 * (salt/utils/templates.py render_jinja_tmpl: StrictUndefined, the do and loopcontrols
 * extensions, the final newline kept). Outputs must be equal; errors only have to be errors on
 * both sides. A case that differs must be named, with its reason, in
 * jinja-differential/known-differences.yaml, and every entry there must still match a case that
 * differs, so that the list stays true.
 *
 * <p>When python3 can import the Jinja2 version the record was made with, the record is also
 * checked against a fresh run; {@code -Djsalt.jinjaDifferential.update=true} writes a fresh record
 * instead (after the cases changed). docs/jinja.md says how to run it.
 */
class JinjaDifferentialTest {
    private static final String DIR = "jinja-differential/";
    private static final Path SOURCE_DIR = Path.of("src/test/resources/" + DIR);
    private static final Path SCRIPT = Path.of("src/test/python/jinja_reference.py");
    private static final String UPDATE = "jsalt.jinjaDifferential.update";

    @Test
    void theRecordHoldsTheGeneratedCases() {
        Map<String, Object> record = record();
        assertEquals(JinjaDifferentialCases.SEED, record.get("seed"), staleHint());
        assertEquals(JinjaDifferentialCases.contexts(), record.get("contexts"), staleHint());
        List<JinjaDifferentialCases.Case> cases = JinjaDifferentialCases.generate();
        List<Map<String, Object>> recorded = recordedCases(record);
        assertTrue(cases.size() >= 1000, "the suite has " + cases.size() + " cases");
        assertEquals(cases.size(), recorded.size(), staleHint());
        for (int i = 0; i < cases.size(); i++) {
            JinjaDifferentialCases.Case c = cases.get(i);
            Map<String, Object> r = recorded.get(i);
            assertEquals(List.of(c.id(), c.template(), c.context()),
                    List.of(r.get("id"), r.get("template"), r.get("context")), staleHint());
        }
    }

    @Test
    void jsaltRendersWhatJinja2Renders() throws IOException {
        Map<String, Object> record = record();
        @SuppressWarnings("unchecked")
        Map<String, Object> contexts = (Map<String, Object>) record.get("contexts");
        List<KnownDifference> known = knownDifferences();
        Renderer renderer = new Renderer(null);
        List<String> unlisted = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        int differing = 0;
        for (Map<String, Object> c : recordedCases(record)) {
            String id = (String) c.get("id");
            String expected = c.containsKey("error") ? null : (String) c.get("output");
            Outcome outcome = render(renderer, (String) c.get("template"), contexts.get((String) c.get("context")));
            String actual = outcome.output();
            boolean same = expected == null ? actual == null : expected.equals(actual);
            if (same) {
                continue;
            }
            differing++;
            String line = id + ": " + repr(c.get("template")) + "\n    jinja2: "
                    + (expected == null ? "fails (" + c.get("error") + ")" : repr(expected))
                    + "\n    jsalt:  " + (actual == null ? "fails: " + outcome.error() : repr(actual)) + "\n";
            report.append(line);
            boolean listed = false;
            for (KnownDifference k : known) {
                if (k.pattern.matcher(id).matches()) {
                    k.matched++;
                    listed = true;
                }
            }
            if (!listed) {
                unlisted.add(line);
            }
        }
        // The whole list, for whoever works on the differences: target/jinja-differential.txt.
        Files.writeString(Path.of("target/jinja-differential.txt"), report.toString());
        List<String> stale = known.stream().filter(k -> k.matched == 0).map(k -> k.glob).toList();
        System.out.println("Jinja differential: " + recordedCases(record).size() + " cases, " + differing
                + " differ from Jinja2 " + record.get("jinja2") + ", " + unlisted.size() + " not listed");
        if (!unlisted.isEmpty() || !stale.isEmpty()) {
            fail(unlisted.size() + " case(s) differ from Jinja2 and are not in " + DIR + "known-differences.yaml"
                    + (stale.isEmpty() ? "" : "; listed but no longer differing: " + stale) + "\n"
                    + String.join("", unlisted.subList(0, Math.min(40, unlisted.size()))));
        }
    }

    @Test
    void theRecordIsWhatJinja2RendersOnThisMachine() throws IOException, InterruptedException {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("seed", JinjaDifferentialCases.SEED);
        input.put("contexts", JinjaDifferentialCases.contexts());
        List<Object> cases = new ArrayList<>();
        for (JinjaDifferentialCases.Case c : JinjaDifferentialCases.generate()) {
            cases.add(Data.map("id", c.id(), "template", c.template(), "context", c.context()));
        }
        input.put("cases", cases);
        Path in = Files.createTempFile("jinja-cases", ".json");
        try {
            Files.writeString(in, PyJson.dumps(input, false, null));
            Process p;
            try {
                p = new ProcessBuilder("python3", SCRIPT.toString()).redirectInput(in.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            } catch (IOException noPython) {
                Assumptions.abort("no python3 on this machine: " + noPython.getMessage());
                return;
            }
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jinja_reference.py did not finish");
            Assumptions.assumeFalse(p.exitValue() == 3, "python3 cannot import jinja2 on this machine");
            assertEquals(0, p.exitValue(), "jinja_reference.py failed");
            String fresh = new String(out, StandardCharsets.UTF_8);
            if (Boolean.getBoolean(UPDATE)) {
                Files.writeString(SOURCE_DIR.resolve("expected.json"), fresh);
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> now = (Map<String, Object>) PyJson.loads(fresh);
            Object recorded = record().get("jinja2");
            Assumptions.assumeTrue(recorded.equals(now.get("jinja2")), "the record was made with Jinja2 "
                    + recorded + ", this machine has " + now.get("jinja2"));
            List<Map<String, Object>> was = recordedCases(record());
            List<Map<String, Object>> is = recordedCases(now);
            List<String> changed = new ArrayList<>();
            for (int i = 0; i < Math.min(was.size(), is.size()); i++) {
                if (!was.get(i).equals(is.get(i))) {
                    changed.add(String.valueOf(is.get(i).get("id")));
                }
            }
            assertTrue(changed.isEmpty() && was.size() == is.size(), "Jinja2 now renders "
                    + changed.size() + " case(s) differently from the record " + changed + "; " + staleHint());
        } finally {
            Files.deleteIfExists(in);
        }
    }

    /** jsalt's output for one case, or (output null) the message of the template error it fails with. */
    private record Outcome(String output, String error) {}

    private static Outcome render(Renderer renderer, String template, Object context) {
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) Data.deepCopy(context);
        RenderContext ctx = RenderContext.builder().extra(vars).build();
        try {
            return new Outcome(renderer.renderTemplate(template, "differential.jinja", ctx), null);
        } catch (RenderException e) {
            return new Outcome(null, e.getMessage().lines().findFirst().orElse(""));
        } catch (RuntimeException | StackOverflowError e) {
            // Not a template error but a crash of the renderer: never what Jinja2 does.
            return new Outcome("<crash " + e + ">", null);
        }
    }

    private static final class KnownDifference {
        final String glob;
        final Pattern pattern;
        int matched;

        KnownDifference(String glob) {
            this.glob = glob;
            this.pattern = Pattern.compile(Pattern.quote(glob).replace("*", "\\E.*\\Q"));
        }
    }

    /** The id patterns of known-differences.yaml: category -> list of {ids, reason}. */
    @SuppressWarnings("unchecked")
    private static List<KnownDifference> knownDifferences() {
        Map<String, Object> file = Yaml.loadMap(resource("known-differences.yaml"), "known-differences.yaml");
        List<KnownDifference> out = new ArrayList<>();
        for (Map.Entry<String, Object> category : file.entrySet()) {
            for (Map<String, Object> entry : (List<Map<String, Object>>) category.getValue()) {
                Object reason = entry.get("reason");
                assertTrue(reason instanceof String r && !r.isBlank(),
                        "known-differences.yaml: an entry of " + category.getKey() + " has no reason");
                for (Object glob : (List<Object>) entry.get("ids")) {
                    out.add(new KnownDifference(String.valueOf(glob)));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> record() {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) PyJson.loads(resource("expected.json"));
        return r;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> recordedCases(Map<String, Object> record) {
        return (List<Map<String, Object>>) record.get("cases");
    }

    private static String resource(String name) {
        try (InputStream in = JinjaDifferentialTest.class.getResourceAsStream("/" + DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String staleHint() {
        return DIR + "expected.json does not hold JinjaDifferentialCases' cases: regenerate it with "
                + "mvn -o -q -pl common test -Dtest=JinjaDifferentialTest -D" + UPDATE + "=true";
    }

    private static String repr(Object s) {
        return PyJson.dumps(s, false, null);
    }
}
