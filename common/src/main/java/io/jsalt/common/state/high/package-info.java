/**
 * High data, as Salt builds it before the state compiler runs: {@link
 * io.jsalt.common.state.high.HighState} renders SLS files from a {@link
 * io.jsalt.common.state.high.SlsTree} (top file, include/extend/exclude, {@code __sls__},
 * {@code __env__}, {@code __sls_included_from__}, auto order) into the exact shape Salt 3006's
 * {@code state.show_sls} and {@code state.show_highstate} print; {@link
 * io.jsalt.common.state.high.Tops} reads top files for states and pillar; {@link
 * io.jsalt.common.state.high.HighData#verify} gives Salt's structural errors and {@link
 * io.jsalt.common.state.high.LowChunks} Salt's low chunks ({@code state.show_low_sls}).
 *
 * <p>Typical use (minion side):
 * <pre>{@code
 * HighState hs = new HighState(new SlsTree(roots), new Renderer(roots), renderContext, matcher,
 *         new MinionData(id, grains, pillar));
 * HighState.Compiled c = hs.sls("base", List.of("redis"));   // or hs.highstate()
 * List<String> errors = new ArrayList<>(c.errors());
 * errors.addAll(HighData.verify(c.high()));
 * }</pre>
 * The state engine then applies {@code __extend__}, {@code __exclude__} and requisites.
 */
package io.jsalt.common.state.high;
