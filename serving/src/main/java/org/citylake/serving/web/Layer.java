package org.citylake.serving.web;

import java.util.List;

/** A layer of the map (traffic, lighting, waste, air) and the KPIs it can colour streets by. */
public record Layer(String id, String label, List<Kpi> kpis, String missing) {

    public Kpi kpi(String kpiId) {
        if (kpiId == null || kpiId.isBlank()) {
            return kpis.get(0);
        }
        return kpis.stream()
                .filter(k -> k.id().equals(kpiId))
                .findFirst()
                .orElseThrow(
                        () ->
                                new NotFound(
                                        "layer "
                                                + id
                                                + " has no KPI '"
                                                + kpiId
                                                + "'; it has "
                                                + kpis.stream().map(Kpi::id).toList()));
    }

    /** A request for something that does not exist; answered 404 with the message. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }
}
