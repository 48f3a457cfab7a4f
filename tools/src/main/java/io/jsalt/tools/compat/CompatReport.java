package io.jsalt.tools.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The totals of a compatibility run and its markdown form (docs/compatibility.md). */
final class CompatReport {
    static final String BEGIN = "<!-- compat-table -->";
    static final String END = "<!-- /compat-table -->";

    private final List<CompatRow> rows;

    CompatReport(List<CompatRow> rows) {
        this.rows = rows;
    }

    String summary() {
        int sls = rows.stream().mapToInt(r -> r.sls).sum();
        int rendered = rows.stream().mapToInt(CompatRow::rendered).sum();
        long dry = rows.stream().filter(r -> r.dryRun.ok()).count();
        List<CompatRow> applied = rows.stream().filter(r -> r.applied != null).toList();
        long applies = applied.stream().filter(r -> r.applied.first().ok()).count();
        long both = applied.stream().filter(CompatRow::appliesAndIdempotent).count();
        return String.format(Locale.ROOT, "formulas: %d; SLS rendered: %d/%d (%s); dry-run ok: %d/%d (%s); "
                        + "applied: %d, applies: %d (%s), applies and idempotent: %d (%s)",
                rows.size(), rendered, sls, pct(rendered, sls), dry, rows.size(), pct(dry, rows.size()),
                applied.size(), applies, pct(applies, applied.size()), both, pct(both, applied.size()));
    }

    /**
     * The same figures with the failures the corpus list marks as outside jsalt left out of
     * each count (a marked formula still counts where it passes), or "" when nothing is marked.
     */
    String summaryWithoutOutside() {
        List<CompatRow> marked = rows.stream().filter(r -> r.formula.outside() != null && r.failedSomewhere()).toList();
        if (marked.isEmpty()) {
            return "";
        }
        int sls = rows.stream().mapToInt(r -> r.formula.outside() == null ? r.sls : r.rendered()).sum();
        int rendered = rows.stream().mapToInt(CompatRow::rendered).sum();
        long dry = rows.stream().filter(r -> r.dryRun.ok()).count();
        long dryOf = rows.stream().filter(r -> r.dryRun.ok() || r.formula.outside() == null).count();
        List<CompatRow> applied = rows.stream().filter(r -> r.applied != null).toList();
        long both = applied.stream().filter(CompatRow::appliesAndIdempotent).count();
        long bothOf = applied.stream().filter(r -> r.appliesAndIdempotent() || r.formula.outside() == null).count();
        return String.format(Locale.ROOT, "marked as failing outside jsalt: %d (%s); without their failures: "
                        + "SLS rendered: %d/%d (%s); dry-run ok: %d/%d (%s); applies and idempotent: %d/%d (%s)",
                marked.size(), String.join(", ", marked.stream().map(r -> r.formula.name()).toList()),
                rendered, sls, pct(rendered, sls), dry, dryOf, pct(dry, dryOf), both, bothOf, pct(both, bothOf));
    }

    private static String pct(long n, long of) {
        return of == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * n / of);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| formula | commit | SLS | renders | dry-run | applies | idempotent | notes |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (CompatRow r : rows) {
            sb.append("| ").append(r.formula.name()).append(" | `").append(r.commit()).append("` | ").append(r.sls)
                    .append(" | ").append(r.rendered()).append('/').append(r.sls).append(" | ").append(r.dryRunCell())
                    .append(" | ").append(r.appliesCell()).append(" | ").append(r.idempotentCell()).append(" | ")
                    .append(cell(CompatRow.clip(r.tableNote(), 120))).append(" |\n");
        }
        sb.append('\n').append(summary()).append(".\n");
        String without = summaryWithoutOutside();
        if (!without.isEmpty()) {
            sb.append('\n').append(without).append(".\n");
        }
        sb.append("\nEvery failure of this run, as jsalt reported it:\n\n");
        for (CompatRow r : rows) {
            String name = r.formula.name() + (r.formula.outside() != null ? " (outside jsalt)" : "");
            for (Map.Entry<String, String> e : r.renderErrors.entrySet()) {
                sb.append("- ").append(name).append(", render `").append(e.getKey()).append("`: ")
                        .append(cell(CompatRow.clip(e.getValue(), 240))).append('\n');
            }
            if (!r.dryRun.ok()) {
                sb.append("- ").append(name).append(", dry-run: ")
                        .append(cell(CompatRow.clip(r.dryRun.firstFailure(), 240))).append('\n');
            }
            if (r.applied != null && !r.appliesAndIdempotent()) {
                sb.append("- ").append(name).append(", apply: ").append(cell(r.note())).append('\n');
            }
        }
        return sb.toString();
    }

    /** Text safe in a markdown table cell or list item: one line, no pipes taken as columns. */
    private static String cell(String s) {
        return s.replace('\n', ' ').replace("|", "\\|");
    }

    void writeMarkdown(Path file) throws IOException {
        String table = markdown();
        if (Files.isRegularFile(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int b = text.indexOf(BEGIN);
            int e = text.indexOf(END);
            if (b >= 0 && e > b) {
                Files.writeString(file, text.substring(0, b + BEGIN.length()) + "\n" + table + text.substring(e),
                        StandardCharsets.UTF_8);
                return;
            }
        }
        Files.writeString(file, table, StandardCharsets.UTF_8);
    }
}
