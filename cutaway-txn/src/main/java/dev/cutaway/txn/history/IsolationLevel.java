package dev.cutaway.txn.history;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What each SQL isolation level allows, as PostgreSQL behaves (shared/isolation/README.md, the
 * Hermitage table Cutaway must match): every level forbids G0, G1a, G1b and G1c (and garbage
 * reads, always a bug); READ COMMITTED (and READ UNCOMMITTED, which PostgreSQL runs as READ
 * COMMITTED) allows G-single and G2 (lost update, read skew, write skew); REPEATABLE READ is
 * snapshot isolation and allows only G2 (write skew, the read-only anomaly); SERIALIZABLE
 * allows none.
 */
public enum IsolationLevel {
    READ_UNCOMMITTED(EnumSet.of(AnomalyKind.G_SINGLE, AnomalyKind.G2)),
    READ_COMMITTED(EnumSet.of(AnomalyKind.G_SINGLE, AnomalyKind.G2)),
    REPEATABLE_READ(EnumSet.of(AnomalyKind.G2)),
    SERIALIZABLE(EnumSet.noneOf(AnomalyKind.class));

    private final EnumSet<AnomalyKind> allowed;

    IsolationLevel(EnumSet<AnomalyKind> allowed) {
        this.allowed = allowed;
    }

    /** Whether a history run at this level may show {@code kind}. */
    public boolean allows(AnomalyKind kind) {
        return allowed.contains(kind);
    }

    /** The kinds this level allows. */
    public Set<AnomalyKind> allowed() {
        return EnumSet.copyOf(allowed);
    }

    /**
     * The level named as in SQL ("READ COMMITTED", "repeatable read", "SERIALIZABLE"; case and
     * underscores ignored; "SNAPSHOT" and "SNAPSHOT ISOLATION" mean REPEATABLE READ).
     */
    public static IsolationLevel named(String name) {
        String normal = name.trim().toUpperCase(Locale.ROOT).replace('_', ' ')
                .replaceAll("\\s+", " ");
        return switch (normal) {
            case "READ UNCOMMITTED" -> READ_UNCOMMITTED;
            case "READ COMMITTED" -> READ_COMMITTED;
            case "REPEATABLE READ", "SNAPSHOT", "SNAPSHOT ISOLATION" -> REPEATABLE_READ;
            case "SERIALIZABLE" -> SERIALIZABLE;
            default -> throw new IllegalArgumentException("unknown isolation level: " + name);
        };
    }
}
