package org.citylake.analytics.airquality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.io.FileIO;
import org.citylake.analytics.airquality.DirectForecaster.HorizonModel;
import org.citylake.analytics.airquality.DirectForecaster.Params;
import org.citylake.analytics.airquality.DirectForecaster.Trained;

/**
 * Model artefacts in the lake's object storage (the warehouse's FileIO: the local warehouse when
 * embedded, S3 on the stack), outside every table's location so table maintenance never removes
 * them:
 *
 * <pre>
 * &lt;warehouse&gt;/models/airquality/&lt;city&gt;/&lt;model version&gt;/
 *     h01.txt … h24.txt   LightGBM model text of each horizon
 *     model.json          written last: training window, features, stations, hyper-parameters,
 *                         trees, interval calibration, validation and test metrics
 * </pre>
 *
 * A version is in use only once {@code gold.air_forecast_skill} has committed its rows; an artefact
 * of a run that failed before its commit is never read.
 */
public final class ModelStore implements Serializable {

    public static final String METADATA = "model.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileIO io;
    private final String root;

    /**
     * @param io the lake's FileIO
     * @param warehouse the warehouse location, e.g. {@code file:/…/warehouse} or {@code
     *     s3://citylake/warehouse}
     */
    public ModelStore(FileIO io, String warehouse) {
        this.io = io;
        this.root = strip(warehouse) + "/models/airquality";
    }

    private static String strip(String location) {
        return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }

    /** Where version {@code version} of {@code city}'s models lives. */
    public String location(String city, String version) {
        return root + "/" + city + "/" + version;
    }

    /**
     * Writes the models and their metadata ({@code metadata} gets the per-horizon entries added);
     * returns the artefact's location.
     */
    public String write(String city, String version, ObjectNode metadata, Trained trained) {
        String at = location(city, version);
        ArrayNode horizons = metadata.putArray("horizons");
        for (HorizonModel m : trained.models()) {
            String file = String.format(Locale.ROOT, "h%02d.txt", m.horizon());
            put(at + "/" + file, m.modelText());
            ObjectNode h = horizons.addObject();
            h.put("horizon", m.horizon());
            h.put("file", file);
            Params p = m.params();
            ObjectNode params = h.putObject("params");
            params.put("target", p.level() ? "level" : "change");
            params.put("learning_rate", p.learningRate());
            params.put("num_leaves", p.numLeaves());
            params.put("min_data_in_leaf", p.minDataInLeaf());
            params.put("feature_fraction", p.featureFraction());
            params.put("lambda_l2", p.lambdaL2());
            params.put("max_rounds", p.maxRounds());
            params.put("early_stopping", p.earlyStopping());
            params.put("lightgbm", p.lightgbm(trained.seed()));
            h.put("trees", m.trees());
            h.put("train_rows", m.trainRows());
            h.put("validation_rows", m.validationRows());
            h.put("validation_rmse", m.validationRmse());
            h.put("residual_lo", m.residualLo());
            h.put("residual_hi", m.residualHi());
        }
        metadata.put("seed", trained.seed());
        metadata.put("interval_level", trained.intervalLevel());
        ArrayNode features = metadata.putArray("features");
        trained.features().forEach(features::add);
        ArrayNode stations = metadata.putArray("stations");
        trained.stations().forEach(stations::add);
        try {
            put(
                    at + "/" + METADATA,
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metadata));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return at;
    }

    /** The models stored at {@code location}. */
    public Trained read(String location) {
        String at = strip(location);
        JsonNode meta;
        try {
            meta = JSON.readTree(get(at + "/" + METADATA));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the model metadata "
                            + at
                            + "/"
                            + METADATA
                            + ": "
                            + e.getMessage()
                            + "; train the city's models again (citylake run airquality"
                            + " --train …)",
                    e);
        }
        List<String> features = new ArrayList<>();
        meta.get("features").forEach(f -> features.add(f.asText()));
        if (!features.equals(AirFeatures.NAMES)) {
            throw new IllegalStateException(
                    "the model at "
                            + at
                            + " was trained on other features than this version computes; train"
                            + " the city's models again (citylake run airquality --train …)");
        }
        List<String> stations = new ArrayList<>();
        meta.get("stations").forEach(s -> stations.add(s.asText()));
        List<HorizonModel> models = new ArrayList<>();
        for (JsonNode h : meta.get("horizons")) {
            JsonNode p = h.get("params");
            Params params =
                    new Params(
                            p.get("target").asText().equals("level"),
                            p.get("learning_rate").asDouble(),
                            p.get("num_leaves").asInt(),
                            p.get("min_data_in_leaf").asInt(),
                            p.get("feature_fraction").asDouble(),
                            p.get("lambda_l2").asDouble(),
                            p.get("max_rounds").asInt(),
                            p.get("early_stopping").asInt());
            models.add(
                    new HorizonModel(
                            h.get("horizon").asInt(),
                            get(at + "/" + h.get("file").asText()),
                            params,
                            h.get("trees").asInt(),
                            h.get("train_rows").asLong(),
                            h.get("validation_rows").asLong(),
                            h.get("validation_rmse").asDouble(),
                            h.get("residual_lo").asDouble(),
                            h.get("residual_hi").asDouble()));
        }
        return new Trained(
                stations,
                features,
                models,
                meta.get("seed").asLong(),
                meta.get("interval_level").asDouble());
    }

    /** The metadata object of a new artefact. */
    public static ObjectNode metadata(Map<String, Object> fields) {
        ObjectNode node = JSON.createObjectNode();
        fields.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
        return node;
    }

    private void put(String path, String text) {
        try (OutputStream out = io.newOutputFile(path).createOrOverwrite()) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    private String get(String path) {
        try (InputStream in = io.newInputFile(path).newStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
