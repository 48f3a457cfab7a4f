package io.jsalt.common.py;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's posixpath string functions (basename, dirname, join, normpath, expanduser). They work on the
 * text only, as Python's do: java.nio.file.Path normalises differently (it drops a trailing
 * slash and treats "//" as "/"), which would change what a template built from them prints.
 */
public final class PyPath {
    private PyPath() {}

    /** posixpath.basename: everything after the last '/'. */
    public static String basename(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** posixpath.dirname: everything before the last '/', trailing slashes removed unless all slashes. */
    public static String dirname(String p) {
        String head = p.substring(0, p.lastIndexOf('/') + 1);
        if (!head.isEmpty() && !head.equals("/".repeat(head.length()))) {
            head = head.replaceAll("/+$", "");
        }
        return head;
    }

    /** posixpath.join: an absolute part discards what came before it. */
    public static String join(List<String> parts) {
        String path = parts.get(0);
        for (String b : parts.subList(1, parts.size())) {
            if (b.startsWith("/")) {
                path = b;
            } else if (path.isEmpty() || path.endsWith("/")) {
                path += b;
            } else {
                path += "/" + b;
            }
        }
        return path;
    }

    /** posixpath.normpath: collapses '//', '.', and 'x/..'; keeps exactly two leading slashes. */
    public static String normpath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int initial = 0;
        if (path.startsWith("/")) {
            initial = path.startsWith("//") && !path.startsWith("///") ? 2 : 1;
        }
        List<String> comps = new ArrayList<>();
        for (String comp : path.split("/", -1)) {
            if (comp.isEmpty() || comp.equals(".")) {
                continue;
            }
            if (!comp.equals("..") || (initial == 0 && comps.isEmpty())
                    || (!comps.isEmpty() && comps.get(comps.size() - 1).equals(".."))) {
                comps.add(comp);
            } else if (!comps.isEmpty()) {
                comps.remove(comps.size() - 1);
            }
        }
        String out = "/".repeat(initial) + String.join("/", comps);
        return out.isEmpty() ? "." : out;
    }

    /** os.path.expanduser for the current user: a leading "~" is the home directory. */
    public static String expanduser(String p) {
        if (p.equals("~") || p.startsWith("~/")) {
            return System.getProperty("user.home") + p.substring(1);
        }
        return p;
    }
}
