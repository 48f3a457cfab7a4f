package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.VectorFiles;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.match.TargetType;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.Renderer;
import io.jsalt.minion.modules.FilterBy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One Python regex or glob means the same thing wherever a user writes it: in a target
 * ({@code -E} / {@code -G}), in a Jinja filter, and in a file state or grains.filter_by. The
 * cases are the ones where separate translations used to disagree ({@code \Z}, {@code {,n}},
 * group names with underscores, '[' and '&&' inside a set, (?#...) comments, Unicode digits).
 */
class PyPatternsAgreeTest {
    private static final String FILE = "python-patterns.yaml";

    @TempDir
    Path dir;

    static Stream<Arguments> regexCases() {
        return VectorFiles.cases(FILE, "regex", "regex", "text", "matches");
    }

    static Stream<Arguments> globCases() {
        return VectorFiles.cases(FILE, "glob", "glob", "text", "matches");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("regexCases")
    void aRegexMatchesTheSameInTargetsJinjaAndFileReplace(String regex, String text, boolean matches)
            throws Exception {
        String subject = text.replace("\\n", "\n");
        boolean targeted = new Matcher().matches(regex, TargetType.PCRE, MinionData.of(subject));

        Renderer renderer = new Renderer(FileRoots.base(Files.createDirectories(dir.resolve("roots"))));
        RenderContext ctx = RenderContext.builder().pillar(Data.map("rx", regex, "text", subject)).sls("t").build();
        String rendered = renderer.renderTemplate("{{ pillar['text'] | regex_match(pillar['rx']) }}", "t.sls", ctx);
        boolean filtered = !rendered.strip().equals("None");

        Path file = dir.resolve("f.txt");
        Files.writeString(file, subject);
        Map<String, Object> r = new StateHarness(dir).apply("file.replace", "name", file.toString(),
                "pattern", regex, "repl", "REPLACED");
        assertEquals(true, r.get("result"), String.valueOf(r));
        boolean replaced = Files.readString(file).contains("REPLACED");

        assertEquals(matches, targeted, "targeting");
        assertEquals(matches, filtered, "regex_match filter, which printed " + rendered);
        assertEquals(matches, replaced, "file.replace");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("globCases")
    void aGlobMatchesTheSameInTargetsAndFilterBy(String glob, String text, boolean matches) {
        boolean targeted = new Matcher().matches(glob, TargetType.GLOB, MinionData.of(text));
        Object picked = FilterBy.apply(Data.map(glob, "hit"), "id", Data.map("id", text), null, "default", null);
        assertEquals(matches, targeted, "targeting");
        assertEquals(matches, "hit".equals(picked), "grains.filter_by");
    }
}
