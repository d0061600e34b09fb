package org.citylake.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches server distributions and classpaths from Maven Central through the {@code mvn} the
 * project is built with, so they land in the local Maven repository once and the repository
 * settings (mirrors, proxies) of the machine apply. No registry host names here.
 */
public final class MavenArtifacts {

    private static final String DEPENDENCY_PLUGIN =
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

    private final Path workDir;
    private final StackLog log;

    /** {@code workDir} holds the generated helper POMs and the copied artifacts. */
    public MavenArtifacts(Path workDir, StackLog log) {
        this.workDir = workDir;
        this.log = log;
    }

    /**
     * Copies one artifact ({@code group:artifact:version[:type[:classifier]]}) into {@code dir}
     * unless a file of that name is there already; returns the file.
     */
    public Path fetch(String coordinates, Path dir) throws IOException, InterruptedException {
        String[] parts = coordinates.split(":");
        if (parts.length < 3) {
            throw new IllegalArgumentException("not group:artifact:version[...]: " + coordinates);
        }
        String type = parts.length > 3 ? parts[3] : "jar";
        String classifier = parts.length > 4 ? "-" + parts[4] : "";
        String extension = type.equals("tar.gz") ? "tar.gz" : type;
        Path file = dir.resolve(parts[1] + "-" + parts[2] + classifier + "." + extension);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(dir);
        Path project = workDir.resolve("fetch");
        Files.createDirectories(project);
        Files.writeString(
                project.resolve("pom.xml"), pom("fetch", List.of()), StandardCharsets.UTF_8);
        log.info("fetching " + coordinates + " (once; kept in the local Maven repository)");
        mvn(
                List.of(
                        DEPENDENCY_PLUGIN + ":copy",
                        "-Dartifact=" + coordinates,
                        "-DoutputDirectory=" + dir.toAbsolutePath(),
                        "-Dmdep.overWriteIfNewer=false"),
                project);
        if (!Files.isRegularFile(file)) {
            throw new IOException("Maven copied " + coordinates + " but " + file + " is not there");
        }
        return file;
    }

    /**
     * The runtime classpath of {@code dependencies} ({@code group:artifact:version} each, with
     * their transitive dependencies), resolved once into {@code <name>.classpath}.
     */
    public List<Path> classpath(String name, List<String> dependencies)
            throws IOException, InterruptedException {
        Path dir = workDir.resolve(name);
        Path pom = dir.resolve("pom.xml");
        Path out = dir.resolve(name + ".classpath");
        String pomText = pom(name, dependencies);
        boolean fresh =
                Files.isRegularFile(out)
                        && Files.isRegularFile(pom)
                        && Files.readString(pom, StandardCharsets.UTF_8).equals(pomText);
        if (!fresh) {
            Files.createDirectories(dir);
            Files.writeString(pom, pomText, StandardCharsets.UTF_8);
            log.info("resolving " + name + " classpath: " + String.join(", ", dependencies));
            mvn(
                    List.of(
                            DEPENDENCY_PLUGIN + ":build-classpath",
                            "-Dmdep.outputFile=" + out.toAbsolutePath(),
                            "-Dmdep.includeScope=runtime"),
                    dir);
        }
        List<Path> paths = new ArrayList<>();
        for (String entry :
                Files.readString(out, StandardCharsets.UTF_8)
                        .trim()
                        .split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                paths.add(Path.of(entry));
            }
        }
        return paths;
    }

    private static String pom(String name, List<String> dependencies) {
        StringBuilder deps = new StringBuilder();
        for (String coordinates : dependencies) {
            String[] p = coordinates.split(":");
            deps.append("    <dependency><groupId>")
                    .append(p[0])
                    .append("</groupId><artifactId>")
                    .append(p[1])
                    .append("</artifactId><version>")
                    .append(p[2])
                    .append("</version></dependency>\n");
        }
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>org.citylake.stack</groupId><artifactId>"
                + name
                + "</artifactId><version>1</version><packaging>pom</packaging>\n"
                + "  <dependencies>\n"
                + deps
                + "  </dependencies>\n</project>\n";
    }

    private void mvn(List<String> args, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-q", "-B"));
        command.addAll(args);
        Path output = Files.createTempFile("citylake-mvn", ".log");
        try {
            Process process =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException(
                        "mvn "
                                + String.join(" ", args)
                                + " failed (exit "
                                + exit
                                + "):\n"
                                + Files.readString(output, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String mavenExecutable() {
        String home = System.getenv("MAVEN_HOME");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }
}
