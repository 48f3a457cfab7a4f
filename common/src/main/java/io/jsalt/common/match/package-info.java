/**
 * Salt's targeting, as pure code: {@link io.jsalt.common.match.Matcher} compiles a target
 * ({@link io.jsalt.common.match.TargetType}: glob, pcre, list, grain, grain_pcre, pillar,
 * pillar_pcre, pillar_exact, ipcidr, compound, nodegroup) once into a
 * {@link io.jsalt.common.match.CompiledTarget} that tests {@link
 * io.jsalt.common.match.MinionData} (id, grains, pillar) without re-parsing. The master uses
 * it for a job's expected minions; top files use it for their entries (default: compound).
 *
 * <p>Semantics follow Salt's salt/matchers/*.py, salt/utils/minions.py (parse_target,
 * nodegroup_comp) and salt/utils/data.py (subdict_match). Where Salt silently matches
 * nothing, this package throws {@link io.jsalt.common.match.TargetException} instead:
 * malformed compound expressions, unknown engine prefixes, unknown or recursive nodegroups
 * ({@link io.jsalt.common.match.NodegroupException}), grain/pillar targets without a
 * delimiter (inside a compound such a word is False, as in Salt), invalid regexes and
 * IP/CIDR targets. Other
 * deliberate differences: a nodegroup used in a compound is always parenthesised; regexes in
 * grain/pillar targets match case-insensitively instead of being lowercased (Salt's
 * lowercasing turns {@code \D} into {@code \d}); Python regex syntax is translated to Java's
 * ({@link io.jsalt.common.py.PyRegex}, as everywhere in jsalt).
 */
package io.jsalt.common.match;
