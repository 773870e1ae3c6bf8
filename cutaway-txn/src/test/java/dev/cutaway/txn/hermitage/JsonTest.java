package dev.cutaway.txn.hermitage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The spec's JSON reader: every value kind, escapes, errors, and a write-then-read model. */
class JsonTest {

    @Test
    void readsEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5, 1e3, true, false, null, \"x\"], \"b\": {}} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        List<Object> a = new ArrayList<>(List.of(1L, -2L, 3.5, 1000.0, true, false));
        a.add(null);
        a.add("x");
        expected.put("a", a);
        expected.put("b", Map.of());
        assertThat(v).isEqualTo(expected);
    }

    @Test
    void keepsKeyOrder() {
        Object v = Json.parse("{\"z\": 1, \"a\": 2, \"m\": 3}");
        assertThat(List.copyOf(((Map<?, ?>) v).keySet())).isEqualTo(List.of("z", "a", "m"));
    }

    @Test
    void decodesEscapes() {
        assertThat(Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u20AC\""))
                .isEqualTo("q\" b\\ s/ \b\f\n\r\t é€");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-",
        "\"abc", "\"\\x\"", "\"\\u12G4\"", "tru", "[1] 2", "{\"a\":1,\"a\":2}", "\"a\nb\"",
        "1e", "{1: 2}"})
    void rejectsMalformedInputNamingTheOffset(String text) {
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
    }

    @Test
    void boundsNesting() {
        String deep = "[".repeat(Json.DEPTH_MAX + 2) + "]".repeat(Json.DEPTH_MAX + 2);
        assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nesting");
        String fine = "[".repeat(Json.DEPTH_MAX) + "]".repeat(Json.DEPTH_MAX);
        assertThat(Json.parse(fine)).isInstanceOf(List.class);
    }

    @Property(tries = 300)
    void readsBackWhatAWriterWrote(@ForAll("values") Object value) {
        assertThat(Json.parse(write(value))).isEqualTo(value);
    }

    @Provide
    Arbitrary<Object> values() {
        return value(3);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b)).injectNull(0.1);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4)
                .map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.strings().ofMaxLength(6),
                value(depth - 1)).ofMaxSize(4).map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, list),
                net.jqwik.api.Tuple.of(1, map));
    }

    /** A plain JSON writer: the model the reader must invert. */
    private static String write(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> quote(s);
            case Map<?, ?> m -> {
                List<String> parts = new ArrayList<>();
                m.forEach((k, x) -> parts.add(quote((String) k) + ":" + write(x)));
                yield "{" + String.join(", ", parts) + "}";
            }
            case List<?> l -> "[" + String.join(",", l.stream().map(JsonTest::write).toList())
                    + "]";
            default -> v.toString();
        };
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
