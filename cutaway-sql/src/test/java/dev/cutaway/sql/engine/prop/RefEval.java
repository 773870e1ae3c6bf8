package dev.cutaway.sql.engine.prop;

import dev.cutaway.sql.engine.prop.RefExpr.T;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference evaluator: PostgreSQL 15's semantics for the {@link RefExpr} language,
 * written from its documentation and source behaviour, independently of the engine.
 *
 * <p>Errors: arithmetic, comparisons, casts, IN lists and NULLIF evaluate every operand
 * (PostgreSQL folds constants and evaluates strict functions' arguments first, so an error
 * in an operand wins over a NULL in another). AND, OR, CASE and COALESCE are lazy at run
 * time but PostgreSQL folds constant parts at plan time, so whether an error in a part that
 * lazy evaluation skips is raised depends on what is constant: such outcomes are
 * {@link Out.Amb ambiguous} and not compared. Two operands failing with different SQLSTATEs
 * are ambiguous too (which one is evaluated first is not specified).
 */
public final class RefEval {
    /** An outcome: a value, an error, or "it depends on evaluation order". */
    public sealed interface Out {
        record Val(Object value) implements Out {}

        record Err(String state) implements Out {}

        record Amb() implements Out {}
    }

    static final Out AMB = new Out.Amb();
    static final String OUT_OF_RANGE = "22003";
    static final String DIV_ZERO = "22012";
    static final String BAD_TEXT = "22P02";

    private final Map<String, Object> row;

    public RefEval(Map<String, Object> row) {
        this.row = row;
    }

    static Out err(String state) {
        return new Out.Err(state);
    }

    static Out val(Object v) {
        return new Out.Val(v);
    }

    public Out eval(RefExpr e) {
        return switch (e) {
            case RefExpr.Lit l -> val(l.value());
            case RefExpr.Col c -> val(row.get(c.name()));
            case RefExpr.Arith a -> strict(List.of(eval(a.left()), eval(a.right())),
                    v -> RefMath.arith(a.op(), a.type(), RefMath.promote(v.get(0),
                            a.left().type(), a.type()), RefMath.promote(v.get(1),
                            a.right().type(), a.type())));
            case RefExpr.Neg n -> strict(List.of(eval(n.operand())),
                    v -> RefMath.negate(n.type(), v.getFirst()));
            case RefExpr.Concat c -> strict(List.of(eval(c.left()), eval(c.right())),
                    v -> val((String) v.get(0) + v.get(1)));
            case RefExpr.Cmp c -> strict(List.of(eval(c.left()), eval(c.right())),
                    v -> val(compareOp(c.op(), RefMath.compare(v.get(0), c.left().type(),
                            v.get(1), c.right().type()))));
            case RefExpr.Logic l -> logic(l);
            case RefExpr.Not n -> eager(List.of(eval(n.operand())),
                    v -> val(v.getFirst() == null ? null : !(Boolean) v.getFirst()));
            case RefExpr.IsNull n -> eager(List.of(eval(n.operand())),
                    v -> val((v.getFirst() == null) != n.not()));
            case RefExpr.Distinct d -> eager(List.of(eval(d.left()), eval(d.right())),
                    v -> val(distinct(v.get(0), d.left().type(), v.get(1), d.right().type())
                            != d.not()));
            case RefExpr.Case c -> caseOf(c);
            case RefExpr.Coalesce c -> coalesce(c);
            case RefExpr.NullIf n -> eager(List.of(eval(n.left()), eval(n.right())),
                    v -> val(v.get(0) != null && v.get(1) != null && RefMath.compare(v.get(0),
                            n.left().type(), v.get(1), n.right().type()) == 0 ? null
                            : n.type().numeric() ? RefMath.promote(v.get(0), n.left().type(),
                            n.type()) : v.get(0)));
            case RefExpr.In in -> in(in);
            case RefExpr.Between b -> between(b);
            case RefExpr.Cast c -> strict(List.of(eval(c.operand())),
                    v -> RefCasts.cast(v.getFirst(), c.operand().type(), c.type()));
        };
    }

    interface Fn {
        Out apply(List<Object> values);
    }

    /** Every operand evaluated; errors first, then NULL in, NULL out. */
    private static Out strict(List<Out> operands, Fn f) {
        Out failed = firstFailure(operands);
        if (failed != null) {
            return failed;
        }
        List<Object> values = values(operands);
        return values.contains(null) ? val(null) : f.apply(values);
    }

    /** Every operand evaluated; errors first, then {@code f} sees NULLs too. */
    private static Out eager(List<Out> operands, Fn f) {
        Out failed = firstFailure(operands);
        return failed != null ? failed : f.apply(values(operands));
    }

    private static List<Object> values(List<Out> operands) {
        List<Object> values = new ArrayList<>();
        for (Out o : operands) {
            values.add(((Out.Val) o).value());
        }
        return values;
    }

    /** The error (or ambiguity) among evaluated operands, or null when all are values. */
    private static Out firstFailure(List<Out> operands) {
        String state = null;
        for (Out o : operands) {
            if (o instanceof Out.Amb) {
                return AMB;
            }
            if (o instanceof Out.Err e) {
                if (state != null && !state.equals(e.state())) {
                    return AMB;
                }
                state = e.state();
            }
        }
        return state == null ? null : err(state);
    }

    /**
     * The outcome of a lazy construct: {@code taken} is what lazy evaluation gives;
     * {@code skipped} are the parts it did not need, whose errors make it ambiguous.
     */
    private static Out lazy(Out taken, List<Out> skipped) {
        for (Out s : skipped) {
            if (s instanceof Out.Amb) {
                return AMB;
            }
            if (s instanceof Out.Err e && !(taken instanceof Out.Err t
                    && t.state().equals(e.state()))) {
                return AMB;
            }
        }
        return taken;
    }

    private Out logic(RefExpr.Logic l) {
        return logic(l.and(), eval(l.left()), eval(l.right()));
    }

    /** AND / OR over two evaluated operands with PostgreSQL's three-valued logic. */
    static Out logic(boolean and, Out left, Out right) {
        Boolean decisive = !and;   // false decides AND, true decides OR
        if (left instanceof Out.Val lv && decisive.equals(lv.value())) {
            return lazy(left, List.of(right));
        }
        if (right instanceof Out.Val rv && decisive.equals(rv.value())) {
            return lazy(right, List.of(left));
        }
        Out failed = firstFailure(List.of(left, right));
        if (failed != null) {
            return failed;
        }
        Object a = ((Out.Val) left).value();
        Object b = ((Out.Val) right).value();
        return val(a == null || b == null ? null : and);
    }

    private Out caseOf(RefExpr.Case c) {
        List<Out> conds = new ArrayList<>();
        List<Out> results = new ArrayList<>();
        for (int i = 0; i < c.conditions().size(); i++) {
            conds.add(eval(c.conditions().get(i)));
            results.add(eval(new RefExpr.Cast(c.results().get(i), c.type())));
        }
        Out otherwise = c.otherwise() == null ? val(null)
                : eval(new RefExpr.Cast(c.otherwise(), c.type()));
        List<Out> skipped = new ArrayList<>();
        for (int i = 0; i < conds.size(); i++) {
            Out cond = conds.get(i);
            if (!(cond instanceof Out.Val v)) {
                skipped.addAll(conds.subList(i + 1, conds.size()));
                skipped.addAll(results);
                skipped.add(otherwise);
                return lazy(cond, skipped);
            }
            if (Boolean.TRUE.equals(v.value())) {
                skipped.addAll(conds.subList(i + 1, conds.size()));
                skipped.addAll(results.subList(i + 1, results.size()));
                skipped.add(otherwise);
                return lazy(results.get(i), skipped);
            }
            skipped.add(results.get(i));
        }
        return lazy(otherwise, skipped);
    }

    private Out coalesce(RefExpr.Coalesce c) {
        List<Out> args = new ArrayList<>();
        for (RefExpr a : c.args()) {
            args.add(eval(new RefExpr.Cast(a, c.type())));
        }
        for (int i = 0; i < args.size(); i++) {
            Out a = args.get(i);
            if (!(a instanceof Out.Val v) || v.value() != null) {
                return lazy(a, args.subList(i + 1, args.size()));
            }
        }
        return val(null);
    }

    /**
     * x IN (list) as PostgreSQL's transformAExprIn rewrites it: when two or more elements
     * refer to no column, those become {@code x = ANY(ARRAY[...])} over the common type of x
     * and them (every element evaluated); each remaining element becomes its own
     * {@code x = e}, OR-ed on (NOT IN: {@code <> ALL} and {@code <>}, AND-ed).
     */
    private Out in(RefExpr.In in) {
        List<RefExpr> constants = new ArrayList<>();
        List<RefExpr> rest = new ArrayList<>();
        for (RefExpr e : in.list()) {
            (RefGen.hasColumns(e) ? rest : constants).add(e);
        }
        if (constants.size() < 2) {
            rest = in.list();
            constants = List.of();
        }
        Out acc = constants.isEmpty() ? null : anyOf(in.operand(), constants, in.not());
        for (RefExpr e : rest) {
            Out cmp = eval(new RefExpr.Cmp(in.not() ? "<>" : "=", in.operand(), e));
            acc = acc == null ? cmp : logic(in.not(), acc, cmp);
        }
        return acc;
    }

    /** {@code x = ANY(ARRAY[list])} (or {@code <> ALL}) over the common type. */
    private Out anyOf(RefExpr operand, List<RefExpr> list, boolean not) {
        T common = operand.type();
        for (RefExpr e : list) {
            common = common.numeric() ? T.promote(common, e.type()) : common;
        }
        List<Out> all = new ArrayList<>();
        all.add(eval(new RefExpr.Cast(operand, common)));
        for (RefExpr e : list) {
            all.add(eval(new RefExpr.Cast(e, common)));
        }
        T type = common;
        return eager(all, v -> {
            Object x = v.getFirst();
            if (x == null) {
                return val(null);
            }
            boolean sawNull = false;
            for (Object y : v.subList(1, v.size())) {
                if (y == null) {
                    sawNull = true;
                } else if (RefMath.compare(x, type, y, type) == 0) {
                    return val(!not);
                }
            }
            return val(sawNull ? null : not);
        });
    }

    /** PostgreSQL rewrites BETWEEN as {@code x >= lo AND x <= hi} (NOT: {@code <} OR {@code >}). */
    private Out between(RefExpr.Between b) {
        Out low = eval(new RefExpr.Cmp(b.not() ? "<" : ">=", b.operand(), b.low()));
        Out high = eval(new RefExpr.Cmp(b.not() ? ">" : "<=", b.operand(), b.high()));
        return logic(!b.not(), low, high);
    }

    private static boolean compareOp(String op, int c) {
        return switch (op) {
            case "=" -> c == 0;
            case "<>" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static boolean distinct(Object a, T ta, Object b, T tb) {
        if (a == null || b == null) {
            return a != b;
        }
        return RefMath.compare(a, ta, b, tb) != 0;
    }

    /** numeric with the scale PostgreSQL prints: {@code value} rounded to 15 digits (float8). */
    static BigDecimal float8ToNumeric(double d) {
        BigDecimal b = new BigDecimal(d).round(new MathContext(15, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }
}
