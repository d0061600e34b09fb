package org.citylake.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The days and cities a batch analytics job runs for. */
public final class PeriodArgs {

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description =
                    "First day, YYYY-MM-DD, in the city's local time (required unless the job's"
                            + " options imply the days).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "DATE",
            description = "Last day, included (default: the --from day).")
    String to;

    @Option(
            names = "--city",
            paramLabel = "CITY",
            split = ",",
            description =
                    "City or cities (default: every city with readings in the job's input tables).")
    List<String> cities = new ArrayList<>();

    @Option(
            names = "--allow-incomplete",
            description =
                    "Run even when the ingest watermark has not passed the period's end (results"
                            + " may change when late data arrives).")
    boolean allowIncomplete;

    /** Whether --from was given. */
    boolean given() {
        return from != null;
    }

    LocalDate from() {
        if (from == null) {
            throw new IllegalArgumentException(
                    "--from is required: the first day, YYYY-MM-DD, e.g. --from 2014-08-18");
        }
        return date("--from", from);
    }

    LocalDate to() {
        return to == null ? from() : date("--to", to);
    }

    private static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option + " " + text + ": not a date; use YYYY-MM-DD, e.g. 2014-08-18");
        }
    }

    List<String> asArgs() {
        List<String> args = new ArrayList<>();
        if (from != null) {
            args.addAll(List.of("--from", from));
        }
        if (to != null) {
            args.addAll(List.of("--to", to));
        }
        if (!cities.isEmpty()) {
            args.addAll(List.of("--city", String.join(",", cities)));
        }
        if (allowIncomplete) {
            args.add("--allow-incomplete");
        }
        return args;
    }
}
