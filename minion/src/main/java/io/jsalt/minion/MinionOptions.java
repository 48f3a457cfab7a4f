package io.jsalt.minion;

import io.jsalt.common.config.Config;
import io.jsalt.common.config.TemplateOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The minion's options, typed: one component per option of the minion's table
 * ({@link io.jsalt.common.config.OptionTable#MINION}, named in camel case; the template
 * options both daemons share are the one {@link TemplateOptions} component), read once at
 * start after {@link Config} has checked each value. {@link #raw} is the options map that
 * execution and state modules read by name, as Salt's {@code __opts__} and config.get.
 * Optional booleans and strings are null when unset.
 */
public record MinionOptions(
        Config raw,
        String master,
        int masterPort,
        String masterFinger,
        Path rootDir,
        Path pkiDir,
        Path cachedir,
        Path sockDir,
        Path pidfile,
        Map<String, Object> grains,
        long acceptanceWaitTime,
        long acceptanceWaitTimeMax,
        long reconDefault,
        long reconMax,
        boolean reconRandomize,
        Path logFile,
        String logLevel,
        String fileClient,
        Map<String, List<Path>> fileRoots,
        Map<String, List<Path>> pillarRoots,
        String stateTop,
        boolean stateAutoOrder,
        TemplateOptions templates,
        int processCountMax,
        long heartbeatInterval,
        int maxFrameBytes,
        boolean mineEnabled,
        long mineInterval,
        Map<String, Object> mineFunctions,
        String id,
        Object autosignGrains,
        long jobTimeout,
        Map<String, Object> nodegroups,
        String pillarenv,
        Boolean pillarSafeRenderError,
        String saltenv,
        Object disabledRequisites,
        boolean failhard,
        boolean test,
        String startupStates,
        List<Object> slsList,
        String topFile,
        Map<String, Object> schedule,
        String hashType,
        Boolean cmdSafe,
        String stateOutput,
        Boolean stateVerbose,
        String stateData) {

    public static MinionOptions from(Config c) {
        return new MinionOptions(c,
                c.str("master"),
                (int) c.integer("master_port"),
                c.str("master_finger"),
                c.path("root_dir"),
                c.path("pki_dir"),
                c.path("cachedir"),
                c.path("sock_dir"),
                c.path("pidfile"),
                c.map("grains"),
                c.integer("acceptance_wait_time"),
                c.integer("acceptance_wait_time_max"),
                c.integer("recon_default"),
                c.integer("recon_max"),
                c.bool("recon_randomize"),
                c.path("log_file"),
                c.str("log_level"),
                c.str("file_client"),
                c.roots("file_roots"),
                c.roots("pillar_roots"),
                c.str("state_top"),
                c.bool("state_auto_order"),
                TemplateOptions.from(c),
                (int) c.integer("process_count_max"),
                c.integer("heartbeat_interval"),
                (int) c.integer("max_frame_bytes"),
                c.bool("mine_enabled"),
                c.integer("mine_interval"),
                c.map("mine_functions"),
                c.str("id"),
                c.get("autosign_grains"),
                c.get("job_timeout") == null ? 0 : c.integer("job_timeout"),
                c.map("nodegroups"),
                c.str("pillarenv"),
                c.get("pillar_safe_render_error") == null ? null : c.bool("pillar_safe_render_error"),
                c.str("saltenv"),
                c.get("disabled_requisites"),
                c.bool("failhard"),
                c.bool("test"),
                c.str("startup_states"),
                c.get("sls_list") instanceof List<?> l ? new ArrayList<>(l) : null,
                c.str("top_file"),
                c.map("schedule"),
                c.str("hash_type"),
                c.get("cmd_safe") == null ? null : c.bool("cmd_safe"),
                c.str("state_output"),
                c.get("state_verbose") == null ? null : c.bool("state_verbose"),
                c.str("state_data"));
    }

    /** {@code file_client: local}: files and pillar from this host's roots (masterless). */
    public boolean masterless() {
        return "local".equals(fileClient);
    }

    /** Where the daemon's files are: the directory holding the minion config. */
    public Path configDir() {
        return raw.configDir();
    }
}
