package io.jsalt.common.match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Salt's compound targets: whitespace-separated words, each {@code G@ P@ I@ J@ L@ S@ E@ N@}
 * or a bare glob, joined by {@code and}, {@code or}, {@code not} and parentheses with
 * Python's precedence (not, then and, then or). Salt evaluates the words with Python's
 * eval(); here they parse into a tree once, so matching a minion never re-parses, and a
 * malformed expression is an error instead of "no minions". {@code N@group} expands in place,
 * always in parentheses (Salt leaves a top-level group bare, so "N@g and x" could bind
 * wrongly).
 */
final class Compound {
    private final String target;
    private final List<Tok> toks = new ArrayList<>();
    private int pos;

    /** A word of the expression: an operator (operand null) or a compiled operand. */
    private record Tok(String text, Predicate<MinionData> operand) {
        boolean is(String op) {
            return operand == null && text.equals(op);
        }
    }

    private Compound(String target) {
        this.target = target;
    }

    static Predicate<MinionData> compile(List<String> words, String target, Nodegroups nodegroups) {
        Compound c = new Compound(target);
        try {
            c.tokenize(words, nodegroups);
            Predicate<MinionData> p = c.parseOr();
            if (c.pos < c.toks.size()) {
                Tok t = c.toks.get(c.pos);
                throw new TargetException(t.is(")") ? "unexpected right parenthesis"
                        : "missing operator before '" + t.text + "'");
            }
            return p;
        } catch (TargetException e) {
            throw new TargetException("Invalid compound target: " + target + " (" + e.getMessage() + ")", e);
        }
    }

    private void tokenize(List<String> words, Nodegroups nodegroups) {
        Deque<String> queue = new ArrayDeque<>(words);
        while (!queue.isEmpty()) {
            String word = queue.pop();
            if (Nodegroups.OPERATORS.contains(word)) {
                Tok prev = toks.isEmpty() ? null : toks.get(toks.size() - 1);
                if (prev == null && (word.equals("and") || word.equals("or"))) {
                    throw new TargetException("Invalid beginning operator: " + word);
                }
                if (prev != null && prev.is("(") && (word.equals("and") || word.equals("or"))) {
                    throw new TargetException("Invalid beginning operator after \"(\": " + word);
                }
                if (word.equals("not") && prev != null && (prev.operand != null || prev.is(")"))) {
                    // Salt reads "a not b" as "a and not b".
                    toks.add(new Tok("and", null));
                }
                toks.add(new Tok(word, null));
                continue;
            }
            TargetWord w = TargetWord.parse(word);
            if ("N".equals(w.engine())) {
                List<String> expansion = nodegroups.expand(w.pattern());
                queue.push(")");
                for (int i = expansion.size() - 1; i >= 0; i--) {
                    queue.push(expansion.get(i));
                }
                queue.push("(");
                continue;
            }
            toks.add(new Tok(word, w.compile()));
        }
        if (toks.isEmpty()) {
            throw new TargetException("empty expression");
        }
    }

    private Tok peek() {
        return pos < toks.size() ? toks.get(pos) : null;
    }

    private Predicate<MinionData> parseOr() {
        return chain("or", this::parseAnd);
    }

    private Predicate<MinionData> parseAnd() {
        return chain("and", this::parseNot);
    }

    /**
     * Terms joined by {@code op}, each parsed by {@code term}: "or" is true at the first
     * true term, "and" false at the first false one. A single term is returned as it is.
     */
    private Predicate<MinionData> chain(String op, Supplier<Predicate<MinionData>> term) {
        List<Predicate<MinionData>> terms = new ArrayList<>();
        terms.add(term.get());
        while (peek() != null && peek().is(op)) {
            pos++;
            terms.add(term.get());
        }
        if (terms.size() == 1) {
            return terms.get(0);
        }
        boolean decidedBy = op.equals("or");
        @SuppressWarnings("unchecked")
        Predicate<MinionData>[] each = terms.toArray(Predicate[]::new);
        return m -> {
            for (Predicate<MinionData> t : each) {
                if (t.test(m) == decidedBy) {
                    return decidedBy;
                }
            }
            return !decidedBy;
        };
    }

    private Predicate<MinionData> parseNot() {
        if (peek() != null && peek().is("not")) {
            pos++;
            return parseNot().negate();
        }
        return parseAtom();
    }

    private Predicate<MinionData> parseAtom() {
        Tok t = peek();
        if (t == null) {
            Tok last = toks.get(toks.size() - 1);
            throw new TargetException(last.is("(") ? "unbalanced parentheses: missing ')'"
                    : "dangling operator '" + last.text + "' at the end");
        }
        pos++;
        if (t.operand != null) {
            return t.operand;
        }
        if (t.is("(")) {
            if (peek() != null && peek().is(")")) {
                throw new TargetException("empty parentheses");
            }
            Predicate<MinionData> inner = parseOr();
            Tok close = peek();
            if (close == null) {
                throw new TargetException("unbalanced parentheses: missing ')'");
            }
            if (!close.is(")")) {
                throw new TargetException("missing operator before '" + close.text + "'");
            }
            pos++;
            return inner;
        }
        if (t.is(")")) {
            throw new TargetException("unexpected right parenthesis");
        }
        throw new TargetException("operator '" + t.text + "' where a target was expected");
    }
}
