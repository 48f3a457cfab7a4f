package io.jsalt.common.state;

import io.jsalt.common.state.high.HighState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one path from SLS files to what the state system shows or runs, in Salt's stages
 * (salt/modules/state.py over salt/state.py):
 * <ol>
 * <li>render: {@link HighState} renders the SLS files (Salt's render_highstate);</li>
 * <li>high data: the merged result, with {@code __extend__} and {@code __exclude__} kept;</li>
 * <li>verify: {@link Verify#high} (Salt's verify_high);</li>
 * <li>compile: {@link Compiler#compile}, which {@link StateEngine#callHigh} runs (Salt's
 * call_high up to its chunks: extend, verify, requisite_in, exclude);</li>
 * <li>low chunks: {@link Compiler#lowChunks} (Salt's compile_high_data and order_chunks).</li>
 * </ol>
 * Each state function stops where Salt's does: state.show_highstate after rendering,
 * state.show_sls after verifying, state.show_low_sls at the low chunks of the verified
 * high data; state.sls and state.highstate take the rendered high data from here and hand
 * it to {@link StateEngine#callHigh}, which compiles and runs it. Errors are Salt's
 * messages and come back alone, as Salt returns them.
 */
public final class StatePipeline {
    /** What the pipeline gave up to a stage: the value, or the errors that stopped it there. */
    public record Stage<T>(T value, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final HighState render;

    public StatePipeline(HighState render) {
        this.render = Objects.requireNonNull(render);
    }

    /** What the top file gives this minion, for the highstate functions. */
    public HighState.TopMatches top() {
        return render.top();
    }

    /** Render only: the high data of some SLS files (what state.sls compiles). */
    public HighState.Compiled sls(String saltenv, List<String> mods) {
        return render.sls(saltenv, mods);
    }

    /** Render only: the high data of what the top file matched (what state.highstate compiles). */
    public HighState.Compiled render(Map<String, List<String>> matches) {
        return render.render(matches);
    }

    /** state.show_highstate: Salt's compile_highstate, the rendered high data without verify_high. */
    public Stage<Map<String, Object>> showHighstate() {
        HighState.Compiled compiled = render.highstate();
        return new Stage<>(compiled.high(), compiled.errors());
    }

    /** state.show_sls: rendered, then verified. */
    public Stage<Map<String, Object>> showSls(String saltenv, List<String> mods) {
        HighState.Compiled compiled = render.sls(saltenv, mods);
        return new Stage<>(compiled.high(), verified(compiled));
    }

    /** state.show_low_sls: rendered, verified, then the low chunks (no extend, requisite_in or exclude). */
    public Stage<List<Map<String, Object>>> showLowSls(String saltenv, List<String> mods) {
        HighState.Compiled compiled = render.sls(saltenv, mods);
        List<String> errors = verified(compiled);
        return new Stage<>(errors.isEmpty() ? Compiler.lowChunks(compiled.high()) : List.of(), errors);
    }

    /** Salt's show functions: the render errors, then verify_high's over the high data rendered. */
    private static List<String> verified(HighState.Compiled compiled) {
        List<String> errors = new ArrayList<>(compiled.errors());
        errors.addAll(Verify.high(compiled.high()));
        return errors;
    }

    /**
     * state.sls's and state.highstate's {@code exclude} (a list, or a comma-separated
     * string of SLS and ID entries) added to the high data's {@code __exclude__}, which
     * the compiler applies; the high data itself is not changed.
     */
    public static Map<String, Object> withExclude(Map<String, Object> high, Object exclude) {
        if (exclude == null || (exclude instanceof String s && s.isEmpty())) {
            return high;
        }
        List<Object> items = new ArrayList<>();
        if (exclude instanceof List<?> l) {
            items.addAll(l);
        } else {
            for (String part : String.valueOf(exclude).split(",")) {
                if (!part.isBlank()) {
                    items.add(part.strip());
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(high);
        List<Object> ex = out.get("__exclude__") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        ex.addAll(items);
        out.put("__exclude__", ex);
        return out;
    }
}
