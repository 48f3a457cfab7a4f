/**
 * High data, as Salt builds it before the state compiler runs: {@link
 * io.jsalt.common.state.high.HighState} renders SLS files from a {@link
 * io.jsalt.common.state.high.SlsTree} (top file, include/extend/exclude, {@code __sls__},
 * {@code __env__}, {@code __sls_included_from__}, auto order) into the exact shape Salt 3006's
 * {@code state.show_sls} and {@code state.show_highstate} print; {@link
 * io.jsalt.common.state.high.Tops} reads top files for states and pillar.
 *
 * <p>This is the render stage of {@link io.jsalt.common.state.StatePipeline}, which the
 * state functions go through; typical use (minion side):
 * <pre>{@code
 * HighState hs = new HighState(new SlsTree(roots), new Renderer(roots), renderContext, matcher,
 *         new MinionData(id, grains, pillar));
 * StatePipeline.Stage<Map<String, Object>> shown = new StatePipeline(hs).showSls("base", List.of("redis"));
 * }</pre>
 * Verifying the high data, {@code __extend__}, {@code __exclude__}, requisites and the low
 * chunks are the later stages, in {@link io.jsalt.common.state}.
 */
package io.jsalt.common.state.high;
