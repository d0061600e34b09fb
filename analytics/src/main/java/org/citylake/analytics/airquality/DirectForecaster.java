package org.citylake.analytics.airquality;

import static org.citylake.analytics.airquality.StationSeries.Variable.PM25;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Direct multi-horizon PM2.5 forecasts: one gradient-boosted model (LightGBM) per horizon {@code h
 * = 1..H}, trained on a city's stations pooled (the station is a categorical feature).
 *
 * <pre>
 *  features at issue hour i ({@link AirFeatures}) ─► model_h ─► change from pm25_last
 *                                                      └─► forecast(i + h) = pm25_last + change
 * </pre>
 *
 * <ul>
 *   <li>Each model learns, with squared error, either the change from the last observed value
 *       ({@code pm25_last}) to the target or the target's level (a tuning choice); forecasts are
 *       clipped at 0. Rows without a target value or without a last value within 24 h are not
 *       trained on.
 *   <li>Tuning uses the validation window only: for each horizon, every candidate of the grid is
 *       trained on the training window with early stopping on the validation error; the candidate
 *       and the number of trees with the lowest validation RMSE win.
 *   <li>Optionally (the job's default) each chosen model is then refitted on the training and
 *       validation windows together, with the tuned candidate and number of trees.
 *   <li>The 80 % (by default) interval is calibrated on the validation residuals: forecast + the
 *       10th and 90th percentile of (actual − forecast) there, the lower end clipped at 0.
 *   <li>Seeded (LightGBM {@code seed}, {@code deterministic=true}, row-wise histograms): the same
 *       data and seed give the same models. Each fit runs LightGBM on one thread (its OpenMP
 *       threads spin and slow down 5× on a shared 2-core machine); horizons train in parallel.
 * </ul>
 */
public final class DirectForecaster {

    /** One candidate set of hyper-parameters. */
    public record Params(
            boolean level,
            double learningRate,
            int numLeaves,
            int minDataInLeaf,
            double featureFraction,
            double lambdaL2,
            int maxRounds,
            int earlyStopping)
            implements Serializable {

        /** The LightGBM parameter string of this candidate with {@code seed}, one thread. */
        public String lightgbm(long seed) {
            return String.format(
                    Locale.ROOT,
                    "objective=regression metric=l2 learning_rate=%s num_leaves=%d"
                            + " min_data_in_leaf=%d feature_fraction=%s bagging_fraction=0.8"
                            + " bagging_freq=1 lambda_l2=%s max_bin=255 seed=%d"
                            + " deterministic=true force_row_wise=true num_threads=1 verbosity=-1"
                            + " categorical_feature=%d",
                    learningRate,
                    numLeaves,
                    minDataInLeaf,
                    featureFraction,
                    lambdaL2,
                    seed,
                    AirFeatures.STATION);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%s lr=%s leaves=%d min_leaf=%d features=%s l2=%s",
                    level ? "level" : "change",
                    learningRate,
                    numLeaves,
                    minDataInLeaf,
                    featureFraction,
                    lambdaL2);
        }
    }

    /** The default tuning grid. */
    public static final List<Params> GRID =
            List.of(
                    new Params(false, 0.05, 15, 100, 0.8, 1.0, 1500, 50),
                    new Params(false, 0.05, 63, 50, 0.8, 1.0, 1500, 50),
                    new Params(true, 0.05, 15, 100, 0.8, 1.0, 1500, 50),
                    new Params(true, 0.05, 63, 50, 0.8, 1.0, 1500, 50));

    /** The model of one horizon, as stored. */
    public record HorizonModel(
            int horizon,
            String modelText,
            Params params,
            int trees,
            long trainRows,
            long validationRows,
            double validationRmse,
            double residualLo,
            double residualHi)
            implements Serializable {}

    /** A trained set of models, one per horizon. */
    public record Trained(
            List<String> stations,
            List<String> features,
            List<HorizonModel> models,
            long seed,
            double intervalLevel)
            implements Serializable {

        public Map<String, Integer> stationCodes() {
            return CityHours.codes(stations);
        }

        public int horizons() {
            return models.size();
        }
    }

    /** One forecast: station, issue hour, horizon, forecast and interval, µg/m³. */
    public record Forecast(
            String stationId,
            long issuedAtMs,
            int horizon,
            double prediction,
            double lower,
            double upper) {

        public long targetAtMs() {
            return issuedAtMs + horizon * StationSeries.HOUR_MS;
        }
    }

    private DirectForecaster() {}

    /**
     * Trains the models of horizons 1..{@code horizons} on target times in {@code train}, tuned on
     * {@code validate}.
     */
    public static Trained train(
            CityHours data,
            Window train,
            Window validate,
            int horizons,
            List<Params> grid,
            long seed,
            double intervalLevel,
            int threads) {
        return train(data, train, validate, horizons, grid, seed, intervalLevel, threads, false);
    }

    /**
     * As {@link #train(CityHours, Window, Window, int, List, long, double, int)}; with {@code
     * refit}, each horizon's chosen candidate is then trained again on the training and validation
     * windows together, with the number of trees chosen on validation (the interval keeps the
     * calibration of the validation residuals of the model before the refit).
     */
    public static Trained train(
            CityHours data,
            Window train,
            Window validate,
            int horizons,
            List<Params> grid,
            long seed,
            double intervalLevel,
            int threads,
            boolean refit) {
        if (train.overlaps(validate)) {
            throw new IllegalArgumentException(
                    "the training window " + train + " overlaps the validation window " + validate);
        }
        loadNative();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<HorizonModel>> futures = new ArrayList<>();
            for (int h = 1; h <= horizons; h++) {
                int horizon = h;
                futures.add(
                        pool.submit(
                                () ->
                                        tune(
                                                data,
                                                train,
                                                validate,
                                                horizon,
                                                grid,
                                                seed,
                                                intervalLevel,
                                                refit)));
            }
            List<HorizonModel> models = new ArrayList<>();
            for (Future<HorizonModel> f : futures) {
                try {
                    models.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while training", e);
                }
            }
            List<String> stations = data.stations().stream().map(StationSeries::stationId).toList();
            return new Trained(stations, AirFeatures.NAMES, models, seed, intervalLevel);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The best candidate of {@code grid} for horizon {@code h}, by validation RMSE (package-private
     * for {@code WeatherOracleExperiment}, which tunes single horizons).
     */
    static HorizonModel tune(
            CityHours data,
            Window train,
            Window validate,
            int h,
            List<Params> grid,
            long seed,
            double intervalLevel,
            boolean refit) {
        Rows trainRows = rows(data, train, h);
        Rows validRows = rows(data, validate, h);
        if (trainRows.n == 0 || validRows.n == 0) {
            throw new IllegalStateException(
                    "horizon "
                            + h
                            + ": "
                            + (trainRows.n == 0 ? "the training window " + train : "")
                            + (trainRows.n == 0 && validRows.n == 0 ? " and " : "")
                            + (validRows.n == 0 ? "the validation window " + validate : "")
                            + " hold no forecastable hour (a PM2.5 value at the target and"
                            + " one within 24 h before the issue time); give windows with"
                            + " readings");
        }
        HorizonModel best = null;
        for (Params p : grid) {
            HorizonModel m = fit(h, trainRows, validRows, p, seed, intervalLevel);
            if (best == null || m.validationRmse() < best.validationRmse()) {
                best = m;
            }
        }
        if (!refit) {
            return best;
        }
        Rows all = trainRows.plus(validRows);
        return new HorizonModel(
                h,
                fixedRounds(h, all, best.params(), seed, best.trees()),
                best.params(),
                best.trees(),
                all.n,
                best.validationRows(),
                best.validationRmse(),
                best.residualLo(),
                best.residualHi());
    }

    /** A model of {@code trees} rounds on {@code rows}, no early stopping. */
    private static String fixedRounds(int h, Rows rows, Params p, long seed, int trees) {
        String params = p.lightgbm(seed);
        try (LGBMDataset set =
                LGBMDataset.createFromMat(rows.matrix(), rows.n, rows.width, true, params, null)) {
            set.setField("label", toFloat(rows.labels(p.level())));
            set.setFeatureNames(AirFeatures.NAMES.toArray(String[]::new));
            try (LGBMBooster booster = LGBMBooster.create(set, params)) {
                for (int round = 1; round <= trees; round++) {
                    if (booster.updateOneIter()) {
                        break;
                    }
                }
                return booster.saveModelToString(0, trees, LGBMBooster.FeatureImportanceType.GAIN);
            }
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed refitting horizon " + h + ": " + e, e);
        }
    }

    /** The rows of horizon {@code h} whose target time lies in {@code window}. */
    static Rows rows(CityHours data, Window window, int h) {
        Rows rows = new Rows(data.width());
        for (int s = 0; s < data.stations().size(); s++) {
            StationSeries series = data.stations().get(s);
            int first = Math.max(0, series.index(Math.floorDiv(window.fromMs(), 3_600_000L)) - h);
            int last =
                    Math.min(
                            series.hours() - 1 - h,
                            series.index((window.toMs() - 1) / 3_600_000L) - h);
            for (int i = first; i <= last; i++) {
                long target = series.startMs(i + h);
                if (!window.contains(target)) {
                    continue;
                }
                double actual = series.get(PM25, i + h);
                double base = data.feature(s, i, AirFeatures.LAST);
                if (Double.isNaN(actual) || Double.isNaN(base)) {
                    continue;
                }
                rows.add(data, s, i, actual, base, series.get(PM25, i));
            }
        }
        return rows;
    }

    /** Feature rows with their targets, bases and persistence values. */
    static final class Rows {
        final int width;
        double[] x = new double[0];
        double[] actual = new double[0];
        double[] base = new double[0];
        double[] persistence = new double[0];
        int[] station = new int[0];
        long[] issuedAt = new long[0];
        int n;

        Rows(int width) {
            this.width = width;
        }

        void add(CityHours data, int s, int i, double y, double b, double now) {
            if (n == actual.length) {
                int cap = Math.max(1024, n * 2);
                x = Arrays.copyOf(x, cap * width);
                actual = Arrays.copyOf(actual, cap);
                base = Arrays.copyOf(base, cap);
                persistence = Arrays.copyOf(persistence, cap);
                station = Arrays.copyOf(station, cap);
                issuedAt = Arrays.copyOf(issuedAt, cap);
            }
            data.copyRow(s, i, x, n * width);
            actual[n] = y;
            base[n] = b;
            persistence[n] = now;
            station[n] = s;
            issuedAt[n] = data.stations().get(s).startMs(i);
            n++;
        }

        /** The level, or the change from the last value. */
        double[] labels(boolean level) {
            double[] y = new double[n];
            for (int k = 0; k < n; k++) {
                y[k] = level ? actual[k] : actual[k] - base[k];
            }
            return y;
        }

        /** These rows followed by {@code other}'s. */
        Rows plus(Rows other) {
            Rows all = new Rows(width);
            all.n = n + other.n;
            all.x = Arrays.copyOf(x, all.n * width);
            System.arraycopy(other.x, 0, all.x, n * width, other.n * width);
            all.actual = join(actual, n, other.actual, other.n);
            all.base = join(base, n, other.base, other.n);
            all.persistence = join(persistence, n, other.persistence, other.n);
            all.station = Arrays.copyOf(station, all.n);
            System.arraycopy(other.station, 0, all.station, n, other.n);
            all.issuedAt = Arrays.copyOf(issuedAt, all.n);
            System.arraycopy(other.issuedAt, 0, all.issuedAt, n, other.n);
            return all;
        }

        private static double[] join(double[] a, int na, double[] b, int nb) {
            double[] out = Arrays.copyOf(a, na + nb);
            System.arraycopy(b, 0, out, na, nb);
            return out;
        }

        double[] matrix() {
            return Arrays.copyOf(x, n * width);
        }
    }

    private static HorizonModel fit(
            int h, Rows train, Rows valid, Params p, long seed, double level) {
        String params = p.lightgbm(seed);
        try (LGBMDataset trainSet =
                        LGBMDataset.createFromMat(
                                train.matrix(), train.n, train.width, true, params, null);
                LGBMDataset validSet =
                        LGBMDataset.createFromMat(
                                valid.matrix(), valid.n, valid.width, true, params, trainSet)) {
            trainSet.setField("label", toFloat(train.labels(p.level())));
            validSet.setField("label", toFloat(valid.labels(p.level())));
            trainSet.setFeatureNames(AirFeatures.NAMES.toArray(String[]::new));
            validSet.setFeatureNames(AirFeatures.NAMES.toArray(String[]::new));
            String text;
            int bestRound = 0;
            try (LGBMBooster booster = LGBMBooster.create(trainSet, params)) {
                booster.addValidData(validSet);
                double bestL2 = Double.MAX_VALUE;
                for (int round = 1; round <= p.maxRounds(); round++) {
                    boolean finished = booster.updateOneIter();
                    double l2 = booster.getEval(1)[0];
                    if (l2 < bestL2) {
                        bestL2 = l2;
                        bestRound = round;
                    }
                    if (finished || round - bestRound >= p.earlyStopping()) {
                        break;
                    }
                }
                text =
                        booster.saveModelToString(
                                0, bestRound, LGBMBooster.FeatureImportanceType.GAIN);
            }
            double[] forecast = predict(text, p.level(), valid);
            double sq = 0;
            double[] residuals = new double[valid.n];
            for (int k = 0; k < valid.n; k++) {
                residuals[k] = valid.actual[k] - forecast[k];
                sq += residuals[k] * residuals[k];
            }
            Arrays.sort(residuals);
            return new HorizonModel(
                    h,
                    text,
                    p,
                    bestRound,
                    train.n,
                    valid.n,
                    Math.sqrt(sq / valid.n),
                    quantile(residuals, (1 - level) / 2),
                    quantile(residuals, (1 + level) / 2));
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed on horizon " + h + ": " + e, e);
        }
    }

    /** The forecasts (µg/m³, clipped at 0) of a model text for {@code rows}. */
    static double[] predict(String modelText, boolean level, Rows rows) {
        if (rows.n == 0) {
            return new double[0];
        }
        try (LGBMBooster model = LGBMBooster.loadModelFromString(modelText)) {
            double[] change =
                    model.predictForMat(
                            rows.matrix(),
                            rows.n,
                            rows.width,
                            true,
                            PredictionType.C_API_PREDICT_NORMAL,
                            "num_threads=1");
            double[] out = new double[rows.n];
            for (int k = 0; k < rows.n; k++) {
                out[k] = Math.max(0, (level ? 0 : rows.base[k]) + change[k]);
            }
            return out;
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM cannot load or apply a model: " + e, e);
        }
    }

    /** The {@code q} quantile of sorted values (linear interpolation). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Scores the models on target times in {@code test}: per station id and pooled under {@code
     * ALL}, the error sums of each horizon (index {@code h − 1}). Only pairs where the value at the
     * issue time and at the target exist count, for the model and persistence alike.
     */
    public static Map<String, ErrorSums[]> evaluate(Trained trained, CityHours data, Window test) {
        loadNative();
        Map<String, ErrorSums[]> sums = new LinkedHashMap<>();
        sums.put(ALL, newSums(trained.horizons()));
        for (StationSeries s : data.stations()) {
            sums.put(s.stationId(), newSums(trained.horizons()));
        }
        for (HorizonModel m : trained.models()) {
            Rows rows = rows(data, test, m.horizon());
            double[] forecast = predict(m.modelText(), m.params().level(), rows);
            for (int k = 0; k < rows.n; k++) {
                if (Double.isNaN(rows.persistence[k])) {
                    continue;
                }
                double lo = Math.max(0, forecast[k] + m.residualLo());
                double hi = forecast[k] + m.residualHi();
                String station = data.stations().get(rows.station[k]).stationId();
                for (String key : List.of(ALL, station)) {
                    sums.get(key)[m.horizon() - 1].add(
                            rows.actual[k], rows.persistence[k], forecast[k], lo, hi);
                }
            }
        }
        return sums;
    }

    /**
     * Persistence alone ("the coming hours will be like now") on target times in {@code window}:
     * per station id and under {@code ALL}, the sums of horizons 1..{@code horizons}; the model
     * fields hold persistence too. A pair counts only when both values exist.
     */
    public static Map<String, ErrorSums[]> persistence(
            CityHours data, Window window, int horizons) {
        Map<String, ErrorSums[]> sums = new LinkedHashMap<>();
        sums.put(ALL, newSums(horizons));
        for (StationSeries s : data.stations()) {
            sums.put(s.stationId(), newSums(horizons));
        }
        for (int h = 1; h <= horizons; h++) {
            Rows rows = rows(data, window, h);
            for (int k = 0; k < rows.n; k++) {
                double now = rows.persistence[k];
                if (Double.isNaN(now)) {
                    continue;
                }
                String station = data.stations().get(rows.station[k]).stationId();
                for (String key : List.of(ALL, station)) {
                    sums.get(key)[h - 1].add(rows.actual[k], now, now, now, now);
                }
            }
        }
        return sums;
    }

    /**
     * The forecasts of every station issued at the hour starting {@code issuedAtMs}: one per
     * horizon; a station without a PM2.5 value within 24 h before gets none.
     */
    public static List<Forecast> forecast(Trained trained, CityHours data, long issuedAtMs) {
        loadNative();
        List<Forecast> out = new ArrayList<>();
        for (int s = 0; s < data.stations().size(); s++) {
            StationSeries series = data.stations().get(s);
            int i = series.index(Math.floorDiv(issuedAtMs, StationSeries.HOUR_MS));
            if (i < 0 || i >= series.hours()) {
                continue;
            }
            double base = data.feature(s, i, AirFeatures.LAST);
            if (Double.isNaN(base)) {
                continue;
            }
            Rows one = new Rows(data.width());
            one.add(data, s, i, Double.NaN, base, series.get(PM25, i));
            for (HorizonModel m : trained.models()) {
                double f = predict(m.modelText(), m.params().level(), one)[0];
                out.add(
                        new Forecast(
                                series.stationId(),
                                series.startMs(i),
                                m.horizon(),
                                f,
                                Math.max(0, f + m.residualLo()),
                                f + m.residualHi()));
            }
        }
        return out;
    }

    /** The station key of pooled scores. */
    public static final String ALL = "ALL";

    private static ErrorSums[] newSums(int horizons) {
        ErrorSums[] a = new ErrorSums[horizons];
        for (int h = 0; h < horizons; h++) {
            a[h] = new ErrorSums();
        }
        return a;
    }

    private static float[] toFloat(double[] values) {
        float[] f = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            f[k] = (float) values[k];
        }
        return f;
    }

    /**
     * Loads LightGBM's native libraries once per JVM. lightgbm4j extracts them into {@code
     * java.io.tmpdir} under fixed names, so two JVMs starting at once (two runs, a run and a test)
     * overwrite a library the other has mapped, and one dies with SIGBUS. The extraction is
     * therefore pointed at a directory of this JVM's own for the duration of the load. {@code
     * LGBMBooster}'s static initialiser already extracts and loads, so the class must not be
     * touched (not even {@code isNativeLoaded}) before the directory is set.
     */
    private static boolean nativeLoaded;

    private static synchronized void loadNative() {
        if (nativeLoaded) {
            return;
        }
        String tmp = System.getProperty("java.io.tmpdir");
        try {
            java.nio.file.Path own = java.nio.file.Files.createTempDirectory("citylake-lightgbm-");
            own.toFile().deleteOnExit();
            System.setProperty("java.io.tmpdir", own.toString());
            try {
                LGBMBooster.loadNative();
            } finally {
                System.setProperty("java.io.tmpdir", tmp);
            }
            try (var files = java.nio.file.Files.list(own)) {
                files.forEach(f -> f.toFile().deleteOnExit());
            }
            nativeLoaded = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load LightGBM's native library", e);
        }
    }
}
