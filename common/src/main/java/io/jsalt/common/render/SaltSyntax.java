package io.jsalt.common.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.el.ext.AstDict;
import com.hubspot.jinjava.el.ext.AstTuple;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.ExtendedScanner;
import com.hubspot.jinjava.el.ext.PowerOfOperator;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import com.hubspot.jinjava.el.ext.TruncDivOperator;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.collections.SizeLimitingPyMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.Scanner.Symbol;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstString;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ExpressionFactory;

/**
 * Jinjava's expression parser with Jinja2's meaning for the parts where JUEL's differs:
 * comparisons, {@code and}, {@code not}, {@code ~}, {@code *} and {@code %} are Python's
 * ({@link PyOperators}), dict literals keep
 * non-string keys ({@code {False: 'no', 1: 'one'}}), and tuple literals are tuples, so
 * {@code '%s-%s' % (a, b)} takes two arguments while {@code '%s' % [a, b]} takes one.
 */
final class SaltSyntax {
    private SaltSyntax() {}

    /** Parsed expressions kept per engine (JUEL's default cache size). */
    static final int EXPRESSION_CACHE_SIZE = 1000;

    /** A Jinjava whose expressions parse with {@link SaltParser}. */
    static final class SaltJinjava extends Jinjava {
        // Built as Jinjava builds its own (JEE6 features), with JUEL's default tree cache of
        // 1,000 parsed expressions: without it every {{ }} is parsed again on every render,
        // which made SLS rendering a third slower (RenderBenchmark).
        private final ExpressionFactory factory = new ExpressionFactoryImpl(new TreeStore(
                new SaltBuilder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS),
                new Cache(EXPRESSION_CACHE_SIZE)),
                new PyTypeConverter());

        SaltJinjava(JinjavaConfig config) {
            super(config);
        }

        @Override
        public ExpressionFactory getExpressionFactory() {
            return factory;
        }
    }

    static final class SaltBuilder extends ExtendedSyntaxBuilder {
        private static final long serialVersionUID = 1L;

        SaltBuilder(Builder.Feature... features) {
            super(features);
        }

        @Override
        protected Parser createParser(String expression) {
            return new SaltParser(this, expression);
        }
    }

    static final class SaltParser extends ExtendedParser {
        SaltParser(Builder context, String input) {
            super(context, input);
            // Jinja2's ~ is str(a) + str(b) with Python's str(): None, True, {'a': 1}.
            replaceHandler(StringConcatOperator.TOKEN, StringConcatOperator.HANDLER, PyOperators.CONCAT);
            // ** and // are Python's too (an int to a negative power is a float; bools are ints).
            replaceHandler(PowerOfOperator.TOKEN, PowerOfOperator.HANDLER, PyOperators.POW);
            replaceHandler(TruncDivOperator.TOKEN, TruncDivOperator.HANDLER, PyOperators.FLOORDIV);
        }

        /**
         * Jinjava's reading of what follows a value ({@code .name}, {@code .name(...)},
         * {@code [key]}, {@code [a:b]}), with Python's slice step: {@code x[::-1]},
         * {@code x[1:5:2]} (jinja2/parser.py parse_subscript reads up to three parts, any of
         * them empty). Every slice is a {@link PySlice}, with Python's bounds. The rest is
         * Jinjava's ExtendedParser.value as it runs with natural operator precedence on.
         */
        @Override
        protected AstNode value() throws Scanner.ScanException, Parser.ParseException {
            boolean lvalue = true;
            AstNode v = nonliteral();
            if (v == null) {
                v = literal();
                if (v == null) {
                    return null;
                }
                lvalue = false;
            }
            while (true) {
                Symbol next = getToken().getSymbol();
                if (next == Symbol.DOT) {
                    consumeToken();
                    String name = consumeToken(Symbol.IDENTIFIER).getImage();
                    AstDot dot = createAstDot(v, name, lvalue);
                    v = getToken().getSymbol() == Symbol.LPAREN && context.isEnabled(Builder.Feature.METHOD_INVOCATIONS)
                            ? createAstMethod(dot, params()) : dot;
                } else if (next == Symbol.LBRACK) {
                    consumeToken();
                    AstNode start = expr(false);
                    boolean strict = !context.isEnabled(Builder.Feature.NULL_PROPERTIES);
                    Scanner.Token token = consumeToken();
                    if (token.getSymbol() == Symbol.COLON) {
                        AstNode stop = expr(false);
                        AstNode step = null;
                        if (getToken().getSymbol() == Symbol.COLON) {
                            consumeToken();
                            step = expr(false);
                        }
                        consumeToken(Symbol.RBRACK);
                        v = new PySlice.Node(v, start, stop, step);
                    } else if (token.getSymbol() == Symbol.RBRACK) {
                        AstBracket bracket = createAstBracket(v, start, lvalue, strict);
                        v = getToken().getSymbol() == Symbol.LPAREN && context.isEnabled(Builder.Feature.METHOD_INVOCATIONS)
                                ? createAstMethod(bracket, params()) : bracket;
                    } else {
                        fail(Symbol.RBRACK);
                    }
                } else {
                    return v;
                }
            }
        }

        @Override
        protected Scanner createScanner(String expression) {
            return new SaltScanner(expression);
        }

        private void replaceHandler(Scanner.ExtensionToken token, Parser.ExtensionHandler jinjava,
                AstBinary.Operator operator) {
            putExtensionHandler(token, new Parser.ExtensionHandler(jinjava.getExtensionPoint()) {
                @Override
                public AstNode createAstNode(AstNode... children) {
                    return createAstBinary(children[0], children[1], operator);
                }
            });
        }

        /**
         * Jinja2's precedence puts {@code not} below the comparisons and above {@code and}
         * (jinja2/parser.py parse_and, parse_not): {@code not a == b} is {@code not (a == b)}
         * and {@code not x in y} is {@code not (x in y)}; JUEL's {@code not} binds to the next
         * value only. {@code and} gives one of its operands, as Python's does.
         */
        @Override
        protected AstNode and(boolean required) throws Scanner.ScanException, Parser.ParseException {
            AstNode v = not(required);
            if (v == null) {
                return null;
            }
            while (getToken().getSymbol() == Scanner.Symbol.AND) {
                consumeToken();
                v = createAstBinary(v, not(true), PyOperators.AND);
            }
            return v;
        }

        private AstNode not(boolean required) throws Scanner.ScanException, Parser.ParseException {
            if (getToken().getSymbol() == Scanner.Symbol.NOT) {
                consumeToken();
                return createAstUnary(not(true), AstUnary.NOT);
            }
            return eq(required);
        }

        @Override
        protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
            return super.createAstBinary(left, right, PyOperators.replace(operator));
        }

        @Override
        protected AstIdentifier createAstIdentifier(String name, int index) {
            return new PyIdentifierNode(name, index);
        }

        @Override
        protected AstDict createAstDict(Map<AstNode, AstNode> dict) {
            return new PyDictNode(dict);
        }

        @Override
        protected AstTuple createAstTuple(AstParameters parameters) {
            return new PyTupleNode(parameters);
        }

        /**
         * A test after filters: Jinja2 reads {@code x|default(none) is callable} as
         * {@code (x|default(none)) is callable} (jinja2/parser.py parse_unary applies filters,
         * then tests), but Jinjava stops after a filter chain and fails at the {@code is}.
         * This continues where it stops, building the test call as Jinjava does for
         * {@code x is callable}.
         */

        /** Where Jinjava parses filters when its natural operator precedence is on. */
        @Override
        protected AstNode filter(boolean required) throws jinjava.de.odysseus.el.tree.impl.Scanner.ScanException,
                jinjava.de.odysseus.el.tree.impl.Parser.ParseException {
            return testsAfter(super.filter(required));
        }

        private AstNode testsAfter(AstNode parsed) throws jinjava.de.odysseus.el.tree.impl.Scanner.ScanException,
                jinjava.de.odysseus.el.tree.impl.Parser.ParseException {
            AstNode v = parsed;
            while (v != null && "is".equals(getToken().getImage())) {
                boolean negated = "not".equals(lookahead(0).getImage());
                Symbol name = lookahead(negated ? 1 : 0).getSymbol();
                if (!TEST_NAME_SYMBOLS.contains(name)) {
                    break;
                }
                consumeToken(); // is
                if (negated) {
                    consumeToken(); // not
                }
                String test = consumeToken().getImage();
                List<AstNode> params = new java.util.ArrayList<>(List.of(v, interpreter()));
                AstNode arg = super.value();
                if (arg != null) {
                    params.add(arg);
                }
                v = createAstMethod(createAstDot(identifier(EXPTEST_PREFIX + test),
                        negated ? "evaluateNegated" : "evaluate", true), createAstParameters(params));
            }
            return v;
        }
    }

    /**
     * Jinjava's scanner without the operator words of Java's expression language that Jinja2
     * does not have: in Jinja2 {@code mod}, {@code div}, {@code eq}, {@code ne}, {@code lt},
     * {@code le}, {@code gt}, {@code ge}, {@code empty} and {@code instanceof} are names like any
     * other (jinja2/lexer.py scans every word as a name; only jinja2/parser.py gives meaning to
     * {@code and}, {@code or}, {@code not}, {@code in}, {@code is}, {@code if} and {@code else}),
     * so a loop variable, a set name, a macro argument or an attribute may be called
     * {@code mod} (the apache formula's {@code {% for mod in ... %}}). The operators themselves
     * ({@code %}, {@code ==}, {@code <} ...) are symbols the scanner reads before any word, and
     * a test's name ({@code is eq 3}) is read as a name too.
     */
    static final class SaltScanner extends ExtendedScanner {
        private static final Set<String> EL_ONLY_WORDS = Set.of(
                "mod", "div", "eq", "ne", "lt", "le", "gt", "ge", "empty", "instanceof");

        SaltScanner(String input) {
            super(input);
        }

        @Override
        protected Scanner.Token keyword(String s) {
            return EL_ONLY_WORDS.contains(s) ? null : super.keyword(s);
        }
    }

    /** The tokens a test's name can be (is defined, is none, is true, is eq ...), as Jinjava's parser has them. */
    private static final Set<Symbol> TEST_NAME_SYMBOLS = Set.of(Symbol.IDENTIFIER, Symbol.EQ,
            Symbol.NE, Symbol.LT, Symbol.LE, Symbol.GT, Symbol.GE, Symbol.TRUE, Symbol.FALSE);

    /** A dict literal whose keys are what they evaluate to, as in Python. */
    static final class PyDictNode extends AstDict {
        PyDictNode(Map<AstNode, AstNode> dict) {
            super(dict);
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            JinjavaInterpreter interpreter = (JinjavaInterpreter) context.getELResolver()
                    .getValue(context, null, ExtendedParser.INTERPRETER);
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<AstNode, AstNode> e : dict.entrySet()) {
                AstNode k = e.getKey();
                Object key;
                if (k instanceof AstString) {
                    key = String.valueOf(k.eval(bindings, context));
                } else if (k instanceof AstIdentifier id) {
                    // Jinjava's leniency, kept: an undefined name is a string key ({a: 1}).
                    Object v = k.eval(bindings, context);
                    // none and None are Python's None, a key like any other; an undefined name
                    // is the name as a string key.
                    boolean none = id.getName().equals("none") || id.getName().equals("None");
                    key = (v == null && !none) || v instanceof Undefined ? id.getName() : v;
                } else {
                    key = k.eval(bindings, context);
                }
                if (key instanceof SafeString s) {
                    key = s.getValue();
                } else if (key instanceof Integer i) {
                    key = i.longValue();
                }
                out.put(key, e.getValue().eval(bindings, context));
            }
            // Jinjava's map type says String keys; erased, it holds any key, as a Python dict does.
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map<String, Object> keys = (Map) out;
            return new SizeLimitingPyMap(keys, interpreter.getConfig().getMaxMapSize());
        }
    }

    /**
     * A name in an expression. A name no scope of the render holds is Jinja2's
     * StrictUndefined ({@link Undefined}) where Salt renders strictly; a name set to None
     * is None, and so are {@code none} and {@code None}. Jinjava's own names (its interpreter, {@code filter:x}, {@code exptest:x})
     * are never undefined.
     */
    static final class PyIdentifierNode extends AstIdentifier {
        PyIdentifierNode(String name, int index) {
            super(name, index);
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            Object v = super.eval(bindings, context);
            if (v == null && Undefined.strict() && !declared(getName())) {
                return Undefined.name(getName());
            }
            return v;
        }

        private static boolean declared(String name) {
            // Jinja2's none and None are literals; JUEL reads them as names nothing defines.
            if (name.indexOf(':') >= 0 || name.equals(ExtendedParser.INTERPRETER) || name.equals("none")
                    || name.equals("None")) {
                return true;
            }
            for (com.hubspot.jinjava.util.ScopeMap<String, Object> c = JinjavaInterpreter.getCurrent().getContext();
                    c != null; c = c.getParent()) {
                if (c.getScope().containsKey(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * JUEL's conversions, with Jinja2's rule that an undefined value cannot become a number,
     * a string or a truth value: arithmetic, {@code ~}, {@code not}, {@code and}/{@code or}
     * and conditions on it fail as StrictUndefined does.
     */
    static final class PyTypeConverter extends TruthyTypeConverter {
        private static final long serialVersionUID = 1L;

        @Override
        public <T> T convert(Object value, Class<T> type) {
            if (value instanceof Undefined u && type != Object.class) {
                throw u.error();
            }
            return super.convert(value, type);
        }
    }

    /** A tuple literal that evaluates to a {@link SaltFilters.PyTuple}. */
    static final class PyTupleNode extends AstTuple {
        PyTupleNode(AstParameters parameters) {
            super(parameters);
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            SaltFilters.PyTuple t = new SaltFilters.PyTuple();
            t.addAll((List<?>) super.eval(bindings, context));
            return t;
        }
    }
}
