package org.citylake.analytics.job;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One option of an analytics job ({@code citylake run <job> --<key> VALUE}): a pinned key, a
 * default, a description for {@code --help}, and the parser that turns the text into its typed
 * value with an error that says what is expected. The key is the contract with scripts and the
 * orchestration: a test pins every key and default.
 *
 * @param <T> the parsed type
 */
public record JobOption<T>(
        String key,
        String label,
        String defaultValue,
        String description,
        Function<String, T> parser) {

    /** The typed value of this option among {@code values} (key → text; default when absent). */
    public T of(Map<String, String> values) {
        String text = values.getOrDefault(key, defaultValue);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + key + " " + text + ": " + e.getMessage(), e);
        }
    }

    public static JobOption<Integer> integer(String key, String defaultValue, String description) {
        return new JobOption<>(key, "N", defaultValue, description, JobOption::parseInt);
    }

    public static JobOption<Double> number(String key, String defaultValue, String description) {
        return new JobOption<>(key, "X", defaultValue, description, JobOption::parseDouble);
    }

    /** Checks that every key of {@code values} is one of {@code options}. */
    public static void requireKnown(List<JobOption<?>> options, Map<String, String> values) {
        for (String key : values.keySet()) {
            if (options.stream().noneMatch(o -> o.key().equals(key))) {
                throw new IllegalArgumentException(
                        "unknown option --"
                                + key
                                + "; this job takes "
                                + options.stream().map(o -> "--" + o.key()).toList());
            }
        }
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    private static double parseDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
    }
}
