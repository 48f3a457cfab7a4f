package io.jsalt.common.render;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The template cases of the Jinja differential suite: plain Jinja (operators, literals,
 * filters, tests, whitespace control, macros, loops, scoping, undefined names), no Salt-only
 * filters. Each case is a template and the name of the context it renders with; the contexts
 * hold JSON values only so that common/src/test/python/jinja_reference.py can hand the very
 * same values to Jinja2. The list is a pure function of {@link #SEED}: the recorded Jinja2
 * output (jinja-differential/expected.json) stays valid as long as this class does not change.
 * Ids are {@code category.group.n}, so that the known-differences file can name a group; a new
 * case goes at the end of its group so that the ids listed there keep naming the same cases.
 */
final class JinjaDifferentialCases {
    static final long SEED = 20261207L;

    record Case(String id, String template, String context) {}

    private final List<Case> cases = new ArrayList<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();
    private final Random random = new Random(SEED);

    private JinjaDifferentialCases() {}

    /** The named contexts: JSON values only (ints, floats, strings, booleans, null, lists, maps). */
    static Map<String, Map<String, Object>> contexts() {
        Map<String, Object> base = Data.map(
                "n", 7L, "m", -3L, "z", 0L, "f", 2.5, "g", -0.5, "big", 12345678901L,
                "s", "Hello World", "e", "", "sp", "  padded  ", "csv", "a,b,,c",
                "html", "<b>x</b> & 'y'", "t", true, "fa", false, "no", null,
                "l", List.of(3L, 1L, 2L), "el", List.of(), "ls", List.of("pear", "Apple", "fig"),
                "nl", List.of(List.of(1L, 2L), List.of(3L, 4L)), "mixed", List.of(0L, 1L, "", "a", false, true),
                "d", Data.map("b", 2L, "a", 1L, "c", 3L), "ed", Data.map(),
                "nd", Data.map("x", Data.map("y", Data.map("z", "deep"))),
                "users", List.of(Data.map("name", "ann", "age", 31L, "admin", true),
                        Data.map("name", "bob", "age", 25L, "admin", false),
                        Data.map("name", "cy", "age", 31L, "admin", false)),
                "words", "the quick brown fox jumps over the lazy dog");
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        out.put("base", base);
        out.put("empty", new LinkedHashMap<>());
        return out;
    }

    /** Every case, in a fixed order. */
    static List<Case> generate() {
        JinjaDifferentialCases g = new JinjaDifferentialCases();
        g.literals();
        g.operators();
        g.randomExpressions();
        g.filters();
        g.tests();
        g.whitespace();
        g.macros();
        g.loops();
        g.scoping();
        g.undefined();
        return g.cases;
    }

    private void add(String group, String template) {
        add(group, template, "base");
    }

    private void add(String group, String template, String context) {
        int n = counters.merge(group, 1, Integer::sum);
        cases.add(new Case(group + "." + n, template, context));
    }

    private void expr(String group, String expression) {
        add(group, "{{ " + expression + " }}");
    }

    private void literals() {
        for (String s : List.of("0", "42", "-17", "1_000_000", "0x1F", "0o17", "0b101", "12345678901234567890",
                "1.5", "-0.25", "1e3", "1.5e-7", "2.0", "0.1", "1e16", "123456789.123", "1_0.5", ".5e1")) {
            expr("literals.number", s);
        }
        for (String s : List.of("'a'", "\"b\"", "'it\\'s'", "'tab\\there'", "'new\\nline'", "'back\\\\slash'",
                "'\\x41\\u00e9'", "'\\d+'", "'unicode é ü'", "''", "'a' 'b'", "\"mixed 'quotes'\"")) {
            expr("literals.string", s);
        }
        for (String s : List.of("true", "True", "false", "False", "none", "None", "true == True",
                "none is none")) {
            expr("literals.constant", s);
        }
        for (String s : List.of("[]", "[1, 2, 3]", "[1, 'a', none, true]", "[[1], [2, [3]]]", "[1, 2,]",
                "()", "(1,)", "(1, 2)", "((1, 2), 3)", "{}", "{'a': 1}", "{'a': 1, 'b': [1, 2]}",
                "{1: 'one', 2: 'two'}", "{'a': 1,}", "{true: 'y', none: 'n'}", "{'k': {'x': 1}}",
                "{'k': {'x': 1}}.k.x", "[1, 2][0]", "[1, 2][-1]", "'abc'[1]", "'abcdef'[1:4]", "'abcdef'[::-1]",
                "[1, 2, 3, 4][1:]", "[1, 2, 3, 4][:2]", "[1, 2, 3, 4][::2]", "{'a': 1}['a']", "(1, 2)[1]",
                "'%s and %s' % ('x', 'y')", "'%05.1f' % 3.14159", "'%d items' % 3", "s[-1]", "s[0] ~ s[4]",
                "s[11]", "'é€x'[1]")) {
            expr("literals.container", s);
        }
        // Python's slices with a step and their bounds (jinja2/parser.py parse_subscript).
        for (String s : List.of("l[::-1]", "s[::-1]", "s[1:9:2]", "[1, 2, 3, 4, 5][::2]", "[1, 2, 3, 4, 5][-1:-4:-1]",
                "[1, 2, 3, 4, 5][10:0:-2]", "'abc'[:-10:-1]", "'abc'[-10:]", "[1, 2, 3][5:]", "(1, 2, 3)[::-1]",
                "[1, 2][none:none:none]", "l[true:]", "'abc'[::0]", "l['a':]", "l[1.5:]", "d[1:]", "n[1:]",
                "missing[::-1]", "'.'.join('10.1.2.3'.split('.')[::-1])", "ls[1:][::-1]|join(',')", "el[::-1]",
                "'é€x'[::-1]", "nl[::-1][0][::-1]")) {
            expr("literals.slice", s);
        }
        for (String s : List.of("f", "g", "big", "s", "t", "no", "l", "ls", "nl", "d", "nd", "users[0]",
                "mixed", "ed", "el", "e")) {
            expr("literals.print", s);
        }
        for (String s : List.of("1.0", "0.1 + 0.2", "1 / 3", "2 ** 0.5", "1e20", "1e-5", "10 / 4", "3.0 * 2",
                "-0.0", "1e300 * 1e10", "100.0", "1234567890123456789.0", "0.000123", "2.5e-3", "1 / 8",
                "7 / 7")) {
            expr("literals.float", s);
        }
    }

    private static final List<String> OPERANDS = List.of("7", "-3", "2.5", "0", "true", "'ab'", "[1, 2]", "none",
            "n", "f", "s", "l", "d", "(1, 2)");

    private void operators() {
        for (String op : List.of("+", "-", "*", "/", "//", "%", "**")) {
            for (String a : List.of("7", "-7", "2.5", "true", "'ab'", "[1, 2]", "n", "f")) {
                for (String b : List.of("3", "-2", "0.5", "'c'", "[3]")) {
                    expr("operators.arith" + name(op), a + " " + op + " " + b);
                }
            }
        }
        for (String op : List.of("==", "!=", "<", "<=", ">", ">=")) {
            for (int i = 0; i < 14; i++) {
                String a = OPERANDS.get(random.nextInt(OPERANDS.size()));
                String b = OPERANDS.get(random.nextInt(OPERANDS.size()));
                expr("operators.compare" + name(op), a + " " + op + " " + b);
            }
        }
        for (String s : List.of("1 < 2 < 3", "3 > 2 > 2", "1 == 1.0", "'a' < 'b' < 'c'", "[1, 2] < [1, 3]",
                "(1, 2) == (1, 2)", "'B' < 'a'", "{'a': 1} == {'a': 1}", "none == none", "true == 1",
                "false == 0", "0.1 + 0.2 == 0.3")) {
            expr("operators.chain", s);
        }
        for (String s : List.of("true and false", "true or false", "not true", "not 0", "not ''", "not []",
                "0 or 'x'", "'' or none", "1 and 2", "0 and 1/1", "none or []", "l and d", "el or 'empty'",
                "not not s", "not n == 7", "not (n == 7)", "n > 5 and n < 10", "false or true and false",
                "(false or true) and false", "e or s", "[] and 1")) {
            expr("operators.logic", s);
        }
        for (String s : List.of("1 in [1, 2]", "3 not in [1, 2]", "'a' in 'abc'", "'ab' in 'cab'",
                "'x' in {'x': 1}", "1 in {'1': 1}", "'a' in d", "3 in l", "'fig' in ls", "none in [none]",
                "'' in 'abc'", "[1] in [[1], 2]", "2 in (1, 2)", "'z' not in d", "1.0 in [1]")) {
            expr("operators.membership", s);
        }
        for (String s : List.of("'a' ~ 'b'", "1 ~ 2", "'x' ~ none", "n ~ f", "[1] ~ 'a'", "true ~ 1",
                "s ~ ' ' ~ n", "d ~ ''", "1.0 ~ ''", "-n ~ m")) {
            expr("operators.concat", s);
        }
        for (String s : List.of("2 + 3 * 4", "(2 + 3) * 4", "2 ** 3 ** 2", "-2 ** 2", "(-2) ** 2", "10 - 2 - 3",
                "100 / 10 / 5", "2 * 3 % 4", "7 // 2 * 2", "1 + 2 ~ 3", "not 1 + 1", "-n", "+n", "--n",
                "2 ** -1", "n % 3 + m % 3", "-7 // 2", "-7 % 2", "7 % -2", "7.5 // 2", "-7.5 % 2",
                "2 ** 10", "2 ** 100", "10 ** 20 // 3")) {
            expr("operators.precedence", s);
        }
        for (String s : List.of("s.upper()", "s.lower()", "s.split()", "csv.split(',')", "s.replace('l', 'L')",
                "s.startswith('He')", "s.endswith('x')", "sp.strip()", "s.find('o')", "s.count('l')",
                "'-'.join(ls)", "s.title()", "s.swapcase()", "'abc'.center(9, '*')", "d.keys() | list",
                "d.items() | list", "d.get('a')", "d.get('q', 'none')", "l.index(1)", "'  x '.rstrip()",
                "'a-b-c'.rsplit('-', 1)", "s.partition(' ')", "'42'.isdigit()", "'x'.zfill(4)", "'ab' * 3",
                "[0] * 3", "s[0:5].upper()", "d.values() | sum", "'%s' % d", "'{} {}'.format(1, 2)")) {
            expr("operators.method", s);
        }
    }

    private static String name(String op) {
        return switch (op) {
            case "+" -> "_add";
            case "-" -> "_sub";
            case "*" -> "_mul";
            case "/" -> "_div";
            case "//" -> "_floordiv";
            case "%" -> "_mod";
            case "**" -> "_pow";
            case "==" -> "_eq";
            case "!=" -> "_ne";
            case "<" -> "_lt";
            case "<=" -> "_le";
            case ">" -> "_gt";
            default -> "_ge";
        };
    }

    /** Random arithmetic and boolean expressions: nested, with int and float literals, no zero divisor. */
    private void randomExpressions() {
        for (int i = 0; i < 120; i++) {
            expr("operators.random_arith", arith(3));
        }
        for (int i = 0; i < 60; i++) {
            expr("operators.random_bool", bool(3));
        }
    }

    private String arith(int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            return switch (random.nextInt(6)) {
                case 0 -> String.valueOf(random.nextInt(20) - 5);
                case 1 -> random.nextInt(50) / 4.0 + "";
                case 2 -> "n";
                case 3 -> "m";
                case 4 -> "f";
                default -> String.valueOf(random.nextInt(9) + 1);
            };
        }
        String op = List.of("+", "-", "*", "/", "//", "%", "+", "-", "*").get(random.nextInt(9));
        String right = op.equals("/") || op.equals("//") || op.equals("%")
                ? String.valueOf(random.nextInt(7) + 1) : arith(depth - 1);
        return "(" + arith(depth - 1) + " " + op + " " + right + ")";
    }

    private String bool(int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            String a = arith(1);
            String b = arith(1);
            String op = List.of("==", "!=", "<", "<=", ">", ">=").get(random.nextInt(6));
            return a + " " + op + " " + b;
        }
        return switch (random.nextInt(3)) {
            case 0 -> "(" + bool(depth - 1) + " and " + bool(depth - 1) + ")";
            case 1 -> "(" + bool(depth - 1) + " or " + bool(depth - 1) + ")";
            default -> "not " + bool(depth - 1);
        };
    }

    private void filters() {
        String[][] table = {
            {"abs", "m|abs", "g|abs", "-0|abs", "n|abs"},
            {"attr", "d|attr('a')", "users[0]|attr('name')", "s|attr('upper')|string|truncate(3)"},
            {"batch", "[1,2,3,4,5]|batch(2)|list", "[1,2,3,4,5]|batch(2, 'x')|list", "el|batch(3)|list",
                "l|batch(1)|list"},
            {"capitalize", "s|capitalize", "'hELLO wORLD'|capitalize", "e|capitalize", "'1abc'|capitalize"},
            {"center", "'ab'|center(6)", "'ab'|center(7)", "s|center(5)", "'x'|center"},
            {"count", "l|count", "s|count", "d|count", "el|count"},
            {"default", "no|default('x')", "e|default('x')", "e|default('x', true)", "fa|default('y')",
                "fa|d('y', boolean=true)", "missing|default('m')", "missing|default", "d.zz|default(0)",
                "no|d", "l|default([])"},
            {"dictsort", "d|dictsort", "d|dictsort(reverse=true)", "d|dictsort(by='value')",
                "{'B': 1, 'a': 2}|dictsort", "{'B': 1, 'a': 2}|dictsort(true)", "ed|dictsort"},
            {"escape", "html|e", "html|escape", "'plain'|e", "n|e", "html|forceescape"},
            {"filesizeformat", "100|filesizeformat", "1000|filesizeformat", "1024|filesizeformat(true)",
                "123456789|filesizeformat", "1|filesizeformat", "big|filesizeformat",
                "1500000|filesizeformat(binary=true)"},
            {"first", "l|first", "s|first", "ls|first", "(5, 6)|first"},
            {"float", "'3.5'|float", "n|float", "'x'|float", "'x'|float(1.5)", "'1e3'|float", "t|float",
                "' 2 '|float"},
            {"format", "'%s-%s'|format(1, 2)", "'%d'|format(n)", "'%(a)s'|format(a=1)", "'%5.2f'|format(f)",
                "'%x'|format(255)"},
            {"groupby", "users|groupby('age')|list", "users|groupby('admin')|map(attribute='grouper')|list",
                "users|groupby('age')|map(attribute='list')|map('length')|list",
                "users|groupby('age', reverse=true)|map(attribute='grouper')|list",
                "[{'k': 'B'}, {'k': 'b'}, {'k': 'a'}]|groupby('k')|list",
                "[{'k': 'B'}, {'k': 'b'}, {'k': 'a'}]|groupby('k', case_sensitive=true)|list",
                "users|groupby('nosuch', default='x')|list|length"},
            {"indent", "'a\\nb'|indent", "'a\\nb'|indent(2)", "'a\\nb'|indent(2, true)",
                "'a\\n\\nb'|indent(2, blank=true)", "'a\\n\\nb'|indent(2)", "'a\\nb'|indent('> ')",
                "'a\\nb'|indent(first=true)"},
            {"int", "'42'|int", "'4.7'|int", "4.7|int", "-4.7|int", "'x'|int", "'x'|int(-1)", "'0x1A'|int(0, 16)",
                "'0b11'|int(0, 2)", "'12'|int(base=8)", "t|int", "none|int", "' 7 '|int", "'1_000'|int"},
            {"items", "d|items|list", "ed|items|list", "no|items|list"},
            {"join", "ls|join", "ls|join(', ')", "l|join('-')", "users|join(',', attribute='name')", "el|join(',')",
                "'abc'|join('.')", "[1, none, 'x']|join"},
            {"last", "l|last", "s|last", "ls|last"},
            {"length", "l|length", "s|length", "d|length", "e|length", "el|length", "nd|length", "(1,2,3)|length"},
            {"list", "'abc'|list", "d|list", "(1, 2)|list", "l|list", "range(3)|list"},
            {"lower", "s|lower", "'ÀÉ'|lower", "n|lower", "t|lower", "t|lower == 'true'", "no|lower"},
            {"map", "ls|map('upper')|list", "users|map(attribute='name')|list", "l|map('string')|list",
                "users|map(attribute='missing', default='-')|list", "['1', '2']|map('int')|sum",
                "ls|map('replace', 'p', 'P')|list", "nl|map('first')|list", "nl|map('sum')|list"},
            {"pprint", "d|pprint", "l|pprint", "s|pprint", "nd|pprint", "none|pprint"},
            {"reject", "mixed|reject|list", "[1,2,3,4]|reject('odd')|list", "l|reject('gt', 1)|list",
                "ls|reject('equalto', 'fig')|list"},
            {"rejectattr", "users|rejectattr('admin')|map(attribute='name')|list",
                "users|rejectattr('age', 'gt', 30)|map(attribute='name')|list"},
            {"replace", "s|replace('o', '0')", "s|replace('l', 'L', 2)", "s|replace('', '-')", "s|replace('zz', 'y')",
                "'aaa'|replace('a', 'bb', 1)"},
            {"reverse", "l|reverse|list", "s|reverse", "ls|reverse|join(',')", "(1, 2)|reverse|list"},
            {"round", "2.5|round", "3.5|round", "2.675|round(2)", "f|round(0, 'floor')", "f|round(0, 'ceil')",
                "-2.5|round", "7|round", "1234.5678|round(-2)", "g|round(1, 'ceil')", "0.125|round(2)",
                "42|round(1)", "1.05|round(1, 'common')"},
            {"safe", "html|safe", "n|safe"},
            {"select", "mixed|select|list", "[1,2,3,4]|select('even')|list", "l|select('ge', 2)|list",
                "ls|select('lower')|list", "[1, 'a', none]|select('string')|list",
                "mixed|select('sameas', false)|list", "[1, 2, 3]|select('in', [2, 3])|list"},
            {"selectattr", "users|selectattr('admin')|map(attribute='name')|list",
                "users|selectattr('age', 'equalto', 31)|map(attribute='name')|list",
                "users|selectattr('name', 'ne', 'ann')|list|length", "users|selectattr('age', '>', 26)|list|length"},
            {"slice", "[1,2,3,4,5]|slice(2)|list", "[1,2,3,4,5]|slice(3, 'x')|list", "el|slice(2)|list",
                "l|slice(4)|list"},
            {"sort", "l|sort", "ls|sort", "ls|sort(case_sensitive=true)", "l|sort(reverse=true)",
                "users|sort(attribute='age')|map(attribute='name')|list",
                "users|sort(attribute='age,name')|map(attribute='name')|list",
                "users|sort(attribute='age', reverse=true)|map(attribute='name')|list", "'cab'|sort",
                "[2.5, 1, true]|sort", "[[2, 1], [1, 2]]|sort"},
            {"string", "n|string", "f|string", "no|string", "t|string", "l|string", "d|string", "(1,)|string",
                "'x'|string"},
            {"striptags", "html|striptags", "'<p>a  <br/>b</p>\\n c'|striptags", "'a &amp; b'|striptags"},
            {"sum", "l|sum", "l|sum(start=10)", "[1.5, 2]|sum", "users|sum(attribute='age')", "el|sum",
                "[[1], [2]]|sum(start=[])"},
            {"title", "s|title", "'hello-world foo_bar'|title", "\"it's ok\"|title", "'ÉCOLE'|title"},
            {"tojson", "d|tojson", "l|tojson", "s|tojson", "html|tojson", "no|tojson", "nd|tojson(indent=2)",
                "{'b': 1, 'a': [1.5, true]}|tojson", "'é'|tojson"},
            {"trim", "sp|trim", "'xxaxx'|trim('x')", "'\\n a \\t'|trim", "e|trim"},
            {"truncate", "words|truncate(20)", "words|truncate(20, true)", "words|truncate(20, false, '…')",
                "words|truncate(255)", "words|truncate(18, leeway=0)", "'short'|truncate(3)", "words|truncate(9, true, '')"},
            {"upper", "s|upper", "'straße'|upper", "n|upper", "t|upper", "fa|upper == 'FALSE'"},
            {"urlencode", "'a b&c'|urlencode", "d|urlencode", "'/path/é'|urlencode", "[('a', 1), ('b', 'x y')]|urlencode"},
            {"urlize", "'see http://example.com now'|urlize", "'www.example.org'|urlize",
                "'mail a@b.com'|urlize", "'http://example.com/a/long/path'|urlize(15)"},
            {"wordcount", "words|wordcount", "e|wordcount", "'a-b c_d e.f'|wordcount"},
            {"wordwrap", "words|wordwrap(10)", "words|wordwrap(15, wrapstring='|')",
                "'averyveryverylongword x'|wordwrap(6)", "'averyveryverylongword x'|wordwrap(6, false)"},
            {"xmlattr", "{'a': 1, 'b': 'x'}|xmlattr", "{'a': none, 'c': '<'}|xmlattr",
                "{'class': 'x y'}|xmlattr(false)"},
            {"chain", "ls|map('lower')|sort|join(',')", "users|map(attribute='age')|sum / users|length",
                "d|dictsort|map('last')|list", "range(10)|select('odd')|map('string')|join",
                "s|lower|replace(' ', '_')|title", "l|sort|reverse|first", "words.split()|map('length')|max"},
        };
        for (String[] row : table) {
            for (int i = 1; i < row.length; i++) {
                expr("filters." + row[0], row[i]);
            }
        }
        for (String s : List.of("{% filter upper %}abc {{ s }}{% endfilter %}",
                "{% filter replace('a', 'b') %}banana{% endfilter %}", "{% filter trim|title %}  x y  {% endfilter %}",
                "{{ 'x'|nosuchfilter }}", "{{ s|upper() }}", "{{ s | lower }}",
                "{% filter nosuchfilter %}x{% endfilter %}",
                "{% filter upper %}{% for i in ls %}{{ i }} {% endfor %}{% endfilter %}",
                "{% filter indent(2) %}a\nb{% endfilter %}", "{% filter upper %}{% set v = 1 %}{{ v }}{% endfilter %}{{ v is defined }}")) {
            add("filters.block", s);
        }
    }

    private void tests() {
        String[] values = {"7", "-2", "2.5", "0", "true", "false", "none", "'ab'", "''", "[1]", "{}", "(1, 2)",
            "range(2)", "s", "d", "l", "html|safe", "missing", "d.a", "d.zz"};
        String[] tests = {"defined", "undefined", "none", "boolean", "false", "true", "integer", "float", "number",
            "string", "mapping", "iterable", "sequence", "callable", "odd", "even", "lower", "upper", "escaped"};
        for (String t : tests) {
            for (int i = 0; i < 6; i++) {
                String v = values[random.nextInt(values.length)];
                expr("tests." + t, v + " is " + t);
            }
        }
        for (String s : List.of("6 is divisibleby 3", "7 is divisibleby(2)", "n is eq 7", "n is equalto 7",
                "n is == 7", "n is ne 7", "n is lt 10", "n is le 7", "n is gt 7", "n is ge 7", "n is greaterthan 3",
                "n is lessthan 3", "'a' is in 'abc'", "'a' is in ['b']", "none is sameas none", "1 is sameas true",
                "n is not odd", "not n is odd", "s is not string", "d.a is defined", "d.zz is defined",
                "s.upper is callable", "'A' is upper", "'aB' is lower", "n is filter", "'upper' is filter",
                "'odd' is test", "'nosuch' is test", "n is nosuchtest")) {
            expr("tests.named", s);
        }
    }

    private void whitespace() {
        List<String> bodies = List.of(
                "a\n{% if true %}\nb\n{% endif %}\nc",
                "a\n{%- if true %}\nb\n{% endif -%}\nc",
                "a\n  {% if true -%}\n  b\n  {%- endif %}\nc",
                "{% for i in l %}\n{{ i }}\n{% endfor %}",
                "{% for i in l -%}\n{{ i }}\n{%- endfor %}",
                "{%- for i in l %} {{ i }} {% endfor -%}",
                "x  {{- n -}}  y",
                "x  {{- n }}  y",
                "x  {{ n -}}  y",
                "x {# comment #} y",
                "x {#- comment -#} y",
                "x\n{# comment #}\ny",
                "{# multi\nline #}z",
                "  {% set a = 1 %}\n{{ a }}",
                "{% raw %}{{ not rendered }}{% endraw %}",
                "{% raw -%}  {{ x }}  {%- endraw %}",
                "a {%+ if true %}b{% endif +%} c",
                "line1\nline2\n",
                "line1\nline2\n\n",
                "\n\nlead",
                "trail\n\n\n",
                "{{ n }}\n",
                "{% if true %}x{% endif %}\n",
                "{% if false %}x{% endif %}\n",
                "a\r\nb\r\n",
                "\t{{ s }}\t",
                "{{ '  ' }}|{{ '\\n' }}|",
                "{% for i in range(3) %}{{ i }}{% if not loop.last %}, {% endif %}{% endfor %}",
                "{%- set x = 5 -%}\n\n{{ x }}\n\n",
                "a\n    {%- for i in l %}\n    - {{ i }}\n    {%- endfor %}\nb",
                "{% macro m() %}\n  inner\n{% endmacro %}[{{ m() }}]",
                "{% macro m() -%}\n  inner\n{%- endmacro %}[{{ m() }}]",
                "x{{ '' }}\n{{ '' }}y",
                "  {#- c #}  x",
                "{% if true %}  {% endif %}|",
                "{%- if true -%}  {%- endif -%}|");
        for (String b : bodies) {
            add("whitespace.control", b);
        }
        for (String s : List.of("{{ n", "{% if true %}x", "{% endif %}", "{% for %}{% endfor %}", "{{ }}",
                "{{ 1 + }}", "{% if %}{% endif %}", "{{ n }", "{% set %}", "{% nosuchtag %}", "{{ 'unclosed }}",
                "{% for i in l %}{% endif %}", "{# unclosed", "{{ n | }}", "{{ [1, 2 }}", "{% macro %}{% endmacro %}",
                "{{ a b }}", "{% block %}{% endblock %}", "{{ 1 = 1 }}", "{% raw %}x")) {
            add("whitespace.syntax_error", s);
        }
    }

    private void macros() {
        List<String> bodies = List.of(
                "{% macro hi(name) %}Hi {{ name }}!{% endmacro %}{{ hi('ann') }}",
                "{% macro hi(name='you') %}Hi {{ name }}{% endmacro %}{{ hi() }} {{ hi('x') }} {{ hi(name='y') }}",
                "{% macro add(a, b=2) %}{{ a + b }}{% endmacro %}{{ add(1) }},{{ add(1, 3) }},{{ add(b=5, a=1) }}",
                "{% macro v() %}{{ varargs }}{% endmacro %}{{ v(1, 2, 3) }}",
                "{% macro k() %}{{ kwargs|dictsort }}{% endmacro %}{{ k(b=1, a=2) }}",
                "{% macro both(a) %}{{ a }}|{{ varargs }}|{{ kwargs }}{% endmacro %}{{ both(1, 2, x=3) }}",
                "{% macro m(a) %}{{ a }}{% endmacro %}{{ m() }}",
                "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}",
                "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(b=1) }}",
                "{% macro m() %}{{ n }}{% endmacro %}{{ m() }}",
                "{% macro m() %}{{ caller() }}{% endmacro %}{% call m() %}body{% endcall %}",
                "{% macro m() %}[{{ caller('x') }}]{% endmacro %}{% call(v) m() %}got {{ v }}{% endcall %}",
                "{% macro list(items) %}{% for i in items %}<{{ caller(i) }}>{% endfor %}{% endmacro %}"
                        + "{% call(i) list(l) %}{{ i * 2 }}{% endcall %}",
                "{% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(4) }}",
                "{% macro m() %}x{% endmacro %}{{ m() ~ m() }}",
                "{% macro m() %}x{% endmacro %}{{ m }}",
                "{% macro m() %}x{% endmacro %}{{ m.name }}",
                "{% macro m(a, b) %}{% endmacro %}{{ m.arguments }}",
                "{% macro m() %}  spaced  {% endmacro %}[{{ m() }}]",
                "{% macro m() %}{% set inner = 1 %}{{ inner }}{% endmacro %}{{ m() }}{{ inner is defined }}",
                "{% set g = 'outer' %}{% macro m() %}{{ g }}{% endmacro %}{{ m() }}",
                "{% macro m(l) %}{{ l|length }}{% endmacro %}{{ m([1, 2]) }}{{ l|length }}",
                "{% macro m(x) %}{{ x|upper }}{% endmacro %}{{ ls|map('upper')|join }}|{{ m('a') }}",
                "{% macro m() %}{{ caller is defined }}{% endmacro %}{{ m() }}",
                "{% macro m(a, a) %}{% endmacro %}",
                "{% macro m() %}{% endmacro %}[{{ m() }}]",
                "{% macro m(a=[]) %}{% do a.append(1) %}{{ a }}{% endmacro %}{{ m() }}{{ m() }}",
                "{% macro m(x) -%} {{ x }} {%- endmacro %}|{{ m(1) }}|",
                "{% macro m() %}{{ 1 }}{% endmacro %}{{ m()|int + 1 }}",
                "{% macro outer() %}{% macro inner() %}i{% endmacro %}o{{ inner() }}{% endmacro %}{{ outer() }}",
                "{% macro m(a, b=a) %}{{ b }}{% endmacro %}{{ m(3) }}",
                "{% macro m() %}{{ n }}{% endmacro %}{% set n = 99 %}{{ m() }}",
                "{% macro m(n) %}{{ n }}{% endmacro %}{{ m(1) }}{{ n }}",
                "{{ m() }}{% macro m() %}later{% endmacro %}",
                "{% macro m() %}{{ caller(1, 2) }}{% endmacro %}{% call(a, b) m() %}{{ a + b }}{% endcall %}",
                "{% macro m() %}{{ caller() }}{% endmacro %}{% call m() %}{{ n }}{% endcall %}",
                "{% macro m() %}{{ varargs|length }}{% endmacro %}{{ m(*l) }}",
                "{% macro m(a, b, c) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(*l) }}",
                "{% macro m(a, b) %}{{ a }}-{{ b }}{% endmacro %}{{ m(**{'a': 1, 'b': 2}) }}",
                "{% macro m() %}{{ kwargs.x }}{% endmacro %}{{ m(x='kw') }}");
        for (String b : bodies) {
            add("macros.macro", b);
        }
    }

    private void loops() {
        for (String attr : List.of("index", "index0", "revindex", "revindex0", "first", "last", "length",
                "previtem", "nextitem", "cycle('a', 'b')", "depth", "depth0", "changed(item % 2)")) {
            for (String seq : List.of("l", "ls", "'ab'", "range(1, 4)")) {
                add("loops.loop_" + attr.replaceAll("[^a-z0-9]", ""),
                        "{% for item in " + seq + " %}[{{ loop." + attr + " }}]{% endfor %}");
            }
        }
        List<String> bodies = List.of(
                "{% for i in el %}x{% else %}empty{% endfor %}",
                "{% for i in l %}{{ i }}{% else %}empty{% endfor %}",
                "{% for i in range(10) if i is odd %}{{ i }}{{ loop.index }}{% endfor %}",
                "{% for i in range(10) if i > 5 %}{{ loop.length }}{% endfor %}",
                "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}",
                "{% for k, v in d|dictsort %}{{ k }}={{ v }};{% endfor %}",
                "{% for k in d %}{{ k }}{% endfor %}",
                "{% for a, b in nl %}{{ a * b }} {% endfor %}",
                "{% for a, b in [[1, 2, 3]] %}{{ a }}{% endfor %}",
                "{% for c in s %}{{ c }}.{% endfor %}",
                "{% for i in range(5) %}{% if i == 3 %}{% break %}{% endif %}{{ i }}{% endfor %}",
                "{% for i in range(5) %}{% if i is even %}{% continue %}{% endif %}{{ i }}{% endfor %}",
                "{% for i in range(0) %}x{% endfor %}",
                "{% for i in range(3, 0, -1) %}{{ i }}{% endfor %}",
                "{% for i in range(0, 10, 3) %}{{ i }}{% endfor %}",
                "{{ range(5)|list }} {{ range(2, 5)|list }}",
                "{% for i in l %}{% for j in ls %}{{ loop.index }}{% endfor %}{{ loop.index }};{% endfor %}",
                "{% for i in l %}{% set outer = loop %}{% for j in 'ab' %}{{ outer.index }}{{ j }}{% endfor %}{% endfor %}",
                "{% for item in [1, [2, [3]]] recursive %}{% if item is iterable %}{{ loop(item) }}"
                        + "{% else %}{{ item }}@{{ loop.depth }} {% endif %}{% endfor %}",
                "{% for u in users %}{{ u.name }}:{{ u['age'] }} {% endfor %}",
                "{% for u in users|sort(attribute='name', reverse=true) %}{{ u.name }}{% endfor %}",
                "{% for i in l %}{{ i }}{% endfor %}{{ i is defined }}",
                "{% for i in n %}x{% endfor %}",
                "{% for i in none %}x{% endfor %}",
                "{% for i in d.values() %}{{ i }}{% endfor %}",
                "{% for i in (1, 2) %}{{ i }}{% endfor %}",
                "{% for x in [none, false, 0] %}{{ x }},{% endfor %}",
                "{% for i in l %}{{ loop.cycle('odd', 'even') }} {% endfor %}",
                "{% for i in [1, 1, 2, 2, 1] %}{% if loop.changed(i) %}{{ i }}{% endif %}{% endfor %}",
                "{% for i in l %}{{ loop.previtem is defined }}{% endfor %}",
                "{% for i in l %}{% endfor %}done",
                "{% for i, j in d %}{{ i }}{% endfor %}",
                "{% for i in l %}{{ loop.index }}{% else %}none{% endfor %}",
                "{% for i in range(3) %}{% for j in range(i) %}{{ j }}{% endfor %}|{% endfor %}",
                "{% for i in l|reverse %}{{ i }}{% endfor %}",
                "{% for i in l %}{% set l = [9] %}{{ l }}{% endfor %}{{ l }}",
                "{% for k, v in nd.x.items() %}{{ k }}{{ v.z }}{% endfor %}",
                "{% for a, (b, c) in [(1, (2, 3))] %}{{ a }}{{ b }}{{ c }}{% endfor %}",
                "{% for i in range(3) %}{{ loop.revindex }}{{ loop.last }}{% endfor %}",
                "{% for age, group in users|groupby('age') %}{{ age }}:{{ group|map(attribute='name')|join(',') }};"
                        + "{% endfor %}",
                "{% for i in range(100000) %}{% if i == 2 %}{% break %}{% endif %}{% endfor %}ok",
                "{% for u in users %}{{ loop.changed(u.age, u.admin) }} {% endfor %}",
                "{% for i in l %}{% for j in [1, 1] %}{{ loop.changed(j) }}{% endfor %};{% endfor %}");
        for (String b : bodies) {
            add("loops.for", b);
        }
    }

    private void scoping() {
        List<String> bodies = List.of(
                "{% set x = 1 %}{% for i in l %}{% set x = i %}{% endfor %}{{ x }}",
                "{% set ns = namespace(x=1) %}{% for i in l %}{% set ns.x = ns.x + i %}{% endfor %}{{ ns.x }}",
                "{% set ns = namespace() %}{% set ns.a = 'v' %}{{ ns.a }}",
                "{% set ns = namespace(found=false) %}{% for u in users %}{% if u.admin %}"
                        + "{% set ns.found = u.name %}{% endif %}{% endfor %}{{ ns.found }}",
                "{% if true %}{% set y = 2 %}{% endif %}{{ y }}",
                "{% set a, b = 1, 2 %}{{ a }}{{ b }}",
                "{% set a, b = l[:2] %}{{ b }}{{ a }}",
                "{% set a = b = 3 %}{{ a }}",
                "{% set blk %}block {{ n }}{% endset %}[{{ blk }}]",
                "{% set blk | upper %}block{% endset %}{{ blk }}",
                "{% set x = [] %}{% do x.append(1) %}{% do x.extend([2, 3]) %}{{ x }}",
                "{% set x = {} %}{% do x.update({'a': 1}) %}{{ x }}",
                "{% set l2 = l %}{% do l2.append(4) %}{{ l }}",
                "{% with a = 5 %}{{ a }}{% endwith %}{{ a is defined }}",
                "{% with %}{% set a = 5 %}{{ a }}{% endwith %}{{ a is defined }}",
                "{% with a = n, b = s %}{{ a }}{{ b }}{% endwith %}",
                "{% set n = 1 %}{{ n }}",
                "{% set s = s ~ '!' %}{{ s }}",
                "{{ n }}{% set n = 8 %}{{ n }}",
                "{% for i in l %}{% set t = loop.index %}{% endfor %}{{ t is defined }}",
                "{% set x = 1 %}{% macro m() %}{% set x = 2 %}{{ x }}{% endmacro %}{{ m() }}{{ x }}",
                "{% set d2 = dict(a=1, b=2) %}{{ d2|dictsort }}",
                "{{ dict(x=1) }}",
                "{{ dict({'a': 1}, b=2)|dictsort }}",
                "{{ lipsum is defined }}{{ cycler is defined }}{{ joiner is defined }}",
                "{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}",
                "{% set j = joiner(', ') %}{% for i in l %}{{ j() }}{{ i }}{% endfor %}",
                "{% set c = cycler(1, 2) %}{{ c.next() }}{% do c.reset() %}{{ c.next() }}",
                "{% set x = 'a' %}{% if x == 'a' %}{% set x = 'b' %}{% endif %}{{ x }}",
                "{% set loop = 1 %}{{ loop }}",
                "{% set d = {'k': 'v'} %}{{ d.k }}{{ d['k'] }}",
                "{% set f = ls[0] %}{{ f }}",
                "{% set x %}{% for i in l %}{{ i }}{% endfor %}{% endset %}{{ x|length }}",
                "{% set ns = namespace(items=[]) %}{% for i in l %}{% set ns.items = ns.items + [i * 2] %}"
                        + "{% endfor %}{{ ns.items }}",
                "{% set x = 1 %}{% set x = x + 1 %}{% set x = x * 10 %}{{ x }}",
                "{% set t = (1, 2) %}{% set a, b = t %}{{ a + b }}",
                "{% set a, b = [1] %}{{ a }}",
                "{% set a, b = [1, 2, 3] %}{{ a }}",
                "{% set name, version = 'nginx=1.24'.split('=') %}{{ version }}-{{ name }}",
                "{% set x, y = 'ab' %}{{ y }}{{ x }}",
                "{% set k, v = {'a': 1}.items()|first %}{{ k }}={{ v }}",
                "{% set a, b = (1, 2) if t else (3, 4) %}{{ a }}{{ b }}",
                "{{ range(3)|map('string')|join }}{% set range = 5 %}{{ range }}",
                "{% set true = 'x' %}{{ true }}",
                "{% set m = n if n > 5 else 0 %}{{ m }}",
                "{{ 'yes' if t else 'no' }}{{ 'yes' if fa else 'no' }}{{ 'x' if fa }}",
                "{% set x = none %}{{ x is none }}{{ x }}");
        for (String b : bodies) {
            add("scoping.set", b);
        }
        // Words that are operators of Java's expression language and plain names in Jinja2
        // (jinja2/lexer.py scans them as names), next to % still meaning modulo.
        for (String b : List.of("{% for mod in l %}{{ mod }}{% endfor %}",
                "{% for mod in ls %}{{ not mod == 'fig' }}{% endfor %}",
                "{% set div = 3 %}{{ div }}{{ n % div }}{{ n // div }}",
                "{% set eq, ne = 1, 2 %}{{ eq }}{{ ne }}{{ eq == ne }}",
                "{% set lt = 1 %}{% set gt = 2 %}{% set le = 3 %}{% set ge = 4 %}{{ lt < gt }}{{ le >= ge }}",
                "{% set empty = [] %}{{ empty }}{{ empty|length }}",
                "{% set instanceof = 'x' %}{{ instanceof }}",
                "{% macro m(mod, div=2) %}{{ mod }}/{{ div }}{% endmacro %}{{ m(1) }}{{ m(mod=3, div=4) }}",
                "{% set x = {'mod': 1, 'eq': 2} %}{{ x.mod }}{{ x['eq'] }}{{ x.mod + x.eq }}",
                "{{ dict(mod=1, empty=2)|dictsort }}", "{{ {'div': 5}.div % 3 }}", "{{ mod }}", "{{ 7 mod 3 }}",
                "{{ 7 div 2 }}", "{{ empty l }}", "{{ n is eq 7 }}{{ n is ne 7 }}{{ n is lt 8 }}{{ n is ge 7 }}")) {
            add("scoping.names", b);
        }
    }

    private void undefined() {
        for (String s : List.of("{{ missing }}", "{{ missing.attr }}", "{{ d.zz }}", "{{ d['zz'] }}", "{{ l[10] }}",
                "{{ nd.x.q }}", "{{ nd.x.q.r }}", "{{ missing is defined }}", "{{ missing is undefined }}",
                "{{ d.zz is defined }}", "{{ missing|default('dflt') }}", "{{ d.zz|default('dflt') }}",
                "{% if missing %}y{% else %}n{% endif %}", "{% if missing is defined %}y{% else %}n{% endif %}",
                "{% for i in missing %}x{% endfor %}", "{{ missing ~ 'a' }}", "{{ missing + 1 }}",
                "{{ missing|length }}", "{{ missing == none }}", "{{ not missing }}", "{{ missing or 'x' }}",
                "{{ missing|string }}", "{{ missing|list }}", "{{ missing() }}", "{{ s.nosuchmethod() }}",
                "{{ s.nosuchattr }}", "{{ n.real }}", "{{ missing['k'] }}", "{{ [missing] }}",
                "{{ d.get('zz') }}", "{{ users[0].missing }}", "{{ users[5] }}", "{{ missing is none }}",
                "{{ 'x' if missing else 'y' }}", "{{ ns }}", "{{ e.x }}", "{{ no.x }}", "{{ l.x }}",
                "{% set a = missing %}ok", "{% set a = missing %}{{ a }}", "{{ missing|default(none) }}",
                "{{ missing|d(d.zz|default('chain')) }}", "{% if d.zz is defined and d.zz %}y{% endif %}n",
                "{{ (missing|default({})).get('a', 'fallback') }}", "{{ missing in l }}", "{{ 1 in missing }}",
                "{{ missing.x|default('deep') }}", "{{ l|join(missing) }}", "{{ missing|upper }}",
                "{{ range(missing) }}")) {
            add("undefined.strict", s);
        }
        // None has no attributes (jinja2/environment.py getattr gives an undefined value, and
        // calling it fails): the apache formula's rule_details.get(...) over a pillar value None.
        for (String s : List.of("{% for v in [none] %}{{ v.get('a', 1) }}{% endfor %}",
                "{% for k, v in {'a': none}.items() %}{{ v.get('rule_set', '') }}{% endfor %}",
                "{% for v in [no] %}{{ v.a is defined }}{{ v.a|default('d') }}{% endfor %}",
                "{% for v in [none] %}{{ v.a }}{% endfor %}")) {
            add("undefined.none", s);
        }
        for (String s : List.of("{{ 1 + 1 }}", "{{ missing }}", "{{ n }}", "{{ 'text' }}", "plain")) {
            add("undefined.empty_context", s, "empty");
        }
    }
}
