package org.citylake.serving.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.citylake.cli.CliLake;
import org.citylake.lakehouse.Lake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code citylake serve} on a lake of the bundled Aarhus traffic week, built through the CLI: the
 * server in this JVM for the sign-in, access and API checks, and {@code citylake serve} as its own
 * process (started and stopped by PID) for the browser test, which drives Debian's Chromium with
 * playwright-core ({@code serving/frontend/test/map-browser.mjs}).
 */
class MapServerIT {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path TEST_DATA = REPO.resolve("test-data");
    static final Path FRONTEND = REPO.resolve("serving/frontend");
    // the run's screenshots; docs/screenshots keeps a copy of them for the README
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    static final LocalDate MONDAY = LocalDate.of(2014, 8, 18);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    static CliLake lake;
    static Map<String, String> passwords;
    static Lake openLake;
    static MapServer server;
    static String base;
    static final HttpClient http =
            HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    @BeforeAll
    static void aarhusLakeAndServer() throws Exception {
        Path source = dir.resolve("source/citypulse-aarhus-traffic");
        Files.createDirectories(source);
        Path week =
                TEST_DATA.resolve(
                        "citypulse-aarhus-traffic-week/aarhus_traffic_2014-08-15_to_2014-08-21.csv.gz");
        Files.copy(week, source.resolve(week.getFileName()));
        Path meta = TEST_DATA.resolve("citypulse-aarhus-traffic/trafficMetaData.csv");
        Files.copy(meta, source.resolve(meta.getFileName()));
        Path districts = source.resolveSibling("aarhus-districts");
        Files.createDirectories(districts);
        try (var files = Files.list(TEST_DATA.resolve("aarhus-districts"))) {
            for (Path f : files.toList()) {
                Files.copy(f, districts.resolve(f.getFileName()));
            }
        }
        lake = new CliLake(dir);
        lake.cli("testdata", "convert", "--source", source.getParent().toString());
        lake.cli("lakehouse", "init");
        lake.cli("ref", "load");
        lake.cli("ingest", "--batch", "--feed", "traffic", "--no-progress");
        lake.cli(
                "run", "traffic", "--from", "2014-08-18", "--to", "2014-08-20", "--city", "aarhus");

        streetProfileOfOneSegment();

        WebUsers.Loaded loaded = WebUsers.loadOrCreate(lake.lakeDir());
        passwords = loaded.generated();
        openLake = Lake.open(lake.config());
        server =
                MapServer.start(
                        new MapServer.Settings("127.0.0.1", 0, false),
                        loaded.users(),
                        new MapData(openLake),
                        "test");
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (openLake != null) {
            openLake.close();
        }
    }

    // ---------------------------------------------------------------- users and sign-in

    @Test
    void passwordsAreGeneratedOnceAndKeptOnlyAsBcryptHashesReadableByTheOwner() throws Exception {
        assertThat(passwords).containsOnlyKeys("admin", "analyst", "planner");
        Path file = lake.lakeDir().resolve(WebUsers.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String stored = Files.readString(file);
        for (String password : passwords.values()) {
            assertThat(stored).doesNotContain(password);
        }
        assertThat(stored).contains("planner=$2y$10$");
        // the second start generates nothing and the same passwords still work
        WebUsers.Loaded again = WebUsers.loadOrCreate(lake.lakeDir());
        assertThat(again.generated()).isEmpty();
        assertThat(again.users().authenticate("planner", passwords.get("planner"))).isPresent();
    }

    @Test
    void signInWithTheGeneratedPasswordGivesAnHttpOnlySameSiteSession() throws Exception {
        HttpResponse<String> login = login("planner", passwords.get("planner"));
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/");
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .startsWith(MapServer.SESSION_COOKIE + "=")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                // plain HTTP on loopback: Secure is set only when the request came over HTTPS
                .doesNotContainIgnoringCase("Secure;");
        String cookie = cookie(login);
        JsonNode me = json(get("/api/me", cookie));
        assertThat(me.get("name").asText()).isEqualTo("planner");
        assertThat(me.get("groups").toString()).isEqualTo("[\"planner\"]");
        assertThat(get("/", cookie).statusCode()).isEqualTo(200);
        assertThat(get("/static/map.js", cookie).statusCode()).isEqualTo(200);
        // the static files are a folder of their own: no class of the server is served
        assertThat(get("/static/MapServer.class", cookie).statusCode()).isEqualTo(404);

        HttpResponse<String> logout =
                http.send(
                        post("/logout", "", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(get("/api/me", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecure() throws Exception {
        WebUsers users = WebUsers.loadOrCreate(lake.lakeDir()).users();
        try (MapServer proxied =
                MapServer.start(
                        new MapServer.Settings("127.0.0.1", 0, true),
                        users,
                        new MapData(openLake),
                        "test")) {
            String host = "127.0.0.1:" + proxied.port();
            String form = form("planner", passwords.get("planner"));
            HttpResponse<String> https =
                    http.send(
                            HttpRequest.newBuilder(URI.create("http://" + host + "/login"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("Origin", "https://" + host)
                                    .header("X-Forwarded-Proto", "https")
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(https.statusCode()).isEqualTo(303);
            assertThat(https.headers().firstValue("Set-Cookie").orElseThrow())
                    .containsIgnoringCase("Secure")
                    .containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Strict");
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() throws Exception {
        for (var attempt :
                List.of(
                        List.of("planner", passwords.get("planner") + "x"),
                        List.of("planner", passwords.get("admin")),
                        List.of("nobody", passwords.get("planner")),
                        List.of("planner", ""))) {
            HttpResponse<String> login = login(attempt.get(0), attempt.get(1));
            assertThat(login.statusCode()).as("%s", attempt.get(0)).isEqualTo(303);
            assertThat(login.headers().firstValue("Location").orElseThrow())
                    .startsWith("/login?failed");
            assertThat(get("/api/me", cookie(login)).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void unauthenticatedApiCallsGet401AndPagesGoToSignIn() throws Exception {
        for (String path :
                List.of(
                        "/api/me",
                        "/api/cities",
                        "/api/cities/aarhus/streets",
                        "/api/cities/aarhus/kpi?layer=traffic",
                        "/api/admin/users")) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(json(r).get("error").asText()).contains("sign in first");
        }
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2F");
        assertThat(get("/static/map.js", null).statusCode()).isEqualTo(303);
        // the sign-in page and its own assets are public
        assertThat(get("/login", null).statusCode()).isEqualTo(200);
        assertThat(get("/static/login.js", null).statusCode()).isEqualTo(200);
        assertThat(get("/login", null).headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefused() throws Exception {
        String form = form("planner", passwords.get("planner"));
        HttpResponse<String> noOrigin =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/login"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(noOrigin.statusCode()).isEqualTo(403);
        HttpResponse<String> otherSite =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/login"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Origin", "http://elsewhere.example")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(otherSite.statusCode()).isEqualTo(403);
        assertThat(json(otherSite).get("error").asText()).contains("cross-site request refused");
        assertThat(otherSite.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void onlyAdminReachesAdminRoutes() throws Exception {
        for (String user : List.of("planner", "analyst")) {
            HttpResponse<String> r =
                    get("/api/admin/users", cookie(login(user, passwords.get(user))));
            assertThat(r.statusCode()).as(user).isEqualTo(403);
            assertThat(json(r).get("error").asText()).contains("group admin only");
        }
        HttpResponse<String> admin =
                get("/api/admin/users", cookie(login("admin", passwords.get("admin"))));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(json(admin).get("users").findValuesAsText("name"))
                .containsExactly("admin", "analyst", "planner");
    }

    // ---------------------------------------------------------------- the API on Aarhus

    @Test
    void citiesStreetsAndDistrictsOfAarhusInWgs84() throws Exception {
        String cookie = cookie(login("planner", passwords.get("planner")));
        JsonNode cities = json(get("/api/cities", cookie));
        assertThat(cities.findValuesAsText("id")).containsExactly("aarhus");

        JsonNode streets = json(get("/api/cities/aarhus/streets", cookie));
        assertThat(streets.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(streets.get("features")).hasSize(449);
        for (JsonNode f : streets.get("features")) {
            assertThat(f.get("geometry").get("type").asText()).isEqualTo("LineString");
            for (JsonNode c : f.get("geometry").get("coordinates")) {
                // lon/lat around Aarhus, not UTM metres
                assertThat(c.get(0).asDouble()).isBetween(9.8, 10.5);
                assertThat(c.get(1).asDouble()).isBetween(55.9, 56.5);
            }
        }
        JsonNode first = streets.get("features").get(0).get("properties");
        assertThat(first.get("id").asText()).isNotBlank();
        assertThat(first.get("name").asText()).startsWith("AAR_");
        assertThat(first.get("length_m").asDouble()).isPositive();

        JsonNode districts = json(get("/api/cities/aarhus/districts", cookie));
        assertThat(districts.get("features")).hasSize(24);
        assertThat(districts.findValuesAsText("name")).contains("Midtbyen");

        HttpResponse<String> unknown = get("/api/cities/atlantis/streets", cookie);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText())
                .isEqualTo("city 'atlantis' is not registered; registered: [aarhus]");
    }

    @Test
    void trafficKpiOfADayEqualsTheCongestionRanking() throws Exception {
        String cookie = cookie(login("planner", passwords.get("planner")));
        JsonNode days = json(get("/api/cities/aarhus/layers/traffic/days", cookie));
        assertThat(days.get("days").toString())
                .isEqualTo("[\"2014-08-18\",\"2014-08-19\",\"2014-08-20\"]");

        JsonNode kpi =
                json(
                        get(
                                "/api/cities/aarhus/kpi?layer=traffic&kpi=peak_tti&day=" + MONDAY,
                                cookie));
        assertThat(kpi.get("day").asText()).isEqualTo("2014-08-18");
        assertThat(kpi.get("source").asText()).startsWith("gold.congestion_ranking snapshot ");
        assertThat(kpi.get("classes").findValuesAsText("label"))
                .containsExactly(
                        "free (< 1.5)", "slow (1.5 – 2)", "congested (2 – 4)", "severe (≥ 4)");
        Map<String, Double> expected = rankingOf(MONDAY, "peak_tti");
        assertThat(expected).hasSizeGreaterThan(300);
        Map<String, Double> actual = new HashMap<>();
        kpi.get("values")
                .fields()
                .forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asDouble()));
        assertThat(actual).containsOnlyKeys(expected.keySet());
        expected.forEach((id, v) -> assertThat(actual.get(id)).isCloseTo(v, within(1e-9)));

        JsonNode delay =
                json(
                        get(
                                "/api/cities/aarhus/kpi?layer=traffic&kpi=delay_vehicle_hours&day=2014-08-19",
                                cookie));
        assertThat(delay.get("unit").asText()).isEqualTo("vehicle-hours");
        assertThat(delay.get("classes").size()).isBetween(2, 5);

        HttpResponse<String> badDay =
                get("/api/cities/aarhus/kpi?layer=traffic&day=18.8.2014", cookie);
        assertThat(badDay.statusCode()).isEqualTo(400);
        assertThat(json(badDay).get("error").asText()).contains("use YYYY-MM-DD");
        HttpResponse<String> badKpi = get("/api/cities/aarhus/kpi?layer=traffic&kpi=speed", cookie);
        assertThat(badKpi.statusCode()).isEqualTo(404);
    }

    @Test
    void aLayerWithoutDataSaysWhatToRun() throws Exception {
        String cookie = cookie(login("planner", passwords.get("planner")));
        JsonNode layers = json(get("/api/layers", cookie));
        List<String> ids = new ArrayList<>();
        layers.forEach(l -> ids.add(l.get("id").asText()));
        assertThat(ids).containsExactly("traffic", "lighting", "waste", "air");
        JsonNode lighting = json(get("/api/cities/aarhus/kpi?layer=lighting", cookie));
        assertThat(lighting.get("values").size()).isZero();
        assertThat(lighting.get("message").asText()).contains("citylake run lighting");
        assertThat(json(get("/api/cities/aarhus/layers/lighting/days", cookie)).get("days"))
                .isEmpty();
    }

    @Test
    void wasteAndAirComeFromTheStreetProfile() throws Exception {
        String cookie = cookie(login("planner", passwords.get("planner")));
        JsonNode waste = json(get("/api/cities/aarhus/kpi?layer=waste&kpi=waste_pickups", cookie));
        assertThat(waste.get("day").asText()).isEqualTo("2014-08-18");
        assertThat(waste.get("source").asText()).startsWith("gold.street_profile snapshot ");
        assertThat(waste.get("values").toString()).isEqualTo("{\"" + profiled + "\":3.0}");
        JsonNode air = json(get("/api/cities/aarhus/kpi?layer=air&kpi=air_pm25_mean", cookie));
        assertThat(air.get("values").get(profiled).asDouble()).isEqualTo(PM25);
        // PM2.5 in the HJ 633 bands
        assertThat(air.get("classes").get(1).get("label").asText()).isEqualTo("good (35 – 75)");
    }

    @Test
    void aStreetsProfileIsItsStreetProfileRowElseTheGoldTables() throws Exception {
        String cookie = cookie(login("planner", passwords.get("planner")));
        JsonNode p =
                json(
                        get(
                                "/api/cities/aarhus/segments/"
                                        + profiled
                                        + "?layer=air&kpi=air_pm25_mean&day="
                                        + MONDAY,
                                cookie));
        assertThat(p.get("profile").asText()).isEqualTo("gold.street_profile");
        Map<String, JsonNode> byKpi = new HashMap<>();
        p.get("values").forEach(v -> byKpi.put(v.get("kpi").asText(), v));
        assertThat(byKpi.get("waste_pickups").get("value").asDouble()).isEqualTo(3.0);
        assertThat(byKpi.get("waste_pickups").get("source").asText())
                .isEqualTo("gold.street_profile (waste from snapshot 22)");
        assertThat(byKpi.get("air_pm25_mean").get("value").asDouble()).isEqualTo(PM25);
        assertThat(byKpi.get("traffic_peak_tti").get("layer").asText()).isEqualTo("traffic");
        assertThat(byKpi).doesNotContainKeys("traffic_snapshot_id", "air_snapshot_id");
        assertThat(p.get("daily").get("points").findValuesAsText("t"))
                .containsExactly("2014-08-18");

        // a street without a profile row: the gold tables the layers read
        String other =
                rankingOf(MONDAY, "peak_tti").keySet().stream()
                        .filter(s -> !s.equals(profiled))
                        .sorted()
                        .findFirst()
                        .orElseThrow();
        JsonNode q =
                json(
                        get(
                                "/api/cities/aarhus/segments/"
                                        + other
                                        + "?layer=traffic&day="
                                        + MONDAY,
                                cookie));
        assertThat(q.get("profile").asText()).startsWith("the layers' gold tables");
        assertThat(q.get("values").findValuesAsText("source"))
                .allMatch(s -> s.startsWith("gold.congestion_ranking snapshot "));
    }

    @Test
    void aSegmentsProfileAndTimeSeries() throws Exception {
        String cookie = cookie(login("analyst", passwords.get("analyst")));
        Map<String, Double> ranking = rankingOf(MONDAY, "peak_tti");
        String segment =
                ranking.keySet().stream()
                        .filter(s -> !s.equals(profiled))
                        .sorted()
                        .findFirst()
                        .orElseThrow();
        JsonNode p =
                json(
                        get(
                                "/api/cities/aarhus/segments/"
                                        + segment
                                        + "?layer=traffic&kpi=peak_tti&day="
                                        + MONDAY,
                                cookie));
        assertThat(p.get("segment").get("id").asText()).isEqualTo(segment);
        JsonNode tti = null;
        for (JsonNode v : p.get("values")) {
            if (v.get("kpi").asText().equals("peak_tti")) {
                tti = v;
            }
        }
        assertThat(tti).isNotNull();
        assertThat(tti.get("value").asDouble()).isCloseTo(ranking.get(segment), within(1e-9));
        assertThat(p.get("daily").get("points").findValuesAsText("t"))
                .containsExactly("2014-08-18", "2014-08-19", "2014-08-20");
        assertThat(p.get("hourly").get("points")).hasSize(24);
        long hoursWithTti = 0;
        for (JsonNode point : p.get("hourly").get("points")) {
            if (!point.get("v").isNull()) {
                hoursWithTti++;
                assertThat(point.get("v").asDouble()).isGreaterThanOrEqualTo(1.0);
            }
        }
        assertThat(hoursWithTti).isGreaterThan(12);
        assertThat(get("/api/cities/aarhus/segments/NOPE?day=2014-08-18", cookie).statusCode())
                .isEqualTo(404);
    }

    // ---------------------------------------------------------------- the browser

    @Test
    void theMapInChromium() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertThat(chromium)
                .as("Chromium for the browser test: run .ci/setup (apt-get install chromium)")
                .exists();
        if (!Files.isDirectory(FRONTEND.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), FRONTEND, Map.of(), 300);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("serve.log");
        Process serve =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx1g",
                                "-cp",
                                System.getProperty("java.class.path"),
                                "org.citylake.cli.CityLakeCli",
                                "serve",
                                "--port",
                                Integer.toString(port),
                                "--data-dir",
                                lake.lakeDir().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        long pid = serve.pid();
        try {
            waitForLine(log, "serve: the planners' map on", serve, Duration.ofSeconds(90));
            String out =
                    run(
                            List.of("node", "test/map-browser.mjs"),
                            FRONTEND,
                            Map.of(
                                    "CITYLAKE_URL", "http://127.0.0.1:" + port,
                                    "CITYLAKE_USER", "planner",
                                    "CITYLAKE_PASSWORD", passwords.get("planner"),
                                    "CITYLAKE_SCREENSHOTS", SCREENSHOTS.toString(),
                                    "CHROMIUM", chromium.toString()),
                            300);
            assertThat(out).contains("0 failed").doesNotContain("FAIL");
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        assertThat(Files.readString(log)).doesNotContain("generated passwords");
        assertThat(SCREENSHOTS.resolve("map-profile.png")).exists();
    }

    // ---------------------------------------------------------------- helpers

    /** The first segment of Monday's ranking: the one street the profile fixture has a row for. */
    static String profiled;

    static final double PM25 = 48.5;

    /**
     * One street's row of gold.street_profile on Monday (waste pickups, PM2.5 and its peak TTI
     * copied from the ranking), written into the table the profile job defines, or into one of its
     * columns when this lake has no such table yet. Every other street has no profile row, so the
     * server falls back to the layers' gold tables for it.
     */
    static void streetProfileOfOneSegment() throws Exception {
        try (Lake l = Lake.open(lake.config())) {
            org.apache.iceberg.catalog.TableIdentifier id =
                    org.apache.iceberg.catalog.TableIdentifier.parse(MapData.STREET_PROFILE);
            if (!l.catalog().tableExists(id)) {
                org.apache.iceberg.Schema schema =
                        new org.apache.iceberg.Schema(
                                Types.NestedField.required(1, "city", Types.StringType.get()),
                                Types.NestedField.required(2, "local_date", Types.DateType.get()),
                                Types.NestedField.required(3, "segment_id", Types.StringType.get()),
                                Types.NestedField.optional(
                                        4, "traffic_peak_tti", Types.DoubleType.get(), "peak TTI"),
                                Types.NestedField.optional(
                                        5, "traffic_snapshot_id", Types.LongType.get()),
                                Types.NestedField.optional(
                                        6, "waste_pickups", Types.IntegerType.get(), "pickups"),
                                Types.NestedField.optional(
                                        7, "waste_snapshot_id", Types.LongType.get()),
                                Types.NestedField.optional(
                                        8, "air_pm25_mean", Types.DoubleType.get(), "PM2.5, µg/m³"),
                                Types.NestedField.optional(
                                        9, "air_snapshot_id", Types.LongType.get()));
                l.catalog().createTable(id, schema);
            }
            org.apache.iceberg.Table table = l.table(MapData.STREET_PROFILE);
            Map<String, Double> ranking = rankingOf(l, MONDAY, "peak_tti");
            profiled = ranking.keySet().stream().sorted().findFirst().orElseThrow();
            org.apache.iceberg.data.GenericRecord row =
                    org.apache.iceberg.data.GenericRecord.create(table.schema());
            row.setField("city", "aarhus");
            row.setField("local_date", MONDAY);
            row.setField("segment_id", profiled);
            row.setField("traffic_peak_tti", ranking.get(profiled));
            row.setField("traffic_snapshot_id", 11L);
            row.setField("waste_pickups", 3);
            row.setField("waste_snapshot_id", 22L);
            row.setField("air_pm25_mean", PM25);
            row.setField("air_snapshot_id", 33L);
            org.citylake.lakehouse.RefTableWriter.append(table, List.of(row));
        }
    }

    static Map<String, Double> rankingOf(LocalDate day, String column) throws Exception {
        return rankingOf(openLake, day, column);
    }

    static Map<String, Double> rankingOf(Lake l, LocalDate day, String column) throws Exception {
        Map<String, Double> out = new HashMap<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(l.table(MapData.CONGESTION_RANKING))
                        .where(
                                Expressions.and(
                                        Expressions.equal("city", "aarhus"),
                                        Expressions.equal("period_kind", "day"),
                                        Expressions.equal("scope_kind", "segment"),
                                        Expressions.equal("period_start", day.toString())))
                        .build()) {
            for (Record r : rows) {
                out.put(
                        (String) r.getField("scope_id"),
                        ((Number) r.getField(column)).doubleValue());
            }
        }
        return out;
    }

    static String form(String user, String password) {
        return "user="
                + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&next=%2F";
    }

    static HttpRequest.Builder post(String path, String body, String cookie) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", base)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    static HttpResponse<String> login(String user, String password) throws Exception {
        return http.send(
                post("/login", form(user, password), null).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String cookie(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Set-Cookie")
                .map(c -> c.split(";", 2)[0])
                .orElse(null);
    }

    static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static void waitForLine(Path log, String line, Process process, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        "citylake serve exited with "
                                + process.exitValue()
                                + ":\n"
                                + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "citylake serve did not start in " + timeout + ":\n" + Files.readString(log));
    }

    static String run(List<String> command, Path workDir, Map<String, String> env, int seconds)
            throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println(line);
                lines.add(line);
            }
        }
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    String.join(" ", command) + " did not finish in " + seconds + " s");
        }
        String out = String.join("\n", lines);
        assertThat(p.exitValue()).as("%s:\n%s", String.join(" ", command), out).isZero();
        return out;
    }
}
