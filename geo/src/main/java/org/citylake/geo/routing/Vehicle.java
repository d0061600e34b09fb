package org.citylake.geo.routing;

import static com.graphhopper.json.Statement.If;
import static com.graphhopper.json.Statement.Op.LIMIT;
import static com.graphhopper.json.Statement.Op.MULTIPLY;

import com.graphhopper.util.CustomModel;

/**
 * Who drives the roads: which ways are open to it and how fast it goes on them. Both are built into
 * every road graph, so one graph directory serves either.
 *
 * <ul>
 *   <li>{@link #CAR}: every way open to motor cars in the direction of travel (OSM access and
 *       one-way tags as GraphHopper's car parser reads them), at GraphHopper's car speed for the
 *       road class or 90 % of a tagged {@code maxspeed}.
 *   <li>{@link #TRUCK}: GraphHopper's truck rules: the car's ways without {@code access=private},
 *       {@code hgv=no}, a {@code maxwidth} below 3 m or a {@code maxheight} below 4 m; 90 % of the
 *       car speed, at most 95 km/h.
 * </ul>
 */
public enum Vehicle {
    CAR("car"),
    TRUCK("truck");

    /** The encoded values (per-edge attributes) the graph stores for both vehicles. */
    static final String ENCODED_VALUES =
            "car_access, car_average_speed, road_access, hgv, max_width, max_height";

    private final String profile;

    Vehicle(String profile) {
        this.profile = profile;
    }

    /** The GraphHopper profile name of this vehicle in the graph. */
    String profile() {
        return profile;
    }

    /**
     * The vehicle's rules as a custom model with no distance influence, so that the weight of an
     * edge is its travel time (or infinite where the vehicle may not drive).
     */
    CustomModel customModel() {
        CustomModel model = new CustomModel().setDistanceInfluence(0d);
        switch (this) {
            case CAR -> {
                model.addToPriority(If("!car_access", MULTIPLY, "0"));
                model.addToSpeed(If("true", LIMIT, "car_average_speed"));
            }
            case TRUCK -> {
                model.addToPriority(If("road_access == PRIVATE", MULTIPLY, "0"));
                model.addToPriority(
                        If(
                                "car_access == false || hgv == NO || max_width < 3 ||"
                                        + " max_height < 4",
                                MULTIPLY,
                                "0"));
                model.addToSpeed(If("true", LIMIT, "car_average_speed * 0.9"));
                model.addToSpeed(If("true", LIMIT, "95"));
            }
        }
        return model;
    }
}
