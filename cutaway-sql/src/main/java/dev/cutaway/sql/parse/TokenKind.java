package dev.cutaway.sql.parse;

/**
 * The kinds of token the {@link Lexer} produces. Keywords are not a kind of their own: an
 * unquoted word is an {@link #IDENT} whose value is folded to lower case, and the parser decides
 * from its position whether it is a keyword ({@link Keywords}); a quoted identifier is never one.
 */
public enum TokenKind {
    /** An unquoted word, value folded to lower case; may be a keyword. */
    IDENT,
    /** A "quoted" identifier, value with case kept and "" unescaped. */
    QUOTED_IDENT,
    /** A string constant ('...', E'...', $$...$$), value unescaped. */
    STRING,
    /** An integer constant without sign, point or exponent. */
    INTEGER,
    /** A numeric constant with a point or an exponent. */
    DECIMAL,
    /** A parameter {@code $n}; value is the number. */
    PARAM,
    /** An operator (+ - * / % ^ || = <> < > <= >= ::); != arrives as <>. */
    OPERATOR,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    SEMICOLON,
    DOT,
    COLON,
    /** The end of the input; its position is one past the last character. */
    EOF
}
