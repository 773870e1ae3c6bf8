package dev.cutaway.sql.engine.prop;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The expression language of the property test, independent of the engine's AST: a small
 * typed tree that prints itself as fully parenthesised SQL. {@link RefEval} evaluates it the
 * way PostgreSQL 15 does; {@link RefGen} generates random trees.
 */
public sealed interface RefExpr {

    /** The SQL types the generator uses, in PostgreSQL's numeric promotion order first. */
    enum T {
        INT4("integer"), INT8("bigint"), NUM("numeric"), FLOAT8("double precision"),
        TEXT("text"), BOOL("boolean");

        final String sql;

        T(String sql) {
            this.sql = sql;
        }

        boolean numeric() {
            return ordinal() <= FLOAT8.ordinal();
        }

        /** PostgreSQL's common type of two numeric types: the later in promotion order. */
        static T promote(T a, T b) {
            return a.ordinal() >= b.ordinal() ? a : b;
        }
    }

    T type();

    String sql();

    /** A constant: {@code value} is null, Integer, Long, BigDecimal, Double, String, Boolean. */
    record Lit(T type, Object value) implements RefExpr {
        @Override
        public String sql() {
            if (value == null) {
                return "CAST(NULL AS " + type.sql + ")";
            }
            return switch (type) {
                case INT4 -> (Integer) value < 0 ? "(" + value + ")" : value.toString();
                case INT8 -> "CAST((" + value + ") AS bigint)";
                case NUM -> {
                    String s = ((BigDecimal) value).toPlainString();
                    yield s.startsWith("-") ? "(" + s + ")" : s.contains(".") ? s
                            : "CAST(" + s + " AS numeric)";
                }
                case FLOAT8 -> "CAST('" + floatText((Double) value) + "' AS double precision)";
                case TEXT -> "'" + ((String) value).replace("'", "''") + "'";
                case BOOL -> value.toString();
            };
        }

        private static String floatText(double d) {
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            return d == 0 && 1 / d < 0 ? "-0" : Double.toString(d);
        }
    }

    /** A column of the test table. */
    record Col(T type, String name) implements RefExpr {
        @Override
        public String sql() {
            return name;
        }
    }

    /** {@code + - * / %} over numeric types (the type is the promoted one). */
    record Arith(String op, RefExpr left, RefExpr right) implements RefExpr {
        @Override
        public T type() {
            return T.promote(left.type(), right.type());
        }

        @Override
        public String sql() {
            return "(" + left.sql() + " " + op + " " + right.sql() + ")";
        }
    }

    record Neg(RefExpr operand) implements RefExpr {
        @Override
        public T type() {
            return operand.type();
        }

        @Override
        public String sql() {
            return "(- " + operand.sql() + ")";
        }
    }

    record Concat(RefExpr left, RefExpr right) implements RefExpr {
        @Override
        public T type() {
            return T.TEXT;
        }

        @Override
        public String sql() {
            return "(" + left.sql() + " || " + right.sql() + ")";
        }
    }

    /** {@code = <> < <= > >=}. */
    record Cmp(String op, RefExpr left, RefExpr right) implements RefExpr {
        @Override
        public T type() {
            return T.BOOL;
        }

        @Override
        public String sql() {
            return "(" + left.sql() + " " + op + " " + right.sql() + ")";
        }
    }

    /** AND (and) or OR. */
    record Logic(boolean and, RefExpr left, RefExpr right) implements RefExpr {
        @Override
        public T type() {
            return T.BOOL;
        }

        @Override
        public String sql() {
            return "(" + left.sql() + (and ? " AND " : " OR ") + right.sql() + ")";
        }
    }

    record Not(RefExpr operand) implements RefExpr {
        @Override
        public T type() {
            return T.BOOL;
        }

        @Override
        public String sql() {
            return "(NOT " + operand.sql() + ")";
        }
    }

    record IsNull(RefExpr operand, boolean not) implements RefExpr {
        @Override
        public T type() {
            return T.BOOL;
        }

        @Override
        public String sql() {
            return "(" + operand.sql() + (not ? " IS NOT NULL)" : " IS NULL)");
        }
    }

    record Distinct(RefExpr left, RefExpr right, boolean not) implements RefExpr {
        @Override
        public T type() {
            return T.BOOL;
        }

        @Override
        public String sql() {
            return "(" + left.sql() + (not ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ")
                    + right.sql() + ")";
        }
    }

    /** Searched CASE; {@code otherwise} may be null. */
    record Case(List<RefExpr> conditions, List<RefExpr> results, RefExpr otherwise, T type)
            implements RefExpr {
        @Override
        public String sql() {
            StringBuilder b = new StringBuilder("CASE");
            for (int i = 0; i < conditions.size(); i++) {
                b.append(" WHEN ").append(conditions.get(i).sql()).append(" THEN ")
                        .append(results.get(i).sql());
            }
            if (otherwise != null) {
                b.append(" ELSE ").append(otherwise.sql());
            }
            return b.append(" END").toString();
        }
    }

    record Coalesce(List<RefExpr> args, T type) implements RefExpr {
        @Override
        public String sql() {
            return "COALESCE(" + args.stream().map(RefExpr::sql)
                    .collect(Collectors.joining(", ")) + ")";
        }
    }

    /**
     * NULLIF; its type is the left operand type of the {@code =} operator chosen, so
     * promoted unless both are integers ({@code NULLIF(1, 2.2)} is numeric, as PostgreSQL
     * documents, but {@code int4 = int8} exists, so {@code NULLIF(1, 2::bigint)} is integer).
     */
    record NullIf(RefExpr left, RefExpr right) implements RefExpr {
        @Override
        public T type() {
            boolean integers = left.type().ordinal() <= T.INT8.ordinal()
                    && right.type().ordinal() <= T.INT8.ordinal();
            return left.type().numeric() && !integers ? T.promote(left.type(), right.type())
                    : left.type();
        }

        @Override
        public String sql() {
            return "NULLIF(" + left.sql() + ", " + right.sql() + ")";
        }
    }

    record In(RefExpr operand, List<RefExpr> list, boolean not) implements RefExpr {
        @Override
        public T type() {
            return T.BOOL;
        }

        @Override
        public String sql() {
            return "(" + operand.sql() + (not ? " NOT IN (" : " IN (") + list.stream()
                    .map(RefExpr::sql).collect(Collectors.joining(", ")) + "))";
        }
    }

    record Between(RefExpr operand, RefExpr low, RefExpr high, boolean not)
            implements RefExpr {
        @Override
        public T type() {
            return T.BOOL;
        }

        @Override
        public String sql() {
            return "(" + operand.sql() + (not ? " NOT BETWEEN " : " BETWEEN ") + low.sql()
                    + " AND " + high.sql() + ")";
        }
    }

    record Cast(RefExpr operand, T type) implements RefExpr {
        @Override
        public String sql() {
            return "CAST(" + operand.sql() + " AS " + type.sql + ")";
        }
    }
}
