package io.jsalt.common.pillar;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salt's pillar.get and config.get lookups (salt/modules/pillar.py, salt/modules/config.py),
 * shared by the minion's pillar module and the function table pillar SLS files see.
 */
public final class PillarGet {
    private static final Logger log = LoggerFactory.getLogger(PillarGet.class);

    private PillarGet() {}

    /**
     * pillar.get: {@code key} walks nested dicts and lists by {@code delimiter}; with
     * {@code merge}, a dict default is deep-merged under the found dict and a list default is
     * extended with the found list's new items.
     */
    @SuppressWarnings("unchecked")
    public static Object get(Map<String, Object> pillar, String key, Object dflt, boolean merge, String delimiter) {
        String delim = delimiter == null || delimiter.isEmpty() ? Data.DEFAULT_DELIMITER : delimiter;
        if (merge) {
            if (dflt instanceof Map<?, ?> d) {
                Object found = Data.get(pillar, key, new LinkedHashMap<>(), delim);
                if (found instanceof Map<?, ?> f) {
                    return Data.deepMerge((Map<String, Object>) d, (Map<String, Object>) f);
                }
                log.error("pillar.get: Default ({}) is a dict, but the returned pillar value ({}) is of type '{}'. "
                        + "Merge will be skipped.", dflt, found, io.jsalt.common.data.Yaml.typeName(found));
            } else if (dflt instanceof List<?> d) {
                Object found = Data.get(pillar, key, new ArrayList<>(), delim);
                if (found instanceof List<?> f) {
                    List<Object> out = (List<Object>) Data.deepCopy(d);
                    for (Object x : f) {
                        if (!out.contains(x)) {
                            out.add(x);
                        }
                    }
                    return out;
                }
                log.error("pillar.get: Default ({}) is a list, but the returned pillar value ({}) is of type '{}'. "
                        + "Merge will be skipped.", dflt, found, io.jsalt.common.data.Yaml.typeName(found));
            } else {
                log.error("pillar.get: Default ({}) is of type '{}', must be a dict or list to merge. Merge will be "
                        + "skipped.", dflt, io.jsalt.common.data.Yaml.typeName(dflt));
            }
        }
        return Data.get(pillar, key, dflt, delim);
    }

    /** pillar.item: each key looked up (nested), missing ones give the default. */
    public static Map<String, Object> item(Map<String, Object> pillar, List<String> keys, Object dflt, String delimiter) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, Data.get(pillar, k, dflt, delimiter == null ? Data.DEFAULT_DELIMITER : delimiter));
        }
        return out;
    }

    /**
     * Salt's built-in config defaults (the DEFAULTS dict of salt/modules/config.py): config.get
     * and config.option fall back to them before the caller's default.
     */
    public static final Map<String, Object> CONFIG_DEFAULTS = configDefaults();

    /**
     * config.get without merge: the first of the minion options, grains, pillar, the master
     * config (pillar's "master" key, present with pillar_opts), Salt's defaults that has the key.
     */
    public static Object config(Map<String, Object> opts, Map<String, Object> grains, Map<String, Object> pillar,
                                String key, Object dflt, String delimiter) {
        return config(opts, grains, pillar, key, dflt, delimiter, null);
    }

    /**
     * config.get: with {@code merge} ("recurse" or "overwrite"; anything else warns and
     * recurses) the stores are merged, later ones winning (defaults, master config, pillar,
     * grains, minion options), and the key is looked up in the result.
     */
    @SuppressWarnings("unchecked")
    public static Object config(Map<String, Object> opts, Map<String, Object> grains, Map<String, Object> pillar,
                                String key, Object dflt, String delimiter, String merge) {
        String delim = delimiter == null ? Data.DEFAULT_DELIMITER : delimiter;
        Map<String, Object> master = pillar != null && pillar.get("master") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        List<Map<String, Object>> stores = new ArrayList<>();
        for (Map<String, Object> src : java.util.Arrays.asList(opts, grains, pillar, master, CONFIG_DEFAULTS)) {
            stores.add(src == null ? Map.of() : src);
        }
        if (merge == null) {
            for (Map<String, Object> src : stores) {
                if (Data.has(src, key, delim)) {
                    return Data.get(src, key, null, delim);
                }
            }
            return dflt;
        }
        String strategy = merge;
        if (!strategy.equals("recurse") && !strategy.equals("overwrite")) {
            log.warn("Unsupported merge strategy '{}'. Falling back to 'recurse'.", merge);
            strategy = "recurse";
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = stores.size() - 1; i >= 0; i--) {
            if (strategy.equals("recurse")) {
                data = Data.deepMerge(data, stores.get(i));
            } else {
                data.putAll((Map<String, Object>) Data.deepCopy(stores.get(i)));
            }
        }
        return Data.has(data, key, delim) ? Data.get(data, key, null, delim) : dflt;
    }

    /**
     * config.option: like config.get without merge, but the key is never split into nested
     * levels. An empty default is the caller's "" (or {} with wildcard).
     */
    public static Object option(Map<String, Object> opts, Map<String, Object> grains, Map<String, Object> pillar,
                                String key, Object dflt) {
        for (Map<String, Object> src : java.util.Arrays.asList(opts, grains, pillar,
                pillar != null && pillar.get("master") instanceof Map<?, ?> ? asMap(pillar.get("master")) : null,
                CONFIG_DEFAULTS)) {
            if (src != null && src.containsKey(key)) {
                return src.get(key);
            }
        }
        return dflt;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> configDefaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mongo.db", "salt");
        d.put("mongo.password", "");
        d.put("mongo.port", 27017L);
        d.put("mongo.user", "");
        d.put("redis.db", "0");
        d.put("redis.host", "salt");
        d.put("redis.port", 6379L);
        d.put("test.foo", "unconfigured");
        d.put("ca.cert_base_path", "/etc/pki");
        d.put("solr.cores", List.of());
        d.put("solr.host", "localhost");
        d.put("solr.port", "8983");
        d.put("solr.baseurl", "/solr");
        d.put("solr.type", "master");
        d.put("solr.request_timeout", null);
        d.put("solr.init_script", "/etc/rc.d/solr");
        d.put("solr.dih.import_options", Data.map("clean", false, "optimize", true, "commit", true, "verbose", false));
        d.put("solr.backup_path", null);
        d.put("solr.num_backups", 1L);
        d.put("poudriere.config", "/usr/local/etc/poudriere.conf");
        d.put("poudriere.config_dir", "/usr/local/etc/poudriere.d");
        d.put("ldap.uri", "");
        d.put("ldap.server", "localhost");
        d.put("ldap.port", "389");
        d.put("ldap.tls", false);
        d.put("ldap.no_verify", false);
        d.put("ldap.anonymous", true);
        d.put("ldap.scope", 2L);
        d.put("ldap.attrs", null);
        d.put("ldap.binddn", "");
        d.put("ldap.bindpw", "");
        d.put("hosts.file", "/etc/hosts");
        d.put("aliases.file", "/etc/aliases");
        d.put("virt", Data.map("tunnel", false, "images", "/srv/salt-images"));
        d.put("docker.exec_driver", "docker-exec");
        d.put("docker.compare_container_networks", Data.map(
                "static", List.of("Aliases", "Links", "IPAMConfig"),
                "automatic", List.of("IPAddress", "Gateway", "GlobalIPv6Address", "IPv6Gateway")));
        return java.util.Collections.unmodifiableMap(d);
    }
}
