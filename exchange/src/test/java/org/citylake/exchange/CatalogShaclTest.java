package org.citylake.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.citylake.exchange.catalog.DcatCatalog;
import org.citylake.exchange.product.Product;
import org.citylake.exchange.product.ProductFiles;
import org.citylake.exchange.release.ReleaseFile;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of the built-in products with a release conforms to the official DCAT-AP 3.0.0
 * SHACL shapes (zero violations); a dataset without its mandatory title, or a distribution without
 * an access URL, is reported.
 */
class CatalogShaclTest {

    private static final String BASE = "http://127.0.0.1:18480";

    private static Model catalogue() {
        List<Product> products = ProductFiles.builtIn();
        DcatCatalog.Release release =
                new DcatCatalog.Release(
                        "congestion-hourly-1.0.0-0123456789ab",
                        "congestion-hourly",
                        "gold.segment_congestion",
                        4217730164921372101L,
                        OffsetDateTime.of(2026, 12, 6, 7, 0, 0, 0, ZoneOffset.UTC),
                        1234,
                        List.of(
                                new ReleaseFile(
                                        "congestion-hourly.parquet",
                                        "parquet",
                                        "application/vnd.apache.parquet",
                                        "ab".repeat(32),
                                        5000,
                                        "file:/x/congestion-hourly.parquet"),
                                new ReleaseFile(
                                        "congestion-hourly.csv",
                                        "csv",
                                        "text/csv",
                                        "cd".repeat(32),
                                        9000,
                                        "file:/x/congestion-hourly.csv")));
        return DcatCatalog.build(BASE, products, List.of(release));
    }

    @Test
    void generatedCatalogueConformsToDcatAp3() {
        Model model = catalogue();
        ValidationReport report = DcatCatalog.validate(model);
        assertThat(report.getEntries()).as("SHACL violations").isEmpty();
        assertThat(report.conforms()).isTrue();
        // what the shapes cannot see: every product is a dataset with a licence'd offer and a
        // series
        assertThat(
                        model.listSubjectsWithProperty(
                                        org.apache.jena.vocabulary.RDF.type, DCAT.Dataset)
                                .toList())
                .hasSize(7 + 7 + 1); // products, their series (a DatasetSeries is a Dataset), the
        // release
        Resource distribution =
                model.getResource(
                        BASE
                                + "/exchange/products/congestion-hourly/releases/congestion-hourly-1.0.0-0123456789ab/distributions/congestion-hourly.csv");
        assertThat(distribution.getPropertyResourceValue(DCTerms.license).getURI())
                .isEqualTo("https://citylake.org/licences/exchange-commercial/1.0");
        assertThat(
                        model.getResource(BASE + "/exchange/products/congestion-hourly")
                                .getPropertyResourceValue(
                                        model.createProperty(DcatCatalog.ODRL, "hasPolicy")))
                .isNotNull();
        // the price is in the ODRL offer
        assertThat(DcatCatalog.write(model, "ttl")).contains("odrl:payAmount").contains("490.00");
    }

    @Test
    void turtleAndJsonLdAreTheSameGraph() {
        Model model = catalogue();
        Model fromTtl = ModelFactory.createDefaultModel();
        RDFParser.create()
                .source(new StringReader(DcatCatalog.write(model, "ttl")))
                .lang(Lang.TURTLE)
                .parse(fromTtl);
        Model fromJsonLd = ModelFactory.createDefaultModel();
        RDFParser.create()
                .source(new StringReader(DcatCatalog.write(model, "jsonld")))
                .lang(Lang.JSONLD11)
                .parse(fromJsonLd);
        assertThat(fromTtl.isIsomorphicWith(model)).isTrue();
        assertThat(fromJsonLd.isIsomorphicWith(model)).isTrue();
    }

    @Test
    void aDatasetWithoutTitleAndADistributionWithoutAccessUrlAreViolations() {
        Model model = catalogue();
        Resource dataset = model.getResource(BASE + "/exchange/products/parking-hourly");
        model.removeAll(dataset, DCTerms.title, null);
        Resource distribution =
                model.getResource(
                        BASE
                                + "/exchange/products/congestion-hourly/releases/congestion-hourly-1.0.0-0123456789ab/distributions/congestion-hourly.parquet");
        model.removeAll(distribution, DCAT.accessURL, null);

        ValidationReport report = DcatCatalog.validate(model);
        assertThat(report.conforms()).isFalse();
        assertThat(report.getEntries())
                .extracting(e -> e.focusNode().getURI() + " " + e.resultPath())
                .containsExactlyInAnyOrder(
                        dataset.getURI() + " <" + DCTerms.title.getURI() + ">",
                        distribution.getURI() + " <" + DCAT.accessURL.getURI() + ">");
        assertThat(report.getEntries())
                .extracting(ReportEntry::severity)
                .allSatisfy(s -> assertThat(s.level().getLocalName()).isEqualTo("Violation"));
    }
}
