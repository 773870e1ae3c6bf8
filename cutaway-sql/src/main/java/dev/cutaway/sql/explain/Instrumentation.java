package dev.cutaway.sql.explain;

import dev.cutaway.sql.exec.Plan;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Wraps every operator of a plan in an {@link Instrumented} node without touching the
 * operators: plans are records, so each operator whose record components include inputs of
 * type {@link Plan} is rebuilt through its canonical constructor with wrapped inputs. Shared
 * sub-plans (a WITH query read twice is one Materialize node) stay shared: the rewrite is
 * memoised by identity. A plan that is not a record, or whose inputs are typed more
 * narrowly than {@code Plan}, is wrapped as a whole and its inputs are not shown separately.
 * Plans inside expressions (subqueries) are counted as part of the operator evaluating them.
 */
public final class Instrumentation {
    private final LongSupplier nanos;
    private final Map<Plan, Instrumented> done = new IdentityHashMap<>();

    private Instrumentation(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** {@code plan} with every operator instrumented; {@code nanos} reads the time. */
    public static Instrumented wrap(Plan plan, LongSupplier nanos) {
        return new Instrumentation(nanos).instrument(plan);
    }

    private Instrumented instrument(Plan plan) {
        Instrumented known = done.get(plan);
        if (known != null) {
            return known;
        }
        List<Instrumented> inputs = new ArrayList<>();
        Plan inner = rebuild(plan, inputs);
        Instrumented node = new Instrumented(plan, inner, List.copyOf(inputs), new NodeStats(),
                nanos);
        done.put(plan, node);
        return node;
    }

    private Plan rebuild(Plan plan, List<Instrumented> inputs) {
        Class<?> type = plan.getClass();
        if (!type.isRecord()) {
            return plan;
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = components[i].getAccessor().invoke(plan);
                if (types[i] == Plan.class && args[i] instanceof Plan p) {
                    Instrumented child = instrument(p);
                    inputs.add(child);
                    args[i] = child;
                    changed = true;
                }
            }
            if (!changed) {
                return plan;
            }
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return (Plan) canonical.newInstance(args);
        } catch (IllegalAccessException | InvocationTargetException | NoSuchMethodException
                | InstantiationException e) {
            inputs.clear();
            return plan;   // cannot rebuild: measure the operator as a whole
        }
    }
}
