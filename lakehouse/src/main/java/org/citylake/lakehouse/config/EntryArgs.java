package org.citylake.lakehouse.config;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;

/**
 * The arguments of a job jar's entry point on a Flink cluster: where the lake is ({@code
 * --data-dir}, {@code --config}, {@code --profile}) and the job's plan, built and checked by the
 * {@code citylake} CLI, as one serialized object ({@code --plan}). The entry point parses nothing
 * else, so the cluster runs exactly the plan the CLI validated, and the job jar carries no CLI
 * library.
 *
 * <p>Paths are made absolute by the CLI: the JobManager runs in another working directory. No
 * credential travels in the arguments (they show in the cluster's web UI): the job reads them from
 * the same configuration file and environment as the CLI.
 */
public record EntryArgs(LakeConfig config, Serializable plan) {

    private static final String DATA_DIR = "--data-dir";
    private static final String CONFIG = "--config";
    private static final String PROFILE = "--profile";
    private static final String PLAN = "--plan";

    /** The entry point's arguments for {@code plan} on the lake {@code config} describes. */
    public static List<String> of(LakeConfig config, Serializable plan) throws IOException {
        List<String> args = new ArrayList<>();
        args.addAll(List.of(DATA_DIR, config.dataDir().toAbsolutePath().toString()));
        String file = config.get(LakeOptions.CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            args.addAll(List.of(CONFIG, Path.of(file).toAbsolutePath().toString()));
        }
        args.addAll(List.of(PROFILE, config.profile().id()));
        args.addAll(
                List.of(
                        PLAN,
                        Base64.getEncoder()
                                .encodeToString(InstantiationUtil.serializeObject(plan))));
        return args;
    }

    /** Parses what {@link #of} wrote; the plan's classes come from the job jar. */
    public static EntryArgs parse(String[] args) throws IOException, ClassNotFoundException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!List.of(DATA_DIR, CONFIG, PROFILE, PLAN).contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "unexpected argument '"
                                + name
                                + "': a job entry point takes --data-dir, --config, --profile and"
                                + " --plan, written by the citylake CLI (run the job with"
                                + " `citylake ... --cluster`)");
            }
            values.put(name, args[++i]);
        }
        if (!values.containsKey(PLAN)) {
            throw new IllegalArgumentException(
                    "no --plan: submit the job with `citylake ... --cluster`");
        }
        Map<String, String> overrides = new HashMap<>();
        overrides.put(LakeOptions.DATA_DIR.key(), values.get(DATA_DIR));
        overrides.put(LakeOptions.CONFIG_FILE.key(), values.get(CONFIG));
        overrides.put(LakeOptions.PROFILE.key(), values.get(PROFILE));
        Serializable plan =
                InstantiationUtil.deserializeObject(
                        Base64.getDecoder().decode(values.get(PLAN)),
                        Thread.currentThread().getContextClassLoader());
        return new EntryArgs(LakeConfig.load(overrides), plan);
    }
}
