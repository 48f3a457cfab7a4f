package io.jsalt.common.config;

import static io.jsalt.common.config.Option.Kind.BOOL;
import static io.jsalt.common.config.Option.Kind.LIST;
import static io.jsalt.common.config.Option.Kind.MAP;
import static io.jsalt.common.config.Option.Kind.PATH;
import static io.jsalt.common.config.Option.Kind.ROOTS;
import static io.jsalt.common.config.Option.Kind.STRING;
import static io.jsalt.common.config.Option.Kind.STRING_OR_LIST;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every option the master and the minion read, with Salt's names and defaults
 * (salt/config/__init__.py: DEFAULT_MASTER_OPTS, DEFAULT_MINION_OPTS, and VALID_OPTS for the
 * types) and jsalt's paths. The defaults here are the options map a daemon starts from;
 * options without a default stay out of the map until a config file sets them.
 * docs/configuration.md documents each of them (OptionsDocTest keeps the two in step).
 */
public final class OptionTable {
    private OptionTable() {}

    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final Map<String, Object> DEFAULT_ROOTS_SRV_SALT = Map.of("base", List.of("/srv/salt"));
    private static final Map<String, Object> DEFAULT_ROOTS_SRV_PILLAR = Map.of("base", List.of("/srv/pillar"));

    /** The master's options, defaults first in the order the options map lists them. */
    public static final List<Option> MASTER = join(List.of(
            Option.of("interface", STRING, "0.0.0.0"),
            Option.integer("ret_port", 4506L, 0, 65535),
            Option.of("ipv6", BOOL, false),
            Option.integer("pending_hold_max", 256L, 0, 100_000),
            Option.integer("pending_hold_time", 120L, 0, 86_400)),
            directories("master"), List.of(
            Option.of("file_roots", ROOTS, DEFAULT_ROOTS_SRV_SALT),
            Option.of("pillar_roots", ROOTS, DEFAULT_ROOTS_SRV_PILLAR),
            Option.of("nodegroups", MAP, Map.of()),
            Option.of("state_top", STRING, "top.sls")),
            templates(), List.of(
            Option.of("pillar_safe_render_error", BOOL, true),
            Option.integer("file_buffer_size", 1048576L, 1, INT_MAX),
            Option.integer("keep_jobs", 24L, 0, Long.MAX_VALUE / 3600_000),
            Option.integer("timeout", 5L, 0, INT_MAX),
            Option.integer("gather_job_timeout", 10L, 1, INT_MAX),
            Option.integer("tls_handshake_limit", 64L, 1, INT_MAX),
            Option.integer("tls_handshake_queue", 16384L, 1, INT_MAX),
            Option.of("auto_accept", BOOL, false),
            Option.of("autosign_file", PATH, "/etc/jsalt/autosign.conf"),
            Option.of("log_file", PATH, "/var/log/jsalt/master"),
            Option.of("log_level", STRING, "warning"),
            Option.integer("heartbeat_interval", 30L, 1, INT_MAX / 3),
            Option.integer("max_frame_bytes", 64L * 1024 * 1024, 1, INT_MAX),
            Option.integer("max_hello_bytes", 16384L, 1, INT_MAX),
            Option.of("reactor", LIST, List.of()),
            Option.integer("reactor_worker_threads", 10L, 1, 10_000),
            Option.integer("reactor_worker_hwm", 10000L, 1, INT_MAX),
            Option.of("peer", MAP, Map.of()),
            // Without a default: unset unless the config file sets them.
            Option.of("id", STRING, null),
            Option.of("autoreject_file", PATH, null),
            Option.of("autosign_grains_dir", PATH, null),
            Option.of("permissive_pki_access", BOOL, null),
            Option.integer("worker_threads", null, 1, 4096),
            Option.of("pillarenv", STRING, null),
            Option.of("pillar_watch", BOOL, true),
            Option.of("state_output", STRING, null),
            Option.of("state_verbose", BOOL, null),
            Option.of("dns_hub", MAP, null),
            Option.of("rsync_hub", MAP, null)));

    /** The minion's options, defaults first in the order the options map lists them. */
    public static final List<Option> MINION = join(List.of(
            Option.of("master", STRING, "salt"),
            Option.integer("master_port", 4506L, 1, 65535),
            Option.of("master_finger", STRING, "")),
            directories("minion"), List.of(
            Option.of("grains", MAP, Map.of()),
            Option.integer("acceptance_wait_time", 10L, 0, INT_MAX),
            Option.integer("acceptance_wait_time_max", 0L, 0, INT_MAX),
            Option.integer("recon_default", 1000L, 0, INT_MAX),
            Option.integer("recon_max", 10000L, 0, INT_MAX),
            Option.of("recon_randomize", BOOL, true),
            Option.of("log_file", PATH, "/var/log/jsalt/minion"),
            Option.of("log_level", STRING, "warning"),
            Option.choice("file_client", "remote", "remote", "local"),
            Option.of("file_roots", ROOTS, DEFAULT_ROOTS_SRV_SALT),
            Option.of("pillar_roots", ROOTS, DEFAULT_ROOTS_SRV_PILLAR),
            Option.of("state_top", STRING, "top.sls"),
            Option.of("state_auto_order", BOOL, true)),
            templates(), List.of(
            Option.integer("process_count_max", 16L, 1, 4096),
            Option.integer("heartbeat_interval", 30L, 1, INT_MAX / 3),
            Option.integer("max_frame_bytes", 64L * 1024 * 1024, 1, INT_MAX),
            Option.of("mine_enabled", BOOL, true),
            Option.integer("mine_interval", 60L, 0, INT_MAX),
            Option.of("mine_functions", MAP, Map.of()),
            // Without a default: unset unless the config file sets them.
            Option.of("id", STRING, null),
            Option.of("autosign_grains", STRING_OR_LIST, null),
            Option.integer("job_timeout", null, 0, INT_MAX),
            Option.of("nodegroups", MAP, null),
            Option.of("pillarenv", STRING, null),
            Option.of("pillar_safe_render_error", BOOL, null),
            Option.of("saltenv", STRING, null),
            Option.of("disabled_requisites", STRING_OR_LIST, null),
            Option.of("failhard", BOOL, null),
            Option.of("test", BOOL, null),
            // Salt's minion._state_run applies the highstate for any other value, so it takes any string.
            Option.of("startup_states", STRING, null),
            Option.of("sls_list", LIST, null),
            Option.of("top_file", STRING, null),
            Option.of("schedule", MAP, null),
            Option.of("hash_type", STRING, null),
            Option.of("cmd_safe", BOOL, null),
            Option.of("state_output", STRING, null),
            Option.of("state_verbose", BOOL, null),
            Option.of("state_data", STRING, null)));

    /**
     * Salt options an operator often copies from a Salt config that jsalt accepts and does not
     * use (its transport, its user handling, its logging details ...): they are logged as
     * ignored, not reported as typos.
     */
    public static final Set<String> IGNORED_SALT = Set.of(
            "user", "ipv6", "transport", "hash_type", "file_recv", "file_recv_max_size",
            "log_level_logfile", "log_datefmt", "log_datefmt_logfile", "log_fmt_console", "log_fmt_logfile",
            "log_granular_levels", "publish_port", "open_mode", "verify_env", "max_open_files",
            "cache_jobs", "job_cache", "minion_data_cache", "enable_gpu_grains", "enable_fqdns_grains",
            "fileserver_backend", "ext_pillar", "pillar_opts", "state_events", "multiprocessing",
            "random_reauth_delay", "auth_timeout", "auth_tries", "ping_interval", "tcp_keepalive",
            "tcp_keepalive_idle", "tcp_keepalive_cnt", "tcp_keepalive_intvl", "master_type",
            "keep_jobs_seconds", "top_file_merging_strategy", "default_top", "env_order",
            "use_superseded", "color", "loop_interval", "default_include", "include");

    /** root_dir and the directories both daemons keep, named after the daemon as in Salt's defaults. */
    private static List<Option> directories(String daemon) {
        return List.of(
                Option.of("root_dir", STRING, "/"),
                Option.of("pki_dir", PATH, "/etc/jsalt/pki/" + daemon),
                Option.of("cachedir", PATH, "/var/cache/jsalt/" + daemon),
                Option.of("sock_dir", PATH, "/var/run/jsalt/" + daemon),
                Option.of("pidfile", PATH, "/var/run/jsalt-" + daemon + ".pid"));
    }

    /** The template options both daemons read, with the same defaults ({@link TemplateOptions}). */
    private static List<Option> templates() {
        return List.of(
                Option.of("renderer", STRING, "jinja|yaml"),
                Option.of("allow_undefined", BOOL, false),
                Option.of("jinja_env", MAP, Map.of()),
                Option.of("jinja_sls_env", MAP, Map.of()),
                Option.of("jinja_trim_blocks", BOOL, false),
                Option.of("jinja_lstrip_blocks", BOOL, false));
    }

    @SafeVarargs
    private static List<Option> join(List<Option>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }

    /** The table of {@code role}. */
    public static List<Option> of(Config.Role role) {
        return role == Config.Role.MASTER ? MASTER : MINION;
    }

    /** The options of {@code role} by name. */
    public static Map<String, Option> byName(Config.Role role) {
        Map<String, Option> out = new LinkedHashMap<>();
        of(role).forEach(o -> out.put(o.name(), o));
        return out;
    }
}
