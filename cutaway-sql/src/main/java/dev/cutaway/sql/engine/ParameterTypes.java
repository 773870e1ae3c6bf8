package dev.cutaway.sql.engine;

import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.parse.Lexer;
import dev.cutaway.sql.parse.Token;
import dev.cutaway.sql.parse.TokenKind;
import dev.cutaway.sql.types.BoundOperator;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Infers the types of a statement's parameters {@code $n} from their use in a plan bound with
 * untyped parameters, as PostgreSQL does at Parse: an untyped {@code $n} takes the type of
 * the operator or function parameter it is passed to, of the cast applied to it, or of the
 * column it is assigned to (an assignment cast). The first use found wins; a parameter with
 * no typing use stays UNKNOWN (reported as text, read like an untyped literal).
 *
 * <p>The walk goes through the plan's records (operators of {@code dev.cutaway.sql.exec} and
 * their bound expressions) generically by their components, so new operators need no change
 * here; it only reads immutable records, which cannot form cycles.
 */
final class ParameterTypes {
    private static final String EXEC_PACKAGE = "dev.cutaway.sql.exec";

    private ParameterTypes() {}

    /** The highest {@code $n} written in {@code sql}, 0 when there is none. */
    static int count(String sql) {
        int max = 0;
        for (Token t : Lexer.tokenize(sql)) {
            if (t.kind() == TokenKind.PARAM) {
                try {
                    max = Math.max(max, Integer.parseInt(t.value()));
                } catch (NumberFormatException e) {
                    // the parser reports a malformed parameter with its SQLSTATE
                }
            }
        }
        return max;
    }

    /** Notes, into {@code types}, the parameter types the uses in {@code node} imply. */
    static void infer(Object node, Map<Integer, SqlType> types) {
        switch (node) {
            case null -> { }
            case BoundExpr.Binary b -> {
                note(b.left(), b.op().leftType(), types);
                note(b.right(), b.op().rightType(), types);
            }
            case BoundExpr.Unary u -> note(u.operand(), u.op().rightType(), types);
            case BoundExpr.Cast c -> note(c.operand(), c.type(), types);
            case BoundExpr.Call c -> {
                List<SqlType> params = c.function().parameterTypes();
                for (int i = 0; i < c.args().size() && i < params.size(); i++) {
                    note(c.args().get(i), params.get(i), types);
                }
            }
            case BoundExpr.InList l -> {
                for (int i = 0; i < l.items().size(); i++) {
                    BoundOperator eq = l.equals().get(i);
                    note(l.operand(), eq.leftType(), types);
                    note(l.items().get(i), eq.rightType(), types);
                }
            }
            case BoundExpr.Between b -> {
                note(b.operand(), b.geLow().leftType(), types);
                note(b.low(), b.geLow().rightType(), types);
                note(b.high(), b.leHigh().rightType(), types);
            }
            case BoundExpr.NullIf n -> {
                note(n.left(), n.equals().leftType(), types);
                note(n.right(), n.equals().rightType(), types);
            }
            case BoundExpr.Like l -> {
                note(l.operand(), SqlType.TEXT, types);
                note(l.pattern(), SqlType.TEXT, types);
            }
            default -> { }
        }
        children(node, types);
    }

    private static void children(Object node, Map<Integer, SqlType> types) {
        if (node instanceof Collection<?> c) {
            for (Object o : c) {
                infer(o, types);
            }
            return;
        }
        if (!(node instanceof Record r)
                || !r.getClass().getPackageName().equals(EXEC_PACKAGE)) {
            return;
        }
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            try {
                var accessor = rc.getAccessor();
                accessor.setAccessible(true);
                infer(accessor.invoke(r), types);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read plan component " + rc, e);
            }
        }
    }

    private static void note(BoundExpr e, SqlType type, Map<Integer, SqlType> types) {
        if (e instanceof BoundExpr.Param p && p.type().id() == TypeId.UNKNOWN && type != null
                && type.id() != TypeId.UNKNOWN) {
            types.putIfAbsent(p.index(), type);
        }
    }
}
