/**
 * Pillar: {@link io.jsalt.common.pillar.PillarCompiler} compiles one minion's pillar from
 * pillar_roots (top file, matchers, rendering with the minion's grains, include, deep merge
 * in listed order, {@code _errors}); the master runs it per minion, a masterless minion runs
 * it locally. {@link io.jsalt.common.pillar.PillarGet} holds Salt's pillar.get / config.get
 * lookups.
 */
package io.jsalt.common.pillar;
