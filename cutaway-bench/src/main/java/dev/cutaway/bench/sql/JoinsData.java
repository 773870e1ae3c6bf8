package dev.cutaway.bench.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The TPC-H-like schema of {@code bench sql --workload joins} and its seeded generator.
 * Simplified TPC-H: the eight tables with the columns the queries read, every value an
 * integer or a string so that each engine computes exactly the same answer (money is in
 * cents, {@code BIGINT}; discount and tax are whole percent, {@code INTEGER}; dates are days
 * since 1992-01-01, {@code INTEGER}), so results compare exactly across engines.
 * <pre>
 *   region   (r_regionkey PK, r_name)                                       5 rows
 *   nation   (n_nationkey PK, n_name, n_regionkey)                          25 rows
 *   supplier (s_suppkey PK, s_name, s_nationkey, s_acctbal)                 10,000 x scale
 *   customer (c_custkey PK, c_name, c_nationkey, c_acctbal, c_mktsegment)   150,000 x scale
 *   part     (p_partkey PK, p_name, p_brand, p_type, p_size, p_container, p_retailprice)
 *                                                                           200,000 x scale
 *   partsupp ((ps_partkey, ps_suppkey) PK, ps_availqty, ps_supplycost)      4 per part
 *   orders   (o_orderkey PK, o_custkey, o_orderstatus, o_totalprice, o_orderdate,
 *             o_orderpriority, o_shippriority)                              1,500,000 x scale
 *   lineitem ((l_orderkey, l_linenumber) PK, l_partkey, l_suppkey, l_quantity,
 *             l_extendedprice, l_discount, l_tax, l_returnflag, l_linestatus, l_shipdate,
 *             l_commitdate, l_receiptdate, l_shipinstruct, l_shipmode)      1..7 per order
 * </pre>
 * Indexes, the same on every engine: the primary keys, and one index per foreign-key column
 * that is not the leading column of a primary key (n_regionkey, s_nationkey, c_nationkey,
 * ps_suppkey, o_custkey, l_partkey, l_suppkey). They are built after the load.
 *
 * <p>Invariants: (1) the same seed and scale give the same rows on every engine (the rows are
 * generated afresh for each, never shared state); (2) every foreign key points at a row that
 * exists, and every (l_partkey, l_suppkey) is a partsupp row, as in TPC-H.
 */
final class JoinsData {
    /** Days from 1992-01-01 to the last order date TPC-H generates (1998-08-02 minus 151). */
    static final int ORDER_DAYS = 2405;
    /** TPC-H's "current date" 1995-06-17, as days since 1992-01-01: decides flags. */
    static final int CURRENT_DAY = 1263;
    /** Rows per load transaction. */
    static final int BATCH_ROWS = 1000;

    static final List<String> REGIONS = List.of("AFRICA", "AMERICA", "ASIA", "EUROPE",
            "MIDDLE EAST");
    /** TPC-H's nations in key order, each with its region key. */
    static final List<String> NATIONS = List.of("ALGERIA:0", "ARGENTINA:1", "BRAZIL:1",
            "CANADA:1", "EGYPT:4", "ETHIOPIA:0", "FRANCE:3", "GERMANY:3", "INDIA:2",
            "INDONESIA:2", "IRAN:4", "IRAQ:4", "JAPAN:2", "JORDAN:4", "KENYA:0", "MOROCCO:0",
            "MOZAMBIQUE:0", "PERU:1", "CHINA:2", "ROMANIA:3", "SAUDI ARABIA:4", "VIETNAM:2",
            "RUSSIA:3", "UNITED KINGDOM:3", "UNITED STATES:1");
    static final List<String> SEGMENTS = List.of("AUTOMOBILE", "BUILDING", "FURNITURE",
            "HOUSEHOLD", "MACHINERY");
    static final List<String> PRIORITIES = List.of("1-URGENT", "2-HIGH", "3-MEDIUM",
            "4-NOT SPECIFIED", "5-LOW");
    static final List<String> INSTRUCTIONS = List.of("DELIVER IN PERSON", "COLLECT COD",
            "NONE", "TAKE BACK RETURN");
    static final List<String> MODES = List.of("REG AIR", "AIR", "RAIL", "SHIP", "TRUCK",
            "MAIL", "FOB");
    private static final List<String> TYPE1 = List.of("STANDARD", "SMALL", "MEDIUM", "LARGE",
            "ECONOMY", "PROMO");
    private static final List<String> TYPE2 = List.of("ANODIZED", "BURNISHED", "PLATED",
            "POLISHED", "BRUSHED");
    private static final List<String> TYPE3 = List.of("TIN", "NICKEL", "BRASS", "STEEL",
            "COPPER");
    private static final List<String> CONTAINER1 = List.of("SM", "LG", "MED", "JUMBO", "WRAP");
    private static final List<String> CONTAINER2 = List.of("CASE", "BOX", "BAG", "JAR", "PKG",
            "PACK", "CAN", "DRUM");
    private static final List<String> COLOURS = List.of("almond", "azure", "blush", "chiffon",
            "coral", "forest", "ivory", "lemon", "navy", "olive", "peach", "sienna");

    private static final List<String> DDL = List.of(
            "CREATE TABLE region (r_regionkey INTEGER PRIMARY KEY, r_name VARCHAR(25) NOT NULL)",
            "CREATE TABLE nation (n_nationkey INTEGER PRIMARY KEY, n_name VARCHAR(25) NOT NULL,"
                    + " n_regionkey INTEGER NOT NULL)",
            "CREATE TABLE supplier (s_suppkey INTEGER PRIMARY KEY, s_name VARCHAR(25) NOT NULL,"
                    + " s_nationkey INTEGER NOT NULL, s_acctbal BIGINT NOT NULL)",
            "CREATE TABLE customer (c_custkey INTEGER PRIMARY KEY, c_name VARCHAR(25) NOT NULL,"
                    + " c_nationkey INTEGER NOT NULL, c_acctbal BIGINT NOT NULL,"
                    + " c_mktsegment VARCHAR(10) NOT NULL)",
            "CREATE TABLE part (p_partkey INTEGER PRIMARY KEY, p_name VARCHAR(55) NOT NULL,"
                    + " p_brand VARCHAR(10) NOT NULL, p_type VARCHAR(25) NOT NULL,"
                    + " p_size INTEGER NOT NULL, p_container VARCHAR(10) NOT NULL,"
                    + " p_retailprice BIGINT NOT NULL)",
            "CREATE TABLE partsupp (ps_partkey INTEGER NOT NULL, ps_suppkey INTEGER NOT NULL,"
                    + " ps_availqty INTEGER NOT NULL, ps_supplycost BIGINT NOT NULL,"
                    + " PRIMARY KEY (ps_partkey, ps_suppkey))",
            "CREATE TABLE orders (o_orderkey INTEGER PRIMARY KEY, o_custkey INTEGER NOT NULL,"
                    + " o_orderstatus VARCHAR(1) NOT NULL, o_totalprice BIGINT NOT NULL,"
                    + " o_orderdate INTEGER NOT NULL, o_orderpriority VARCHAR(15) NOT NULL,"
                    + " o_shippriority INTEGER NOT NULL)",
            "CREATE TABLE lineitem (l_orderkey INTEGER NOT NULL, l_linenumber INTEGER NOT NULL,"
                    + " l_partkey INTEGER NOT NULL, l_suppkey INTEGER NOT NULL,"
                    + " l_quantity INTEGER NOT NULL, l_extendedprice BIGINT NOT NULL,"
                    + " l_discount INTEGER NOT NULL, l_tax INTEGER NOT NULL,"
                    + " l_returnflag VARCHAR(1) NOT NULL, l_linestatus VARCHAR(1) NOT NULL,"
                    + " l_shipdate INTEGER NOT NULL, l_commitdate INTEGER NOT NULL,"
                    + " l_receiptdate INTEGER NOT NULL, l_shipinstruct VARCHAR(25) NOT NULL,"
                    + " l_shipmode VARCHAR(10) NOT NULL,"
                    + " PRIMARY KEY (l_orderkey, l_linenumber))");

    private static final List<String> INDEXES = List.of(
            "CREATE INDEX nation_regionkey ON nation (n_regionkey)",
            "CREATE INDEX supplier_nationkey ON supplier (s_nationkey)",
            "CREATE INDEX customer_nationkey ON customer (c_nationkey)",
            "CREATE INDEX partsupp_suppkey ON partsupp (ps_suppkey)",
            "CREATE INDEX orders_custkey ON orders (o_custkey)",
            "CREATE INDEX lineitem_partkey ON lineitem (l_partkey)",
            "CREATE INDEX lineitem_suppkey ON lineitem (l_suppkey)");

    /** Row counts of one scale factor. */
    record Sizes(int suppliers, int customers, int parts, int orders) {
        static Sizes of(double scale) {
            if (!(scale > 0) || scale > 10) {
                throw new IllegalArgumentException("scale must be in (0, 10]: " + scale);
            }
            return new Sizes(atLeast(10_000 * scale, 4), atLeast(150_000 * scale, 10),
                    atLeast(200_000 * scale, 10), atLeast(1_500_000 * scale, 10));
        }

        private static int atLeast(double n, int min) {
            return Math.max(min, (int) Math.round(n));
        }
    }

    private final Sizes sizes;
    private final SplittableRandom random;
    private final Connection connection;
    private int pending;

    private JoinsData(Sizes sizes, long seed, Connection connection) {
        this.sizes = sizes;
        this.random = new SplittableRandom(seed);
        this.connection = connection;
    }

    /** Creates the tables, loads them, builds the indexes and runs ANALYZE. */
    static long createAndLoad(Connection c, double scale, long seed, boolean analyze)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.execute(ddl);
            }
        }
        long rows = new JoinsData(Sizes.of(scale), seed, c).load();
        try (Statement s = c.createStatement()) {
            for (String ddl : INDEXES) {
                s.execute(ddl);
            }
            if (analyze) {
                s.execute("ANALYZE");
            }
        }
        return rows;
    }

    private long load() throws SQLException {
        connection.setAutoCommit(false);
        try {
            long rows = regionsAndNations() + suppliers() + customers() + parts()
                    + ordersAndLineitems();
            connection.commit();
            return rows;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private long regionsAndNations() throws SQLException {
        try (PreparedStatement r = connection.prepareStatement(
                "INSERT INTO region VALUES (?, ?)");
                PreparedStatement n = connection.prepareStatement(
                        "INSERT INTO nation VALUES (?, ?, ?)")) {
            for (int i = 0; i < REGIONS.size(); i++) {
                insert(r, i, REGIONS.get(i));
            }
            for (int i = 0; i < NATIONS.size(); i++) {
                String[] parts = NATIONS.get(i).split(":");
                insert(n, i, parts[0], Integer.parseInt(parts[1]));
            }
        }
        return REGIONS.size() + NATIONS.size();
    }

    private long suppliers() throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO supplier VALUES (?, ?, ?, ?)")) {
            for (int s = 1; s <= sizes.suppliers(); s++) {
                insert(p, s, String.format(Locale.ROOT, "Supplier#%09d", s),
                        random.nextInt(25),
                        (long) random.nextInt(-99_999, 1_000_000));
            }
        }
        return sizes.suppliers();
    }

    private long customers() throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO customer VALUES (?, ?, ?, ?, ?)")) {
            for (int c = 1; c <= sizes.customers(); c++) {
                insert(p, c, String.format(Locale.ROOT, "Customer#%09d", c),
                        random.nextInt(25),
                        (long) random.nextInt(-99_999, 1_000_000), pick(SEGMENTS));
            }
        }
        return sizes.customers();
    }

    private long parts() throws SQLException {
        long rows = 0;
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO part VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement ps = connection.prepareStatement(
                        "INSERT INTO partsupp VALUES (?, ?, ?, ?)")) {
            for (int k = 1; k <= sizes.parts(); k++) {
                String name = pick(COLOURS) + " " + pick(COLOURS) + " " + pick(COLOURS);
                String brand = "Brand#" + (1 + random.nextInt(5)) + (1 + random.nextInt(5));
                String type = pick(TYPE1) + " " + pick(TYPE2) + " " + pick(TYPE3);
                String container = pick(CONTAINER1) + " " + pick(CONTAINER2);
                insert(p, k, name, brand, type, 1 + random.nextInt(50), container,
                        retailPriceCents(k));
                rows++;
                for (int i = 0; i < suppliersPerPart(); i++) {
                    insert(ps, k, supplierOf(k, i), 1 + random.nextInt(9999),
                            (long) (100 + random.nextInt(99_901)));
                    rows++;
                }
            }
        }
        return rows;
    }

    private long ordersAndLineitems() throws SQLException {
        long rows = 0;
        try (PreparedStatement o = connection.prepareStatement(
                "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement l = connection.prepareStatement(
                        "INSERT INTO lineitem VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                + " ?, ?)")) {
            for (int key = 1; key <= sizes.orders(); key++) {
                int custkey = 1 + random.nextInt(sizes.customers());
                int orderDay = random.nextInt(ORDER_DAYS + 1);
                String priority = pick(PRIORITIES);
                int lines = 1 + random.nextInt(7);
                long totalCents = 0;
                int shipped = 0;
                for (int n = 1; n <= lines; n++) {
                    Line line = line(orderDay);
                    totalCents += line.priceCents() * (100 + line.taxPct())
                            * (100 - line.discountPct()) / 10_000;
                    shipped += line.shipDay() <= CURRENT_DAY ? 1 : 0;
                    insert(l, key, n, line.partkey(), line.suppkey(), line.quantity(),
                            line.priceCents(), line.discountPct(), line.taxPct(),
                            line.returnFlag(), line.shipDay() <= CURRENT_DAY ? "F" : "O",
                            line.shipDay(), line.commitDay(), line.receiptDay(),
                            pick(INSTRUCTIONS), pick(MODES));
                }
                String status = shipped == lines ? "F" : shipped == 0 ? "O" : "P";
                insert(o, key, custkey, status, totalCents, orderDay, priority, 0);
                rows += 1 + lines;
            }
        }
        return rows;
    }

    /** The generated fields of one lineitem row that others depend on. */
    private record Line(int partkey, int suppkey, int quantity, long priceCents,
            int discountPct, int taxPct, int shipDay, int commitDay, int receiptDay,
            String returnFlag) {}

    private Line line(int orderDay) {
        int partkey = 1 + random.nextInt(sizes.parts());
        int suppkey = supplierOf(partkey, random.nextInt(suppliersPerPart()));
        int quantity = 1 + random.nextInt(50);
        int shipDay = orderDay + 1 + random.nextInt(121);
        int commitDay = orderDay + 30 + random.nextInt(61);
        int receiptDay = shipDay + 1 + random.nextInt(30);
        String flag = receiptDay <= CURRENT_DAY ? (random.nextBoolean() ? "R" : "A") : "N";
        return new Line(partkey, suppkey, quantity, quantity * retailPriceCents(partkey),
                random.nextInt(11), random.nextInt(9), shipDay, commitDay, receiptDay, flag);
    }

    /** TPC-H's retail price formula, in cents. */
    static long retailPriceCents(int partkey) {
        return 90_000 + (partkey / 10) % 20_001 + 100L * (partkey % 1000);
    }

    private int suppliersPerPart() {
        return Math.min(4, sizes.suppliers());
    }

    /** The i-th supplier of a part: distinct for i below {@link #suppliersPerPart()}. */
    private int supplierOf(int partkey, int i) {
        int step = Math.max(1, sizes.suppliers() / 4);
        return (partkey + i * step) % sizes.suppliers() + 1;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Runs one INSERT; commits every {@link #BATCH_ROWS} rows. */
    private void insert(PreparedStatement p, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            switch (values[i]) {
                case Integer v -> p.setInt(i + 1, v);
                case Long v -> p.setLong(i + 1, v);
                case String v -> p.setString(i + 1, v);
                default -> throw new IllegalArgumentException("no binding for " + values[i]);
            }
        }
        p.executeUpdate();
        if (++pending >= BATCH_ROWS) {
            connection.commit();
            pending = 0;
        }
    }
}
