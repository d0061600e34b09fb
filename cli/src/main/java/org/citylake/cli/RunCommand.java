package org.citylake.cli;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.citylake.analytics.job.AnalyticsJob;
import org.citylake.analytics.job.AnalyticsJobs;
import org.citylake.analytics.job.AnalyticsMain;
import org.citylake.analytics.job.Input;
import org.citylake.analytics.job.JobOption;
import org.citylake.analytics.job.JobRunner;
import org.citylake.analytics.job.RunPlan;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.sink.BatchOverwrite;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.City;
import org.citylake.model.CityRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code citylake run <job>}: every registered analytics job ({@link AnalyticsJobs}), with the same
 * lake, period, city and cluster options, plus the job's own options; run by the job template
 * ({@link JobRunner}).
 */
@Command(
        name = "run",
        description = {
            "Run a batch analytics job over the clean tables; results go to gold.* tables.",
            "Each run covers whole days of one or more registered cities (ref.cities: their"
                    + " zone and policies), replaces its own earlier results"
                    + " atomically (re-runs are idempotent; a failed run leaves the previous"
                    + " results readable) and is logged in ops.job_runs. It refuses to run until"
                    + " the ingest watermark has passed the period's end (--allow-incomplete"
                    + " overrides), and commits nothing when its period holds no readings.",
            "--cluster runs it on a Flink cluster; it commits there."
        },
        mixinStandardHelpOptions = true)
public final class RunCommand {

    /** {@code run} with one subcommand per registered job. */
    static CommandLine commandLine() {
        CommandLine run = new CommandLine(new RunCommand());
        for (AnalyticsJob<?> job : AnalyticsJobs.all()) {
            run.addSubcommand(job.name(), JobCommand.commandLine(job));
        }
        return run;
    }

    /** {@code citylake run <job>}. */
    @Command(mixinStandardHelpOptions = true)
    static final class JobCommand implements Callable<Integer> {

        /** A stand-in city, only to ask a job which tables it reads. */
        private static final City ANY = City.of("any", "any", null, "UTC", 0, 0, null, null);

        @Mixin LakeArgs lakeArgs;
        @Mixin PeriodArgs periodArgs;
        @Mixin ClusterArgs clusterArgs;
        @Spec CommandSpec spec;

        private final AnalyticsJob<?> job;

        private JobCommand(AnalyticsJob<?> job) {
            this.job = job;
        }

        static CommandLine commandLine(AnalyticsJob<?> job) {
            CommandLine line = new CommandLine(new JobCommand(job));
            CommandSpec spec = line.getCommandSpec();
            spec.name(job.name());
            // picocli formats help text: a literal % is %%
            spec.usageMessage()
                    .description(
                            job.description().stream()
                                    .map(text -> text.replace("%", "%%"))
                                    .toArray(String[]::new));
            for (JobOption<?> option : job.options()) {
                spec.addOption(
                        OptionSpec.builder("--" + option.key())
                                .paramLabel(option.label())
                                .type(String.class)
                                .defaultValue(option.defaultValue())
                                .description(
                                        option.description().replace("%", "%%")
                                                + " (default ${DEFAULT-VALUE})")
                                .build());
            }
            return line;
        }

        @Override
        public Integer call() throws Exception {
            run(job);
            return 0;
        }

        private <S extends Serializable> void run(AnalyticsJob<S> job) throws Exception {
            LakeConfig config = lakeArgs.load();
            Map<String, String> options = new LinkedHashMap<>();
            for (JobOption<?> option : job.options()) {
                options.put(option.key(), spec.findOption("--" + option.key()).getValue());
            }
            JobRunner.Execution execution =
                    clusterArgs.cluster
                            ? (lake, plan) ->
                                    ClusterSubmit.run(
                                            lake,
                                            clusterArgs.flinkRest,
                                            AnalyticsMain.class.getName(),
                                            plan,
                                            job.name(),
                                            true)
                            : JobRunner.here(BatchOverwrite.FailurePoints.NONE);
            CityRegistry registry;
            try (Lake lake = Lake.open(config)) {
                lake.init();
                registry = CityTable.read(lake);
            }
            // Every city is checked before any runs: its zone and policies come from ref.cities
            // and travel in the plan.
            List<City> cities =
                    cities(config, job, options).stream().map(registry::require).toList();
            for (City city : cities) {
                List<LocalDate> days = days(job, options, city);
                RunPlan<S> plan =
                        RunPlan.of(
                                job,
                                city,
                                days.get(0),
                                days.get(1),
                                options,
                                UUID.randomUUID().toString());
                long started = System.nanoTime();
                System.err.printf(
                        "%s: running%s (run %s)%n",
                        plan.title(),
                        clusterArgs.cluster ? " on the Flink cluster" : "",
                        plan.runId());
                JobRunner.Result result =
                        JobRunner.run(
                                config,
                                job,
                                plan,
                                periodArgs.allowIncomplete,
                                execution,
                                System.err,
                                System.out);
                if (result.outcome() == JobRunner.Outcome.SUCCEEDED) {
                    List<String> counts = new ArrayList<>();
                    result.rows()
                            .forEach(
                                    (table, rows) ->
                                            counts.add(
                                                    String.format(
                                                            Locale.ROOT,
                                                            "%,d rows to %s",
                                                            rows,
                                                            table)));
                    System.err.printf(
                            Locale.ROOT,
                            "%s: %s in %.1f s%n",
                            plan.title(),
                            String.join(", ", counts),
                            (System.nanoTime() - started) / 1e9);
                }
            }
        }

        /** --from/--to, else the days the job's options imply for {@code city}. */
        private <S extends Serializable> List<LocalDate> days(
                AnalyticsJob<S> job, Map<String, String> options, City city) {
            if (periodArgs.given()) {
                return List.of(periodArgs.from(), periodArgs.to());
            }
            return job.impliedDays(options, city)
                    .orElseGet(() -> List.of(periodArgs.from(), periodArgs.to()));
        }

        /** The --city cities, else every city with readings in the job's input tables. */
        private <S extends Serializable> List<String> cities(
                LakeConfig config, AnalyticsJob<S> job, Map<String, String> options)
                throws Exception {
            if (!periodArgs.cities.isEmpty()) {
                return periodArgs.cities.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
            }
            // Only the tables matter here: the cities come from their partition metadata.
            List<LocalDate> anyDays = days(job, options, ANY);
            AnalyticsPeriod any = AnalyticsPeriod.of(ANY, anyDays.get(0), anyDays.get(1));
            List<String> tables =
                    job.inputs(any, job.settings(options, ANY)).stream().map(Input::table).toList();
            try (Lake lake = Lake.open(config)) {
                List<String> cities = JobRunner.citiesWithReadings(lake, tables);
                if (cities.isEmpty()) {
                    throw new IllegalStateException(
                            String.join(", ", tables)
                                    + " hold no readings: ingest some first (citylake ingest),"
                                    + " or name the city with --city");
                }
                return cities;
            }
        }
    }
}
