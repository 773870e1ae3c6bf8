package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.Aggregation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.SetFunctions;
import dev.cutaway.sql.parse.SqlPrinter;
import dev.cutaway.sql.types.AggregateTypes;
import dev.cutaway.sql.types.BoundOperator;
import dev.cutaway.sql.types.CastContext;
import dev.cutaway.sql.types.Casts;
import dev.cutaway.sql.types.Conditionals;
import dev.cutaway.sql.types.Functions;
import dev.cutaway.sql.types.Operators;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import dev.cutaway.sql.types.TypeNames;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Binds AST expressions of one query level to {@link BoundExpr}s: resolves names through the
 * {@link Scope}, types and operators through the types package, and subqueries through the
 * {@link QueryBinder} (with this level as their parent scope).
 *
 * <p>With an {@link AggregateContext} the expression is above an aggregate: group-by
 * expressions become references to the aggregate's output, aggregate calls are registered
 * with their arguments bound below it, and any other column of the input fails with 42803.
 * Without one, an aggregate call fails with 42803 naming {@code clause}.
 *
 * <p>Errors raised by resolution without a position get the position of the expression (for
 * an operator, of the operator itself), as PostgreSQL's carets show.
 */
final class ExprBinder {
    private final QueryBinder queries;
    private final Scope scope;
    private final AggregateContext agg;
    private final String clause;
    private final WindowContext windows;
    private final ArrayBinder arrays;

    ExprBinder(QueryBinder queries, Scope scope, AggregateContext agg, String clause) {
        this(queries, scope, agg, clause, null);
    }

    ExprBinder(QueryBinder queries, Scope scope, AggregateContext agg, String clause,
            WindowContext windows) {
        this.queries = queries;
        this.scope = scope;
        this.agg = agg;
        this.clause = clause;
        this.windows = windows;
        this.arrays = new ArrayBinder(this, queries);
    }

    /** Binds a condition: boolean (an untyped literal is read as one), else 42804. */
    BoundExpr bindCondition(Expr e) {
        BoundExpr b = bind(e);
        if (b.type().id() == TypeId.UNKNOWN) {
            return coerce(b, SqlType.BOOLEAN, CastContext.IMPLICIT, e.position());
        }
        if (b.type().id() != TypeId.BOOLEAN) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "argument of " + clause
                    + " must be type boolean, not type " + b.type().id().displayName(),
                    e.position());
        }
        return b;
    }

    BoundExpr bind(Expr e) {
        try {
            return bindUnpositioned(e);
        } catch (SqlException x) {
            int pos = e instanceof Expr.Binary b ? b.operatorPosition() : e.position();
            throw x.position() == 0 ? x.at(pos) : x;
        }
    }

    private BoundExpr bindUnpositioned(Expr e) {
        BoundExpr substitute = queries.substitute(e);
        if (substitute != null) {
            return substitute;
        }
        if (agg != null) {
            int slot = agg.groupSlot(SqlPrinter.print(e));
            if (slot >= 0) {
                BoundExpr g = agg.groupBy.get(slot);
                return new BoundExpr.ColRef(0, slot, g.type(), null);
            }
        }
        return switch (e) {
            case Expr.Literal l -> literal(l);
            case Expr.ColumnRef c -> column(c);
            case Expr.Parameter p -> new BoundExpr.Param(p.index(),
                    queries.context().parameterType(p.index()));
            case Expr.Unary u -> unary(u);
            case Expr.Binary b -> binary(b);
            case Expr.IsNull n -> new BoundExpr.IsNull(bind(n.operand()), n.negated());
            case Expr.IsTruth t -> new BoundExpr.IsTruth(bindBool(t.operand()),
                    t.value() == Expr.TruthValue.UNKNOWN ? null
                            : t.value() == Expr.TruthValue.TRUE, t.negated());
            case Expr.IsDistinctFrom d -> operator(d.negated() ? "IS NOT DISTINCT FROM"
                    : "IS DISTINCT FROM", bind(d.left()), bind(d.right()));
            case Expr.Between b -> between(b);
            case Expr.InList i -> inList(i);
            case Expr.InSubquery i -> inSubquery(i);
            case Expr.Exists x -> {
                QueryBinder.Subquery s = queries.subquery(x.query(), subqueryParent());
                yield new BoundExpr.Exists(s.plan(), s.correlated());
            }
            case Expr.ScalarSubquery s -> scalarSubquery(s.query(), s.position());
            case Expr.Quantified q -> quantified(q);
            case Expr.Like l -> like(l);
            case Expr.Case c -> caseExpr(c);
            case Expr.Cast c -> cast(c);
            case Expr.FunctionCall f -> call(f);
            case Expr.Extract x -> function("extract", List.of(
                    new BoundExpr.Const(x.field(), SqlType.TEXT), bind(x.source())));
            case Expr.Substring s -> substring(s);
            case Expr.Position p -> function("strpos", List.of(bind(p.haystack()),
                    bind(p.needle())));
            case Expr.Trim t -> trim(t);
            case Expr.CurrentValue c -> current(c);
            case Expr.Collate c -> bind(c.operand());
            case Expr.Row r when r.items().size() == 1 -> bind(r.items().getFirst());
            case Expr.ArraySubquery a -> arrays.subquery(a);
            case Expr.ArrayConstructor a -> arrays.constructor(a, null);
            case Expr.Subscript s -> arrays.subscript(s);
            case Expr.FieldSelection f -> arrays.field(f);
            case Expr.QuantifiedArray q -> arrays.quantified(q);
            default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "expression not supported yet: " + SqlPrinter.print(e), e.position());
        };
    }

    private Scope subqueryParent() {
        return agg == null ? scope : agg.outputScope();
    }

    static BoundExpr literal(Expr.Literal l) {
        return switch (l.kind()) {
            case NULL -> new BoundExpr.Const(null, SqlType.UNKNOWN);
            case BOOLEAN -> new BoundExpr.Const(Boolean.valueOf(l.value()), SqlType.BOOLEAN);
            case STRING -> new BoundExpr.Const(l.value(), SqlType.UNKNOWN);
            case NUMERIC -> new BoundExpr.Const(new BigDecimal(l.value()), SqlType.NUMERIC);
            case INTEGER -> {
                BigDecimal d = new BigDecimal(l.value());
                if (d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                        && d.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0) {
                    yield new BoundExpr.Const(d.intValue(), SqlType.INTEGER);
                }
                if (d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                        && d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
                    yield new BoundExpr.Const(d.longValue(), SqlType.BIGINT);
                }
                yield new BoundExpr.Const(d, SqlType.NUMERIC);
            }
        };
    }

    private BoundExpr column(Expr.ColumnRef c) {
        Scope from = agg == null ? scope : agg.input;
        Scope.Resolved r = from.resolve(c.names(), c.position());
        queries.noteReference(from.level() - r.depth());
        if (agg != null && r.depth() == 0) {
            int slot = agg.groupSlotOfColumn(r.index());
            if (slot < 0) {
                throw new SqlException(SqlState.GROUPING_ERROR, "column \""
                        + String.join(".", c.names()) + "\" must appear in the GROUP BY clause"
                        + " or be used in an aggregate function", c.position());
            }
            return new BoundExpr.ColRef(0, slot, r.type(), c.names().getLast());
        }
        return new BoundExpr.ColRef(r.depth(), r.index(), r.type(), c.names().getLast());
    }

    private BoundExpr bindBool(Expr e) {
        BoundExpr b = bind(e);
        return b.type().id() == TypeId.UNKNOWN
                ? coerce(b, SqlType.BOOLEAN, CastContext.IMPLICIT, e.position()) : b;
    }

    private BoundExpr unary(Expr.Unary u) {
        if (u.op() == Expr.UnaryOp.NOT) {
            BoundExpr operand = bindBool(u.operand());
            Operators.resolveUnary("NOT", operand.type());
            return new BoundExpr.Not(operand);
        }
        BoundExpr operand = bind(u.operand());
        // PostgreSQL's grammar folds a minus into a numeric literal, which keeps its kind:
        // -2147483648 is an integer, -9223372036854775808 a bigint, -0.5 numeric -0.5
        if (u.op() == Expr.UnaryOp.MINUS && operand instanceof BoundExpr.Const c
                && c.value() instanceof Number v && u.operand() instanceof Expr.Literal l) {
            String negated = v instanceof BigDecimal d ? d.negate().toPlainString()
                    : Long.toString(-v.longValue());
            return literal(new Expr.Literal(l.kind(), negated, u.position()));
        }
        String op = switch (u.op()) {
            case PLUS -> "+";
            case MINUS -> "-";
            case BIT_NOT -> "~";
            case NOT -> "NOT";
        };
        BoundOperator bound = Operators.resolveUnary(op, operand.type());
        return fold(new BoundExpr.Unary(bound, operand));
    }

    private BoundExpr binary(Expr.Binary b) {
        if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
            BoundExpr l = bindBool(b.left());
            BoundExpr r = bindBool(b.right());
            Operators.resolveBinary(b.op().symbol(), l.type(), r.type());
            List<BoundExpr> terms = new ArrayList<>();
            for (BoundExpr t : List.of(l, r)) {
                if (b.op() == Expr.BinaryOp.AND && t instanceof BoundExpr.And a) {
                    terms.addAll(a.terms());
                } else if (b.op() == Expr.BinaryOp.OR && t instanceof BoundExpr.Or o) {
                    terms.addAll(o.terms());
                } else {
                    terms.add(t);
                }
            }
            return b.op() == Expr.BinaryOp.AND ? new BoundExpr.And(terms)
                    : new BoundExpr.Or(terms);
        }
        return operator(b.op().symbol(), bind(b.left()), bind(b.right()));
    }

    private BoundExpr operator(String op, BoundExpr l, BoundExpr r) {
        return fold(new BoundExpr.Binary(Operators.resolveBinary(op, l.type(), r.type()), l, r));
    }

    /** Evaluates an operator over constants now, so bad literals fail at bind time. */
    private BoundExpr fold(BoundExpr e) {
        boolean constant = switch (e) {
            case BoundExpr.Binary b -> b.left() instanceof BoundExpr.Const
                    && b.right() instanceof BoundExpr.Const;
            case BoundExpr.Unary u -> u.operand() instanceof BoundExpr.Const;
            default -> false;
        };
        if (!constant) {
            return e;
        }
        return new BoundExpr.Const(e.eval(dev.cutaway.sql.exec.Frame.EMPTY,
                queries.constantContext()), e.type());
    }

    private BoundExpr between(Expr.Between b) {
        BoundExpr x = bind(b.operand());
        BoundExpr lo = bind(b.low());
        BoundExpr hi = bind(b.high());
        return new BoundExpr.Between(x, lo, hi,
                Operators.resolveBinary(">=", x.type(), lo.type()),
                Operators.resolveBinary("<=", x.type(), hi.type()),
                Operators.resolveBinary(">=", x.type(), hi.type()),
                Operators.resolveBinary("<=", x.type(), lo.type()), b.symmetric(), b.negated());
    }

    private BoundExpr inList(Expr.InList i) {
        BoundExpr x = bind(i.operand());
        List<BoundExpr> items = new ArrayList<>();
        List<BoundOperator> eqs = new ArrayList<>();
        for (Expr item : i.items()) {
            BoundExpr b = bind(item);
            items.add(b);
            eqs.add(Operators.resolveBinary("=", x.type(), b.type()));
        }
        return new BoundExpr.InList(x, eqs, items, i.negated());
    }

    private BoundExpr inSubquery(Expr.InSubquery i) {
        BoundExpr x = bind(i.operand());
        QueryBinder.Subquery s = queries.subquery(i.query(), subqueryParent());
        requireOneColumn(s, i.position());
        SqlType t = s.types().getFirst();
        BoundOperator op = Operators.resolveBinary(i.negated() ? "<>" : "=", x.type(), t);
        return new BoundExpr.Quantified(x, op, i.negated(), s.plan(), s.correlated());
    }

    private static void requireOneColumn(QueryBinder.Subquery s, int position) {
        if (s.types().size() != 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "subquery has too "
                    + (s.types().isEmpty() ? "few" : "many") + " columns", position);
        }
    }

    private BoundExpr scalarSubquery(Query q, int position) {
        QueryBinder.Subquery s = queries.subquery(q, subqueryParent());
        if (s.types().size() != 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "subquery must return only one column",
                    position);
        }
        return new BoundExpr.ScalarSubquery(s.plan(), s.correlated(), s.types().getFirst());
    }

    private BoundExpr quantified(Expr.Quantified q) {
        BoundExpr x = bind(q.left());
        QueryBinder.Subquery s = queries.subquery(q.query(), subqueryParent());
        requireOneColumn(s, q.position());
        BoundOperator op = Operators.resolveBinary(q.op().symbol(), x.type(), s.types().get(0));
        return new BoundExpr.Quantified(x, op, q.quantifier() == Expr.Quantifier.ALL, s.plan(),
                s.correlated());
    }

    private BoundExpr like(Expr.Like l) {
        BoundExpr x = text(bind(l.operand()), l);
        BoundExpr p = text(bind(l.pattern()), l);
        BoundExpr esc = l.escape() == null ? null : text(bind(l.escape()), l);
        return new BoundExpr.Like(x, p, esc, l.caseInsensitive(), l.negated());
    }

    private BoundExpr text(BoundExpr e, Expr.Like l) {
        TypeId id = e.type().id();
        if (id == TypeId.UNKNOWN || id == TypeId.VARCHAR || id == TypeId.CHAR) {
            return coerce(e, SqlType.TEXT, CastContext.IMPLICIT, l.position());
        }
        if (id != TypeId.TEXT) {
            Operators.resolveBinary(l.caseInsensitive() ? "ILIKE" : "LIKE", e.type(),
                    SqlType.TEXT);
            return coerce(e, SqlType.TEXT, CastContext.IMPLICIT, l.position());
        }
        return e;
    }

    private BoundExpr caseExpr(Expr.Case c) {
        BoundExpr operand = c.operand() == null ? null : bind(c.operand());
        List<BoundExpr> conditions = new ArrayList<>();
        List<BoundExpr> results = new ArrayList<>();
        for (Expr.When w : c.whens()) {
            if (operand == null) {
                conditions.add(new ExprBinder(queries, scope, agg, "CASE/WHEN")
                        .bindCondition(w.condition()));
            } else {
                conditions.add(operator("=", operand, bind(w.condition())));
            }
            results.add(bind(w.result()));
        }
        BoundExpr otherwise = c.elseResult() == null ? null : bind(c.elseResult());
        List<SqlType> types = new ArrayList<>();
        for (BoundExpr r : results) {
            types.add(r.type());
        }
        if (otherwise != null) {
            types.add(otherwise.type());
        }
        SqlType t = Conditionals.commonType(types, "CASE");
        List<BoundExpr> cast = new ArrayList<>();
        for (BoundExpr r : results) {
            cast.add(coerce(r, t, CastContext.IMPLICIT, c.position()));
        }
        return new BoundExpr.Case(conditions, cast, otherwise == null ? null
                : coerce(otherwise, t, CastContext.IMPLICIT, c.position()), t);
    }

    private BoundExpr cast(Expr.Cast c) {
        BoundExpr registry = registryCast(c);
        if (registry != null) {
            return registry;
        }
        SqlType to = typeOf(c.type());
        BoundExpr operand = c.operand() instanceof Expr.ArrayConstructor a && to.isArray()
                ? arrays.constructor(a, to) : bind(c.operand());
        return coerce(operand, to, CastContext.EXPLICIT, c.position());
    }

    /**
     * {@code x::regclass}, {@code ::regtype}, {@code ::regnamespace} (ADR 0025): Cutaway has
     * no OID types that print as names, so the cast takes the direction its operand implies,
     * which is what catalog queries mean: a string becomes the named object's OID (bigint,
     * 42P01 when there is none), a number becomes the object's name (text). Null otherwise.
     */
    private BoundExpr registryCast(Expr.Cast c) {
        String kind = switch (c.type().name().toLowerCase(Locale.ROOT)) {
            case "regclass" -> "regclass";
            case "regtype" -> "regtype";
            case "regnamespace" -> "regnamespace";
            case "regproc" -> "regproc";
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        boolean fromString = bind(c.operand()).type().id().category() != 'N';
        return bind(new Expr.FunctionCall(List.of(kind + (fromString ? "in" : "out")),
                List.of(c.operand()), false, false, List.of(), null, null, c.position()));
    }

    static SqlType typeOf(dev.cutaway.sql.ast.TypeName t) {
        try {
            return TypeNames.resolve(t.name(), t.modifiers());
        } catch (SqlException e) {
            throw e.position() == 0 ? e.at(t.position()) : e;
        }
    }

    /** {@code e} converted to {@code to} in {@code context}; constants are converted now. */
    BoundExpr coerce(BoundExpr e, SqlType to, CastContext context, int position) {
        return coerce(e, to, context, position, queries.constantContext());
    }

    static BoundExpr coerce(BoundExpr e, SqlType to, CastContext context, int position,
            dev.cutaway.sql.exec.ExecContext constants) {
        if (e.type().equals(to)) {
            return e;
        }
        Casts.CastFunction f;
        try {
            f = Casts.resolve(e.type(), to, context);
        } catch (SqlException x) {
            throw x.position() == 0 ? x.at(position) : x;
        }
        BoundExpr cast = new BoundExpr.Cast(e, f, to);
        if (e instanceof BoundExpr.Const) {
            try {
                return new BoundExpr.Const(cast.eval(dev.cutaway.sql.exec.Frame.EMPTY, constants),
                        to);
            } catch (SqlException x) {
                throw x.position() == 0 ? x.at(position) : x;
            }
        }
        return cast;
    }

    private BoundExpr call(Expr.FunctionCall f) {
        String name = f.name().getLast().toLowerCase(Locale.ROOT);
        if (f.window() != null) {
            return window(name, f);
        }
        if (AggregateTypes.isAggregate(name)) {
            return aggregate(name, f);
        }
        if (f.distinct() || f.star() || f.filter() != null || !f.orderBy().isEmpty()) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, (f.distinct() ? "DISTINCT" : f.star()
                    ? "*" : f.filter() != null ? "FILTER" : "ORDER BY") + " specified, but "
                    + name + " is not an aggregate function", f.position());
        }
        if (SetFunctions.isSetReturning(name)) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions"
                    + " are not allowed in " + clause, f.position());
        }
        List<BoundExpr> args = new ArrayList<>();
        for (Expr a : f.args()) {
            args.add(bind(a));
        }
        if (ArrayFunctions.handles(name)) {
            BoundExpr b = ArrayFunctions.bind(arrays, this, name, args, f.position());
            if (b != null) {
                return b;
            }
        }
        return switch (name) {
            case "coalesce", "greatest", "least" -> variadic(name, args, f.position());
            case "nullif" -> {
                BoundOperator eq = Operators.resolveBinary("=", args.get(0).type(),
                        args.get(1).type());
                yield new BoundExpr.NullIf(args.get(0), args.get(1), eq);
            }
            case "nextval" -> nextval(args, f.position());
            default -> function(name, args);
        };
    }

    private BoundExpr function(String name, List<BoundExpr> args) {
        List<SqlType> types = new ArrayList<>();
        for (BoundExpr a : args) {
            types.add(a.type());
        }
        var fn = Functions.resolve(name, types);
        BoundExpr call = new BoundExpr.Call(fn, args);
        boolean constant = !fn.isVolatile();
        for (BoundExpr a : args) {
            constant &= a instanceof BoundExpr.Const;
        }
        return constant ? new BoundExpr.Const(call.eval(dev.cutaway.sql.exec.Frame.EMPTY,
                queries.constantContext()), call.type()) : call;
    }

    private BoundExpr variadic(String name, List<BoundExpr> args, int position) {
        List<SqlType> types = new ArrayList<>();
        for (BoundExpr a : args) {
            types.add(a.type());
        }
        SqlType t = Conditionals.commonType(types, name.toUpperCase(Locale.ROOT));
        List<BoundExpr> cast = new ArrayList<>();
        for (BoundExpr a : args) {
            cast.add(coerce(a, t, CastContext.IMPLICIT, position));
        }
        return new BoundExpr.Variadic(name, cast, t);
    }

    private BoundExpr nextval(List<BoundExpr> args, int position) {
        if (args.size() != 1 || !(args.getFirst() instanceof BoundExpr.Const c)
                || !(c.value() instanceof String s)) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "nextval takes a sequence name literal", position);
        }
        Relation r = queries.context().require(List.of(s.split("\\.")), position);
        if (!(r instanceof Relation.Sequence seq)) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + s + "\" is not a sequence",
                    position);
        }
        return new BoundExpr.NextVal(seq, SqlType.BIGINT);
    }

    private BoundExpr aggregate(String name, Expr.FunctionCall f) {
        if (agg == null) {
            throw new SqlException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed"
                    + " in " + clause, f.position());
        }
        ExprBinder below = new ExprBinder(queries, agg.input, null, "aggregate function calls");
        BoundExpr arg = null;
        BoundExpr extra = null;
        if (!f.star()) {
            if (f.args().isEmpty()) {
                throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + name
                        + "() does not exist", f.position());
            }
            arg = below.bind(f.args().getFirst());
            if (arg.type().id() == TypeId.UNKNOWN) {
                arg = below.coerce(arg, SqlType.TEXT, CastContext.IMPLICIT, f.position());
            }
            if (name.equals("string_agg")) {
                extra = below.coerce(below.bind(f.args().get(1)), SqlType.TEXT,
                        CastContext.IMPLICIT, f.position());
                arg = below.coerce(arg, SqlType.TEXT, CastContext.IMPLICIT, f.position());
            }
        }
        BoundExpr filter = f.filter() == null ? null
                : new ExprBinder(queries, agg.input, null, "FILTER").bindCondition(f.filter());
        SqlType result = AggregateTypes.resultType(name, arg == null ? null : arg.type());
        List<BoundExpr> order = new ArrayList<>();
        List<RowOps.SortKey> keys = new ArrayList<>();
        if (!f.star()) {
            bindAggregateOrder(below, f, order, keys);
        }
        int slot = agg.addCall(SqlPrinter.print(f), new Aggregation.Call(name, arg, extra,
                f.distinct(), filter, result, order, keys));
        return new BoundExpr.ColRef(0, slot, result, name);
    }

    /**
     * Binds the ORDER BY inside an aggregate call over the aggregate's input; its sort keys
     * address the buffered rows {@code [value, separator, keys...]} (ADR 0040). With DISTINCT
     * every key must be one of the arguments, as in PostgreSQL.
     */
    private static void bindAggregateOrder(ExprBinder below, Expr.FunctionCall f,
            List<BoundExpr> order, List<RowOps.SortKey> keys) {
        List<String> argText = new ArrayList<>();
        for (Expr a : f.args()) {
            argText.add(SqlPrinter.print(a));
        }
        for (var item : f.orderBy()) {
            if (f.distinct() && !argText.contains(SqlPrinter.print(item.expr()))) {
                throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "in an aggregate with"
                        + " DISTINCT, ORDER BY expressions must appear in argument list",
                        item.expr().position());
            }
            BoundExpr e = below.bind(item.expr());
            if (e.type().id() == TypeId.UNKNOWN) {
                e = below.coerce(e, SqlType.TEXT, CastContext.IMPLICIT, f.position());
            }
            keys.add(QueryBinder.sortKey(item, 2 + order.size(), e.type()));
            order.add(e);
        }
    }

    private BoundExpr window(String name, Expr.FunctionCall f) {
        if (windows == null) {
            throw new SqlException(SqlState.WINDOWING_ERROR, "window functions are not allowed"
                    + " in " + clause, f.position());
        }
        ExprBinder same = new ExprBinder(queries, scope, agg, "window functions");
        dev.cutaway.sql.exec.Window.Call call = WindowBinder.bind(same, name, f);
        int index = windows.add(SqlPrinter.print(f), call);
        return new BoundExpr.ColRef(0, index, call.type(), name);
    }

    private BoundExpr substring(Expr.Substring s) {
        List<BoundExpr> args = new ArrayList<>();
        args.add(bind(s.source()));
        args.add(s.start() == null ? new BoundExpr.Const(1, SqlType.INTEGER) : bind(s.start()));
        if (s.count() != null) {
            args.add(bind(s.count()));
        }
        return function("substring", args);
    }

    private BoundExpr trim(Expr.Trim t) {
        String fn = switch (t.side()) {
            case BOTH -> "btrim";
            case LEADING -> "ltrim";
            case TRAILING -> "rtrim";
        };
        List<BoundExpr> args = new ArrayList<>();
        args.add(bind(t.source()));
        if (t.characters() != null) {
            args.add(bind(t.characters()));
        }
        return function(fn, args);
    }

    private BoundExpr current(Expr.CurrentValue c) {
        return switch (c.kind()) {
            case CURRENT_DATE -> function("current_date", List.of());
            case CURRENT_TIMESTAMP -> function("now", List.of());
            case LOCALTIMESTAMP -> function("localtimestamp", List.of());
            case LOCALTIME, CURRENT_TIME -> function("localtime", List.of());
            case CURRENT_SCHEMA -> new BoundExpr.Const("public", SqlType.TEXT);
            case CURRENT_CATALOG -> new BoundExpr.Const("cutaway", SqlType.TEXT);
            default -> new BoundExpr.Const("cutaway", SqlType.TEXT);
        };
    }
}
