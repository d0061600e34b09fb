package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive ({@code cli/target/citylake-<version>.tar}, built in package) as a user
 * gets it: unpacked into a temporary folder and run with {@code bin/citylake} from another working
 * directory, with a PATH of only the tools the launcher uses (bash, dirname, readlink, java, and
 * for its class-data archive mkdir, tr, xargs, stat, cksum, cut, find, mv, rm, rmdir) plus a {@code
 * mvn} that records being called, so the run proves it never builds; the demo leaves its class-data
 * archive, whole, in the user's cache.
 */
class DistributionIT {

    private static final Duration HELP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(20);

    @TempDir static Path tmp;

    /** The unpacked distribution. */
    private static Path home;

    /** The PATH of every run: symlinks to the launcher's tools and the mvn trap. */
    private static Path tools;

    /** Written by the mvn trap when anything calls {@code mvn}. */
    private static Path mavenCalled;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("citylake.dist.archive", ""));
        if (!Files.isRegularFile(archive)) {
            fail(
                    "no distribution archive at %s: run mvn package (failsafe runs after it)",
                    archive);
        }
        Path dist = Files.createDirectories(tmp.resolve("dist"));
        // Unpacking is the user's step, with the host's tar; the runs below get the minimal PATH.
        Process tar =
                new ProcessBuilder("tar", "-xf", archive.toString(), "-C", dist.toString())
                        .inheritIO()
                        .start();
        assertThat(tar.waitFor(5, TimeUnit.MINUTES)).as("tar finished").isTrue();
        assertThat(tar.exitValue()).as("tar exit").isZero();
        try (Stream<Path> top = Files.list(dist)) {
            List<Path> dirs = top.toList();
            assertThat(dirs).as("one top folder").hasSize(1);
            home = dirs.get(0);
        }
        assertThat(home.getFileName().toString()).startsWith("citylake-");

        tools = Files.createDirectories(tmp.resolve("tools"));
        // the launcher's tools, with those of its class-data archive (bin/citylake, citylake_cds)
        for (String tool :
                List.of(
                        "bash",
                        "dirname",
                        "readlink",
                        "mkdir",
                        "tr",
                        "xargs",
                        "stat",
                        "cksum",
                        "cut",
                        "find",
                        "mv",
                        "rm",
                        "rmdir")) {
            Files.createSymbolicLink(tools.resolve(tool), hostTool(tool));
        }
        Files.createSymbolicLink(
                tools.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        mavenCalled = tmp.resolve("mvn-called");
        script(tools.resolve("mvn"), "echo \"$@\" >> '" + mavenCalled + "'\nexit 97");
    }

    @Test
    void theArchiveHoldsLauncherLibrariesJobJarAndData() throws Exception {
        assertThat(Files.isExecutable(home.resolve("bin/citylake"))).isTrue();
        assertThat(home.resolve("README.md")).isRegularFile();

        List<String> classpath =
                List.of(Files.readString(home.resolve("lib/classpath")).strip().split(":"));
        assertThat(classpath.get(0)).as("the CLI first").matches("lib/citylake-cli-.*\\.jar");
        assertThat(classpath).doesNotHaveDuplicates();
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(p -> "lib/" + p.getFileName()).filter(name -> name.endsWith(".jar")))
                    .as("every jar in lib/ is on lib/classpath, and only those")
                    .containsExactlyInAnyOrderElementsOf(classpath);
        }
        assertThat(classpath)
                .as("two lz4-java versions: the newer one loads first, as in the build")
                .containsSubsequence("lib/lz4-java-1.10.1.jar", "lib/lz4-java-1.8.0.jar");

        Path jobJar;
        try (Stream<Path> job = Files.list(home.resolve("lib/job"))) {
            List<Path> jars = job.toList();
            assertThat(jars).hasSize(1);
            jobJar = jars.get(0);
        }
        assertThat(jobJar.getFileName().toString()).matches("citylake-job-dist-.*-job\\.jar");
        Path built = Path.of(System.getProperty("citylake.job-jar"));
        assertThat(Files.mismatch(jobJar, built))
                .as("lib/job holds the job jar job-dist built (%s)", built)
                .isEqualTo(-1L);

        assertThat(home.resolve("test-data/README.md")).isRegularFile();
        assertThat(home.resolve("test-data/citypulse-aarhus-traffic/trafficMetaData.csv"))
                .isRegularFile();
        try (Stream<Path> all = Files.walk(home)) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .as("nothing to build from")
                    .doesNotContain("pom.xml", "src", "mvnw");
        }
    }

    @Test
    void helpListsTheCommandsThroughASymlinkWithJavaFromPathOrJavaHome() throws Exception {
        Path links = Files.createDirectories(tmp.resolve("links"));
        Path link = links.resolve("citylake");
        Files.createSymbolicLink(link, links.relativize(home.resolve("bin/citylake")));
        Path work = Files.createDirectories(tmp.resolve("work-help"));

        Run fromPath = run(work, env(), HELP_TIMEOUT, link.toString(), "--help");
        assertThat(fromPath.exit()).as(fromPath.output()).isZero();
        assertThat(fromPath.output())
                .as(fromPath.output())
                .contains("Usage: citylake", "Commands:")
                .containsPattern("(?m)^  demo ")
                .containsPattern("(?m)^  lakehouse ")
                .containsPattern("(?m)^  testdata ")
                .containsPattern("(?m)^  ref ")
                .containsPattern("(?m)^  ingest ")
                .containsPattern("(?m)^  replay ")
                .containsPattern("(?m)^  sql ")
                .containsPattern("(?m)^  run ")
                .containsPattern("(?m)^  stack ");

        // JAVA_HOME wins over the PATH: here the PATH has no java at all.
        Path noJava = Files.createDirectories(tmp.resolve("tools-without-java"));
        for (String tool : List.of("bash", "dirname", "readlink")) {
            Files.createSymbolicLink(noJava.resolve(tool), hostTool(tool));
        }
        Map<String, String> javaHome = env();
        javaHome.put("PATH", noJava.toString());
        javaHome.put("JAVA_HOME", System.getProperty("java.home"));
        Run fromJavaHome = run(work, javaHome, HELP_TIMEOUT, link.toString(), "--help");
        assertThat(fromJavaHome.exit()).as(fromJavaHome.output()).isZero();
        assertThat(fromJavaHome.output()).contains("Usage: citylake");

        assertThat(mavenCalled).doesNotExist();
        try (Stream<Path> written = Files.list(work)) {
            assertThat(written).as("--help writes nothing").isEmpty();
        }
    }

    @Test
    void aJavaOlderThan17IsAClearError() throws Exception {
        Path old = Files.createDirectories(tmp.resolve("tools-java-11"));
        for (String tool : List.of("bash", "dirname", "readlink")) {
            Files.createSymbolicLink(old.resolve(tool), hostTool(tool));
        }
        script(
                old.resolve("java"),
                "echo 'openjdk version \"11.0.22\" 2024-01-16' >&2\n"
                        + "[ \"$1\" = -version ] || exit 98");
        Map<String, String> env = env();
        env.put("PATH", old.toString());
        Run run =
                run(
                        Files.createDirectories(tmp.resolve("work-old-java")),
                        env,
                        HELP_TIMEOUT,
                        home.resolve("bin/citylake").toString(),
                        "--help");
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output())
                .contains("Java 17 or newer is required", "Java 11", "JAVA_HOME")
                .doesNotContain("Usage:");
    }

    @Test
    void theDemoRunsFromTheDistributionWithoutMaven() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work-demo"));
        Path dataDir = tmp.resolve("data");
        Map<String, String> before = listing(home);

        Run demo =
                run(
                        work,
                        env(),
                        DEMO_TIMEOUT,
                        home.resolve("bin/citylake").toString(),
                        "demo",
                        "--data-dir",
                        dataDir.toString(),
                        "--no-progress");

        assertThat(demo.exit()).as(demo.output()).isZero();
        assertThat(demo.output())
                .as(demo.output())
                .contains("==> 1/5 lake: embedded profile, data dir " + dataDir)
                .containsPattern("(?m)^clean\\.traffic_flow +\\| +128612 +\\|")
                .containsPattern("(?m)^clean\\.parking +\\| +50744 +\\|")
                .containsPattern("(?m)^parking +\\| OUT_OF_RANGE +\\| +4520$")
                .containsPattern("(?m)^traffic +\\| DUPLICATE +\\| +1067$")
                .contains("Most congested segments, day 2014-08-18")
                .containsPattern("(?m)^ +1 \\| +173225 \\| AAR_BT_0033 ")
                .contains("Busiest garages, aarhus 2014-09-29..2014-11-02")
                // street lamps generated on Monaco's bundled OSM streets, 4 nights
                .containsPattern("(?m)^clean\\.streetlight +\\| +723365 +\\|")
                .contains("Street lighting, monaco nights 2024-12-16..2024-12-18")
                .containsPattern("(?m)^DAY_BURNER +\\| lamp +\\| +\\d+$")
                .contains("Try: " + home.resolve("bin/citylake") + " sql ")
                // it ends with the planner report of the traffic Monday
                .contains(
                        "    report: "
                                + dataDir.resolve("reports/report-aarhus-day-2014-08-18.html")
                                        .toAbsolutePath())
                .contains(" serve ");
        assertThat(dataDir.resolve("reports/report-aarhus-day-2014-08-18.pdf")).isNotEmptyFile();
        assertThat(mavenCalled).as("mvn was called").doesNotExist();
        assertThat(dataDir.resolve("feeds")).isDirectory();
        try (Stream<Path> written = Files.list(work)) {
            assertThat(written).as("all state under --data-dir").isEmpty();
        }
        assertThat(listing(home)).as("the distribution is left as unpacked").isEqualTo(before);
        // the demo's classes were recorded for the next demo: a whole archive, no leftovers
        Path cds = tmp.resolve("user-home/.cache/citylake/cds");
        try (Stream<Path> archives = Files.list(cds)) {
            assertThat(archives.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.matches("demo-\\d+\\.jsa"))
                    .noneMatch(name -> name.endsWith(".tmp") || name.endsWith(".lock"));
        }
    }

    private record Run(int exit, String output) {}

    /** Runs {@code command} with exactly {@code env}; kills its process tree on a timeout. */
    private static Run run(
            Path workDir, Map<String, String> env, Duration timeout, String... command)
            throws Exception {
        Path log = Files.createTempFile(tmp, "run", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                fail(
                        "%s did not finish in %s; output:%n%s",
                        String.join(" ", command), timeout, read(log));
            }
        } finally {
            if (process.isAlive()) {
                killTree(process);
            }
        }
        return new Run(process.exitValue(), read(log));
    }

    /** Kills the child and its descendants by PID (the launcher execs java, but be sure). */
    private static void killTree(Process process) throws Exception {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** The environment of a fresh login with only a JRE: no JAVA_HOME, no Maven on the PATH. */
    private static Map<String, String> env() throws IOException {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", tools.toString());
        env.put("HOME", Files.createDirectories(tmp.resolve("user-home")).toString());
        return env;
    }

    private static Path hostTool(String name) {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path tool = Path.of(dir, name);
            if (Files.isExecutable(tool)) {
                return tool;
            }
        }
        throw new IllegalStateException(name + " not found in /usr/bin or /bin");
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Path, size, time and permissions of every file under {@code dir}. */
    private static Map<String, String> listing(Path dir) throws IOException {
        Map<String, String> listing = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                List<Object> facts = new ArrayList<>();
                facts.add(Files.isDirectory(p) ? "dir" : Files.size(p));
                facts.add(Files.getLastModifiedTime(p));
                facts.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                listing.put(dir.relativize(p).toString(), facts.toString());
            }
        }
        return listing;
    }

    /** The child's output; it may be in any encoding (no LANG), so decode leniently. */
    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
