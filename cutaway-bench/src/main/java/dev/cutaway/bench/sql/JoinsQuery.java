package dev.cutaway.bench.sql;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The queries of {@code bench sql --workload joins}, adapted from TPC-H to the integer schema
 * of {@link JoinsData} (money in cents, percentages, days since 1992-01-01) and to SQL that
 * Cutaway, H2 and SQLite all accept: comma joins with the join conditions in WHERE, CASE,
 * LIKE, IN lists, BETWEEN, GROUP BY, ORDER BY ... LIMIT. No AVG (engines differ in its result
 * type) and no division, so every engine's answer is exact and comparable.
 *
 * <p>Invariant: every ORDER BY ... LIMIT orders by a unique key last, so the rows a query
 * returns are the same on every engine ({@link Answer} is then order-insensitive).
 */
enum JoinsQuery {
    /** Pricing summary: one scan of nearly all lineitems, 4 groups. */
    Q1("SELECT l_returnflag, l_linestatus, SUM(l_quantity), SUM(l_extendedprice),"
            + " SUM(l_extendedprice * (100 - l_discount)),"
            + " SUM(l_extendedprice * (100 - l_discount) * (100 + l_tax)), COUNT(*)"
            + " FROM lineitem WHERE l_shipdate <= 2436"
            + " GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus"),
    /** Shipping priority: customer-orders-lineitem, top 10 unshipped orders by revenue. */
    Q3("SELECT l_orderkey, SUM(l_extendedprice * (100 - l_discount)) AS revenue,"
            + " o_orderdate, o_shippriority FROM customer, orders, lineitem"
            + " WHERE c_mktsegment = 'BUILDING' AND c_custkey = o_custkey"
            + " AND l_orderkey = o_orderkey AND o_orderdate < 1169 AND l_shipdate > 1169"
            + " GROUP BY l_orderkey, o_orderdate, o_shippriority"
            + " ORDER BY revenue DESC, o_orderdate, l_orderkey LIMIT 10"),
    /** Local supplier volume: a six-table join, customer and supplier in the same nation. */
    Q5("SELECT n_name, SUM(l_extendedprice * (100 - l_discount)) AS revenue"
            + " FROM customer, orders, lineitem, supplier, nation, region"
            + " WHERE c_custkey = o_custkey AND l_orderkey = o_orderkey"
            + " AND l_suppkey = s_suppkey AND c_nationkey = s_nationkey"
            + " AND s_nationkey = n_nationkey AND n_regionkey = r_regionkey"
            + " AND r_name = 'ASIA' AND o_orderdate >= 731 AND o_orderdate < 1096"
            + " GROUP BY n_name ORDER BY revenue DESC, n_name"),
    /** Forecasting revenue change: a selective scan of lineitem, one aggregate. */
    Q6("SELECT SUM(l_extendedprice * l_discount), COUNT(*) FROM lineitem"
            + " WHERE l_shipdate >= 731 AND l_shipdate < 1096"
            + " AND l_discount BETWEEN 5 AND 7 AND l_quantity < 24"),
    /** Returned items: customer-orders-lineitem-nation, top 20 customers by lost revenue. */
    Q10("SELECT c_custkey, c_name, SUM(l_extendedprice * (100 - l_discount)) AS revenue,"
            + " c_acctbal, n_name FROM customer, orders, lineitem, nation"
            + " WHERE c_custkey = o_custkey AND l_orderkey = o_orderkey"
            + " AND o_orderdate >= 639 AND o_orderdate < 731 AND l_returnflag = 'R'"
            + " AND c_nationkey = n_nationkey"
            + " GROUP BY c_custkey, c_name, c_acctbal, n_name"
            + " ORDER BY revenue DESC, c_custkey LIMIT 20"),
    /** Shipping modes and order priority: orders-lineitem with CASE sums. */
    Q12("SELECT l_shipmode,"
            + " SUM(CASE WHEN o_orderpriority = '1-URGENT' OR o_orderpriority = '2-HIGH'"
            + " THEN 1 ELSE 0 END) AS high_lines,"
            + " SUM(CASE WHEN o_orderpriority <> '1-URGENT' AND o_orderpriority <> '2-HIGH'"
            + " THEN 1 ELSE 0 END) AS low_lines"
            + " FROM orders, lineitem WHERE o_orderkey = l_orderkey"
            + " AND l_shipmode IN ('MAIL', 'SHIP') AND l_commitdate < l_receiptdate"
            + " AND l_shipdate < l_commitdate AND l_receiptdate >= 731"
            + " AND l_receiptdate < 1096 GROUP BY l_shipmode ORDER BY l_shipmode"),
    /** Promotion effect: lineitem-part for one month (both sums; the ratio is theirs). */
    Q14("SELECT SUM(CASE WHEN p_type LIKE 'PROMO%'"
            + " THEN l_extendedprice * (100 - l_discount) ELSE 0 END),"
            + " SUM(l_extendedprice * (100 - l_discount)) FROM lineitem, part"
            + " WHERE l_partkey = p_partkey AND l_shipdate >= 1339 AND l_shipdate < 1369"),
    /** Discounted revenue: lineitem-part under a disjunction of three conjunctions. */
    Q19("SELECT SUM(l_extendedprice * (100 - l_discount)), COUNT(*) FROM lineitem, part"
            + " WHERE p_partkey = l_partkey AND l_shipmode IN ('AIR', 'REG AIR')"
            + " AND l_shipinstruct = 'DELIVER IN PERSON' AND ("
            + "(p_brand = 'Brand#12' AND p_container IN ('SM CASE', 'SM BOX', 'SM PACK',"
            + " 'SM PKG') AND l_quantity BETWEEN 1 AND 11 AND p_size BETWEEN 1 AND 5)"
            + " OR (p_brand = 'Brand#23' AND p_container IN ('MED BAG', 'MED BOX', 'MED PKG',"
            + " 'MED PACK') AND l_quantity BETWEEN 10 AND 20 AND p_size BETWEEN 1 AND 10)"
            + " OR (p_brand = 'Brand#34' AND p_container IN ('LG CASE', 'LG BOX', 'LG PACK',"
            + " 'LG PKG') AND l_quantity BETWEEN 20 AND 30 AND p_size BETWEEN 1 AND 15))");

    private final String sql;

    JoinsQuery(String sql) {
        this.sql = sql;
    }

    String sql() {
        return sql;
    }

    /** The workload token of the bench lines, {@code joins_q3}. */
    String label() {
        return "joins_" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * What a query returned, in a form every engine agrees on: the row count and the sum of
     * a 64-bit FNV-1a hash of each row's normalized text (numbers without trailing zeros, so
     * H2's NUMERIC 12.00 and SQLite's integer 12 are the same value).
     */
    record Answer(long rows, long checksum) {
        @Override
        public String toString() {
            return "rows=" + rows + " checksum=" + Long.toHexString(checksum);
        }
    }

    /** Runs the query once, reads every row and returns its {@link Answer}. */
    Answer run(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            long rows = 0;
            long checksum = 0;
            StringBuilder row = new StringBuilder(128);
            while (rs.next()) {
                row.setLength(0);
                for (int i = 1; i <= columns; i++) {
                    row.append(normalized(rs.getObject(i))).append('|');
                }
                checksum += fnv1a(row);
                rows++;
            }
            return new Answer(rows, checksum);
        }
    }

    static String normalized(Object value) {
        return switch (value) {
            case null -> "null";
            case Number n -> {
                BigDecimal d = new BigDecimal(n.toString()).stripTrailingZeros();
                yield d.signum() == 0 ? "0" : d.toPlainString();
            }
            default -> value.toString();
        };
    }

    private static long fnv1a(CharSequence text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
