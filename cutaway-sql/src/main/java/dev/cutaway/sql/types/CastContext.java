package dev.cutaway.sql.types;

/**
 * Where a cast happens, from most to least permissive about what it allows (PostgreSQL's
 * {@code pg_cast.castcontext}): an implicit cast may be inserted anywhere (operator and
 * function arguments), an assignment cast when storing into a column (INSERT, UPDATE), an
 * explicit cast only when written ({@code CAST(x AS t)}, {@code x::t}). A cast allowed in a
 * context is allowed in every later one: IMPLICIT &lt; ASSIGNMENT &lt; EXPLICIT.
 *
 * <p>The context also changes behaviour: an explicit cast to varchar(n)/char(n) truncates
 * silently, an implicit or assignment cast raises 22001 unless only spaces are cut.
 */
public enum CastContext {
    IMPLICIT,
    ASSIGNMENT,
    EXPLICIT;

    /** True when a cast whose least context is {@code this} is allowed in {@code context}. */
    public boolean allowedIn(CastContext context) {
        return compareTo(context) <= 0;
    }
}
