package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How good the row estimates are (issue 6, ADR 0018): a generated four-table schema with
 * uniform and skewed columns and foreign-key-like joins, ANALYZE, then twenty-two queries
 * (filters, 2- to 4-way joins, GROUP BY); for every executed plan node the q-error
 * {@code max(est/act, act/est)} of its estimated rows per loop against the actual rows per
 * loop of EXPLAIN (ANALYZE, FORMAT JSON), both floored at 1. The median, the 90th percentile
 * and the maximum must stay under bounds chosen from measurement with headroom; the bounds
 * and the measured distribution are in docs/query-plans.md ("Estimation quality"). Prints its
 * seed and the distribution; rerun one with {@code -Dcutaway.seed=N}.
 */
@Timeout(60)
class EstimationQualityTest {
    /** Documented in docs/query-plans.md; measured values are printed by the test. */
    static final double MEDIAN_MAX = 1.5;
    static final double P90_MAX = 2.5;
    static final double MAX = 10;
    /** Upper ends of the printed histogram's buckets. */
    private static final double[] BUCKETS = {1.1, 1.5, 2, 3, 5, 10, Double.MAX_VALUE};

    private static final Pattern ROWS = Pattern.compile(
            "\"Plan Rows\": (\\d+),.*?\"Actual Rows\": (\\d+),\\s*\"Actual Loops\": (\\d+)",
            Pattern.DOTALL);
    private static final Pattern NODE = Pattern.compile("\"Node Type\": \"([^\"]*)\"");

    static final List<String> QUERIES = List.of(
            "SELECT * FROM orders WHERE status = 'lost'",
            "SELECT * FROM orders WHERE qty = 1",
            "SELECT * FROM orders WHERE qty >= 8",
            "SELECT * FROM orders WHERE day BETWEEN 100 AND 130 AND status = 'open'",
            "SELECT * FROM orders WHERE customer_id = 1",
            "SELECT * FROM orders WHERE customer_id = 2999",
            "SELECT * FROM customer WHERE segment = 's0' AND age < 30",
            "SELECT * FROM customer WHERE tier = 'gold' AND age >= 60",
            "SELECT * FROM customer WHERE age BETWEEN 20 AND 25 OR segment = 's5'",
            "SELECT * FROM product WHERE category IN ('c0', 'c1', 'c2') AND price > 500",
            "SELECT * FROM product WHERE category LIKE 'c1%'",
            "SELECT status, count(*) FROM orders GROUP BY status",
            "SELECT region_id, segment, count(*) FROM customer GROUP BY region_id, segment",
            "SELECT customer_id, status, count(*) FROM orders GROUP BY customer_id, status",
            "SELECT o.id FROM orders o JOIN product p ON p.id = o.product_id"
                    + " WHERE p.category = 'c0' AND o.qty > 2",
            "SELECT c.id FROM customer c JOIN region r ON r.id = c.region_id WHERE r.name = 'r3'",
            "SELECT a.id, b.id FROM product a JOIN product b ON b.category = a.category",
            "SELECT o.id FROM orders o JOIN customer c ON c.id = o.customer_id"
                    + " JOIN product p ON p.id = o.product_id WHERE c.segment = 's1'",
            "SELECT o.id FROM orders o JOIN customer c ON c.id = o.customer_id"
                    + " JOIN region r ON r.id = c.region_id JOIN product p ON p.id = o.product_id"
                    + " WHERE p.price < 100 AND c.tier = 'gold'",
            "SELECT r.name, count(*) FROM orders o JOIN customer c ON c.id = o.customer_id"
                    + " JOIN region r ON r.id = c.region_id GROUP BY r.name",
            "SELECT p.category, sum(o.qty) FROM orders o JOIN product p ON p.id = o.product_id"
                    + " GROUP BY p.category",
            "SELECT count(*) FROM orders o JOIN customer c ON c.id = o.customer_id"
                    + " WHERE o.status = 'open' AND c.age > 60");

    /** One executed plan node: its query, type, estimated and actual rows per loop. */
    record NodeError(String query, String node, long estimated, long actual) {
        double qError() {
            double e = Math.max(1, estimated);
            double a = Math.max(1, actual);
            return Math.max(e / a, a / e);
        }
    }

    private static long seed() {
        long seed = Long.getLong("cutaway.seed", new SplittableRandom().nextLong());
        System.out.println("EstimationQualityTest seed " + seed);
        return seed;
    }

    @Test
    void qErrorsOfRowEstimatesStayUnderTheDocumentedBounds() throws Exception {
        DatabaseOptions d = DatabaseOptions.defaults().withSynchronousCommit(false)
                .withBackgroundThreads(0);
        DatabaseOptions seeded = new DatabaseOptions(d.node(), d.txn(), d.defaultIsolation(),
                d.rowsInMemoryMax(), seed(), d.backgroundThreads(), d.gcIntervalMillis());
        try (Database db = Database.inMemory(seeded); Session s = db.newSession()) {
            load(s);
            s.execute("ANALYZE");
            List<NodeError> nodes = new ArrayList<>();
            for (String q : QUERIES) {
                nodes.addAll(nodes(q, Rows.text(s.executeOne(
                        "EXPLAIN (ANALYZE, TIMING off, FORMAT JSON) " + q))));
            }
            List<Double> errors = nodes.stream().map(NodeError::qError).sorted().toList();
            double median = percentile(errors, 0.5);
            double p90 = percentile(errors, 0.9);
            double max = errors.getLast();
            System.out.printf(Locale.ROOT, "EstimationQualityTest: %d nodes of %d queries;"
                    + " q-error median %.2f, p75 %.2f, p90 %.2f, p95 %.2f, max %.2f%n",
                    errors.size(), QUERIES.size(), median, percentile(errors, 0.75), p90,
                    percentile(errors, 0.95), max);
            System.out.println("  histogram " + histogram(errors));
            nodes.stream().filter(n -> n.qError() >= 2).forEach(n -> System.out.printf(
                    Locale.ROOT, "  q=%.1f est=%d act=%d %s | %s%n", n.qError(), n.estimated(),
                    n.actual(), n.node(), n.query()));
            assertThat(nodes).hasSizeGreaterThan(3 * QUERIES.size());
            assertThat(median).as("median q-error").isLessThanOrEqualTo(MEDIAN_MAX);
            assertThat(p90).as("90th percentile q-error").isLessThanOrEqualTo(P90_MAX);
            assertThat(max).as("max q-error").isLessThanOrEqualTo(MAX);
        }
    }

    /** Every node of a JSON plan that ran at least once, in document order. */
    static List<NodeError> nodes(String query, String json) {
        List<NodeError> out = new ArrayList<>();
        Matcher types = NODE.matcher(json);
        Matcher rows = ROWS.matcher(json);
        while (types.find()) {
            assertThat(rows.find(types.end())).as(json).isTrue();
            if (Long.parseLong(rows.group(3)) > 0) {
                out.add(new NodeError(query, types.group(1), Long.parseLong(rows.group(1)),
                        Long.parseLong(rows.group(2))));
            }
        }
        return out;
    }

    /** Counts per bucket: "<1.1: n, <1.5: n, ..., >=10: n". */
    static String histogram(List<Double> errors) {
        StringBuilder b = new StringBuilder();
        double low = 1;
        for (double high : BUCKETS) {
            double lo = low;
            long n = errors.stream().filter(q -> q >= lo && q < high).count();
            b.append(b.isEmpty() ? "" : ", ").append(high == Double.MAX_VALUE
                    ? ">=" + fmt(lo) : "<" + fmt(high)).append(": ").append(n);
            low = high;
        }
        return b.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static double percentile(List<Double> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    /**
     * region 8 rows; customer 3 000 (region uniform, segment skewed over six values, age
     * uniform 18..79, tier correlated with age); product 500 (category skewed over twenty,
     * price uniform 1..1000); orders 32 000 (customer skewed towards low ids, product
     * uniform, qty skewed towards 1, status 80/15/5%, day uniform 0..364). All from the
     * session's seeded random(); orders is sampled by ANALYZE (above 30 000 rows).
     */
    private static void load(Session s) {
        s.execute("CREATE TABLE region (id int PRIMARY KEY, name text NOT NULL);"
                + "CREATE TABLE customer (id int PRIMARY KEY, region_id int, segment text,"
                + " age int, tier text);"
                + "CREATE TABLE product (id int PRIMARY KEY, category text, price int);"
                + "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, product_id int,"
                + " qty int, status text, day int);"
                + "CREATE INDEX orders_customer ON orders (customer_id);"
                + "INSERT INTO region SELECT g, 'r' || g FROM generate_series(1, 8) g;"
                + "INSERT INTO customer SELECT g, 1 + " + uniform(8) + ", 's' || "
                + skewed(6) + ", 18 + " + uniform(62) + ", NULL FROM generate_series(1, 3000) g;"
                // tier follows age (a correlation the independence assumption misses)
                + "UPDATE customer SET tier = CASE WHEN age >= 60 THEN 'gold'"
                + " WHEN age >= 40 THEN 'silver' ELSE 'basic' END;"
                + "INSERT INTO product SELECT g, 'c' || " + skewed(20) + ", 1 + " + uniform(1000)
                + " FROM generate_series(1, 500) g;"
                + "INSERT INTO orders SELECT g, 1 + CAST(floor(3000 * power(random(), 3)) AS int),"
                + " 1 + " + uniform(500) + ", 1 + " + skewed(10) + ", CASE WHEN g % 20 = 0"
                + " THEN 'lost' WHEN random() < 0.16 THEN 'open' ELSE 'done' END, "
                + uniform(365) + " FROM generate_series(1, 32000) g");
    }

    /** 0..n-1, uniform. */
    private static String uniform(int n) {
        return "CAST(floor(" + n + " * random()) AS int)";
    }

    /** 0..n-1, skewed towards 0 (the product of two uniforms). */
    private static String skewed(int n) {
        return "CAST(floor(" + n + " * random() * random()) AS int)";
    }
}
