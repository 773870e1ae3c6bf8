package dev.cutaway.txn.hermitage;

import dev.cutaway.txn.Isolation;
import java.util.List;

/**
 * The statements of the Hermitage scripts, over the one table {@code test (id int primary
 * key, value int)}, as {@link MiniSqlParser} reads them for the transaction-layer sessions
 * ({@link TxnSession}). Not SQL: exactly what the cases and their setup use.
 */
sealed interface MiniStatement {
    record Begin() implements MiniStatement {}

    record Commit() implements MiniStatement {}

    record Rollback() implements MiniStatement {}

    record SetIsolation(Isolation level) implements MiniStatement {}

    record DropTable(boolean ifExists) implements MiniStatement {}

    record CreateTable() implements MiniStatement {}

    record Insert(List<TestRow> rows) implements MiniStatement {
        public Insert {
            rows = List.copyOf(rows);
        }
    }

    record Select(RowFilter filter) implements MiniStatement {}

    record Update(Assignment set, RowFilter filter) implements MiniStatement {}

    record Delete(RowFilter filter) implements MiniStatement {}

    /** One row of {@code test}. */
    record TestRow(long id, long value) {
        List<Object> asList() {
            return List.of(id, value);
        }
    }

    /** A WHERE clause (or its absence). */
    sealed interface RowFilter {
        boolean matches(long id, long value);
    }

    /** No WHERE clause. */
    record All() implements RowFilter {
        @Override
        public boolean matches(long id, long value) {
            return true;
        }
    }

    /** {@code id = n} (one id) or {@code id in (…)}: point reads of primary keys. */
    record IdIn(List<Long> ids) implements RowFilter {
        public IdIn {
            ids = List.copyOf(ids);
        }

        @Override
        public boolean matches(long id, long value) {
            return ids.contains(id);
        }
    }

    /** {@code value = n}. */
    record ValueEquals(long wanted) implements RowFilter {
        @Override
        public boolean matches(long id, long value) {
            return value == wanted;
        }
    }

    /** {@code value % divisor = remainder} (SQL's %: the sign follows the dividend, as Java's). */
    record ValueModulo(long divisor, long remainder) implements RowFilter {
        @Override
        public boolean matches(long id, long value) {
            return value % divisor == remainder;
        }
    }

    /** The SET clause of an UPDATE of column {@code value}. */
    sealed interface Assignment {
        long apply(long value);
    }

    /** {@code set value = n}. */
    record SetTo(long constant) implements Assignment {
        @Override
        public long apply(long value) {
            return constant;
        }
    }

    /** {@code set value = value + n}. */
    record AddTo(long addend) implements Assignment {
        @Override
        public long apply(long value) {
            return Math.addExact(value, addend);
        }
    }
}
