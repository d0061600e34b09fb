package org.citylake.serving.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citylake.model.City;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.session.SessionHandler;

/**
 * The HTTP server of {@code citylake serve}: the planners' map (static files bundled from {@code
 * serving/frontend}) and its JSON API over the lake.
 *
 * <pre>
 *  GET  /login               sign-in page (public, with /static/login.*)
 *  POST /login               user + password (form) → session cookie, 303 to the map
 *  POST /logout              ends the session
 *  GET  /                    the map (signed in)
 *  GET  /api/me | /api/cities | /api/layers
 *  GET  /api/cities/{city}/streets | /districts          GeoJSON, WGS84
 *  GET  /api/cities/{city}/layers/{layer}/days
 *  GET  /api/cities/{city}/kpi?layer=&kpi=&day=
 *  GET  /api/cities/{city}/segments/{segment}?layer=&kpi=&day=
 *  GET  /api/admin/users     admin only
 *  + the routes of {@link RouteSet}s (the exchange: /exchange/...), which authenticate themselves
 * </pre>
 *
 * Sessions live in the server's memory, in a cookie that is HTTP-only, SameSite=Strict and Secure
 * whenever the request came over HTTPS (with {@code allowRemote}: as the TLS proxy in front says in
 * its X-Forwarded-Proto header). Unauthenticated API calls get 401, pages a redirect to the sign-in
 * page; a user whose group may not use a route gets 403. POSTs must come from this server's own
 * pages (their Origin or Referer names this host).
 */
public final class MapServer implements AutoCloseable {

    public static final String SESSION_COOKIE = "citylake_session";
    static final String USER_ATTRIBUTE = "citylake.user";
    // not a Java package ("static" is a keyword): no class can ever be served from it
    private static final String WEB = "/org/citylake/serving/static";
    private static final Duration IDLE = Duration.ofHours(8);
    private static final String CSP =
            "default-src 'self'; script-src 'self'; worker-src 'self' blob:; child-src 'self' blob:;"
                    + " img-src 'self' data: blob:; style-src 'self' 'unsafe-inline';"
                    + " connect-src 'self'; frame-ancestors 'none'; form-action 'self';"
                    + " base-uri 'none'";

    private final Javalin app;
    private final WebUsers users;
    private final MapData data;
    private final String passwordSource;

    /** Where to listen. {@code allowRemote} must be set to bind anything but loopback. */
    public record Settings(String bind, int port, boolean allowRemote) {
        public static final String DEFAULT_BIND = "127.0.0.1";
        public static final int DEFAULT_PORT = 18480;

        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not in 0..65535");
            }
            if (!allowRemote && !isLoopback(bind)) {
                throw new IllegalArgumentException(
                        "--bind "
                                + bind
                                + " is not a loopback address: the server speaks plain HTTP, so"
                                + " passwords and session cookies would cross the network in"
                                + " clear text. Keep the default 127.0.0.1, or put it behind a"
                                + " TLS reverse proxy and pass --allow-remote");
            }
        }

        static boolean isLoopback(String host) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--bind " + host + " is not a known address", e);
            }
        }
    }

    private final java.util.List<RouteSet> extraRoutes;

    private MapServer(
            Settings settings,
            WebUsers users,
            MapData data,
            String passwordSource,
            java.util.List<RouteSet> extraRoutes) {
        this.extraRoutes = java.util.List.copyOf(extraRoutes);
        this.users = users;
        this.data = data;
        this.passwordSource = passwordSource;
        ObjectMapper mapper =
                new ObjectMapper()
                        .findAndRegisterModules()
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.app =
                Javalin.create(
                        config -> {
                            config.showJavalinBanner = false;
                            config.jsonMapper(new JavalinJackson(mapper, false));
                            config.staticFiles.add(
                                    files -> {
                                        files.hostedPath = "/static";
                                        files.directory = WEB;
                                        files.location = Location.CLASSPATH;
                                        files.headers = Map.of("Cache-Control", "no-cache");
                                    });
                            config.jetty.modifyServletContextHandler(
                                    handler -> handler.setSessionHandler(sessionHandler()));
                            if (settings.allowRemote()) {
                                // behind the TLS reverse proxy --allow-remote promises: its
                                // X-Forwarded-Proto/Host make the request HTTPS (Secure cookie)
                                config.jetty.modifyHttpConfiguration(
                                        http ->
                                                http.addCustomizer(
                                                        new ForwardedRequestCustomizer()));
                            }
                        });
        routes();
        this.extraRoutes.forEach(set -> set.register(app));
    }

    /** Starts the server; {@code passwordSource} says where the users' passwords come from. */
    public static MapServer start(
            Settings settings, WebUsers users, MapData data, String passwordSource) {
        return start(settings, users, data, passwordSource, java.util.List.of());
    }

    /** As {@link #start(Settings, WebUsers, MapData, String)}, with other modules' routes. */
    public static MapServer start(
            Settings settings,
            WebUsers users,
            MapData data,
            String passwordSource,
            java.util.List<RouteSet> extraRoutes) {
        MapServer server = new MapServer(settings, users, data, passwordSource, extraRoutes);
        server.app.start(settings.bind(), settings.port());
        return server;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static SessionHandler sessionHandler() {
        SessionHandler sessions = new SessionHandler();
        sessions.setSessionCookie(SESSION_COOKIE);
        sessions.setHttpOnly(true);
        // Secure whenever the request came over HTTPS (e.g. through a TLS proxy that says so).
        sessions.setSecureRequestOnly(true);
        sessions.setSameSite(HttpCookie.SameSite.STRICT);
        sessions.setMaxInactiveInterval((int) IDLE.toSeconds());
        sessions.setUsingCookies(true);
        sessions.setSessionTrackingModes(
                java.util.Set.of(jakarta.servlet.SessionTrackingMode.COOKIE));
        return sessions;
    }

    private void routes() {
        app.before(this::securityHeaders);
        app.before(this::requireSameOriginPost);
        app.before(this::requireSession);
        app.before("/api/admin/*", ctx -> requireGroup(ctx, "admin"));

        app.get("/login", ctx -> page(ctx, "login.html"));
        app.post("/login", this::login);
        app.post("/logout", this::logout);
        app.get("/", ctx -> page(ctx, "map.html"));

        app.get("/api/me", ctx -> ctx.json(user(ctx).orElseThrow()));
        app.get(
                "/api/cities",
                ctx ->
                        ctx.json(
                                data.cities().stream()
                                        .map(
                                                c ->
                                                        Map.of(
                                                                "id", c.id(),
                                                                "name", c.name(),
                                                                "country", c.country(),
                                                                "time_zone", c.zone().getId(),
                                                                "lon", c.lon(),
                                                                "lat", c.lat(),
                                                                "crs", c.crs()))
                                        .toList()));
        app.get(
                "/api/layers",
                ctx -> ctx.json(data.layers().stream().map(this::layerJson).toList()));
        app.get("/api/cities/{city}/streets", ctx -> ctx.json(data.streets(city(ctx))));
        app.get("/api/cities/{city}/districts", ctx -> ctx.json(data.districts(city(ctx))));
        app.get(
                "/api/cities/{city}/layers/{layer}/days",
                ctx -> {
                    Layer layer = data.layer(ctx.pathParam("layer"));
                    List<LocalDate> days = data.days(city(ctx), layer);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("days", days.stream().map(LocalDate::toString).toList());
                    if (days.isEmpty()) {
                        out.put("message", layer.missing());
                    }
                    ctx.json(out);
                });
        app.get("/api/cities/{city}/kpi", this::kpi);
        app.get("/api/cities/{city}/segments/{segment}", this::segment);
        app.get(
                "/api/admin/users",
                ctx ->
                        ctx.json(
                                Map.of(
                                        "users",
                                        users.names().stream().map(WebUsers::user).toList(),
                                        "passwords",
                                        passwordSource)));

        app.exception(
                Layer.NotFound.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        app.exception(
                IllegalArgumentException.class,
                (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(
                Exception.class,
                (e, ctx) ->
                        error(
                                ctx,
                                HttpStatus.INTERNAL_SERVER_ERROR,
                                e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    // ---------------------------------------------------------------- security

    private void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    /** A POST must come from a page of this server: its Origin (or Referer) names this host. */
    private void requireSameOriginPost(Context ctx) {
        if (!"POST".equals(ctx.method().name())) {
            return;
        }
        String host = ctx.host();
        String from = Optional.ofNullable(ctx.header("Origin")).orElse(ctx.header("Referer"));
        String fromHost = null;
        if (from != null && !from.equals("null")) {
            try {
                URI uri = URI.create(from);
                fromHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            } catch (IllegalArgumentException e) {
                fromHost = null;
            }
        }
        if (host == null || !host.equalsIgnoreCase(fromHost)) {
            error(
                    ctx,
                    HttpStatus.FORBIDDEN,
                    "cross-site request refused: a POST must come from this server's own pages"
                            + " (its Origin or Referer header must name "
                            + host
                            + ")");
            ctx.skipRemainingHandlers();
        }
    }

    private void requireSession(Context ctx) {
        String path = ctx.path();
        if (path.equals("/login") || path.startsWith("/static/login.")) {
            return;
        }
        if (extraRoutes.stream().anyMatch(set -> path.startsWith(set.prefix()))) {
            return;
        }
        if (user(ctx).isPresent()) {
            return;
        }
        if (path.startsWith("/api/")) {
            error(
                    ctx,
                    HttpStatus.UNAUTHORIZED,
                    "sign in first: POST /login with user and password");
        } else {
            ctx.redirect(
                    "/login?next="
                            + java.net.URLEncoder.encode(
                                    path, java.nio.charset.StandardCharsets.UTF_8),
                    HttpStatus.SEE_OTHER);
        }
        ctx.skipRemainingHandlers();
    }

    private void requireGroup(Context ctx, String group) {
        Optional<WebUsers.WebUser> user = user(ctx);
        if (user.isPresent() && !user.get().in(group)) {
            error(
                    ctx,
                    HttpStatus.FORBIDDEN,
                    "user "
                            + user.get().name()
                            + " may not use "
                            + ctx.path()
                            + ": group "
                            + group
                            + " only");
            ctx.skipRemainingHandlers();
        }
    }

    private Optional<WebUsers.WebUser> user(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Object name = session.getAttribute(USER_ATTRIBUTE);
        return name instanceof String n ? Optional.of(WebUsers.user(n)) : Optional.empty();
    }

    private void login(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        Optional<WebUsers.WebUser> user =
                users.authenticate(ctx.formParam("user"), ctx.formParam("password"));
        if (user.isEmpty()) {
            ctx.status(HttpStatus.UNAUTHORIZED);
            ctx.redirect(
                    "/login?failed&next="
                            + java.net.URLEncoder.encode(
                                    next, java.nio.charset.StandardCharsets.UTF_8),
                    HttpStatus.SEE_OTHER);
            return;
        }
        // a new session id at sign-in: a session id planted before it is worth nothing
        HttpSession old = ctx.req().getSession(false);
        if (old != null) {
            old.invalidate();
        }
        ctx.req().getSession(true).setAttribute(USER_ATTRIBUTE, user.get().name());
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session != null) {
            session.invalidate();
        }
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /** Only a path of this server: never another host ("//host", "https://…"). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/";
        }
        return next;
    }

    // ---------------------------------------------------------------- API

    private City city(Context ctx) {
        return data.city(ctx.pathParam("city"));
    }

    private static LocalDate day(Context ctx) {
        String day = ctx.queryParam("day");
        if (day == null || day.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "day '" + day + "' is not a date: use YYYY-MM-DD", e);
        }
    }

    private Map<String, Object> layerJson(Layer layer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", layer.id());
        out.put("label", layer.label());
        out.put(
                "kpis",
                layer.kpis().stream()
                        .map(k -> Map.of("id", k.id(), "label", k.label(), "unit", k.unit()))
                        .toList());
        if (layer.kpis().isEmpty()) {
            out.put("message", layer.missing());
        }
        return out;
    }

    private void kpi(Context ctx) {
        City city = city(ctx);
        Layer layer = data.layer(Optional.ofNullable(ctx.queryParam("layer")).orElse("traffic"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("city", city.id());
        out.put("layer", layer.id());
        if (layer.kpis().isEmpty()) {
            out.put("kpi", null);
            out.put("label", layer.label());
            out.put("unit", "");
            out.put("day", null);
            out.put("values", Map.of());
            out.put("classes", List.of());
            out.put("message", layer.missing());
            ctx.json(out);
            return;
        }
        Kpi kpi = layer.kpi(ctx.queryParam("kpi"));
        List<LocalDate> days = data.days(city, layer);
        LocalDate day = day(ctx);
        if (day == null && !days.isEmpty()) {
            day = days.get(days.size() - 1);
        }
        Map<String, Double> values = day == null ? Map.of() : data.values(city, kpi, day);
        out.put("kpi", kpi.id());
        out.put("label", kpi.label());
        out.put("unit", kpi.unit());
        out.put("day", day == null ? null : day.toString());
        out.put("source", data.source(city, kpi));
        out.put("values", values);
        out.put("classes", MapData.classes(kpi, values));
        if (days.isEmpty()) {
            out.put("message", layer.missing());
        } else if (values.isEmpty()) {
            out.put(
                    "message",
                    "no "
                            + layer.id()
                            + " values on "
                            + day
                            + "; days with values: "
                            + days.get(0)
                            + " to "
                            + days.get(days.size() - 1));
        }
        ctx.json(out);
    }

    private void segment(Context ctx) {
        City city = city(ctx);
        String id = ctx.pathParam("segment");
        Map<String, Object> segment =
                java.util.Arrays.stream(data.streets(city).getFeatures())
                        .filter(f -> id.equals(f.getProperties().get("id")))
                        .map(f -> f.getProperties())
                        .findFirst()
                        .orElse(null);
        if (segment == null) {
            throw new Layer.NotFound("city " + city.id() + " has no street segment '" + id + "'");
        }
        Layer chosen = data.layer(Optional.ofNullable(ctx.queryParam("layer")).orElse("traffic"));
        LocalDate day = day(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("segment", segment);
        out.put("day", day == null ? null : day.toString());
        List<Map<String, Object>> values = new java.util.ArrayList<>();
        Optional<List<MapData.ProfileValue>> profile = data.streetProfile(city, id, day);
        if (profile.isPresent()) {
            out.put("profile", MapData.STREET_PROFILE);
            for (MapData.ProfileValue v : profile.get()) {
                values.add(value(v.layer(), v.kpi(), v.label(), v.unit(), v.value(), v.source()));
            }
        } else if (day != null) {
            // no street profile of the day: the KPIs of the gold tables the layers read
            out.put(
                    "profile",
                    "the layers' gold tables (" + MapData.STREET_PROFILE + " has no row)");
            for (Layer layer : data.layers()) {
                for (Kpi kpi : layer.kpis()) {
                    Double v = data.values(city, kpi, day).get(id);
                    if (v != null) {
                        values.add(
                                value(
                                        layer.id(),
                                        kpi.id(),
                                        kpi.label(),
                                        kpi.unit(),
                                        v,
                                        data.source(city, kpi)));
                    }
                }
            }
        }
        out.put("values", values);
        if (!chosen.kpis().isEmpty()) {
            Kpi kpi = chosen.kpi(ctx.queryParam("kpi"));
            MapData.Series daily = data.daily(city, kpi, id);
            out.put("daily", daily.points().isEmpty() ? null : daily);
        } else {
            out.put("daily", null);
            out.put("message", chosen.missing());
        }
        out.put("hourly", day == null ? null : data.hourlyTti(city, id, day).orElse(null));
        if (values.isEmpty() && !out.containsKey("message")) {
            out.put("message", "no values for this street on " + day);
        }
        ctx.json(out);
    }

    private static Map<String, Object> value(
            String layer, String kpi, String label, String unit, Double v, String source) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("layer", layer);
        value.put("kpi", kpi);
        value.put("label", label);
        value.put("unit", unit);
        value.put("value", v);
        value.put("source", source);
        return value;
    }

    private static void page(Context ctx, String name) {
        try (InputStream in = MapServer.class.getResourceAsStream(WEB + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the map's page "
                                + name
                                + " is not in the jar: build the front-end (cd"
                                + " serving/frontend && npm ci && npm run build) and rebuild");
            }
            ctx.contentType(ContentType.TEXT_HTML).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }
}
