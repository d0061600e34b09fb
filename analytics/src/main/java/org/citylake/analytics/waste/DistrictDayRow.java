package org.citylake.analytics.waste;

/**
 * One row of {@code gold.waste_district_daily}: a district's collections of one day. A Flink POJO.
 */
public final class DistrictDayRow {
    public int day;
    public String districtId;
    public String districtName;
    public int binsEmptied;
    public int bins;
    public double kg;
    public Double meanFill;
    public Double lowFillShare;
    public int overflows;

    public DistrictDayRow() {}

    @Override
    public String toString() {
        return day + " " + districtId + " pickups " + binsEmptied + " kg " + kg;
    }
}
