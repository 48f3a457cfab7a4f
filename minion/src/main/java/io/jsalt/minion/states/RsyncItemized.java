package io.jsalt.minion.states;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an rsync run changed, read from its itemized output. rsync is run with
 * {@code --out-format=jsalt: %i %n} so only its own item lines carry {@link #PREFIX} (a
 * daemon's greeting or a warning cannot be mistaken for a file). Each item is
 * {@code YXcstpoguax path} (Y: {@code <} sent, {@code >} received, {@code c} created,
 * {@code h} hard link, {@code .} attributes only) or {@code *deleting path}. rsync prints
 * nothing for an item that is already right, so an empty result means "in sync".
 */
record RsyncItemized(List<String> copied, List<String> deleted, List<String> attributes) {
    static final String PREFIX = "jsalt: ";
    static final String OUT_FORMAT = "--out-format=" + PREFIX + "%i %n";

    static RsyncItemized parse(String stdout) {
        List<String> copied = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> attributes = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            String item = line.substring(PREFIX.length());
            int space = item.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String code = item.substring(0, space);
            String path = item.substring(space).strip();
            if (code.equals("*deleting")) {
                deleted.add(path);
            } else if (code.startsWith(".")) {
                attributes.add(path);
            } else {
                copied.add(path);
            }
        }
        return new RsyncItemized(copied, deleted, attributes);
    }

    boolean inSync() {
        return copied.isEmpty() && deleted.isEmpty() && attributes.isEmpty();
    }

    /** The state's changes: copied, deleted and attributes, each only when not empty. */
    Map<String, Object> changes() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!copied.isEmpty()) {
            out.put("copied", new ArrayList<Object>(copied));
        }
        if (!deleted.isEmpty()) {
            out.put("deleted", new ArrayList<Object>(deleted));
        }
        if (!attributes.isEmpty()) {
            out.put("attributes", new ArrayList<Object>(attributes));
        }
        return out;
    }

    /** "2 copied, 1 deleted" (or with "would be" in test mode). */
    String summary(boolean test) {
        List<String> parts = new ArrayList<>();
        String verb = test ? " would be " : " ";
        if (!copied.isEmpty()) {
            parts.add(copied.size() + verb + "copied");
        }
        if (!deleted.isEmpty()) {
            parts.add(deleted.size() + verb + "deleted");
        }
        if (!attributes.isEmpty()) {
            parts.add(attributes.size() + (test ? " would get" : " got") + " new attributes");
        }
        return String.join(", ", parts);
    }
}
