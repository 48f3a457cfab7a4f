package io.jsalt.master.reactor;

import io.jsalt.common.config.Config.ConfigException;
import io.jsalt.master.events.TagMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The master's {@code reactor} option, as in Salt: a list of one-key maps from a tag glob
 * to the reactor SLS files to render for matching events.
 * <pre>
 * reactor:
 *   - 'salt/minion/*&#47;start':
 *     - /srv/reactor/start.sls
 *   - 'myco/deploy/*':
 *     - salt://reactor/deploy.sls
 * </pre>
 */
public record ReactorConfig(List<Rule> rules) {
    /** One glob and its files, in the order written. */
    public record Rule(String glob, Predicate<String> matches, List<String> files) {}

    public static ReactorConfig parse(Object option) {
        List<Rule> rules = new ArrayList<>();
        if (option == null) {
            return new ReactorConfig(rules);
        }
        List<?> items;
        if (option instanceof List<?> l) {
            items = l;
        } else if (option instanceof Map<?, ?> m) {
            items = List.of(m);
        } else {
            throw new ConfigException("reactor must be a list of {tag glob: [reactor files]}");
        }
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new ConfigException("reactor: each entry must map a tag glob to reactor files, got '" + item + "'");
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String glob = String.valueOf(e.getKey());
                List<String> files = new ArrayList<>();
                if (e.getValue() instanceof List<?> fl) {
                    fl.forEach(f -> files.add(String.valueOf(f)));
                } else if (e.getValue() != null) {
                    files.add(String.valueOf(e.getValue()));
                }
                if (files.isEmpty()) {
                    throw new ConfigException("reactor: '" + glob + "' lists no reactor files");
                }
                rules.add(new Rule(glob, TagMatch.glob(glob), files));
            }
        }
        return new ReactorConfig(rules);
    }

    /** The files to render for a tag, in configuration order. */
    public List<String> filesFor(String tag) {
        List<String> out = new ArrayList<>();
        for (Rule r : rules) {
            if (r.matches().test(tag)) {
                out.addAll(r.files());
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
