package org.citylake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalogs of one JVM with the same properties share one connection pool and one S3 FileIO. */
class SharedCatalogResourcesTest {

    @TempDir Path dir;

    private Map<String, String> sqlite(String file) {
        Map<String, String> props = new HashMap<>();
        props.put(CatalogProperties.URI, "jdbc:sqlite:" + dir.resolve(file) + "?journal_mode=WAL");
        props.put(
                CatalogProperties.WAREHOUSE_LOCATION, dir.resolve("warehouse").toUri().toString());
        props.put("jdbc.schema-version", "V1");
        return props;
    }

    private static LakeJdbcCatalog open(Map<String, String> props) {
        LakeJdbcCatalog catalog = new LakeJdbcCatalog();
        catalog.setConf(new org.apache.hadoop.conf.Configuration());
        catalog.initialize("lake", props);
        return catalog;
    }

    @Test
    void catalogsWithTheSamePropertiesShareOnePoolUntilTheLastCloses() throws Exception {
        Map<String, String> props = sqlite("catalog.db");
        LakeJdbcCatalog first = open(props);
        LakeJdbcCatalog second = open(props);
        assertThat(SharedCatalogResources.poolLeases(props)).isEqualTo(2);
        assertThat(((SharedCatalogResources.PoolLease) first.pool()).shared())
                .isSameAs(((SharedCatalogResources.PoolLease) second.pool()).shared());

        // one catalog creates a table, the other sees it through the same pool
        first.createNamespace(Namespace.of("clean"));
        Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
        first.createTable(TableIdentifier.of("clean", "t"), schema);
        first.close();
        first.close(); // a second close returns nothing more
        assertThat(SharedCatalogResources.poolLeases(props)).isEqualTo(1);

        Table table = second.loadTable(TableIdentifier.of("clean", "t"));
        assertThat(table.schema().asStruct()).isEqualTo(schema.asStruct());
        second.close();
        assertThat(SharedCatalogResources.poolLeases(props)).isZero();

        // the pool was closed with its last lease; the next catalog opens a new one that works
        try (LakeJdbcCatalog third = open(props)) {
            assertThat(third.tableExists(TableIdentifier.of("clean", "t"))).isTrue();
            Integer tables =
                    third.pool()
                            .run(
                                    conn -> {
                                        try (ResultSet rs =
                                                conn.createStatement()
                                                        .executeQuery(
                                                                "SELECT count(*) FROM iceberg_tables")) {
                                            rs.next();
                                            return rs.getInt(1);
                                        }
                                    });
            assertThat(tables).isEqualTo(1);
            assertThat(SharedCatalogResources.poolLeases(props)).isEqualTo(1);
        }
        assertThat(SharedCatalogResources.poolLeases(props)).isZero();
    }

    @Test
    void catalogsOfAnotherDatabaseGetTheirOwnPool() {
        Map<String, String> a = sqlite("a.db");
        Map<String, String> b = sqlite("b.db");
        try (LakeJdbcCatalog first = open(a);
                LakeJdbcCatalog second = open(b)) {
            assertThat(((SharedCatalogResources.PoolLease) first.pool()).shared())
                    .isNotSameAs(((SharedCatalogResources.PoolLease) second.pool()).shared());
            assertThat(SharedCatalogResources.poolLeases(a)).isEqualTo(1);
            assertThat(SharedCatalogResources.poolLeases(b)).isEqualTo(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCatalogThatFailsToOpenReturnsItsLease() {
        Map<String, String> props = sqlite("missing-folder/catalog.db");
        assertThatThrownBy(() -> open(props)).isInstanceOf(RuntimeException.class);
        assertThat(SharedCatalogResources.poolLeases(props)).isZero();
    }

    @Test
    void catalogsOnS3ShareOneFileIoWhichShipsAsAPlainS3FileIo() throws Exception {
        Map<String, String> props = sqlite("s3.db");
        props.put(CatalogProperties.FILE_IO_IMPL, S3FileIO.class.getName());
        // no request is sent: the S3 client is made on first use
        props.put("s3.endpoint", "http://127.0.0.1:9");
        props.put("s3.path-style-access", "true");
        props.put("s3.access-key-id", "key");
        props.put("s3.secret-access-key", "secret");
        props.put("client.region", "us-east-1");

        LakeJdbcCatalog first = open(props);
        LakeJdbcCatalog second = open(props);
        FileIO io1 = io(first);
        FileIO io2 = io(second);
        assertThat(io1).isInstanceOf(SharedCatalogResources.IoLease.class);
        assertThat(((SharedCatalogResources.IoLease) io1).shared())
                .isSameAs(((SharedCatalogResources.IoLease) io2).shared())
                .isInstanceOf(S3FileIO.class);
        assertThat(SharedCatalogResources.ioLeases(props)).isEqualTo(2);

        Object shipped = roundTrip(io1);
        assertThat(shipped).isInstanceOf(S3FileIO.class);
        assertThat(((S3FileIO) shipped).properties())
                .containsEntry("s3.endpoint", "http://127.0.0.1:9");

        first.close();
        assertThat(SharedCatalogResources.ioLeases(props)).isEqualTo(1);
        second.close();
        assertThat(SharedCatalogResources.ioLeases(props)).isZero();
    }

    @Test
    void aLocalFileIoIsTheCatalogsOwn() throws Exception {
        Map<String, String> props = sqlite("local.db");
        try (LakeJdbcCatalog first = open(props);
                LakeJdbcCatalog second = open(props)) {
            assertThat(io(first)).isInstanceOf(HadoopFileIO.class).isNotSameAs(io(second));
            assertThat(SharedCatalogResources.ioLeases(props)).isZero();
        }
    }

    private static FileIO io(LakeJdbcCatalog catalog) {
        return catalog.io();
    }

    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
