package io.jsalt.common.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Salt's defaults for the options jsalt reads, with jsalt's paths. */
final class Defaults {
    private Defaults() {}

    static Map<String, Object> master() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interface", "0.0.0.0");
        m.put("ret_port", 4506L);
        m.put("root_dir", "/");
        m.put("pki_dir", "/etc/jsalt/pki/master");
        m.put("cachedir", "/var/cache/jsalt/master");
        m.put("sock_dir", "/var/run/jsalt/master");
        m.put("pidfile", "/var/run/jsalt-master.pid");
        m.put("file_roots", new LinkedHashMap<>(Map.of("base", List.of("/srv/salt"))));
        m.put("pillar_roots", new LinkedHashMap<>(Map.of("base", List.of("/srv/pillar"))));
        m.put("nodegroups", new LinkedHashMap<>());
        m.put("state_top", "top.sls");
        m.put("renderer", "jinja|yaml");
        m.put("pillar_safe_render_error", true);
        m.put("file_buffer_size", 1048576L);
        m.put("keep_jobs", 24L);
        m.put("timeout", 5L);
        m.put("gather_job_timeout", 10L);
        m.put("tls_handshake_limit", 64L);
        m.put("tls_handshake_queue", 16384L);
        m.put("auto_accept", false);
        m.put("autosign_file", "/etc/jsalt/autosign.conf");
        m.put("log_file", "/var/log/jsalt/master");
        m.put("log_level", "warning");
        m.put("heartbeat_interval", 30L);
        m.put("max_frame_bytes", 64L * 1024 * 1024);
        m.put("max_hello_bytes", 16384L);
        // Events and reactor (dns_hub and rsync_hub are off unless set).
        m.put("reactor", new java.util.ArrayList<>());
        m.put("reactor_worker_threads", 10L);
        m.put("reactor_worker_hwm", 10000L);
        return m;
    }

    static Map<String, Object> minion() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("master", "salt");
        m.put("master_port", 4506L);
        m.put("master_finger", "");
        m.put("root_dir", "/");
        m.put("pki_dir", "/etc/jsalt/pki/minion");
        m.put("cachedir", "/var/cache/jsalt/minion");
        m.put("sock_dir", "/var/run/jsalt/minion");
        m.put("pidfile", "/var/run/jsalt-minion.pid");
        m.put("grains", new LinkedHashMap<>());
        m.put("acceptance_wait_time", 10L);
        m.put("acceptance_wait_time_max", 0L);
        m.put("recon_default", 1000L);
        m.put("recon_max", 10000L);
        m.put("recon_randomize", true);
        m.put("log_file", "/var/log/jsalt/minion");
        m.put("log_level", "warning");
        m.put("file_client", "remote");
        m.put("file_roots", new LinkedHashMap<>(Map.of("base", List.of("/srv/salt"))));
        m.put("pillar_roots", new LinkedHashMap<>(Map.of("base", List.of("/srv/pillar"))));
        m.put("state_top", "top.sls");
        m.put("state_auto_order", true);
        m.put("renderer", "jinja|yaml");
        m.put("process_count_max", 16L);
        m.put("heartbeat_interval", 30L);
        m.put("max_frame_bytes", 64L * 1024 * 1024);
        // Mine: mine_functions run at start and every mine_interval minutes.
        m.put("mine_enabled", true);
        m.put("mine_interval", 60L);
        m.put("mine_functions", new LinkedHashMap<>());
        return m;
    }
}
