package io.jsalt.common.py;

/**
 * PyYAML's writing of scalars where Salt depends on its exact text.
 */
public final class PyYaml {
    private PyYaml() {}

    /**
     * PyYAML's safe_dump of plain data as Salt calls it (its yaml filter, its yaml serializer):
     * indent 2, no line folding, {@link PyYamlRepresenter}'s scalars, stripped and without the
     * '...' end. flow: true for flow style, false for block, null for PyYAML's
     * default_flow_style=None (a collection of scalars only in flow style, the others block).
     */
    public static String dump(Object data, Boolean flow) {
        org.yaml.snakeyaml.DumperOptions d = new org.yaml.snakeyaml.DumperOptions();
        d.setDefaultFlowStyle(flow == null ? org.yaml.snakeyaml.DumperOptions.FlowStyle.AUTO
                : flow ? org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW
                : org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        d.setIndent(2);
        d.setWidth(Integer.MAX_VALUE);
        d.setSplitLines(false);
        // PyYAML's representer: a multi-line string becomes a single-quoted scalar, which can
        // follow "key: " on a line of an SLS, where SnakeYAML's literal block (|) would need
        // the lines below to be indented under the key.
        String out = new org.yaml.snakeyaml.Yaml(new PyYamlRepresenter(d), d).dump(data).strip();
        if (out.endsWith("\n...") || out.equals("...")) {
            out = out.substring(0, out.length() - 3).strip();
        }
        return out;
    }

    /**
     * The double-quoted YAML scalar PyYAML's Emitter.write_double_quoted writes for
     * {@code s}, as Salt's yaml_dquote calls it (an Emitter without allow_unicode and with an
     * unlimited width, so no line folding): printable ASCII as it is, '"' and '\' escaped,
     * Emitter.ESCAPE_REPLACEMENTS' short escapes ({@code \0 \a \b \t \n \v \f \r \e \N \_
     * \L \P}), every other character as {@code \xXX}, {@code \\uXXXX} or {@code \UXXXXXXXX}
     * in upper-case hex. YAML reads the result back as the same string.
     */
    public static String dquote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            String escape = switch (cp) {
                case 0 -> "0";
                case 0x07 -> "a";
                case 0x08 -> "b";
                case 0x09 -> "t";
                case 0x0a -> "n";
                case 0x0b -> "v";
                case 0x0c -> "f";
                case 0x0d -> "r";
                case 0x1b -> "e";
                case '"' -> "\"";
                case '\\' -> "\\";
                case 0x85 -> "N";
                case 0xa0 -> "_";
                case 0x2028 -> "L";
                case 0x2029 -> "P";
                default -> null;
            };
            if (escape != null) {
                sb.append('\\').append(escape);
            } else if (cp >= 0x20 && cp <= 0x7e) {
                sb.append((char) cp);
            } else if (cp <= 0xff) {
                sb.append(String.format("\\x%02X", cp));
            } else if (cp <= 0xffff) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.append(String.format("\\U%08X", cp));
            }
        }
        return sb.append('"').toString();
    }
}
