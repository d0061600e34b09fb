package org.citylake.analytics.waste.vrp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads CVRP instances in the CVRPLIB (TSPLIB 95) format and their {@code .sol} files.
 *
 * <p>Header keys: NAME, COMMENT, TYPE (CVRP or ACVRP), DIMENSION (nodes, depot included), CAPACITY,
 * VEHICLES (optional: the vehicle limit), EDGE_WEIGHT_TYPE and, for EXPLICIT, EDGE_WEIGHT_FORMAT;
 * NODE_COORD_TYPE and DISPLAY_DATA_TYPE are accepted and ignored. Sections: NODE_COORD_SECTION,
 * DEMAND_SECTION, DEPOT_SECTION (one depot, any node id, ended by −1), EDGE_WEIGHT_SECTION,
 * DISPLAY_DATA_SECTION (skipped), then EOF (optional). Node ids are 1…DIMENSION.
 *
 * <p>Distances as TSPLIB 95 defines them: EUC_2D the Euclidean distance rounded to the nearest
 * integer (nint); CEIL_2D rounded up; ATT the pseudo-Euclidean distance {@code r =
 * sqrt((dx²+dy²)/10)}, rounded up when nint(r) < r; GEO the great-circle distance in km on the
 * TSPLIB sphere (radius 6378.388, coordinates DDD.MM with degrees taken by truncation, PI =
 * 3.141592), truncated after adding 1 — as in TSPLIB's reference code. EXPLICIT reads FULL_MATRIX
 * (may be asymmetric), LOWER_ROW, LOWER_DIAG_ROW, UPPER_ROW, UPPER_DIAG_ROW (row-wise triangles,
 * symmetric), values separated by any whitespace across lines. The diagonal is 0.
 *
 * <p>The problem is re-indexed so the depot is node 0, the other nodes following in id order;
 * {@link CvrplibInstance#fileIds()} maps back. Every error is a {@link CvrplibFormatException}
 * naming the file, the line and what is wrong.
 */
public final class CvrplibReader {

    private static final double GEO_PI = 3.141592;
    private static final double GEO_RADIUS = 6378.388;

    private CvrplibReader() {}

    /** Reads an instance file. */
    public static CvrplibInstance read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> lines = in.lines().toList();
            return new Parse(file, lines).instance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an instance from lines (for instances that are not files); {@code source} names it. */
    public static CvrplibInstance read(Path source, List<String> lines) {
        return new Parse(source, lines).instance();
    }

    /** Reads a solution file: "Route #k: customers…" lines and "Cost c". */
    public static CvrplibSolutionFile readSolution(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<List<Integer>> routes = new ArrayList<>();
        OptionalLong cost = OptionalLong.empty();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("route")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new CvrplibFormatException(
                            file, lineNo, "expected 'Route #k: customers', got '" + line + "'");
                }
                List<Integer> route = new ArrayList<>();
                for (String tok : line.substring(colon + 1).trim().split("\\s+")) {
                    if (tok.isEmpty()) {
                        continue;
                    }
                    try {
                        route.add(Integer.parseInt(tok));
                    } catch (NumberFormatException e) {
                        throw new CvrplibFormatException(
                                file, lineNo, "customer '" + tok + "' is not an integer");
                    }
                }
                routes.add(route);
            } else if (lower.startsWith("cost")) {
                String value = line.substring(4).replace(":", " ").trim();
                try {
                    double c = Double.parseDouble(value);
                    if (c != Math.rint(c)) {
                        throw new CvrplibFormatException(
                                file, lineNo, "cost " + value + " is not an integer");
                    }
                    cost = OptionalLong.of((long) c);
                } catch (NumberFormatException e) {
                    throw new CvrplibFormatException(
                            file, lineNo, "cost '" + value + "' is not a number");
                }
            } else {
                throw new CvrplibFormatException(
                        file,
                        lineNo,
                        "expected 'Route #k: customers' or 'Cost c', got '" + line + "'");
            }
        }
        if (routes.isEmpty()) {
            throw new CvrplibFormatException(file, 0, "no 'Route #k:' line");
        }
        return new CvrplibSolutionFile(routes, cost);
    }

    /** One pass over an instance's lines. */
    private static final class Parse {
        private final Path file;
        private final List<String> lines;

        private String name;
        private String comment = "";
        private String type;
        private int dimension = -1;
        private long capacity = -1;
        private int vehicles;
        private String weightType;
        private String weightFormat;
        private double[][] coords;
        private int coordsLine;
        private long[] demand;
        private int demandLine;
        private int depot = -1;
        private int depotLine;
        private final List<long[]> weights = new ArrayList<>(); // {value, line}
        private int weightsLine;

        Parse(Path file, List<String> lines) {
            this.file = file;
            this.lines = lines;
        }

        private CvrplibFormatException error(int line, String what) {
            return new CvrplibFormatException(file, line, what);
        }

        CvrplibInstance instance() {
            String section = null;
            int depotsSeen = 0;
            boolean depotEnded = false;
            for (int i = 0; i < lines.size(); i++) {
                int lineNo = i + 1;
                String line = lines.get(i).trim();
                if (line.isEmpty()) {
                    continue;
                }
                char c = line.charAt(0);
                boolean data = Character.isDigit(c) || c == '-' || c == '+' || c == '.';
                if (data) {
                    if (section == null) {
                        throw error(lineNo, "a number outside any section: '" + line + "'");
                    }
                    String[] tok = line.split("\\s+");
                    switch (section) {
                        case "NODE_COORD_SECTION" -> coord(tok, lineNo);
                        case "DEMAND_SECTION" -> demand(tok, lineNo);
                        case "DEPOT_SECTION" -> {
                            for (String t : tok) {
                                int id = integer(t, lineNo, "depot id");
                                if (id == -1) {
                                    depotEnded = true;
                                } else if (depotEnded) {
                                    throw error(lineNo, "depot id " + id + " after the ending -1");
                                } else {
                                    checkId(id, lineNo);
                                    depotsSeen++;
                                    if (depotsSeen > 1) {
                                        throw error(
                                                lineNo,
                                                "a second depot (node "
                                                        + id
                                                        + "): only one depot is supported");
                                    }
                                    depot = id;
                                }
                            }
                        }
                        case "EDGE_WEIGHT_SECTION" -> {
                            for (String t : tok) {
                                long w = integer(t, lineNo, "edge weight");
                                if (w < 0) {
                                    throw error(lineNo, "edge weight " + w + " is negative");
                                }
                                weights.add(new long[] {w, lineNo});
                            }
                        }
                        case "DISPLAY_DATA_SECTION" -> {
                            // display coordinates only: not used
                        }
                        default -> throw new IllegalStateException(section);
                    }
                    continue;
                }
                String key;
                String value;
                int colon = line.indexOf(':');
                if (colon >= 0) {
                    key = line.substring(0, colon).trim().toUpperCase(Locale.ROOT);
                    value = line.substring(colon + 1).trim();
                } else {
                    String[] parts = line.split("\\s+", 2);
                    key = parts[0].toUpperCase(Locale.ROOT);
                    value = parts.length > 1 ? parts[1].trim() : "";
                }
                section = null;
                switch (key) {
                    case "NAME" -> name = value;
                    case "COMMENT" -> comment = comment.isEmpty() ? value : comment + " " + value;
                    case "TYPE" -> {
                        type = value.toUpperCase(Locale.ROOT);
                        if (!type.equals("CVRP") && !type.equals("ACVRP")) {
                            throw error(
                                    lineNo,
                                    "TYPE "
                                            + value
                                            + " is not supported: expected CVRP (or ACVRP)");
                        }
                    }
                    case "DIMENSION" -> {
                        dimension = integer(value, lineNo, "DIMENSION");
                        if (dimension < 1) {
                            throw error(
                                    lineNo,
                                    "DIMENSION must be at least 1 (the depot), got " + dimension);
                        }
                    }
                    case "CAPACITY" -> {
                        capacity = integer(value, lineNo, "CAPACITY");
                        if (capacity <= 0) {
                            throw error(lineNo, "CAPACITY must be positive, got " + capacity);
                        }
                    }
                    case "VEHICLES" -> {
                        vehicles = integer(value, lineNo, "VEHICLES");
                        if (vehicles < 1) {
                            throw error(lineNo, "VEHICLES must be positive, got " + vehicles);
                        }
                    }
                    case "EDGE_WEIGHT_TYPE" -> {
                        weightType = value.toUpperCase(Locale.ROOT);
                        if (!List.of("EUC_2D", "CEIL_2D", "GEO", "ATT", "EXPLICIT")
                                .contains(weightType)) {
                            throw error(
                                    lineNo,
                                    "EDGE_WEIGHT_TYPE "
                                            + value
                                            + " is not supported (EUC_2D, CEIL_2D, GEO, ATT, EXPLICIT)");
                        }
                    }
                    case "EDGE_WEIGHT_FORMAT" -> {
                        weightFormat = value.toUpperCase(Locale.ROOT);
                        if (!List.of(
                                        "FULL_MATRIX",
                                        "LOWER_ROW",
                                        "LOWER_DIAG_ROW",
                                        "UPPER_ROW",
                                        "UPPER_DIAG_ROW")
                                .contains(weightFormat)) {
                            throw error(
                                    lineNo,
                                    "EDGE_WEIGHT_FORMAT "
                                            + value
                                            + " is not supported (FULL_MATRIX, LOWER_ROW, LOWER_DIAG_ROW,"
                                            + " UPPER_ROW, UPPER_DIAG_ROW)");
                        }
                    }
                    case "NODE_COORD_TYPE", "DISPLAY_DATA_TYPE" -> {
                        // informative only
                    }
                    case "NODE_COORD_SECTION" -> {
                        needDimension(lineNo, key);
                        coords = new double[dimension + 1][];
                        coordsLine = lineNo;
                        section = key;
                    }
                    case "DEMAND_SECTION" -> {
                        needDimension(lineNo, key);
                        demand = new long[dimension + 1];
                        java.util.Arrays.fill(demand, -1);
                        demandLine = lineNo;
                        section = key;
                    }
                    case "DEPOT_SECTION" -> {
                        needDimension(lineNo, key);
                        depotLine = lineNo;
                        section = key;
                    }
                    case "EDGE_WEIGHT_SECTION" -> {
                        needDimension(lineNo, key);
                        weightsLine = lineNo;
                        section = key;
                    }
                    case "DISPLAY_DATA_SECTION" -> section = key;
                    case "EOF" -> {
                        return build(lineNo);
                    }
                    default -> throw error(lineNo, "unknown keyword '" + key + "'");
                }
            }
            return build(lines.size());
        }

        private void needDimension(int lineNo, String key) {
            if (dimension < 0) {
                throw error(
                        lineNo, key + " before DIMENSION: the header must give DIMENSION first");
            }
        }

        private void checkId(int id, int lineNo) {
            if (id < 1 || id > dimension) {
                throw error(lineNo, "node " + id + " is outside 1.." + dimension + " (DIMENSION)");
            }
        }

        private void coord(String[] tok, int lineNo) {
            if (tok.length != 3) {
                throw error(
                        lineNo,
                        "expected 'id x y' in NODE_COORD_SECTION, got " + tok.length + " values");
            }
            int id = integer(tok[0], lineNo, "node id");
            checkId(id, lineNo);
            if (coords[id] != null) {
                throw error(lineNo, "node " + id + " has coordinates twice");
            }
            coords[id] = new double[] {decimal(tok[1], lineNo, "x"), decimal(tok[2], lineNo, "y")};
        }

        private void demand(String[] tok, int lineNo) {
            if (tok.length != 2) {
                throw error(
                        lineNo,
                        "expected 'id demand' in DEMAND_SECTION, got " + tok.length + " values");
            }
            int id = integer(tok[0], lineNo, "node id");
            checkId(id, lineNo);
            if (demand[id] >= 0) {
                throw error(lineNo, "node " + id + " has a demand twice");
            }
            long d = integer(tok[1], lineNo, "demand");
            if (d < 0) {
                throw error(lineNo, "node " + id + " has a negative demand " + d);
            }
            if (capacity > 0 && d > capacity) {
                throw error(
                        lineNo,
                        "node " + id + " demands " + d + ", more than CAPACITY " + capacity);
            }
            demand[id] = d;
        }

        private int integer(String s, int lineNo, String what) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw error(lineNo, what + " '" + s + "' is not an integer");
            }
        }

        private double decimal(String s, int lineNo, String what) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw error(lineNo, what + " '" + s + "' is not a number");
            }
        }

        private CvrplibInstance build(int lastLine) {
            if (name == null) {
                throw error(0, "no NAME");
            }
            if (type == null) {
                throw error(0, "no TYPE (expected CVRP)");
            }
            if (dimension < 0) {
                throw error(0, "no DIMENSION");
            }
            if (capacity < 0) {
                throw error(0, "no CAPACITY");
            }
            if (weightType == null) {
                throw error(0, "no EDGE_WEIGHT_TYPE");
            }
            if (demand == null) {
                throw error(0, "no DEMAND_SECTION");
            }
            for (int id = 1; id <= dimension; id++) {
                if (demand[id] < 0) {
                    throw error(demandLine, "DEMAND_SECTION has no demand for node " + id);
                }
                if (demand[id] > capacity) {
                    throw error(
                            demandLine,
                            "node "
                                    + id
                                    + " demands "
                                    + demand[id]
                                    + ", more than CAPACITY "
                                    + capacity);
                }
            }
            if (depot < 0) {
                throw error(
                        depotLine,
                        depotLine == 0 ? "no DEPOT_SECTION" : "DEPOT_SECTION names no depot");
            }
            if (demand[depot] != 0) {
                throw error(
                        demandLine,
                        "the depot, node "
                                + depot
                                + ", has demand "
                                + demand[depot]
                                + ", expected 0");
            }
            long[][] w = weightType.equals("EXPLICIT") ? explicit() : fromCoordinates();
            int[] fileIds = new int[dimension];
            fileIds[0] = depot;
            int k = 1;
            for (int id = 1; id <= dimension; id++) {
                if (id != depot) {
                    fileIds[k++] = id;
                }
            }
            long[][] cost = new long[dimension][dimension];
            int[] dem = new int[dimension];
            for (int i = 0; i < dimension; i++) {
                dem[i] = (int) demand[fileIds[i]];
                for (int j = 0; j < dimension; j++) {
                    cost[i][j] = i == j ? 0 : w[fileIds[i]][fileIds[j]];
                }
            }
            CvrpProblem problem = new CvrpProblem(name, cost, dem, capacity, vehicles);
            return new CvrplibInstance(name, comment, weightType, problem, fileIds);
        }

        private long[][] fromCoordinates() {
            if (coords == null) {
                throw error(0, "EDGE_WEIGHT_TYPE " + weightType + " needs a NODE_COORD_SECTION");
            }
            for (int id = 1; id <= dimension; id++) {
                if (coords[id] == null) {
                    throw error(coordsLine, "NODE_COORD_SECTION has no coordinates for node " + id);
                }
            }
            long[][] w = new long[dimension + 1][dimension + 1];
            for (int a = 1; a <= dimension; a++) {
                for (int b = 1; b <= dimension; b++) {
                    if (a != b) {
                        w[a][b] = distance(coords[a], coords[b]);
                    }
                }
            }
            return w;
        }

        private long distance(double[] p, double[] q) {
            double dx = p[0] - q[0];
            double dy = p[1] - q[1];
            return switch (weightType) {
                case "EUC_2D" -> (long) (Math.sqrt(dx * dx + dy * dy) + 0.5);
                case "CEIL_2D" -> (long) Math.ceil(Math.sqrt(dx * dx + dy * dy));
                case "ATT" -> {
                    double r = Math.sqrt((dx * dx + dy * dy) / 10.0);
                    long t = (long) (r + 0.5);
                    yield t < r ? t + 1 : t;
                }
                case "GEO" -> geo(p, q);
                default -> throw new IllegalStateException(weightType);
            };
        }

        /** TSPLIB 95 GEO: x is the latitude, y the longitude, both DDD.MM (degrees.minutes). */
        private static long geo(double[] p, double[] q) {
            double lat1 = radians(p[0]);
            double lon1 = radians(p[1]);
            double lat2 = radians(q[0]);
            double lon2 = radians(q[1]);
            double q1 = Math.cos(lon1 - lon2);
            double q2 = Math.cos(lat1 - lat2);
            double q3 = Math.cos(lat1 + lat2);
            return (long) (GEO_RADIUS * Math.acos(0.5 * ((1.0 + q1) * q2 - (1.0 - q1) * q3)) + 1.0);
        }

        private static double radians(double ddmm) {
            double deg = (long) ddmm;
            double min = ddmm - deg;
            return GEO_PI * (deg + 5.0 * min / 3.0) / 180.0;
        }

        private long[][] explicit() {
            if (weightFormat == null) {
                throw error(weightsLine, "EDGE_WEIGHT_TYPE EXPLICIT needs an EDGE_WEIGHT_FORMAT");
            }
            if (weightsLine == 0) {
                throw error(0, "EDGE_WEIGHT_TYPE EXPLICIT needs an EDGE_WEIGHT_SECTION");
            }
            int n = dimension;
            long needed =
                    switch (weightFormat) {
                        case "FULL_MATRIX" -> (long) n * n;
                        case "LOWER_ROW", "UPPER_ROW" -> (long) n * (n - 1) / 2;
                        default -> (long) n * (n + 1) / 2;
                    };
            if (weights.size() > needed) {
                throw error(
                        (int) weights.get((int) needed)[1],
                        "EDGE_WEIGHT_SECTION has "
                                + weights.size()
                                + " values, "
                                + weightFormat
                                + " of DIMENSION "
                                + n
                                + " needs "
                                + needed);
            }
            if (weights.size() < needed) {
                throw error(
                        weightsLine,
                        "EDGE_WEIGHT_SECTION has "
                                + weights.size()
                                + " values, "
                                + weightFormat
                                + " of DIMENSION "
                                + n
                                + " needs "
                                + needed);
            }
            long[][] w = new long[n + 1][n + 1];
            int k = 0;
            for (int i = 0; i < n; i++) {
                int from;
                int to;
                switch (weightFormat) {
                    case "FULL_MATRIX" -> {
                        from = 0;
                        to = n - 1;
                    }
                    case "LOWER_ROW" -> {
                        from = 0;
                        to = i - 1;
                    }
                    case "LOWER_DIAG_ROW" -> {
                        from = 0;
                        to = i;
                    }
                    case "UPPER_ROW" -> {
                        from = i + 1;
                        to = n - 1;
                    }
                    default -> {
                        from = i;
                        to = n - 1;
                    }
                }
                for (int j = from; j <= to; j++) {
                    long v = weights.get(k++)[0];
                    w[i + 1][j + 1] = v;
                    if (!weightFormat.equals("FULL_MATRIX")) {
                        w[j + 1][i + 1] = v;
                    }
                }
            }
            return w;
        }
    }
}
