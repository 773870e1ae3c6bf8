package dev.cutaway.sql.types;

import static dev.cutaway.sql.types.TypeId.DATE;
import static dev.cutaway.sql.types.TypeId.DOUBLE;
import static dev.cutaway.sql.types.TypeId.INTEGER;
import static dev.cutaway.sql.types.TypeId.INTERVAL;
import static dev.cutaway.sql.types.TypeId.TIME;
import static dev.cutaway.sql.types.TypeId.TIMESTAMP;
import static dev.cutaway.sql.types.TypeId.TIMESTAMPTZ;

import dev.cutaway.sql.types.BoundOperator.Implementation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The date/time rows of the operator catalogue (PostgreSQL's {@code pg_operator} entries for
 * date, time, timestamp, timestamptz and interval); the semantics are in
 * {@link DateTimeMath}.
 *
 * <pre>
 *   date + int4 = date        int4 + date = date        date - int4 = date
 *   date - date = int4        date ± interval = timestamp   interval + date = timestamp
 *   date + time = timestamp   time + date = timestamp
 *   timestamp ± interval = timestamp        interval + timestamp = timestamp
 *   timestamptz ± interval = timestamptz    interval + timestamptz = timestamptz
 *   timestamp - timestamp = interval        timestamptz - timestamptz = interval
 *   time ± interval = time    interval + time = time    time - time = interval
 *   interval ± interval = interval   interval * float8, float8 * interval, interval / float8
 * </pre>
 */
final class OperatorsDateTime {
    /** Adds one operator to the catalogue. */
    @FunctionalInterface
    interface Registrar {
        void add(String name, TypeId left, TypeId right, TypeId result, Implementation impl);
    }

    private OperatorsDateTime() {}

    static void register(Registrar r) {
        r.add("+", DATE, INTEGER, DATE, (c, a, b) ->
                DateTimeMath.plusDays((LocalDate) a, (Integer) b));
        r.add("+", INTEGER, DATE, DATE, (c, a, b) ->
                DateTimeMath.plusDays((LocalDate) b, (Integer) a));
        r.add("-", DATE, INTEGER, DATE, (c, a, b) ->
                DateTimeMath.plusDays((LocalDate) a, -(long) (Integer) b));
        r.add("-", DATE, DATE, INTEGER, (c, a, b) ->
                DateTimeMath.daysBetween((LocalDate) a, (LocalDate) b));
        r.add("+", DATE, INTERVAL, TIMESTAMP, (c, a, b) ->
                DateTimeMath.plus(((LocalDate) a).atStartOfDay(), (Interval) b));
        r.add("+", INTERVAL, DATE, TIMESTAMP, (c, a, b) ->
                DateTimeMath.plus(((LocalDate) b).atStartOfDay(), (Interval) a));
        r.add("-", DATE, INTERVAL, TIMESTAMP, (c, a, b) -> DateTimeMath.plus(
                ((LocalDate) a).atStartOfDay(), DateTimeMath.negate((Interval) b)));
        r.add("+", DATE, TIME, TIMESTAMP, (c, a, b) ->
                ((LocalDate) a).atTime((LocalTime) b));
        r.add("+", TIME, DATE, TIMESTAMP, (c, a, b) ->
                ((LocalDate) b).atTime((LocalTime) a));
        r.add("+", TIMESTAMP, INTERVAL, TIMESTAMP, (c, a, b) ->
                DateTimeMath.plus((LocalDateTime) a, (Interval) b));
        r.add("+", INTERVAL, TIMESTAMP, TIMESTAMP, (c, a, b) ->
                DateTimeMath.plus((LocalDateTime) b, (Interval) a));
        r.add("-", TIMESTAMP, INTERVAL, TIMESTAMP, (c, a, b) ->
                DateTimeMath.plus((LocalDateTime) a, DateTimeMath.negate((Interval) b)));
        r.add("+", TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, (c, a, b) ->
                DateTimeMath.plus((Instant) a, (Interval) b, c.zone()));
        r.add("+", INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ, (c, a, b) ->
                DateTimeMath.plus((Instant) b, (Interval) a, c.zone()));
        r.add("-", TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, (c, a, b) -> DateTimeMath.plus(
                (Instant) a, DateTimeMath.negate((Interval) b), c.zone()));
        r.add("-", TIMESTAMP, TIMESTAMP, INTERVAL, (c, a, b) ->
                DateTimeMath.minus((LocalDateTime) a, (LocalDateTime) b));
        r.add("-", TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL, (c, a, b) ->
                DateTimeMath.minus((Instant) a, (Instant) b));
        r.add("+", TIME, INTERVAL, TIME, (c, a, b) ->
                DateTimeMath.plus((LocalTime) a, (Interval) b));
        r.add("+", INTERVAL, TIME, TIME, (c, a, b) ->
                DateTimeMath.plus((LocalTime) b, (Interval) a));
        r.add("-", TIME, INTERVAL, TIME, (c, a, b) ->
                DateTimeMath.plus((LocalTime) a, DateTimeMath.negate((Interval) b)));
        r.add("-", TIME, TIME, INTERVAL, (c, a, b) ->
                DateTimeMath.minus((LocalTime) a, (LocalTime) b));
        r.add("+", INTERVAL, INTERVAL, INTERVAL, (c, a, b) ->
                DateTimeMath.plus((Interval) a, (Interval) b));
        r.add("-", INTERVAL, INTERVAL, INTERVAL, (c, a, b) ->
                DateTimeMath.plus((Interval) a, DateTimeMath.negate((Interval) b)));
        r.add("*", INTERVAL, DOUBLE, INTERVAL, (c, a, b) ->
                DateTimeMath.multiply((Interval) a, (Double) b));
        r.add("*", DOUBLE, INTERVAL, INTERVAL, (c, a, b) ->
                DateTimeMath.multiply((Interval) b, (Double) a));
        r.add("/", INTERVAL, DOUBLE, INTERVAL, (c, a, b) ->
                DateTimeMath.divide((Interval) a, (Double) b));
    }
}
