package org.citylake.analytics.parking;

/**
 * Error sums of the two forecasts over the same (origin, target) pairs, for one garage or, added
 * up, for a city. A Flink POJO.
 *
 * <p>MAE = Σ|forecast − actual| / n and RMSE = √(Σ(forecast − actual)² / n), in spots. Skill vs
 * naive = 1 − RMSE / RMSE<sub>naive</sub>: 0 is no better than "same as now", 1 is perfect,
 * negative is worse; undefined (null) when the naive forecast made no error.
 */
public final class ForecastSkill {

    /** Lot id, or {@link #ALL_LOTS} for a city's garages pooled. */
    public String lotId;

    public long n;
    public double naiveAbs;
    public double naiveSq;
    public double modelAbs;
    public double modelSq;

    public static final String ALL_LOTS = "ALL";

    public ForecastSkill() {}

    public ForecastSkill(String lotId) {
        this.lotId = lotId;
    }

    /** Adds one evaluated pair. */
    public void add(double actual, double naive, double model) {
        n++;
        naiveAbs += Math.abs(naive - actual);
        naiveSq += (naive - actual) * (naive - actual);
        modelAbs += Math.abs(model - actual);
        modelSq += (model - actual) * (model - actual);
    }

    /** The sums of both, under {@link #ALL_LOTS}. */
    public static ForecastSkill plus(ForecastSkill a, ForecastSkill b) {
        ForecastSkill s = new ForecastSkill(ALL_LOTS);
        s.n = a.n + b.n;
        s.naiveAbs = a.naiveAbs + b.naiveAbs;
        s.naiveSq = a.naiveSq + b.naiveSq;
        s.modelAbs = a.modelAbs + b.modelAbs;
        s.modelSq = a.modelSq + b.modelSq;
        return s;
    }

    public Double naiveMae() {
        return n == 0 ? null : naiveAbs / n;
    }

    public Double naiveRmse() {
        return n == 0 ? null : Math.sqrt(naiveSq / n);
    }

    public Double modelMae() {
        return n == 0 ? null : modelAbs / n;
    }

    public Double modelRmse() {
        return n == 0 ? null : Math.sqrt(modelSq / n);
    }

    /** 1 − RMSE / RMSE_naive; null without pairs or when the naive RMSE is 0. */
    public Double skill() {
        return n == 0 || naiveSq == 0 ? null : 1 - Math.sqrt(modelSq / naiveSq);
    }

    @Override
    public String toString() {
        return lotId + " n=" + n + " naive rmse=" + naiveRmse() + " model rmse=" + modelRmse();
    }
}
