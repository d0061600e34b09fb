package org.citylake.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.citylake.exchange.product.Product;
import org.citylake.exchange.product.ProductFiles;
import org.junit.jupiter.api.Test;

/** The built-in product files are valid; a broken file is refused with the field and the fix. */
class ProductFilesTest {

    @Test
    void builtInProductsAreTheFiveDomainsAndValid() {
        List<Product> products = ProductFiles.builtIn();
        assertThat(products)
                .extracting(Product::id)
                .containsExactly(
                        "air-forecast-hourly",
                        "air-quality-hourly",
                        "congestion-hourly",
                        "lighting-daily-road-class",
                        "parking-hourly",
                        "waste-daily",
                        "waste-district-daily");
        assertThat(products).allSatisfy(p -> assertThat(ProductFiles.validate(p)).isEmpty());
        // products about people or vehicles suppress below k = 10
        assertThat(products)
                .filteredOn(
                        p ->
                                List.of(
                                                "congestion-hourly",
                                                "parking-hourly",
                                                "waste-daily",
                                                "waste-district-daily")
                                        .contains(p.id()))
                .allSatisfy(p -> assertThat(p.anonymisation().k()).isEqualTo(10));
        assertThat(
                        products.stream()
                                .filter(p -> p.id().equals("waste-daily"))
                                .findFirst()
                                .orElseThrow()
                                .dimensions())
                .filteredOn(d -> d.from().equals("vehicle_id"))
                .singleElement()
                .satisfies(d -> assertThat(d.pseudonymise()).isTrue());
    }

    private static final String VALID =
            """
            {"id": "x-daily", "version": "1.0.0", "title": "t", "description": "d",
             "source": {"table": "gold.waste_route_kpi"},
             "granularity": {"temporal": "day", "temporalResolution": "P1D", "spatial": "city"},
             "dimensions": [{"name": "city", "from": "city", "type": "string", "doc": "city"}],
             "measures": [{"name": "km", "agg": "sum", "from": "km", "type": "double", "doc": "km driven, km"}],
             "anonymisation": {"k": 10, "contributors": {"agg": "sum", "from": "bins_emptied"},
                               "contributorsAre": "emptyings", "reason": "r"},
             "licence": "https://creativecommons.org/licenses/by/4.0/",
             "offer": {"price": 0, "currency": "EUR", "per": "release", "terms": "free"},
             "updateFrequency": "http://publications.europa.eu/resource/authority/frequency/DAILY"}
            """;

    @Test
    void aMissingRequiredFieldIsNamed() {
        String missing = VALID.replace("\"licence\"", "\"license\"");
        assertThatThrownBy(() -> ProductFiles.parse(missing, "x-daily.product.json"))
                .hasMessageContaining("x-daily.product.json")
                .hasMessageContaining("'licence'");
    }

    @Test
    void aValidFileParses() {
        assertThat(ProductFiles.parse(VALID, "x-daily.product.json").releaseTable())
                .isEqualTo("exchange.x_daily");
    }

    @Test
    void unknownFieldNamesTheFieldAndTheKnownOnes() {
        String typo = VALID.replace("\"title\": \"t\",", "\"title\": \"t\", \"keyword\": [\"a\"],");
        assertThatThrownBy(() -> ProductFiles.parse(typo, "x-daily.product.json"))
                .hasMessageContaining("x-daily.product.json")
                .hasMessageContaining("unknown field 'keyword'")
                .hasMessageContaining("keywords");
    }

    @Test
    void everyRuleBrokenIsListed() {
        String broken =
                VALID.replace("\"sum\", \"from\": \"km\"", "\"median\", \"from\": \"km\"")
                        .replace(
                                "\"k\": 10, \"contributors\": {\"agg\": \"sum\", \"from\": \"bins_emptied\"},",
                                "\"k\": 10,")
                        .replace("gold.waste_route_kpi", "raw.waste")
                        .replace("\"EUR\"", "\"euro\"");
        assertThatThrownBy(() -> ProductFiles.parse(broken, "x-daily.product.json"))
                .hasMessageContaining("measure 'km': agg 'median' is none of")
                .hasMessageContaining(
                        "anonymisation.contributors: how a group's contributors are counted")
                .hasMessageContaining(
                        "source.table 'raw.waste': a product reads a clean or gold table")
                .hasMessageContaining("offer.currency 'euro'");
    }

    @Test
    void aDroppedIdCannotBeReleased() {
        String leak =
                VALID.replace("\"reason\": \"r\"", "\"dropped\": [\"city\"], \"reason\": \"r\"");
        assertThatThrownBy(() -> ProductFiles.parse(leak, "x-daily.product.json"))
                .hasMessageContaining(
                        "dimension 'city': reads city, which anonymisation.dropped never releases");
    }

    @Test
    void theFileNameMustBeTheId() {
        assertThatThrownBy(() -> ProductFiles.parse(VALID, "folder/y.product.json"))
                .hasMessageContaining("declares id 'x-daily': name it x-daily.product.json");
    }
}
