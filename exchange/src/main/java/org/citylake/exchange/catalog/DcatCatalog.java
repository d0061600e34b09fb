package org.citylake.exchange.catalog;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.citylake.exchange.product.Product;
import org.citylake.exchange.release.ReleaseFile;

/**
 * The exchange's catalogue in DCAT-AP 3.0: a dcat:Catalog; per product a dcat:Dataset with its ODRL
 * offer (odrl:hasPolicy: price and terms, which DCAT-AP has no property for) and a
 * dcat:DatasetSeries of its releases; per release a dcat:Dataset in that series with one
 * dcat:Distribution per file (licence, media type, size, SHA-256 checksum, download URL); and the
 * dcat:DataService of {@code citylake serve} that serves them. Written as Turtle or JSON-LD by
 * Jena; {@link #validate} checks it against the official DCAT-AP 3.0.0 SHACL shapes.
 *
 * <pre>
 *   Catalog ─dataset─► Dataset (product) ─odrl:hasPolicy─► Offer (price, permissions)
 *      │                    └─dcat:hasVersion─► Dataset (release) ─inSeries─► DatasetSeries
 *      └─service─► DataService ◄─accessService─ Distribution ◄─distribution─┘
 * </pre>
 */
public final class DcatCatalog {

    public static final String ODRL = "http://www.w3.org/ns/odrl/2/";
    public static final String SPDX = "http://spdx.org/rdf/terms#";
    public static final String SHAPES = "exchange/dcat-ap-3.0.0/dcat-ap-SHACL.ttl";
    private static final Resource DATASET_SERIES =
            org.apache.jena.rdf.model.ResourceFactory.createResource(DCAT.NS + "DatasetSeries");
    private static final Property IN_SERIES =
            org.apache.jena.rdf.model.ResourceFactory.createProperty(DCAT.NS, "inSeries");
    private static final Property HAS_VERSION =
            org.apache.jena.rdf.model.ResourceFactory.createProperty(DCAT.NS, "hasVersion");
    private static final String IANA = "http://www.iana.org/assignments/media-types/";

    /** A published release and its files, as recorded in exchange.releases. */
    public record Release(
            String releaseId,
            String product,
            String sourceTable,
            long sourceSnapshotId,
            OffsetDateTime publishedAt,
            long rows,
            List<ReleaseFile> files) {}

    private DcatCatalog() {}

    /** The catalogue of {@code products} and their {@code releases}; IRIs under {@code base}. */
    public static Model build(String base, List<Product> products, List<Release> releases) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("dcat", DCAT.NS);
        m.setNsPrefix("dct", DCTerms.NS);
        m.setNsPrefix("odrl", ODRL);
        m.setNsPrefix("spdx", SPDX);
        m.setNsPrefix("foaf", "http://xmlns.com/foaf/0.1/");
        m.setNsPrefix("skos", SKOS.uri);
        m.setNsPrefix("xsd", XSDDatatype.XSD + "#");
        m.setNsPrefix("owl", OWL.NS);
        String root = strip(base) + "/exchange";

        Resource publisher =
                m.createResource(root + "/publisher")
                        .addProperty(RDF.type, m.createResource("http://xmlns.com/foaf/0.1/Agent"))
                        .addProperty(
                                m.createProperty("http://xmlns.com/foaf/0.1/name"),
                                "CityLake data exchange",
                                "en");
        Resource service =
                m.createResource(root + "/api")
                        .addProperty(RDF.type, DCAT.DataService)
                        .addProperty(DCTerms.title, "CityLake exchange API", "en")
                        .addProperty(
                                DCTerms.description,
                                "The catalogue (public) and the download of purchased releases"
                                        + " (Authorization: Bearer <API key>).",
                                "en")
                        .addProperty(DCAT.endpointURL, url(m, root + "/api"))
                        .addProperty(DCTerms.publisher, publisher);
        Resource catalog =
                m.createResource(root + "/catalogue")
                        .addProperty(RDF.type, DCAT.Catalog)
                        .addProperty(DCTerms.title, "CityLake data exchange", "en")
                        .addProperty(
                                DCTerms.description,
                                "Anonymised, versioned and licensed data products of the city's"
                                        + " sensors: every release pinned to the lake's Iceberg"
                                        + " snapshots, groups below k contributors withheld.",
                                "en")
                        .addProperty(DCTerms.publisher, publisher)
                        .addProperty(DCAT.service, service);
        for (Product p : products) {
            Resource offer = offer(m, root, p, publisher);
            Resource licence = licence(m, p.licence());
            Resource dataset =
                    m.createResource(root + "/products/" + p.id())
                            .addProperty(RDF.type, DCAT.Dataset)
                            .addProperty(DCTerms.identifier, p.id())
                            .addProperty(DCTerms.title, p.title(), "en")
                            .addProperty(DCTerms.description, p.description(), "en")
                            .addProperty(OWL.versionInfo, p.version())
                            .addProperty(DCTerms.publisher, publisher)
                            .addProperty(
                                    DCTerms.accrualPeriodicity,
                                    m.createResource(p.updateFrequency())
                                            .addProperty(RDF.type, DCTerms.Frequency))
                            .addProperty(
                                    DCAT.temporalResolution,
                                    p.granularity().temporalResolution(),
                                    XSDDatatype.XSDduration)
                            .addProperty(m.createProperty(ODRL, "hasPolicy"), offer);
            for (String keyword : p.keywords()) {
                dataset.addProperty(DCAT.keyword, keyword, "en");
            }
            if (p.theme() != null) {
                dataset.addProperty(
                        DCAT.theme,
                        m.createResource(p.theme())
                                .addProperty(RDF.type, SKOS.Concept)
                                .addProperty(SKOS.prefLabel, themeLabel(p.theme()), "en"));
            }
            dataset.addProperty(
                    RDFS.comment,
                    "Granularity: "
                            + p.granularity().temporal()
                            + " x "
                            + p.granularity().spatial()
                            + ". Anonymisation: "
                            + (p.anonymisation().k() > 1
                                    ? "groups with fewer than k="
                                            + p.anonymisation().k()
                                            + " "
                                            + p.anonymisation().contributorsAre()
                                            + " are withheld. "
                                    : "")
                            + p.anonymisation().reason(),
                    "en");
            catalog.addProperty(DCAT.dataset, dataset);
            service.addProperty(DCAT.servesDataset, dataset);
            Resource series =
                    m.createResource(root + "/products/" + p.id() + "/releases")
                            .addProperty(RDF.type, DATASET_SERIES)
                            // a dcat:DatasetSeries is a dcat:Dataset (DCAT 3); stated for the
                            // shapes
                            .addProperty(RDF.type, DCAT.Dataset)
                            .addProperty(DCTerms.title, "Releases of " + p.title(), "en")
                            .addProperty(
                                    DCTerms.description,
                                    "Every release of "
                                            + p.id()
                                            + ", each pinned to a snapshot of "
                                            + p.source().table(),
                                    "en")
                            .addProperty(DCTerms.publisher, publisher);
            catalog.addProperty(DCAT.dataset, series);
            for (Release r : releases) {
                if (!r.product().equals(p.id())) {
                    continue;
                }
                Resource release =
                        m.createResource(
                                        root + "/products/" + p.id() + "/releases/" + r.releaseId())
                                .addProperty(RDF.type, DCAT.Dataset)
                                .addProperty(DCTerms.identifier, r.releaseId())
                                .addProperty(
                                        DCTerms.title,
                                        p.title() + " — release " + r.releaseId(),
                                        "en")
                                .addProperty(
                                        DCTerms.description,
                                        r.rows()
                                                + " rows built from "
                                                + r.sourceTable()
                                                + " at Iceberg snapshot "
                                                + r.sourceSnapshotId(),
                                        "en")
                                .addProperty(
                                        DCTerms.issued,
                                        r.publishedAt().toString(),
                                        XSDDatatype.XSDdateTime)
                                .addProperty(OWL.versionInfo, r.releaseId())
                                .addProperty(IN_SERIES, series)
                                .addProperty(DCTerms.publisher, publisher)
                                .addProperty(m.createProperty(ODRL, "hasPolicy"), offer);
                dataset.addProperty(HAS_VERSION, release);
                catalog.addProperty(DCAT.dataset, release);
                for (ReleaseFile f : r.files()) {
                    String url =
                            root
                                    + "/api/products/"
                                    + p.id()
                                    + "/releases/"
                                    + r.releaseId()
                                    + "/files/"
                                    + f.name();
                    Resource checksum =
                            m.createResource()
                                    .addProperty(RDF.type, m.createResource(SPDX + "Checksum"))
                                    .addProperty(
                                            m.createProperty(SPDX, "algorithm"),
                                            m.createResource(SPDX + "checksumAlgorithm_sha256")
                                                    .addProperty(
                                                            RDF.type,
                                                            m.createResource(
                                                                    SPDX + "ChecksumAlgorithm")))
                                    .addProperty(
                                            m.createProperty(SPDX, "checksumValue"),
                                            f.sha256(),
                                            XSDDatatype.XSDhexBinary);
                    Resource media =
                            m.createResource(IANA + f.mediaType())
                                    .addProperty(RDF.type, DCTerms.MediaType)
                                    .addProperty(RDF.type, DCTerms.MediaTypeOrExtent);
                    Resource distribution =
                            m.createResource(
                                            root
                                                    + "/products/"
                                                    + p.id()
                                                    + "/releases/"
                                                    + r.releaseId()
                                                    + "/distributions/"
                                                    + f.name())
                                    .addProperty(RDF.type, DCAT.Distribution)
                                    .addProperty(DCTerms.title, f.name(), "en")
                                    .addProperty(DCAT.accessURL, url(m, url))
                                    .addProperty(DCAT.downloadURL, url(m, url))
                                    .addProperty(DCAT.accessService, service)
                                    .addProperty(DCAT.mediaType, media)
                                    .addProperty(DCTerms.format, media)
                                    .addLiteral(
                                            DCAT.byteSize,
                                            m.createTypedLiteral(
                                                    Long.toString(f.bytes()),
                                                    XSDDatatype.XSDnonNegativeInteger))
                                    .addProperty(m.createProperty(SPDX, "checksum"), checksum)
                                    .addProperty(DCTerms.license, licence)
                                    .addProperty(m.createProperty(ODRL, "hasPolicy"), offer);
                    release.addProperty(DCAT.distribution, distribution);
                }
            }
        }
        return m;
    }

    /** A URL as the shapes want it: an IRI typed rdfs:Resource. */
    private static Resource url(Model m, String url) {
        return m.createResource(url).addProperty(RDF.type, RDFS.Resource);
    }

    /** English labels of the EU data-theme vocabulary (publications.europa.eu authority table). */
    private static final java.util.Map<String, String> THEMES =
            java.util.Map.ofEntries(
                    java.util.Map.entry("AGRI", "Agriculture, fisheries, forestry and food"),
                    java.util.Map.entry("ECON", "Economy and finance"),
                    java.util.Map.entry("EDUC", "Education, culture and sport"),
                    java.util.Map.entry("ENER", "Energy"),
                    java.util.Map.entry("ENVI", "Environment"),
                    java.util.Map.entry("GOVE", "Government and public sector"),
                    java.util.Map.entry("HEAL", "Health"),
                    java.util.Map.entry("INTR", "International issues"),
                    java.util.Map.entry("JUST", "Justice, legal system and public safety"),
                    java.util.Map.entry("REGI", "Regions and cities"),
                    java.util.Map.entry("SOCI", "Population and society"),
                    java.util.Map.entry("TECH", "Science and technology"),
                    java.util.Map.entry("TRAN", "Transport"));

    static String themeLabel(String iri) {
        String code = iri.substring(iri.lastIndexOf('/') + 1);
        return THEMES.getOrDefault(code, code);
    }

    private static Resource licence(Model m, String iri) {
        return m.createResource(iri).addProperty(RDF.type, DCTerms.LicenseDocument);
    }

    /** The ODRL offer of a product: its price as a compensate duty, permissions, prohibitions. */
    private static Resource offer(Model m, String root, Product p, Resource publisher) {
        Property action = m.createProperty(ODRL, "action");
        Property target = m.createProperty(ODRL, "target");
        Resource dataset = m.createResource(root + "/products/" + p.id());
        Resource offer =
                m.createResource(root + "/products/" + p.id() + "/offer")
                        .addProperty(RDF.type, m.createResource(ODRL + "Offer"))
                        .addProperty(RDF.type, m.createResource(ODRL + "Policy"))
                        .addProperty(
                                m.createProperty(ODRL, "uid"),
                                m.createResource(root + "/products/" + p.id() + "/offer"))
                        .addProperty(m.createProperty(ODRL, "assigner"), publisher)
                        .addProperty(DCTerms.description, p.offer().terms(), "en")
                        .addProperty(DCTerms.license, licence(m, p.licence()));
        Resource price =
                m.createResource()
                        .addProperty(
                                m.createProperty(ODRL, "leftOperand"),
                                m.createResource(ODRL + "payAmount"))
                        .addProperty(
                                m.createProperty(ODRL, "operator"), m.createResource(ODRL + "eq"))
                        .addLiteral(
                                m.createProperty(ODRL, "rightOperand"),
                                m.createTypedLiteral(
                                        p.offer().price().toPlainString(), XSDDatatype.XSDdecimal))
                        .addProperty(
                                m.createProperty(ODRL, "unit"),
                                m.createResource("urn:iso:std:iso:4217:" + p.offer().currency()))
                        .addProperty(RDFS.comment, "per " + p.offer().per(), "en");
        Resource duty =
                m.createResource()
                        .addProperty(action, m.createResource(ODRL + "compensate"))
                        .addProperty(m.createProperty(ODRL, "constraint"), price);
        for (String permitted : p.offer().permissions()) {
            Resource permission =
                    m.createResource()
                            .addProperty(target, dataset)
                            .addProperty(action, m.createResource(ODRL + permitted));
            if (p.offer().price().signum() > 0) {
                permission.addProperty(m.createProperty(ODRL, "duty"), duty);
            }
            offer.addProperty(m.createProperty(ODRL, "permission"), permission);
        }
        for (String forbidden : p.offer().prohibitions()) {
            offer.addProperty(
                    m.createProperty(ODRL, "prohibition"),
                    m.createResource()
                            .addProperty(target, dataset)
                            .addProperty(action, m.createResource(ODRL + forbidden)));
        }
        return offer;
    }

    /**
     * A product's entry: the concise bounded description of its dcat:Dataset and of its ODRL offer
     * (their statements, following blank nodes), with the catalogue's prefixes.
     */
    public static Model entry(Model catalogue, String base, String productId) {
        Model out = ModelFactory.createDefaultModel().setNsPrefixes(catalogue.getNsPrefixMap());
        String root = strip(base) + "/exchange/products/" + productId;
        describe(catalogue.getResource(root), out);
        describe(catalogue.getResource(root + "/offer"), out);
        return out;
    }

    private static void describe(Resource subject, Model out) {
        subject.listProperties()
                .forEachRemaining(
                        st -> {
                            out.add(st);
                            if (st.getObject().isAnon()) {
                                describe(st.getObject().asResource(), out);
                            }
                        });
    }

    /** The catalogue as {@code ttl} (Turtle) or {@code jsonld} (JSON-LD 1.1). */
    public static String write(Model model, String format) {
        RDFFormat rdf =
                switch (format) {
                    case "ttl", "turtle" -> RDFFormat.TURTLE_PRETTY;
                    case "jsonld", "json-ld" -> RDFFormat.JSONLD11_PRETTY;
                    default ->
                            throw new IllegalArgumentException(
                                    "--format " + format + ": ttl (Turtle) or jsonld (JSON-LD)");
                };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, model, rdf);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The media type of a format name of {@link #write}. */
    public static String mediaType(String format) {
        return format.startsWith("json") ? "application/ld+json" : "text/turtle";
    }

    /** The official DCAT-AP 3.0.0 shapes (bundled, see PROVENANCE.md next to them). */
    public static Shapes shapes() {
        try (InputStream in = DcatCatalog.class.getClassLoader().getResourceAsStream(SHAPES)) {
            if (in == null) {
                throw new IllegalStateException(SHAPES + " is not packaged");
            }
            Graph graph =
                    ModelFactory.createDefaultModel()
                            .read(in, null, Lang.TURTLE.getName())
                            .getGraph();
            return Shapes.parse(graph);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHACL report of {@code model} against the DCAT-AP 3.0.0 shapes. */
    public static ValidationReport validate(Model model) {
        return ShaclValidator.get().validate(shapes(), model.getGraph());
    }

    private static String strip(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
