package org.citylake.analytics.profile;

import java.io.Serializable;

/**
 * The street profile's settings.
 *
 * @param assetDistanceM garages and bins join the nearest road segment within this distance, m
 * @param litDistanceM a lit segment (OSM way) that is no road segment joins the road segment
 *     nearest to its midpoint within this distance, m
 * @param overflowLevel a pickup with a fill before emptying at or above this level (0..1) counts as
 *     an overflow
 */
public record ProfileSettings(double assetDistanceM, double litDistanceM, double overflowLevel)
        implements Serializable {

    public ProfileSettings {
        if (!(assetDistanceM >= 0) || !(litDistanceM >= 0)) {
            throw new IllegalArgumentException(
                    "--asset-distance and --lit-distance are metres, 0 or more");
        }
        if (!(overflowLevel > 0)) {
            throw new IllegalArgumentException("--overflow-level must be above 0 %");
        }
    }
}
