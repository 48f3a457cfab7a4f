package io.jsalt.minion.files;

import io.jsalt.common.files.FileRoots;

/** A {@code salt://path?saltenv=env} reference split into a checked path and its saltenv. */
public record SaltUrl(String path, String saltenv) {
    /** Parses a salt:// URL or a bare path; {@code ?saltenv=} overrides {@code dfltEnv}. */
    public static SaltUrl parse(String url, String dfltEnv) {
        String s = url.startsWith("salt://") ? url.substring(7) : url;
        String env = dfltEnv == null || dfltEnv.isEmpty() ? "base" : dfltEnv;
        int q = s.indexOf('?');
        if (q >= 0) {
            for (String kv : s.substring(q + 1).split("&")) {
                if (kv.startsWith("saltenv=")) {
                    env = kv.substring(8);
                }
            }
            s = s.substring(0, q);
        }
        return new SaltUrl(FileRoots.normalize(s), checkEnv(env));
    }

    /** A saltenv becomes a directory name in the cache: it must be one plain segment. */
    public static String checkEnv(String env) {
        if (env.isEmpty() || env.equals(".") || env.equals("..") || env.contains("/") || env.contains("\\")
                || env.indexOf('\0') >= 0) {
            throw new FileRoots.UnsafePathException(env, "not a valid saltenv name");
        }
        return env;
    }
}
