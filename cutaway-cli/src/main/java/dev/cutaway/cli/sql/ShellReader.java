package dev.cutaway.cli.sql;

import dev.cutaway.sql.engine.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;

/**
 * The shell's terminal input: a JLine line reader (line editing, history, Tab completion by
 * {@link SqlCompleter}) adapted to {@link SqlShell.LineSource}. JLine splits words for
 * completion only: backslashes are not escapes (they start meta commands) and '!' is not
 * history expansion ({@code <>} and {@code !=} are SQL); statements span lines through the
 * shell's own query buffer, never JLine's secondary prompts.
 */
public final class ShellReader {
    /** Lines that may hold a password never reach the history file. */
    static final Pattern SECRET = Pattern.compile("(?i)password");

    private ShellReader() {}

    /** A line reader on {@code terminal}; {@code historyFile} null keeps history in memory. */
    public static LineReader create(Terminal terminal, Database db, Path historyFile) {
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(null);
        parser.setQuoteChars(new char[0]);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("cutaway")
                .parser(parser)
                .completer(new SqlCompleter(db))
                .history(new SecretFreeHistory())
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                .variable(LineReader.HISTORY_SIZE, 2000)
                .variable(LineReader.HISTORY_FILE_SIZE, 2000);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        return builder.build();
    }

    /**
     * The reader as the shell's line source: end of input (Ctrl-D) is null; Ctrl-C runs
     * {@code onInterrupt} (the shell clears its query buffer, as psql does) and reads on.
     */
    public static SqlShell.LineSource lines(LineReader reader, Runnable onInterrupt) {
        return prompt -> {
            while (true) {
                try {
                    return reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    onInterrupt.run();
                } catch (EndOfFileException e) {
                    return null;
                }
            }
        };
    }

    /** History that drops any line mentioning a password (CREATE ROLE ... PASSWORD ...). */
    static final class SecretFreeHistory extends DefaultHistory {
        @Override
        public void add(Instant time, String line) {
            if (!SECRET.matcher(line).find()) {
                super.add(time, line);
            }
        }
    }
}
