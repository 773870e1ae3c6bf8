package dev.cutaway.txn.hermitage;

import java.util.Locale;

/**
 * How a run of a case is classified (shared/isolation/README.md): {@link #ERROR} when setup
 * failed, the case got stuck or a healthy transaction failed outside SQLSTATE class 40; else
 * {@link #ANOMALY} if the case's {@code anomaly_when} holds; else {@link #PREVENTED}.
 */
public enum Classification {
    PREVENTED,
    ANOMALY,
    ERROR;

    /** The spec's spelling ("prevented", "anomaly"). */
    public static Classification named(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
