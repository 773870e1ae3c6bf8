package dev.cutaway.sql.parse;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: a copy of an AST with every position set to 0, so two trees can be compared
 * modulo positions with plain record equality. Works on any record tree by reflection (tests
 * only; the engine never reflects).
 */
final class Positions {
    private Positions() {}

    static Object strip(Object node) {
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(strip(o));
            }
            return out;
        }
        if (node == null || !node.getClass().isRecord()) {
            return node;
        }
        try {
            RecordComponent[] components = node.getClass().getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                Object value = c.getAccessor().invoke(node);
                boolean position = c.getType() == int.class && c.getName().endsWith("osition");
                values[i] = position ? 0 : strip(value);
            }
            Constructor<?> constructor = node.getClass().getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot copy " + node.getClass(), e);
        }
    }
}
