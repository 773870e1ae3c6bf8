package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.SortItem;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.ast.TypeName;
import dev.cutaway.sql.ast.WindowSpec;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Renders an AST back to SQL text, on one line, in a canonical form: keywords upper case,
 * identifiers quoted only when they must be, and every operator expression in parentheses (as
 * PostgreSQL's view deparser does), so the text shows the tree's shape and never depends on
 * precedence. Views are stored as this text in the catalog.
 *
 * <p>Invariant (checked by property tests): for every tree the parser can produce,
 * {@code print(parse(print(t)))} equals {@code print(t)}, and parsing the printed text gives
 * a tree equal to {@code t} apart from positions.
 */
public final class SqlPrinter {
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** Calls the parser reads as calls although their names are keywords. */
    private static final Set<String> KEYWORD_CALLS = Set.of("coalesce", "nullif", "greatest",
            "least", "substring");

    /** Internal type names that are also keywords, printed bare. */
    private static final Set<String> TYPE_KEYWORDS = Set.of("varchar", "numeric", "time",
            "timestamp", "interval", "bit");

    private final StringBuilder out = new StringBuilder();

    private SqlPrinter() {}

    /** A statement as SQL text (no trailing semicolon). */
    public static String print(Statement statement) {
        SqlPrinter p = new SqlPrinter();
        new StatementPrinter(p).statement(statement);
        return p.out.toString();
    }

    /** An expression as SQL text. */
    public static String print(Expr expr) {
        SqlPrinter p = new SqlPrinter();
        p.expr(expr);
        return p.out.toString();
    }

    /** A type name in a spelling the parser reads back to the same name and modifiers. */
    public static String print(TypeName type) {
        SqlPrinter p = new SqlPrinter();
        p.type(type);
        return p.out.toString();
    }

    /** An identifier, in double quotes when it is not a plain lower-case non-keyword word. */
    public static String identifier(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches() && !Keywords.needsQuoting(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * A string constant: single quotes, embedded quotes doubled; a string with control
     * characters is written as an E'' string with backslash escapes, so output stays on one line.
     */
    public static String stringLiteral(String value) {
        boolean control = value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (!control) {
            return "'" + value.replace("'", "''") + "'";
        }
        StringBuilder out = new StringBuilder("E'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("''");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    /** A function name: keywords that may name functions (left, right...) stay bare. */
    private static String functionName(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches() && (Keywords.isFunctionName(name)
                || Keywords.TYPE_FUNCTION_NAME.contains(name))) {
            return name;
        }
        return identifier(name);
    }

    void trimTrailingSpace() {
        if (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }

    SqlPrinter append(String s) {
        out.append(s);
        return this;
    }

    void name(List<String> parts) {
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(identifier(parts.get(i)));
        }
    }

    void names(List<String> names) {
        list(names, n -> out.append(identifier(n)));
    }

    <T> void list(List<T> items, Consumer<T> each) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            each.accept(items.get(i));
        }
    }

    void exprs(List<Expr> items) {
        list(items, this::expr);
    }

    void expr(Expr e) {
        switch (e) {
            case Expr.Literal l -> literal(l);
            case Expr.ColumnRef c -> name(c.names());
            case Expr.Star s -> {
                if (!s.qualifier().isEmpty()) {
                    name(s.qualifier());
                    out.append('.');
                }
                out.append('*');
            }
            case Expr.Parameter p -> out.append('$').append(p.index());
            case Expr.DefaultValue d -> out.append("DEFAULT");
            case Expr.Unary u -> {
                out.append(switch (u.op()) {
                    case NOT -> "(NOT ";
                    case MINUS -> "(- ";
                    case PLUS -> "(+ ";
                    case BIT_NOT -> "(~ ";
                });
                expr(u.operand());
                out.append(')');
            }
            case Expr.Binary b -> {
                out.append('(');
                expr(b.left());
                out.append(' ').append(b.op().symbol()).append(' ');
                expr(b.right());
                out.append(')');
            }
            case Expr.Cast c -> cast(c);
            case Expr.FunctionCall f -> call(f);
            default -> predicate(e);
        }
    }

    private void literal(Expr.Literal l) {
        switch (l.kind()) {
            case INTEGER, NUMERIC -> out.append(l.value());
            case STRING -> out.append(stringLiteral(l.value()));
            case BOOLEAN, NULL -> out.append(l.value().toUpperCase(Locale.ROOT));
        }
    }

    /** Predicates and the remaining forms (kept apart to keep methods short). */
    private void predicate(Expr e) {
        switch (e) {
            case Expr.IsNull n -> {
                out.append('(');
                expr(n.operand());
                out.append(n.negated() ? " IS NOT NULL)" : " IS NULL)");
            }
            case Expr.IsTruth t -> {
                out.append('(');
                expr(t.operand());
                out.append(t.negated() ? " IS NOT " : " IS ").append(t.value()).append(')');
            }
            case Expr.IsDistinctFrom d -> {
                out.append('(');
                expr(d.left());
                out.append(d.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
                expr(d.right());
                out.append(')');
            }
            case Expr.Between b -> between(b);
            case Expr.InList in -> {
                out.append('(');
                expr(in.operand());
                out.append(in.negated() ? " NOT IN (" : " IN (");
                exprs(in.items());
                out.append("))");
            }
            case Expr.InSubquery in -> {
                out.append('(');
                expr(in.operand());
                out.append(in.negated() ? " NOT IN (" : " IN (");
                query(in.query());
                out.append("))");
            }
            case Expr.Like l -> like(l);
            case Expr.QuantifiedArray q -> {
                out.append('(');
                expr(q.left());
                out.append(' ').append(q.op().symbol()).append(' ').append(q.quantifier())
                        .append(" (");
                expr(q.array());
                out.append("))");
            }
            case Expr.Quantified q -> {
                out.append('(');
                expr(q.left());
                out.append(' ').append(q.op().symbol()).append(' ').append(q.quantifier())
                        .append(" (");
                query(q.query());
                out.append("))");
            }
            default -> other(e);
        }
    }

    private void other(Expr e) {
        switch (e) {
            case Expr.Exists x -> {
                out.append("EXISTS (");
                query(x.query());
                out.append(')');
            }
            case Expr.ScalarSubquery s -> {
                out.append('(');
                query(s.query());
                out.append(')');
            }
            case Expr.Case c -> caseExpr(c);
            case Expr.Row r -> {
                out.append(r.explicitRow() ? "ROW(" : "(");
                exprs(r.items());
                out.append(')');
            }
            case Expr.CurrentValue c -> out.append(c.kind());
            case Expr.ArrayConstructor a -> {
                out.append("ARRAY[");
                exprs(a.items());
                out.append(']');
            }
            case Expr.ArraySubquery a -> {
                out.append("ARRAY(");
                query(a.query());
                out.append(')');
            }
            case Expr.Subscript s -> subscript(s);
            case Expr.FieldSelection f -> {
                out.append('(');
                expr(f.base());
                out.append(").").append(identifier(f.field()));
            }
            case Expr.AtTimeZone a -> {
                out.append('(');
                expr(a.value());
                out.append(" AT TIME ZONE ");
                expr(a.zone());
                out.append(')');
            }
            case Expr.Collate c -> {
                out.append('(');
                expr(c.operand());
                out.append(" COLLATE ");
                name(c.collation());
                out.append(')');
            }
            default -> new SpecialFormPrinter(this).print(e);
        }
    }

    private void subscript(Expr.Subscript s) {
        boolean bare = s.base() instanceof Expr.ColumnRef || s.base() instanceof Expr.Parameter
                || s.base() instanceof Expr.Subscript;
        out.append(bare ? "" : "(");
        expr(s.base());
        out.append(bare ? "[" : ")[");
        if (s.index() != null) {
            expr(s.index());
        }
        if (s.slice()) {
            out.append(':');
            if (s.upper() != null) {
                expr(s.upper());
            }
        }
        out.append(']');
    }

    private void between(Expr.Between b) {
        out.append('(');
        expr(b.operand());
        out.append(b.negated() ? " NOT BETWEEN " : " BETWEEN ");
        if (b.symmetric()) {
            out.append("SYMMETRIC ");
        }
        expr(b.low());
        out.append(" AND ");
        expr(b.high());
        out.append(')');
    }

    private void like(Expr.Like l) {
        out.append('(');
        expr(l.operand());
        out.append(l.negated() ? " NOT" : "").append(l.caseInsensitive() ? " ILIKE " : " LIKE ");
        expr(l.pattern());
        if (l.escape() != null) {
            out.append(" ESCAPE ");
            expr(l.escape());
        }
        out.append(')');
    }

    private void caseExpr(Expr.Case c) {
        out.append("CASE");
        if (c.operand() != null) {
            out.append(' ');
            expr(c.operand());
        }
        for (Expr.When w : c.whens()) {
            out.append(" WHEN ");
            expr(w.condition());
            out.append(" THEN ");
            expr(w.result());
        }
        if (c.elseResult() != null) {
            out.append(" ELSE ");
            expr(c.elseResult());
        }
        out.append(" END");
    }

    private void cast(Expr.Cast c) {
        switch (c.syntax()) {
            case CAST -> {
                out.append("CAST(");
                expr(c.operand());
                out.append(" AS ");
                type(c.type());
                out.append(')');
            }
            case DOUBLE_COLON -> {
                expr(c.operand());
                out.append("::");
                type(c.type());
            }
            case TYPED_LITERAL -> {
                if (c.type().name().startsWith("_")) {
                    out.append(identifier(c.type().name()));
                } else {
                    type(c.type());
                }
                out.append(' ');
                expr(c.operand());
            }
        }
    }

    private void call(Expr.FunctionCall f) {
        if (f.name().size() == 1 && (KEYWORD_CALLS.contains(f.name().get(0)))) {
            out.append(f.name().get(0));
        } else if (f.name().size() == 1) {
            out.append(functionName(f.name().get(0)));
        } else {
            name(f.name());
        }
        out.append('(');
        if (f.star()) {
            out.append('*');
        } else {
            if (f.distinct()) {
                out.append("DISTINCT ");
            }
            exprs(f.args());
            if (!f.orderBy().isEmpty()) {
                out.append(" ORDER BY ");
                sortItems(f.orderBy());
            }
        }
        out.append(')');
        if (f.filter() != null) {
            out.append(" FILTER (WHERE ");
            expr(f.filter());
            out.append(')');
        }
        if (f.window() != null) {
            out.append(" OVER ");
            window(f.window());
        }
    }

    void window(WindowSpec w) {
        if (w.partitionBy().isEmpty() && w.orderBy().isEmpty() && w.frame() == null
                && w.name() != null) {
            out.append(identifier(w.name()));
            return;
        }
        windowDefinition(w);
    }

    /** A window in parentheses, as after OVER or in a WINDOW clause. */
    void windowDefinition(WindowSpec w) {
        out.append('(');
        String sep = "";
        if (w.name() != null) {
            out.append(identifier(w.name()));
            sep = " ";
        }
        if (!w.partitionBy().isEmpty()) {
            out.append(sep).append("PARTITION BY ");
            exprs(w.partitionBy());
            sep = " ";
        }
        if (!w.orderBy().isEmpty()) {
            out.append(sep).append("ORDER BY ");
            sortItems(w.orderBy());
            sep = " ";
        }
        if (w.frame() != null) {
            out.append(sep).append(w.frame().unit()).append(' ');
            if (w.frame().end() != null) {
                out.append("BETWEEN ");
                bound(w.frame().start());
                out.append(" AND ");
                bound(w.frame().end());
            } else {
                bound(w.frame().start());
            }
        }
        out.append(')');
    }

    private void bound(WindowSpec.Bound b) {
        switch (b.kind()) {
            case UNBOUNDED_PRECEDING -> out.append("UNBOUNDED PRECEDING");
            case UNBOUNDED_FOLLOWING -> out.append("UNBOUNDED FOLLOWING");
            case CURRENT_ROW -> out.append("CURRENT ROW");
            case PRECEDING, FOLLOWING -> {
                expr(b.offset());
                out.append(' ').append(b.kind());
            }
        }
    }

    void sortItems(List<SortItem> items) {
        list(items, s -> {
            expr(s.expr());
            if (s.direction() != SortItem.Direction.DEFAULT) {
                out.append(' ').append(s.direction());
            }
            if (s.nulls() != SortItem.Nulls.DEFAULT) {
                out.append(" NULLS ").append(s.nulls());
            }
        });
    }

    void type(TypeName t) {
        if (t.name().length() > 1 && t.name().startsWith("_") && !t.name().contains(".")) {
            type(new TypeName(t.name().substring(1), t.modifiers(), t.position()));
            out.append("[]");
            return;
        }
        String mods = "";
        if (!t.modifiers().isEmpty()) {
            StringBuilder m = new StringBuilder("(");
            for (int i = 0; i < t.modifiers().size(); i++) {
                m.append(i > 0 ? ", " : "").append(t.modifiers().get(i));
            }
            mods = m.append(')').toString();
        }
        switch (t.name()) {
            case "bpchar" -> out.append(mods.isEmpty() ? "bpchar" : "char" + mods);
            case "varbit" -> out.append("bit varying").append(mods);
            case "timetz" -> out.append("time").append(mods).append(" with time zone");
            case "timestamptz" -> out.append(mods.isEmpty() ? "timestamptz"
                    : "timestamp" + mods + " with time zone");
            default -> {
                if (t.name().contains(".") || isTypeKeyword(t.name())) {
                    out.append(t.name());
                } else {
                    out.append(identifier(t.name()));
                }
                out.append(mods);
            }
        }
    }

    private static boolean isTypeKeyword(String name) {
        return TYPE_KEYWORDS.contains(name);
    }

    void query(Query q) {
        new StatementPrinter(this).query(q);
    }
}
