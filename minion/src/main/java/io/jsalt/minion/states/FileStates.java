package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import io.jsalt.minion.files.Perms;
import java.nio.file.Path;
import java.util.Map;

/**
 * Salt's file states. Each function checks first and applies only outside test mode; the
 * logic lives in {@link Managed}, {@link Directories}, {@link Links}, {@link Recurse} and
 * {@link TextEdits}.
 */
public final class FileStates implements StatePlugin {
    @Override
    public String name() {
        return "file";
    }

    @Override
    public String doc() {
        return """
                Manage files, directories, links and the text inside files.

                backup: minion copies the old file to {cachedir}/file_backup/... (cachedir is a minion option, default \
                /var/cache/jsalt/minion). salt:// sources come from the master's file server; template: jinja renders \
                with the minion's renderer, so {% import %} reaches the file roots.

                Differences from Salt: only the jinja template engine (mako, py, ... fail with a clear comment). Diffs \
                are difflib's unified format, but the edit script comes from java-diff-utils, so an ambiguous change \
                may pair lines differently than Python would.""";
    }

    @Fn(doc = """
            Make the file have the given content and permissions.

            source
                salt://path (or a list: the first that exists), file:// or an absolute path.
            source_hash
                Expected hash of the source: 'sha256=<hex>', a bare hex digest, or a hash file.
            template
                'jinja' renders the source (or contents) with salt, grains, pillar plus defaults and context (context
                wins).
            contents / contents_pillar / contents_grains
                The content itself, or the pillar/grain key ('a:b') holding it. contents_newline (True) ends it with a
                newline.
            user, group, mode
                Owner, group and mode (0644, '0644' and 644 are the same mode, as in Salt).
            makedirs
                Create missing parent directories (dir_mode for them).
            replace
                False: never change an existing file's content.
            create
                False: do nothing when the file is missing.
            backup
                'minion': keep the old file under cachedir/file_backup.
            check_cmd
                Run this command with the new content's temp path appended; only on exit 0 is the file replaced.
            show_changes
                False: the diff is replaced by '<show_changes=False>'.

            Differences from Salt: sources are salt://, file:// and absolute paths (no http, https or ftp); for \
            salt:// sources a given source_hash is checked too (Salt ignores it there). A failing check_cmd adds the \
            command's output to Salt's 'check_cmd execution failed'.""",
            example = """
            /etc/rsyncd.conf:
              file.managed:
                - source: salt://rsync/rsyncd.conf.j2
                - template: jinja
                - context:
                    max_connections: 4
                - user: root
                - group: root
                - mode: '0644'""")
    public Object managed(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        try {
            return managed(c, name, ret);
        } catch (java.io.IOException e) {
            return ret.fail("Unable to manage file: " + e.getMessage());
        }
    }

    private static Object managed(Call c, String name, Ret ret) throws java.io.IOException {
        try {
            Path p = absolute(name);
            if (java.nio.file.Files.isSymbolicLink(p) && java.nio.file.Files.exists(p)
                    && c.bool(-1, "follow_symlinks", true)) {
                // As Salt: a link is followed and its target managed, not replaced by a file.
                p = p.toRealPath();
            }
            Perms.Want want = Perms.Want.of(c.arg(-1, "user", null), c.arg(-1, "group", null), c.arg(-1, "mode", null));
            String missing = Perms.missingPrincipals(c, want);
            if (missing != null) {
                return ret.fail(missing);
            }
            Perms.Want dirWant = Perms.Want.of(want.user(), want.group(), c.arg(-1, "dir_mode", null));
            boolean replace = c.bool(-1, "replace", true);
            Sources.Content content = replace || !java.nio.file.Files.exists(p) ? Sources.resolve(c, name) : null;
            return Managed.run(c, new Managed.Spec(name, p, content, want, dirWant, c.bool(-1, "makedirs", false), replace,
                    c.bool(-1, "create", true), c.str(-1, "backup", null), c.str(-1, "check_cmd", null),
                    c.bool(-1, "show_changes", true)));
        } catch (Ret.Failure f) {
            return ret.fail(f.getMessage());
        } catch (CommandExecutionError e) {
            return ret.fail("Unable to manage file: " + e.getMessage());
        }
    }

    @Fn(doc = """
            Make the directory exist with the given permissions.

            user, group, dir_mode (or mode)
                Its owner, group and mode. file_mode: mode for files under it when recursing.
            makedirs
                Create missing parents.
            recurse
                A list of user, group, mode: apply those to everything below (ignore_files and ignore_dirs skip files or
                directories).

            Differences from Salt: clean, exclude_pat, children_only and max_depth are not supported; recurse supports \
            user, group, mode, ignore_files and ignore_dirs.""",
            example = """
            /srv/app:
              file.directory:
                - user: www-data
                - group: www-data
                - dir_mode: '0755'
                - file_mode: '0644'
                - makedirs: True
                - recurse:
                  - user
                  - group
                  - mode""")
    public Object directory(Call c) {
        return guard(c, Directories::directory);
    }

    @Fn(doc = """
            Make name a symbolic link to target.

            force
                Replace a file or directory that is in the way.
            makedirs
                Create missing parents.
            user, group
                The link's owner.""",
            example = """
            /etc/nginx/sites-enabled/app:
              file.symlink:
                - target: /etc/nginx/sites-available/app""")
    public Object symlink(Call c) {
        return guard(c, Links::symlink);
    }

    @Fn(doc = "Make sure the file, link or directory (with everything in it) does not exist.",
            example = """
            /etc/nginx/sites-enabled/default:
              file.absent""")
    public Object absent(Call c) {
        return guard(c, Links::absent);
    }

    /**
     * Salt's file.mod_run_check_cmd (salt/states/file.py): because the file states have it, the
     * state run does not apply its generic check_cmd requisite to them after the state
     * (salt/state.py call); file.managed runs check_cmd itself on the new content's temp file.
     * Without it a check_cmd such as {@code visudo -c -f} ran again with no file and failed.
     */
    @Fn(doc = """
            Called by the state engine for a file state's check_cmd: run cmd with filename appended (what file.managed \
            does with its check_cmd on the new content). True when it exits 0, else a failed result with the command's \
            output.""",
            example = """
            /etc/sudoers:
              file.managed:
                - source: salt://sudoers/files/sudoers
                - check_cmd: /usr/sbin/visudo -c -f""")
    public Object mod_run_check_cmd(Call c) {
        Map<String, Object> failed = Managed.runCheckCmd(c, c.requiredStr(0, "cmd"), c.requiredStr(1, "filename"));
        return failed == null ? true : failed;
    }

    @Fn(doc = "Check that the path exists; fails when it does not. Changes nothing.",
            example = """
            /etc/ssl/certs/app.pem:
              file.exists""")
    public Object exists(Call c) {
        return guard(c, Links::exists);
    }

    @Fn(doc = """
            Append text (a string or a list of lines) unless it is already in the file (whitespace differences ignored \
            unless ignore_whitespace: False). Creates the file; makedirs creates its directory.""",
            example = """
            /etc/motd:
              file.append:
                - text:
                  - Managed by jsalt
                  - Ask ops before changing anything""")
    public Object append(Call c) {
        return guard(c, (call, ret, p) -> TextEdits.append(call, ret, p));
    }

    @Fn(doc = """
            Replace matches of a (Python) regular expression.

            pattern, repl
                The expression and its replacement (\\1 for groups).
            count
                At most this many (0: all).
            flags
                re flags as names or a number (default MULTILINE).
            append_if_not_found / prepend_if_not_found
                Add not_found_content (default repl) when nothing matches.
            backup
                Suffix of the copy made before changing (default '.bak'; False for none).
            ignore_if_missing
                A missing file is no error.""",
            example = """
            /etc/ssh/sshd_config:
              file.replace:
                - pattern: '^#?PasswordAuthentication .*$'
                - repl: 'PasswordAuthentication no'
                - append_if_not_found: True""")
    public Object replace(Call c) {
        return guard(c, (call, ret, p) -> TextEdits.replace(call, ret, p));
    }

    @Fn(doc = """
            Manage a block between marker_start and marker_end lines: its content becomes exactly content. \
            append_if_not_found / prepend_if_not_found add the block when the markers are missing. backup as \
            file.replace.""",
            example = """
            /etc/hosts.allow:
              file.blockreplace:
                - marker_start: '# BEGIN jsalt'
                - marker_end: '# END jsalt'
                - content: 'sshd: 10.0.0.0/8'
                - append_if_not_found: True""")
    public Object blockreplace(Call c) {
        return guard(c, (call, ret, p) -> TextEdits.blockreplace(call, ret, p));
    }

    @Fn(doc = """
            Edit one line.

            mode
                ensure (content next to before/after, or replacing match), replace (lines matching match become
                content), delete (lines matching match or content go), insert (content unless present, at location
                start/end or before/after a match).
            match, before, after
                Regular expressions.
            indent
                Keep the indentation of the line matched (default True).
            create
                Create a missing file.

            Differences from Salt: the modes ensure, replace, delete and insert behave as Salt documents them; corner \
            cases of Salt's implementation (ensure with both before and after around several lines) differ.""",
            example = """
            /etc/default/rsync:
              file.line:
                - mode: replace
                - match: '^RSYNC_ENABLE='
                - content: RSYNC_ENABLE=true""")
    public Object line(Call c) {
        return guard(c, (call, ret, p) -> TextEdits.line(call, ret, p));
    }

    @Fn(doc = """
            Make a directory mirror a salt:// directory: each file as file.managed would (template, user, group, \
            file_mode, dir_mode apply to all; file_mode: keep gives each file its source's mode).

            clean
                Remove files and directories not in the source.
            include_empty
                Also create empty source directories.
            exclude_pat
                Skip source files matching this glob ('E@' for a regex).

            Differences from Salt: exclude_pat is a glob on the relative path (or E@regex); no keep_source, \
            include_pat or maxdepth.""",
            example = """
            /etc/app/conf.d:
              file.recurse:
                - source: salt://app/conf.d
                - clean: True
                - file_mode: '0640'""")
    public Object recurse(Call c) {
        return guard(c, Recurse::recurse);
    }

    @Fn(doc = "Comment out lines starting with regex (^ and $ as given) by prefixing char (default #).",
            example = """
            /etc/fstab:
              file.comment:
                - regex: '^/dev/sdb1'""")
    public Object comment(Call c) {
        return guard(c, (call, ret, p) -> TextEdits.comment(call, ret, p, true));
    }

    @Fn(doc = "Uncomment lines matching regex that are commented with char (default #).",
            example = """
            /etc/default/rsync:
              file.uncomment:
                - regex: 'RSYNC_NICE='""")
    public Object uncomment(Call c) {
        return guard(c, (call, ret, p) -> TextEdits.comment(call, ret, p, false));
    }

    @Fn(doc = """
            If the file defined by the source option exists on the minion, copy it to the named path. The file will \
            not be overwritten if it already exists, unless force is set.

            source
                The file (or directory) on the minion to copy.
            force
                Overwrite an existing target (copied again even when identical).
            makedirs
                Create the target's missing parent directories.
            preserve
                Keep the source's owner, group and mode (user, group and mode are ignored).
            user, group, mode
                The copy's owner (default: the minion's user and that user's group) and mode (default: the source's).
            subdir
                When the target is a directory, copy into it.""",
            example = """
            /etc/app/app.conf:
              file.copy:
                - source: /usr/share/app/app.conf.example""")
    public Object copy(Call c) {
        return guard(c, Copies::copy);
    }

    /** One file state's body; failures thrown as {@link Ret.Failure} become result False. */
    @FunctionalInterface
    interface Body {
        Map<String, Object> run(Call c, Ret ret, Path p);
    }

    private static Object guard(Call c, Body body) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        try {
            return body.run(c, ret, absolute(name));
        } catch (Ret.Failure f) {
            return ret.fail(f.getMessage());
        } catch (CommandExecutionError e) {
            return ret.fail(e.getMessage());
        }
    }

    static Path absolute(String name) {
        if (!name.startsWith("/")) {
            throw new Ret.Failure("Specified file " + name + " is not an absolute path");
        }
        return Path.of(name).normalize();
    }
}
