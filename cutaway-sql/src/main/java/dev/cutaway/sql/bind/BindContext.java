package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.stats.Planning;
import dev.cutaway.sql.system.SystemTable;
import dev.cutaway.sql.system.SystemTables;
import dev.cutaway.sql.types.EvalContext;
import dev.cutaway.txn.Transaction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What binding one statement needs: the transaction the catalog is read through (so a
 * statement sees the catalog of its own transaction, DDL included), the evaluation context for
 * folding constants, the WITH queries in scope (innermost first), and what the planner
 * consults (statistics, cost constants, the session's enable_* switches).
 */
public final class BindContext {
    /** A WITH query in scope: its plan (materialised once) and output names. */
    record Cte(Plan plan, List<String> names) {}

    private final Transaction txn;
    private final EvalContext eval;
    private final Planning planning;
    private final SystemTables systemTables;
    private final Deque<Map<String, Cte>> ctes = new ArrayDeque<>();
    private int depth;

    public BindContext(Transaction txn, EvalContext eval) {
        this(txn, eval, new SystemTables(), Planning.NONE);
    }

    /** A context that also resolves the system tables of {@code systemTables} (ADR 0017). */
    public BindContext(Transaction txn, EvalContext eval, SystemTables systemTables) {
        this(txn, eval, systemTables, Planning.NONE);
    }

    /**
     * A context with system tables whose planner uses {@code planning} (statistics, the
     * enable_* switches; ADR 0018).
     */
    public BindContext(Transaction txn, EvalContext eval, SystemTables systemTables,
            Planning planning) {
        this.txn = txn;
        this.eval = eval;
        this.systemTables = systemTables;
        this.planning = planning;
    }

    public Planning planning() {
        return planning;
    }

    public SystemTables systemTables() {
        return systemTables;
    }

    /** The system table {@code names} refers to, or null (then the stored catalog decides). */
    public SystemTable systemTable(List<String> names) {
        return systemTables.resolve(names);
    }

    public Transaction txn() {
        return txn;
    }

    public EvalContext eval() {
        return eval;
    }

    void pushCtes(Map<String, Cte> level) {
        ctes.push(level);
    }

    Map<String, Cte> newCteLevel() {
        Map<String, Cte> level = new HashMap<>();
        ctes.push(level);
        return level;
    }

    void popCtes() {
        ctes.pop();
    }

    Cte cte(String name) {
        for (Map<String, Cte> level : ctes) {
            Cte c = level.get(name);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Guards view expansion against views that (through others) refer to themselves. */
    void enterView(int position) {
        if (++depth > 64) {
            throw new SqlException(SqlState.INVALID_RECURSION,
                    "infinite recursion detected in rules for relation", position);
        }
    }

    void leaveView() {
        depth--;
    }

    /** The relation named {@code names} (schema.name or name in public), or null. */
    public Relation lookup(List<String> names) {
        String schema = names.size() >= 2 ? names.get(names.size() - 2) : Catalog.DEFAULT_SCHEMA;
        return Catalog.lookup(txn, schema, names.getLast());
    }

    /** The relation named {@code names}; 42P01 at {@code position} when there is none. */
    public Relation require(List<String> names, int position) {
        Relation r = lookup(names);
        if (r == null) {
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \""
                    + String.join(".", names) + "\" does not exist", position);
        }
        return r;
    }

    /** The table named {@code names}; 42P01 if missing, 42809 if it is not a table. */
    public Relation.Table requireTable(List<String> names, int position) {
        SystemTable system = systemTable(names);
        if (system != null) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + system.name()
                    + "\" is not a table", position);
        }
        Relation r = require(names, position);
        if (!(r instanceof Relation.Table t)) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + names.getLast()
                    + "\" is not a table", position);
        }
        return t;
    }
}
