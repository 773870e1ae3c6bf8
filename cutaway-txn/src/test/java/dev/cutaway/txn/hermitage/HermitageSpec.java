package dev.cutaway.txn.hermitage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hermitage spec, {@code shared/isolation/hermitage-cases.json} (format
 * {@code hermitage-cases/1}; shared/isolation/README.md describes it): levels, setup
 * statements and cases. {@link #loadShared()} finds it through the {@code cutaway.shared}
 * system property that the build sets for every test run.
 */
public record HermitageSpec(List<String> levels, List<String> columns, List<String> setup,
        List<HermitageCase> cases) {
    public static final String FORMAT = "hermitage-cases/1";

    public HermitageSpec {
        levels = List.copyOf(levels);
        columns = List.copyOf(columns);
        setup = List.copyOf(setup);
        cases = List.copyOf(cases);
    }

    /** Loads the spec from the shared folder ({@code -Dcutaway.shared=…}). */
    public static HermitageSpec loadShared() throws IOException {
        String shared = System.getProperty("cutaway.shared");
        if (shared == null) {
            throw new IllegalStateException("system property cutaway.shared is not set");
        }
        return load(Path.of(shared, "isolation", "hermitage-cases.json"));
    }

    public static HermitageSpec load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses the spec's JSON text. */
    @SuppressWarnings("unchecked")
    public static HermitageSpec parse(String json) {
        Map<String, Object> top = (Map<String, Object>) Json.parse(json);
        if (!FORMAT.equals(top.get("format"))) {
            throw new IllegalArgumentException("not " + FORMAT + ": " + top.get("format"));
        }
        List<HermitageCase> cases = new ArrayList<>();
        for (Object c : (List<Object>) top.get("cases")) {
            cases.add(caseOf((Map<String, Object>) c));
        }
        return new HermitageSpec((List<String>) top.get("levels"),
                (List<String>) top.get("columns"), (List<String>) top.get("setup"), cases);
    }

    /** The case with this id. */
    public HermitageCase byId(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + id));
    }

    @SuppressWarnings("unchecked")
    private static HermitageCase caseOf(Map<String, Object> json) {
        Map<String, Classification> outcome = new LinkedHashMap<>();
        ((Map<String, Object>) json.get("outcome"))
                .forEach((level, c) -> outcome.put(level, Classification.named((String) c)));
        List<List<Condition>> groups = new ArrayList<>();
        for (Object group : (List<Object>) json.get("anomaly_when")) {
            groups.add(((List<Object>) group).stream()
                    .map(c -> Condition.parse((Map<String, Object>) c)).toList());
        }
        List<Step> steps = new ArrayList<>();
        for (Object s : (List<Object>) json.get("steps")) {
            steps.add(stepOf((Map<String, Object>) s));
        }
        return new HermitageCase((String) json.get("id"), (String) json.get("column"),
                (String) json.get("title"), (String) json.get("description"),
                (String) json.get("hermitage"), outcome, groups, steps);
    }

    @SuppressWarnings("unchecked")
    private static Step stepOf(Map<String, Object> json) {
        Map<String, Expectation> at = new LinkedHashMap<>();
        Object expectAt = json.get("expect_at");
        if (expectAt != null) {
            ((Map<String, Object>) expectAt).forEach((l, e) -> at.put(l, Expectation.parse(e)));
        }
        Object levels = json.getOrDefault("levels", List.of());
        return new Step(Math.toIntExact((Long) json.get("n")), (String) json.get("session"),
                (String) json.get("sql"), Boolean.TRUE.equals(json.get("resume")),
                Expectation.parse(json.get("expect")), at, (List<String>) levels);
    }
}
