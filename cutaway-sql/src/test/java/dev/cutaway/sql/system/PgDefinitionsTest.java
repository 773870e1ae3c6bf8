package dev.cutaway.sql.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.engine.Session;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog helper functions over a statement's catalog (ADR 0025): definitions by OID,
 * the direction of the reg* casts, format_type, ARRAY(subquery) as text, and notices.
 */
class PgDefinitionsTest {
    private Database db;
    private Session s;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
        s.execute("create table p (id int primary key, code varchar(8) unique)");
        s.execute("create table c (id int primary key, p_id int references p(id)"
                + " on delete cascade, n numeric(6,2) check (n > 0))");
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        db.close();
    }

    private Object one(String sql) {
        Result r = s.executeOne(sql);
        assertThat(r.rows()).hasSize(1);
        return r.rows().getFirst()[0];
    }

    @Test
    void regCastsTurnNamesIntoOidsAndBack() {
        long oid = (Long) one("select 'p'::regclass");
        assertThat(one("select " + oid + "::regclass")).isEqualTo("p");
        assertThat(one("select 'public.p'::pg_catalog.regclass")).isEqualTo(oid);
        assertThat(one("select 23::regtype")).isEqualTo("integer");
        assertThat(one("select 'int4'::regtype")).isEqualTo(23L);
        assertThatThrownBy(() -> one("select 'nosuch'::regclass"))
                .isInstanceOf(SqlException.class)
                .hasMessage("relation \"nosuch\" does not exist");
    }

    @Test
    void definitionsByOidAsPostgresPrintsThem() {
        long p = (Long) one("select 'p'::regclass");
        long pkey = (Long) one("select 'p_pkey'::regclass");
        assertThat(pkey).isNotEqualTo(p);
        assertThat(one("select pg_get_indexdef(" + pkey + ")"))
                .isEqualTo("CREATE UNIQUE INDEX p_pkey ON public.p USING btree (id)");
        assertThat(one("select pg_get_indexdef(" + pkey + ", 1, true)")).isEqualTo("id");
        assertThat(one("select pg_get_constraintdef(" + pkey + ")"))
                .isEqualTo("PRIMARY KEY (id)");
        long child = (Long) one("select 'c'::regclass");
        assertThat(one("select pg_get_constraintdef(" + PgOids.foreignKey(tableWithId(child), 0)
                + ", true)")).isEqualTo("FOREIGN KEY (p_id) REFERENCES p(id) ON DELETE CASCADE");
        assertThat(one("select pg_get_constraintdef(" + PgOids.check(tableWithId(child), 0)
                + ")")).asString().startsWith("CHECK (");
        assertThat(one("select pg_get_constraintdef(42)")).isNull();
    }

    /** A descriptor with only the id: what PgOids numbers constraints by. */
    private static Relation.Table tableWithId(long id) {
        return new Relation.Table(id, "public", "x", List.of(), List.of(), null, List.of(),
                List.of(), 0, "btree", 0);
    }

    @Test
    void formatTypePrintsModifiers() {
        assertThat(one("select format_type(1700, " + (((6 << 16) | 2) + 4) + ")"))
                .isEqualTo("numeric(6,2)");
        assertThat(one("select format_type(1043, 12)")).isEqualTo("character varying(8)");
        assertThat(one("select format_type(23, null)")).isEqualTo("integer");
        assertThat(one("select format_type(999999, -1)")).isEqualTo("???");
    }

    @Test
    void arraySubqueryIsARealArrayInTheSubquerysOrder() {
        assertThat(one("select array(select x from (values (2), (1)) v(x) order by x)"))
                .isEqualTo(dev.cutaway.sql.types.SqlArray.of(java.util.List.of(1, 2)));
        assertThat(one("select array(select 1 where false)"))
                .isEqualTo(dev.cutaway.sql.types.SqlArray.of(java.util.List.of()));
    }

    @Test
    void dropIfExistsOfAMissingTableRaisesANotice() {
        s.execute("drop table if exists nosuch");
        assertThat(s.drainNotices())
                .containsExactly("table \"nosuch\" does not exist, skipping");
        assertThat(s.drainNotices()).isEmpty();
    }
}
