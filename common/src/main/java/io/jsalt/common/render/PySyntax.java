package io.jsalt.common.render;

/**
 * Rewrites the template source where Jinja2 and Jinjava read it differently, before
 * Jinjava parses it.
 *
 * <p>Comments: Jinjava applies {@code {#-} and {@code -#}} whitespace control to the wrong
 * side, so each comment becomes an empty expression with the same trim marks.
 *
 * <p>Strings: Python string escapes that Jinja2 accepts and Jinjava's EL parser rejects.
 * In Jinja2, {@code '\d+'} keeps the backslash and {@code '\n'} is a newline; Jinjava
 * knows only {@code \\}, {@code \'} and {@code \"}. A literal with other escapes becomes
 * {@code __pystr('...')}, which applies Python's rules when evaluated. Only code inside
 * {@code {{ }}} and {@code {% %}} is touched, never text, comments or raw blocks, and no
 * newline is added or removed, so line numbers stay those of the source.
 */
final class PySyntax {
    static final String UNESCAPE_FUNCTION = "__pystr";
    static final String TUPLE_FUNCTION = "__tuple";
    /**
     * A call's {@code **mapping} argument becomes this named argument, which the salt function
     * bridge spreads into the keyword arguments (Jinjava's parser has no {@code **} in calls).
     */
    static final String KWARGS_NAME = "__kwargs__";
    /**
     * A call's {@code *iterable} argument becomes this named argument, which the callee
     * spreads into the positional arguments (Python's methods on str, dict and list, and salt
     * functions), as Jinja2 compiles a call's dyn_args (jinja2/parser.py parse_call_args).
     */
    static final String ARGS_NAME = "__args__";

    private PySyntax() {}

    static String rewrite(String text) {
        if (text.indexOf('\\') < 0 && !text.contains("{#") && !TRAILING_COMMA.matcher(text).find()
                && !text.contains("()") && !text.contains("**") && !STAR_ARGUMENT.matcher(text).find()
                && count(text, "}}") <= count(text, "{{")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        int n = text.length();
        while (i < n) {
            int open = text.indexOf('{', i);
            if (open < 0 || open + 1 >= n) {
                out.append(text, i, n);
                break;
            }
            char kind = text.charAt(open + 1);
            if (kind == '#') {
                int end = text.indexOf("#}", open + 2);
                if (end < 0) {
                    out.append(text, i, n); // unclosed: let Jinjava report it
                    break;
                }
                out.append(text, i, open);
                out.append(comment(text.substring(open, end + 2)));
                i = end + 2;
                continue;
            }
            if (kind != '{' && kind != '%') {
                out.append(text, i, open + 1);
                i = open + 1;
                continue;
            }
            out.append(text, i, open + 2);
            String close = kind == '{' ? "}}" : "%}";
            int j = open + 2;
            boolean raw = kind == '%' && text.substring(j, Math.min(n, j + 12)).replace("-", "").trim().startsWith("raw");
            StringBuilder code = new StringBuilder();
            Brackets brackets = new Brackets(code);
            // A dict literal's own '}}' does not end the expression (Jinja2's lexer balances
            // brackets before it looks for the end), so it gets a space Jinjava does not mind.
            while (j < n && !(text.startsWith(close, j) && !(kind == '{' && brackets.curly > 0))) {
                char c = text.charAt(j);
                if (c == '\'' || c == '"') {
                    int end = literalEnd(text, j);
                    code.append(literal(text.substring(j, end)));
                    j = end;
                } else if (c == '*' && j + 1 < n && text.charAt(j + 1) == '*' && brackets.atCallArgument()) {
                    code.append(KWARGS_NAME).append('=');
                    j += 2;
                } else if (c == '*' && brackets.atCallArgument()) {
                    code.append(ARGS_NAME).append('=');
                    j++;
                } else {
                    brackets.accept(c, text, j, close);
                    j++;
                }
            }
            out.append(code);
            i = j;
            if (raw) {
                int endraw = findEndRaw(text, j);
                out.append(text, i, endraw);
                i = endraw;
            }
        }
        return out.toString();
    }

    /** Occurrences of {@code s} in {@code text}, not overlapping. */
    private static int count(String text, String s) {
        int c = 0;
        for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length())) {
            c++;
        }
        return c;
    }

    private static final java.util.regex.Pattern TRAILING_COMMA = java.util.regex.Pattern.compile(",\\s*[)\\]}]");
    private static final java.util.regex.Pattern STAR_ARGUMENT = java.util.regex.Pattern.compile("[(,]\\s*\\*");
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of(
            "in", "not", "and", "or", "if", "else", "is");

    /**
     * Python's trailing commas and tuple literals inside one tag: {@code f(a, b=1,)},
     * {@code [1, 2,]} and {@code (1, 2,)} lose the comma, {@code (a,)} becomes
     * {@code __tuple1(a)} and {@code ()} becomes {@code __tuple0()}, which Jinjava's
     * parser cannot read otherwise (jinja2/parser.py accepts all of them).
     */
    private static final class Brackets {
        private final StringBuilder code;
        private final java.util.ArrayDeque<int[]> open = new java.util.ArrayDeque<>(); // {position, grouping, commas}
        /** Dict literals open in the code so far. */
        int curly;

        Brackets(StringBuilder code) {
            this.code = code;
        }

        void accept(char c, String text, int at, String close) {
            switch (c) {
                case '(', '[', '{' -> {
                    if (c == '{') {
                        curly++;
                    }
                    open.push(new int[] {code.length(), c == '(' && !afterOperand() ? 1 : 0, 0});
                    code.append(c);
                }
                case ')', ']', '}' -> {
                    int[] top = open.poll();
                    if (top != null && c == ')' && top[1] == 1 && code.substring(top[0] + 1).isBlank()) {
                        code.insert(top[0], TUPLE_FUNCTION + "0");
                    }
                    code.append(c);
                    if (c == '}' && curly > 0) {
                        curly--;
                        if (at + 1 < text.length() && text.charAt(at + 1) == '}') {
                            code.append(' ');
                        }
                    }
                }
                case ',' -> {
                    int[] top = open.peek();
                    int k = at + 1;
                    while (k < text.length() && Character.isWhitespace(text.charAt(k)) && !text.startsWith(close, k)) {
                        k++;
                    }
                    boolean trailing = top != null && k < text.length() && ")]}".indexOf(text.charAt(k)) >= 0;
                    if (!trailing) {
                        if (top != null) {
                            top[2]++;
                        }
                        code.append(c);
                    } else if (top[1] == 1 && top[2] == 0) {
                        code.insert(top[0], TUPLE_FUNCTION + "1");
                        top[1] = 0;
                    }
                }
                default -> code.append(c);
            }
        }

        /** Whether the code so far is at the start of an argument of a call: after its '(' or a ','. */
        boolean atCallArgument() {
            int[] top = open.peek();
            if (top == null || code.charAt(top[0]) != '(' || top[1] == 1) {
                return false;
            }
            int e = code.length();
            while (e > 0 && Character.isWhitespace(code.charAt(e - 1))) {
                e--;
            }
            return e > 0 && (code.charAt(e - 1) == '(' || code.charAt(e - 1) == ',');
        }

        /** Whether the code so far ends in a name, call or subscript, so '(' starts a call. */
        private boolean afterOperand() {
            int e = code.length();
            while (e > 0 && Character.isWhitespace(code.charAt(e - 1))) {
                e--;
            }
            if (e == 0) {
                return false;
            }
            char last = code.charAt(e - 1);
            if (last == ')' || last == ']') {
                return true;
            }
            if (!Character.isLetterOrDigit(last) && last != '_') {
                return false;
            }
            int s = e;
            while (s > 0 && (Character.isLetterOrDigit(code.charAt(s - 1)) || code.charAt(s - 1) == '_')) {
                s--;
            }
            return !KEYWORDS.contains(code.substring(s, e));
        }
    }

    /** {@code {#- text -#}} as {@code {{- '' -}}}, keeping the comment's newlines. */
    private static String comment(String c) {
        StringBuilder sb = new StringBuilder("{{");
        if (c.startsWith("{#-")) {
            sb.append('-');
        }
        sb.append(" ''");
        c.chars().filter(ch -> ch == '\n').forEach(ch -> sb.append('\n'));
        sb.append(' ');
        if (c.endsWith("-#}") && c.length() > 4) {
            sb.append('-');
        }
        return sb.append("}}").toString();
    }

    private static int findEndRaw(String text, int from) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{%-?\\s*endraw\\s*-?%}").matcher(text);
        return m.find(from) ? m.start() : text.length();
    }

    private static int literalEnd(String text, int start) {
        char q = text.charAt(start);
        int j = start + 1;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == q) {
                return j + 1;
            } else {
                j++;
            }
        }
        return text.length();
    }

    /** The literal as is when EL reads it as Python would, else a call to __pystr. */
    private static String literal(String lit) {
        if (lit.length() < 2) {
            return lit;
        }
        String body = lit.substring(1, lit.length() - 1);
        boolean needs = false;
        for (int k = 0; k < body.length(); k++) {
            if (body.charAt(k) == '\\') {
                char next = k + 1 < body.length() ? body.charAt(k + 1) : 0;
                if (next != '\\' && next != '\'' && next != '"') {
                    needs = true;
                    break;
                }
                k++;
            }
        }
        if (!needs) {
            return lit;
        }
        StringBuilder el = new StringBuilder(UNESCAPE_FUNCTION).append("('");
        for (char c : body.toCharArray()) {
            if (c == '\\' || c == '\'') {
                el.append('\\');
            }
            el.append(c);
        }
        return el.append("')").toString();
    }

    /** Python's unescaping of a string literal's body; unknown escapes keep their backslash. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case 'a' -> out.append('\007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\013');
                case '\\', '\'', '"' -> out.append(e);
                case 'x', 'u' -> {
                    // Two hex digits after x, four after u; with fewer the escape stays as written.
                    int digits = e == 'x' ? 2 : 4;
                    String hex = s.substring(i + 1, Math.min(s.length(), i + 1 + digits));
                    if (hex.length() == digits && hex.matches("[0-9a-fA-F]+")) {
                        out.append((char) Integer.parseInt(hex, 16));
                        i += digits;
                    } else {
                        out.append('\\').append(e);
                    }
                }
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }
}
