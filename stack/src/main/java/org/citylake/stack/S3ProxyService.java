package org.citylake.stack;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.citylake.lakehouse.config.LakeOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * S3Proxy as its own JVM: an S3 endpoint on 127.0.0.1 over the filesystem ({@code
 * <stack-dir>/s3/data}, one sub-directory per bucket), holding the warehouse bucket {@code
 * citylake}.
 */
public final class S3ProxyService extends SingleProcessService implements Stack.ClientSettings {

    public static final String NAME = "s3";
    public static final String BUCKET = "citylake";
    public static final String COORDINATES = "org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies";
    public static final String ACCESS_KEY_SECRET = "s3.access-key";
    public static final String SECRET_KEY_SECRET = "s3.secret-key";
    public static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Path dataDir;

    public S3ProxyService(StackContext context) {
        super(context, NAME, "S3Proxy", LakeOptions.S3_PORT, START_TIMEOUT, STOP_GRACE);
        this.dataDir = dir.resolve("data");
    }

    /** The warehouse settings of a stack whose S3Proxy runs from {@code context}. */
    public static Map<String, String> clientSettings(StackContext context) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(LakeOptions.S3_ENDPOINT.key(), endpoint(context));
        settings.put(LakeOptions.S3_ACCESS_KEY.key(), context.secrets().get(ACCESS_KEY_SECRET));
        settings.put(LakeOptions.S3_SECRET_KEY.key(), context.secrets().get(SECRET_KEY_SECRET));
        settings.put(LakeOptions.WAREHOUSE.key(), "s3://" + BUCKET + "/warehouse");
        return settings;
    }

    static String endpoint(StackContext context) {
        return "http://127.0.0.1:" + context.port(LakeOptions.S3_PORT);
    }

    @Override
    public Map<String, String> clientSettings() throws IOException {
        return clientSettings(context);
    }

    private Path jarDir() {
        return context.cacheDir().resolve("s3proxy");
    }

    @Override
    public void install(StackLog log) throws Exception {
        context.maven().fetch(COORDINATES, jarDir());
    }

    @Override
    void launch(StackLog log) throws Exception {
        Path jar = context.maven().fetch(COORDINATES, jarDir());
        // The bucket is a directory of the filesystem provider: creating it here makes it exist
        // before the first client call, and survives restarts.
        Files.createDirectories(dataDir.resolve(BUCKET));
        Path conf = writeConfig(port());
        process.start(
                List.of(
                        Commands.javaHomeBin("java").toString(),
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "--properties",
                        conf.toString()),
                Map.of(),
                dir);
    }

    private Path writeConfig(int port) throws IOException {
        Properties props = new Properties();
        props.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        props.setProperty("s3proxy.identity", context.secrets().get(ACCESS_KEY_SECRET));
        props.setProperty("s3proxy.credential", context.secrets().get(SECRET_KEY_SECRET));
        // Empty: path-style buckets only (no virtual host names on loopback).
        props.setProperty("s3proxy.virtual-host", "");
        // Trino's S3 client sends headers S3Proxy does not know (x-amz-optional-object-attributes).
        props.setProperty("s3proxy.ignore-unknown-headers", "true");
        props.setProperty("jclouds.provider", "filesystem");
        props.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        Path conf = dir.resolve("s3proxy.conf");
        Files.deleteIfExists(conf);
        // Holds the secret key: owner-only.
        Files.createFile(
                conf,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(conf, StandardCharsets.UTF_8)) {
            props.store(writer, "written by citylake stack up");
        }
        return conf;
    }

    /** An S3 client for this endpoint and keys (path style, as S3Proxy on loopback needs). */
    public static S3Client client(StackContext context) throws IOException {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint(context)))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(
                                        context.secrets().get(ACCESS_KEY_SECRET),
                                        context.secrets().get(SECRET_KEY_SECRET))))
                .httpClientBuilder(
                        UrlConnectionHttpClient.builder()
                                .connectionTimeout(Duration.ofSeconds(2))
                                .socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(
                        ClientOverrideConfiguration.builder()
                                .apiCallTimeout(Duration.ofSeconds(10))
                                .build())
                .build();
    }

    @Override
    public Health health() {
        try (S3Client s3 = client(context)) {
            List<String> buckets = s3.listBuckets().buckets().stream().map(Bucket::name).toList();
            if (!buckets.contains(BUCKET)) {
                return Health.down(
                        "authenticated ListBuckets works but bucket "
                                + BUCKET
                                + " is missing (have "
                                + buckets
                                + ")");
            }
            return Health.up("ListBuckets sees " + BUCKET + " at " + endpoint(context));
        } catch (Exception e) {
            return Health.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
