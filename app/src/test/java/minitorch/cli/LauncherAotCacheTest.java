package minitorch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./minitorch} launcher's ahead-of-time cache logic, run for real (bash) in a copy of the launcher
 * beside a stand-in jar, with a stand-in JDK 25 whose {@code java} records its arguments and, for
 * {@code -XX:AOTCacheOutput=FILE}, writes FILE (or fails, when asked): fast, and no JVM is trained.
 */
class LauncherAotCacheTest {

    @TempDir
    Path root;

    private Path log;
    private Path jar;

    @BeforeEach
    void copyTheLauncherBesideAStandInJarAndJdk() throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(repo.resolve("minitorch")) && Files.isExecutable(Path.of("/bin/bash")),
                "the launcher script or bash is not here");
        Files.copy(repo.resolve("minitorch"), root.resolve("minitorch"));
        Files.createDirectories(root.resolve(".mvn"));
        Files.copy(repo.resolve(".mvn/find-jdk25.sh"), root.resolve(".mvn/find-jdk25.sh"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.createDirectories(root.resolve("core"));
        jar = root.resolve("app/target/minitorch.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not a real jar");
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));

        Path bin = Files.createDirectories(root.resolve("jdk/bin"));
        Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"25.0.1\"\nJAVA_RUNTIME_VERSION=\"25.0.1+8-LTS\"\n");
        log = root.resolve("java-calls.log");
        executable(bin.resolve("javac"), "#!/bin/bash\nexit 0\n");
        executable(bin.resolve("java"), String.join("\n",
                "#!/bin/bash",
                "echo \"$*\" >> \"$FAKE_JAVA_LOG\"",
                "for a in \"$@\"; do",
                "  case \"$a\" in -XX:AOTCacheOutput=*) [[ -n \"${FAKE_AOT_FAIL:-}\" ]] && exit 1; echo cache > \"${a#*=}\";; esac",
                "done", ""));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int code, String stderr, List<String> javaCalls) {}

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> before = Files.exists(log) ? Files.readAllLines(log) : List.of();
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of("/bin/bash", root.resolve("minitorch").toString()),
                Stream.of(args)).toList());
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        pb.environment().put("FAKE_JAVA_LOG", log.toString());
        pb.environment().remove("MINITORCH_AOT");
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        List<String> after = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Run(code, err, after.subList(before.size(), after.size()));
    }

    private List<Path> caches() throws IOException {
        try (Stream<Path> s = Files.list(jar.getParent())) {
            return s.filter(f -> f.getFileName().toString().endsWith(".aot")).toList();
        }
    }

    @Test
    void theFirstRunTrainsTheCacheOnceAndEveryRunUsesIt() throws Exception {
        Run first = launch(Map.of(), "train", "--help");
        assertEquals(0, first.code(), first.stderr());
        assertTrue(first.stderr().contains("training the JVM's ahead-of-time cache"), first.stderr());
        assertEquals(2, first.javaCalls().size(), first.javaCalls().toString());
        assertTrue(first.javaCalls().get(0).contains("-XX:AOTCacheOutput=") && first.javaCalls().get(0).endsWith("aot-training"),
                first.javaCalls().get(0));
        List<Path> caches = caches();
        assertEquals(1, caches.size(), caches.toString());
        String use = "-XX:AOTCache=" + caches.get(0);
        assertTrue(first.javaCalls().get(1).contains(use) && first.javaCalls().get(1).endsWith("-jar " + jar + " train --help"),
                first.javaCalls().get(1));

        Run second = launch(Map.of(), "train", "--help");
        assertFalse(second.stderr().contains("ahead-of-time"), second.stderr());
        assertEquals(1, second.javaCalls().size(), second.javaCalls().toString());
        assertTrue(second.javaCalls().get(0).contains(use), second.javaCalls().get(0));
    }

    @Test
    void aNewJarGetsANewCacheAndTheOldOneIsRemoved() throws Exception {
        launch(Map.of(), "--version");
        Path old = caches().get(0);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
        Run run = launch(Map.of(), "--version");
        assertTrue(run.stderr().contains("training"), run.stderr());
        List<Path> caches = caches();
        assertEquals(1, caches.size(), caches.toString());
        assertFalse(caches.get(0).equals(old), "the cache kept the old jar's name: " + old);
    }

    @Test
    void theCacheIsNamedAfterTheJarAndTheJdkAndAnotherJdkGetsItsOwn() throws Exception {
        launch(Map.of(), "--version");
        String name = caches().get(0).getFileName().toString();
        assertTrue(name.matches("minitorch-\\d+-" + Files.size(jar) + "-25\\.0\\.1\\+8-LTS\\.aot"), name);
        Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"25.0.2\"\nJAVA_RUNTIME_VERSION=\"25.0.2+10\"\n");
        Run run = launch(Map.of(), "--version");
        assertTrue(run.stderr().contains("training"), "a cache of another JDK was reused: " + run.javaCalls());
        assertTrue(caches().get(0).getFileName().toString().endsWith("-25.0.2+10.aot"), caches().toString());
    }

    /** Transparent huge pages are asked for in every JVM the launcher starts exactly when this kernel offers them. */
    @Test
    void hugePagesAreAskedForWhereTheKernelOffersThem() throws Exception {
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean offered = Files.isReadable(setting) && Files.readString(setting).matches("(?s).*\\[(always|madvise)\\].*");
        Run run = launch(Map.of(), "--version");
        assertEquals(2, run.javaCalls().size(), run.javaCalls().toString()); // the cache's training run, then the command
        for (String call : run.javaCalls()) {
            assertEquals(offered, call.contains("-XX:+UseTransparentHugePages"), setting + " offered: " + offered + "; " + call);
        }
    }

    @Test
    void minitorchAotZeroRunsWithoutTheCache() throws Exception {
        Run run = launch(Map.of("MINITORCH_AOT", "0"), "--version");
        assertEquals(0, run.code());
        assertEquals(1, run.javaCalls().size(), run.javaCalls().toString());
        assertFalse(run.javaCalls().get(0).contains("AOT"), run.javaCalls().get(0));
        assertEquals(List.of(), caches());
    }

    @Test
    void aFailedTrainingRunIsSaidOnceAndTheCommandStillRuns() throws Exception {
        Run first = launch(Map.of("FAKE_AOT_FAIL", "1"), "--version");
        assertEquals(0, first.code(), first.stderr());
        assertTrue(first.stderr().contains("could not make the ahead-of-time cache"), first.stderr());
        assertEquals(2, first.javaCalls().size(), first.javaCalls().toString());
        assertFalse(first.javaCalls().get(1).contains("AOTCache"), first.javaCalls().get(1));
        assertEquals(List.of(), caches());

        Run second = launch(Map.of("FAKE_AOT_FAIL", "1"), "--version");
        assertEquals("", second.stderr().strip());
        assertEquals(1, second.javaCalls().size(), "tried to train again: " + second.javaCalls());
    }
}
