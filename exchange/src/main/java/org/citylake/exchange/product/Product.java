package org.citylake.exchange.product;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A data product of the exchange, as declared in a {@code <id>.product.json} file: where its rows
 * come from, how they are aggregated and anonymised, and on which terms they are sold. No product
 * has code of its own; {@link ProductFiles} reads and validates the files and {@code
 * org.citylake.exchange.release.ReleaseBuilder} runs them.
 *
 * <pre>
 *   source table @ snapshot ──filter──► group by dimensions (time truncated, ids pseudonymised)
 *        ──aggregate measures + contributors──► drop groups with contributors &lt; k ──► sorted rows
 * </pre>
 *
 * @param id product id: lower-case letters, digits and dashes; names the release table {@code
 *     exchange.<id with underscores>}
 * @param version the product definition's version (semantic); part of every release id
 * @param title short human title (dct:title)
 * @param description what a row is and what it is good for (dct:description)
 * @param keywords dcat:keyword
 * @param theme EU data theme IRI (dcat:theme), e.g. {@code
 *     http://publications.europa.eu/resource/authority/data-theme/TRAN}
 * @param source the source table and its row filter
 * @param granularity the temporal and spatial granularity, in words and as an ISO 8601 duration
 * @param dimensions the group-by columns, in output order
 * @param measures the aggregated columns, in output order
 * @param anonymisation the k-anonymity rule and the dropped ids
 * @param licence the licence document IRI (dct:license)
 * @param offer the price and terms (an ODRL offer)
 * @param updateFrequency EU frequency IRI (dct:accrualPeriodicity), e.g. {@code
 *     http://publications.europa.eu/resource/authority/frequency/DAILY}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Product(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String version,
        @JsonProperty(required = true) String title,
        @JsonProperty(required = true) String description,
        List<String> keywords,
        String theme,
        @JsonProperty(required = true) Source source,
        @JsonProperty(required = true) Granularity granularity,
        @JsonProperty(required = true) List<Dimension> dimensions,
        @JsonProperty(required = true) List<Measure> measures,
        @JsonProperty(required = true) Anonymisation anonymisation,
        @JsonProperty(required = true) String licence,
        @JsonProperty(required = true) Offer offer,
        @JsonProperty(required = true) String updateFrequency) {

    public Product {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        measures = measures == null ? List.of() : List.copyOf(measures);
    }

    /**
     * The Iceberg table buyers query through Trino: {@code exchange.<id, dashes as underscores>}.
     */
    public String releaseTable() {
        return "exchange." + id.replace('-', '_');
    }

    /**
     * The source: a table of {@code clean} or {@code gold} and the rows that count.
     *
     * @param table e.g. {@code gold.segment_congestion}
     * @param where column → the value a row must have (all must match), e.g. {@code
     *     {"window_minutes": 60}}
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Source(@JsonProperty(required = true) String table, Map<String, Object> where) {
        public Source {
            where =
                    where == null
                            ? Map.of()
                            : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(where));
        }
    }

    /**
     * @param temporal in words, e.g. "hour (UTC)"
     * @param temporalResolution ISO 8601 duration of one row's period (dcat:temporalResolution),
     *     e.g. PT1H or P1D
     * @param spatial in words, e.g. "road segment"
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Granularity(
            @JsonProperty(required = true) String temporal,
            @JsonProperty(required = true) String temporalResolution,
            @JsonProperty(required = true) String spatial) {}

    /**
     * A group-by column of the release.
     *
     * @param name column name in the release
     * @param from source column
     * @param type release type: string, int, long, double, boolean, date or timestamptz (a
     *     pseudonymised column is a string)
     * @param truncate for a timestamp: {@code hour} or {@code day} (UTC); null keeps the value
     * @param pseudonymise replace the value by its keyed hash (HMAC-SHA256 with the exchange key)
     * @param doc what the column holds (the release schema and the data dictionary)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Dimension(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String from,
            @JsonProperty(required = true) String type,
            String truncate,
            boolean pseudonymise,
            @JsonProperty(required = true) String doc) {}

    /**
     * An aggregated column of the release.
     *
     * @param name column name in the release
     * @param agg {@code sum}, {@code mean}, {@code weighted_mean}, {@code min}, {@code max}, {@code
     *     count} (rows; {@code from} not needed) or {@code count_distinct}
     * @param from source column
     * @param type release type: long or double (count and count_distinct: long; mean: double; min
     *     and max: the source's type)
     * @param weight for {@code weighted_mean}: the weight column (rows whose value or weight is
     *     null are left out)
     * @param round decimal places of a double result (half-even), so releases stay readable; null
     *     keeps the full double
     * @param doc what the column holds, with its unit ("meaning, unit")
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Measure(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String agg,
            String from,
            @JsonProperty(required = true) String type,
            String weight,
            Integer round,
            @JsonProperty(required = true) String doc) {}

    /**
     * @param k least number of contributors a group needs to be released; 1 releases every group
     *     (then {@code reason} must say why no suppression is needed)
     * @param contributors how a group's contributors are counted: {@code {"agg": "sum", "from":
     *     "flow"}} (vehicles counted), {@code {"agg": "count_distinct", "from": "lot_id"}}
     *     (sensors), {@code {"agg": "count"}} (events)
     * @param contributorsAre what a contributor is, in words ("vehicles counted")
     * @param dropped source columns that identify a person, device or vehicle and are never
     *     released (documentation and a check: no dimension or measure may read them)
     * @param reason why this rule protects the people in the data
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Anonymisation(
            @JsonProperty(required = true) int k,
            Contributors contributors,
            String contributorsAre,
            List<String> dropped,
            @JsonProperty(required = true) String reason) {
        public Anonymisation {
            dropped = dropped == null ? List.of() : List.copyOf(dropped);
        }
    }

    /** How contributors are counted: an aggregation as in {@link Measure}. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Contributors(@JsonProperty(required = true) String agg, String from) {}

    /**
     * The price and terms, published as an ODRL offer (odrl:hasPolicy).
     *
     * @param price amount per period (0 for free)
     * @param currency ISO 4217 code
     * @param per what the price buys, e.g. "month of access"
     * @param permissions ODRL actions granted (e.g. use, reproduce, distribute)
     * @param prohibitions ODRL actions forbidden
     * @param terms the terms in words
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Offer(
            @JsonProperty(required = true) BigDecimal price,
            @JsonProperty(required = true) String currency,
            @JsonProperty(required = true) String per,
            List<String> permissions,
            List<String> prohibitions,
            @JsonProperty(required = true) String terms) {
        public Offer {
            permissions = permissions == null ? List.of() : List.copyOf(permissions);
            prohibitions = prohibitions == null ? List.of() : List.copyOf(prohibitions);
        }
    }
}
