package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * Type names, with PostgreSQL's SQL-standard spellings normalised to its internal names (the
 * table is in {@link TypeName}): {@code double precision} → float8, {@code character varying(10)}
 * → varchar [10], {@code timestamp with time zone} → timestamptz, {@code float(10)} → float4.
 * Any other (possibly qualified) name is kept as written, so serial, text, date or an unknown
 * type all arrive for the binder to resolve.
 */
final class TypeNames {
    private final ExprParser p;

    TypeNames(ExprParser parser) {
        this.p = parser;
    }

    /**
     * A type, with array brackets ({@code int[]}, {@code text[][]}, {@code int ARRAY}) turning
     * it into PostgreSQL's array type name: "_" and the element type's name ("_int4").
     */
    TypeName parse() {
        TypeName element = element();
        boolean array = false;
        while (p.at(TokenKind.LBRACKET)) {
            p.advance();
            p.accept(TokenKind.INTEGER);
            p.expect(TokenKind.RBRACKET);
            array = true;
        }
        if (!array && p.at("array")) {
            p.advance();
            array = true;
        }
        if (!array) {
            return element;
        }
        return new TypeName("_" + element.name(), element.modifiers(), element.position());
    }

    private TypeName element() {
        Token start = p.peek();
        if (start.kind() != TokenKind.IDENT && start.kind() != TokenKind.QUOTED_IDENT) {
            throw p.syntaxError();
        }
        if (start.kind() == TokenKind.IDENT) {
            TypeName standard = standard(start);
            if (standard != null) {
                return standard;
            }
        }
        List<String> parts = new ArrayList<>(2);
        if (start.kind() == TokenKind.IDENT && !Keywords.isFunctionName(start.value())) {
            throw p.syntaxError();
        }
        parts.add(p.advance().value());
        while (p.accept(TokenKind.DOT)) {
            parts.add(p.label());
        }
        String name = parts.size() == 2 && parts.get(0).equals("pg_catalog")
                ? parts.get(1) : String.join(".", parts);
        return new TypeName(name, modifiers(), start.position());
    }

    /** The keyword-spelled standard types, or null when the word is not one of them. */
    private TypeName standard(Token start) {
        String normalised = switch (start.value()) {
            case "int", "integer" -> "int4";
            case "smallint" -> "int2";
            case "bigint" -> "int8";
            case "real" -> "float4";
            case "boolean" -> "bool";
            case "dec", "decimal", "numeric" -> "numeric";
            case "varchar" -> "varchar";
            default -> null;
        };
        if (normalised != null) {
            p.advance();
            return new TypeName(normalised, modifiers(), start.position());
        }
        return switch (start.value()) {
            case "double" -> doublePrecision(start);
            case "float" -> floatType(start);
            case "char", "character", "nchar" -> character(start);
            case "national" -> {
                p.advance();
                if (!p.at("character") && !p.at("char")) {
                    throw p.syntaxError();
                }
                yield character(start);
            }
            case "time", "timestamp" -> dateTime(start);
            case "interval" -> {
                p.advance();
                yield new TypeName("interval", modifiers(), start.position());
            }
            case "bit" -> {
                p.advance();
                String name = p.accept("varying") ? "varbit" : "bit";
                yield new TypeName(name, modifiers(), start.position());
            }
            default -> null;
        };
    }

    private TypeName doublePrecision(Token start) {
        if (!p.peek(1).is("precision")) {
            return null;
        }
        p.advance();
        p.advance();
        return new TypeName("float8", List.of(), start.position());
    }

    private TypeName floatType(Token start) {
        p.advance();
        List<Integer> precision = modifiers();
        if (precision.isEmpty()) {
            return new TypeName("float8", List.of(), start.position());
        }
        if (precision.size() != 1 || precision.get(0) < 1 || precision.get(0) > 53) {
            throw p.errorAt(start, dev.cutaway.sql.SqlState.INVALID_PARAMETER_VALUE,
                    "precision for type float must be between 1 and 53 bits");
        }
        return new TypeName(precision.get(0) <= 24 ? "float4" : "float8", List.of(),
                start.position());
    }

    private TypeName character(Token start) {
        p.advance();
        String name = p.accept("varying") ? "varchar" : "bpchar";
        List<Integer> modifiers = modifiers();
        if (name.equals("bpchar") && modifiers.isEmpty()) {
            modifiers = List.of(1);
        }
        return new TypeName(name, modifiers, start.position());
    }

    private TypeName dateTime(Token start) {
        p.advance();
        List<Integer> precision = modifiers();
        boolean withZone = false;
        if (p.at("with") && p.peek(1).is("time")) {
            p.advance();
            p.advance();
            p.expect("zone");
            withZone = true;
        } else if (p.accept("without")) {
            p.expect("time");
            p.expect("zone");
        }
        String name = start.value() + (withZone ? "tz" : "");
        return new TypeName(name, precision, start.position());
    }

    /** Integer modifiers in parentheses, or empty when none follow. */
    private List<Integer> modifiers() {
        if (!p.at(TokenKind.LPAREN)) {
            return List.of();
        }
        p.advance();
        List<Integer> values = new ArrayList<>(2);
        do {
            long v = p.signedInteger();
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw p.syntaxError();
            }
            values.add((int) v);
        } while (p.accept(TokenKind.COMMA));
        p.expect(TokenKind.RPAREN);
        return List.copyOf(values);
    }
}
