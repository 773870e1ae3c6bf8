package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code to_char(number, format)} for PostgreSQL's common numeric template patterns:
 * {@code 9} (digit, blank when not needed), {@code 0} (digit, zero when not needed; from the
 * first 0 on, every position prints a zero), {@code .} and {@code D} (decimal point),
 * {@code ,} and {@code G} (group separator, blank before the first digit), {@code S} (sign
 * anchored to the number), {@code MI}, {@code PL}, {@code SG} (minus, plus, either, in place),
 * {@code V} (multiply by 10 per following digit), {@code FM} (no padding, no trailing zeros on
 * 9 positions), double-quoted literal text, and any other character copied.
 *
 * <p>Without S, MI or SG the output starts with a sign slot, a blank or a minus placed just
 * before the first printed digit. A number with more integer digits than the template has
 * prints {@code #} in every digit position. numeric rounds half away from zero; real and
 * double precision round their exact binary value half to even, as C's printf does. Roman
 * numerals, ordinal suffixes and EEEE are not supported (copied as text).
 */
final class NumericFormat {
    private enum Kind { NINE, ZERO, POINT, GROUP, S, MI, PL, SG, LITERAL }

    private record Token(Kind kind, String text) {}

    private NumericFormat() {}

    /**
     * Formats {@code value}. {@code floatDigits} is 0 for exact numbers, else the significant
     * digits a float type prints (6 for real, 15 for double precision): like PostgreSQL,
     * fraction digits beyond them print as zeros and rounding is half to even on the binary
     * value.
     */
    static String format(BigDecimal value, int floatDigits, String template) {
        boolean fm = false;
        int shift = 0;
        boolean afterV = false;
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            String rest = template.substring(i);
            if (rest.startsWith("FM")) {
                fm = true;
                i += 2;
            } else if (c == '"') {
                int end = template.indexOf('"', i + 1);
                end = end < 0 ? template.length() : end;
                tokens.add(new Token(Kind.LITERAL, template.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '9' || c == '0') {
                tokens.add(new Token(c == '9' ? Kind.NINE : Kind.ZERO, null));
                shift += afterV ? 1 : 0;
                i++;
            } else if (c == 'V' || c == 'v') {
                afterV = true;
                i++;
            } else {
                Token t = symbol(rest);
                tokens.add(t);
                i += t.kind() == Kind.LITERAL ? 1 : t.text().length();
            }
        }
        if (afterV && tokens.stream().anyMatch(t -> t.kind() == Kind.POINT)) {
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "cannot use \"V\" and decimal point together");
        }
        BigDecimal shifted = value.movePointRight(shift);
        return render(floatDigits == 0 ? tokens : limitFraction(tokens, shifted, floatDigits),
                shifted, floatDigits, fm);
    }

    /**
     * A float prints at most {@code digits} significant digits: later fraction positions are
     * dropped from the template, and the point too when no fraction digit is left.
     */
    private static List<Token> limitFraction(List<Token> tokens, BigDecimal value, int digits) {
        int intLength = value.abs().setScale(0, RoundingMode.HALF_EVEN).toPlainString().length();
        int post = Math.max(digits - intLength, 0);
        List<Token> kept = new ArrayList<>();
        boolean inFraction = false;
        int fraction = 0;
        for (Token t : tokens) {
            boolean digit = t.kind() == Kind.NINE || t.kind() == Kind.ZERO;
            if (t.kind() == Kind.POINT && !inFraction) {
                inFraction = true;
                if (post == 0) {
                    continue;
                }
            } else if (digit && inFraction && fraction++ >= post) {
                continue;
            }
            kept.add(t);
        }
        return kept;
    }

    private static Token symbol(String rest) {
        for (String s : List.of("MI", "PL", "SG")) {
            if (rest.startsWith(s)) {
                return new Token(Kind.valueOf(s), s);
            }
        }
        return switch (rest.charAt(0)) {
            case '.', 'D' -> new Token(Kind.POINT, ".");
            case ',', 'G' -> new Token(Kind.GROUP, ",");
            case 'S' -> new Token(Kind.S, "S");
            default -> new Token(Kind.LITERAL, rest.substring(0, 1));
        };
    }

    private static String render(List<Token> tokens, BigDecimal value, int floatDigits,
            boolean fm) {
        int intDigits = 0;
        List<Kind> fraction = new ArrayList<>();
        boolean point = false;
        Kind sign = null;
        for (Token t : tokens) {
            Kind kind = t.kind();
            if (kind == Kind.POINT) {
                point = true;
            } else if ((kind == Kind.NINE || kind == Kind.ZERO) && !point) {
                intDigits++;
            } else if (kind == Kind.NINE || kind == Kind.ZERO) {
                fraction.add(kind);
            } else if (kind == Kind.S && sign == null) {
                sign = intDigits == 0 ? Kind.S : Kind.LITERAL; // leading S anchors
            } else if ((kind == Kind.MI || kind == Kind.SG) && sign == null) {
                sign = Kind.MI;
            }
        }
        BigDecimal rounded = value.setScale(fraction.size(),
                floatDigits == 0 ? RoundingMode.HALF_UP : RoundingMode.HALF_EVEN);
        String digits = rounded.abs().toPlainString();
        int dot = digits.indexOf('.');
        String intPart = dot < 0 ? digits : digits.substring(0, dot);
        String fracPart = dot < 0 ? "" : digits.substring(dot + 1);
        if (intPart.equals("0") && point) {
            intPart = "";
        }
        int keep = fracPart.length();
        while (fm && keep > 0 && fraction.get(keep - 1) == Kind.NINE
                && fracPart.charAt(keep - 1) == '0') {
            keep--;
        }
        if (fm && point && intPart.isEmpty() && keep == 0) {
            intPart = "0"; // FM never prints a bare point: 0 is "0."
        }
        Renderer r = new Renderer(rounded.signum() < 0, fm, intPart.length() > intDigits);
        r.anchor = sign == null ? (fm ? "" : " ") : sign == Kind.S ? "+" : null;
        if (intDigits == 0 && fraction.isEmpty()) {
            // no digit positions: no number, so no sign (PostgreSQL keeps a blank slot
            // before a lone point)
            r.anchor = point && !fm ? " " : null;
            return r.renderWithoutNumber(tokens);
        }
        r.render(tokens, intPart, fracPart.substring(0, keep), intDigits);
        return r.out.toString();
    }

    /** Walks the template once, printing digits, separators and signs. */
    private static final class Renderer {
        private final boolean negative;
        private final boolean fm;
        private final boolean overflow;
        private final StringBuilder out = new StringBuilder();
        /** The sign printed before the first digit: blank/plus when positive; null: none. */
        private String anchor;
        private boolean printed;

        Renderer(boolean negative, boolean fm, boolean overflow) {
            this.negative = negative;
            this.fm = fm;
            this.overflow = overflow;
        }

        void render(List<Token> tokens, String intPart, String fracPart, int intDigits) {
            int position = 0;
            int fracPosition = 0;
            boolean inFraction = false;
            boolean zeroFill = false;
            int firstDigitAt = intDigits - intPart.length();
            for (Token t : tokens) {
                switch (t.kind()) {
                    case NINE, ZERO -> {
                        if (inFraction) {
                            if (overflow) {
                                out.append('#');
                            } else if (fracPosition < fracPart.length()) {
                                out.append(fracPart.charAt(fracPosition));
                            }
                            fracPosition++;
                            continue;
                        }
                        zeroFill |= t.kind() == Kind.ZERO;
                        if (overflow) {
                            number('#');
                        } else if (position >= firstDigitAt) {
                            number(intPart.charAt(position - firstDigitAt));
                        } else if (zeroFill) {
                            number('0');
                        } else if (!fm) {
                            out.append(' ');
                        }
                        position++;
                    }
                    case POINT -> {
                        signNow();
                        inFraction = true;
                        out.append('.');
                    }
                    case GROUP -> out.append(printed ? "," : fm ? "" : " ");
                    case S -> {
                        if (printed || inFraction) {
                            out.append(negative ? '-' : '+');
                        }
                    }
                    case MI -> out.append(negative ? "-" : fm ? "" : " ");
                    case PL -> out.append(negative ? (fm ? "" : " ") : "+");
                    case SG -> out.append(negative ? '-' : '+');
                    case LITERAL -> out.append(t.text());
                }
            }
            signNow();
        }

        /** A template without digit positions: only literals, separators and a point. */
        String renderWithoutNumber(List<Token> tokens) {
            for (Token t : tokens) {
                switch (t.kind()) {
                    case POINT -> {
                        if (anchor != null) {
                            out.append(anchor);
                            anchor = null;
                        }
                        out.append('.');
                    }
                    case GROUP -> out.append(fm ? "" : " ");
                    case MI -> out.append(negative ? "-" : fm ? "" : " ");
                    case PL -> out.append(negative ? (fm ? "" : " ") : "+");
                    case SG -> out.append(negative ? '-' : '+');
                    case LITERAL -> out.append(t.text());
                    default -> { }
                }
            }
            return out.toString();
        }

        private void number(char c) {
            signNow();
            out.append(c);
            printed = true;
        }

        private void signNow() {
            if (anchor != null) {
                out.append(negative ? "-" : anchor);
                anchor = null;
            }
        }
    }
}
