package org.citylake.analytics.airquality;

import java.io.Serializable;

/**
 * Error sums of the model and of persistence over the same evaluation pairs of one station (or all
 * stations) and horizon. A pair counts only when both the value at the issue time (persistence's
 * forecast) and the value at the target time exist.
 *
 * <p>RMSE = √(Σ(forecast − actual)² / n), MAE = Σ|forecast − actual| / n (µg/m³); skill % = 100 ×
 * (1 − RMSE / RMSE<sub>persistence</sub>); coverage = share of actual values inside the model's
 * interval.
 */
public final class ErrorSums implements Serializable {

    public long n;
    public double modelAbs;
    public double modelSq;
    public double persistenceAbs;
    public double persistenceSq;
    public long covered;

    public void add(double actual, double persistence, double model, double lo, double hi) {
        n++;
        modelAbs += Math.abs(model - actual);
        modelSq += (model - actual) * (model - actual);
        persistenceAbs += Math.abs(persistence - actual);
        persistenceSq += (persistence - actual) * (persistence - actual);
        if (actual >= lo && actual <= hi) {
            covered++;
        }
    }

    public void addAll(ErrorSums o) {
        n += o.n;
        modelAbs += o.modelAbs;
        modelSq += o.modelSq;
        persistenceAbs += o.persistenceAbs;
        persistenceSq += o.persistenceSq;
        covered += o.covered;
    }

    public Double modelRmse() {
        return n == 0 ? null : Math.sqrt(modelSq / n);
    }

    public Double modelMae() {
        return n == 0 ? null : modelAbs / n;
    }

    public Double persistenceRmse() {
        return n == 0 ? null : Math.sqrt(persistenceSq / n);
    }

    public Double persistenceMae() {
        return n == 0 ? null : persistenceAbs / n;
    }

    /** 100 × (1 − RMSE / RMSE of persistence); null without pairs or a perfect persistence. */
    public Double skillPercent() {
        return n == 0 || persistenceSq == 0 ? null : 100 * (1 - Math.sqrt(modelSq / persistenceSq));
    }

    public Double coverage() {
        return n == 0 ? null : (double) covered / n;
    }
}
