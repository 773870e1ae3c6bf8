package dev.cutaway.sql.engine.prop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.engine.Session;
import dev.cutaway.sql.types.ValueText;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Engine bugs {@link ExpressionPropertyTest} found, one case each, with the result (type and
 * text) or SQLSTATE PostgreSQL 15 gives (checked with psql).
 */
class ExpressionRegressionTest {
    private Database db;
    private Session s;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        db.close();
    }

    /** {@code type value} of the single value {@code sql} returns, or {@code ERROR state}. */
    private String eval(String sql) {
        try {
            Result r = s.executeOne(sql);
            Object v = r.rows().getFirst()[0];
            return r.columnTypes().getFirst().displayName() + " " + (v == null ? "NULL"
                    : ValueText.format(v, r.columnTypes().getFirst(), ZoneOffset.UTC));
        } catch (SqlException e) {
            return "ERROR " + e.sqlState();
        }
    }

    @Test
    void aMinusBeforeANumericLiteralKeepsItsTypeAndValue() {
        // was: the folded literal was re-read as an integer (-0.5 became 0)
        assertThat(eval("SELECT -0.5")).isEqualTo("numeric -0.5");
        assertThat(eval("SELECT (-0.001) - CAST(0 AS numeric)")).isEqualTo("numeric -0.001");
        assertThat(eval("SELECT -1.50")).isEqualTo("numeric -1.50");
        // was: bigint; PostgreSQL folds the minus first, and -2147483648 fits an integer
        assertThat(eval("SELECT -2147483648")).isEqualTo("integer -2147483648");
        assertThat(eval("SELECT -(2147483648)")).isEqualTo("integer -2147483648");
        assertThat(eval("SELECT -2147483649")).isEqualTo("bigint -2147483649");
        assertThat(eval("SELECT -9223372036854775808"))
                .isEqualTo("bigint -9223372036854775808");
        assertThat(eval("SELECT -9223372036854775809"))
                .isEqualTo("numeric -9223372036854775809");
    }

    @Test
    void nanDividedByZeroIsNan() {
        // was: 22012; PostgreSQL checks the divisor only when the dividend is not NaN
        assertThat(eval("SELECT CAST('NaN' AS double precision) / 0")).isEqualTo(
                "double precision NaN");
        assertThat(eval("SELECT CAST('NaN' AS real) / CAST(0 AS real)")).isEqualTo("real NaN");
        assertThat(eval("SELECT CAST(1 AS double precision) / 0")).isEqualTo("ERROR 22012");
    }
}
