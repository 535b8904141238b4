package com.avgym.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./avgym} launcher, run by bash from a copy of the repository's top folder: without a Java 25 it
 * explains how to get one and fails; with one it runs the app (the real {@code com.avgym.cli.Main}) and builds
 * the jar only when a source is newer. The build itself is a fake {@code mvnw} that records its call, and the
 * jar a thin one naming the test class path, so the test takes a second or two.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherScriptTest {
    private static final Path SCRIPT = Paths.get("avgym").toAbsolutePath();
    @TempDir
    Path dir;
    private Path project;

    @BeforeEach
    void copyTheScript() throws IOException {
        project = Files.createDirectories(dir.resolve("project"));
        Files.copy(SCRIPT, project.resolve("avgym"));
        Files.createDirectories(project.resolve("src/main/java"));
        Files.writeString(project.resolve("src/main/java/Some.java"), "class Some {}");
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        executable(project.resolve("mvnw"), """
                #!/bin/sh
                echo "$JAVA_HOME $*" > "$(dirname "$0")/built"
                """);
    }

    @Test
    void withoutJava25ItSaysHowToGetOneAndFails() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // Only the tools the script needs, and a java that is 17, as Debian's default still is.
        for (String tool : new String[] {"dirname", "sed", "head"}) {
            Files.createSymbolicLink(bin.resolve(tool), which(tool));
        }
        Path java17 = executable(bin.resolve("java"), """
                #!/bin/sh
                echo 'openjdk version "17.0.15" 2025-04-15' >&2
                """);
        Path oldJdk = Files.createDirectories(dir.resolve("jdk-11/bin"));
        executable(oldJdk.resolve("java"), """
                #!/bin/sh
                echo 'openjdk version "11.0.2" 2019-01-15' >&2
                """);

        Result r = run(Map.of("PATH", bin.toString(), "JAVA_HOME", oldJdk.getParent().toString(),
                "AVGYM_JDK_DIRS", dir.resolve("no-such-jdk*").toString()), "server", "--demo");

        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr())
                .contains("avgym needs Java 25 or newer, and found none.")
                .contains(java17 + " (java 17)")
                .contains(oldJdk.resolve("java") + " (java 11)")
                .contains("sudo apt-get install openjdk-25-jdk")
                .contains("set JAVA_HOME");
        assertThat(project.resolve("built")).as("no build was tried").doesNotExist();
    }

    @Test
    void withJava25AndAFreshJarItRunsTheAppWithTheArgumentsAndDoesNotBuild() throws Exception {
        thinJar(Instant.now());
        olderSources();

        Result r = run(Map.of("JAVA_HOME", System.getProperty("java.home")), "--version");

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("AV-Gym Desk");
        assertThat(project.resolve("built")).doesNotExist();
    }

    @Test
    void aSourceNewerThanTheJarBuildsItFirstWithTheJava25ItFound() throws Exception {
        thinJar(Instant.now().minusSeconds(600));
        olderSources();
        Files.setLastModifiedTime(project.resolve("src/main/java/Some.java"), FileTime.from(Instant.now()));

        Result r = run(Map.of("JAVA_HOME", System.getProperty("java.home")), "--help");

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("Usage: avgym");
        assertThat(Files.readString(project.resolve("built")).trim())
                .isEqualTo(Path.of(System.getProperty("java.home")).toRealPath() + " -q -B -ntp package -DskipTests");
    }

    private void olderSources() throws IOException {
        FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        for (String p : new String[] {"src/main/java/Some.java", "src/main/java", "src/main", "src", "pom.xml"}) {
            Files.setLastModifiedTime(project.resolve(p), hourAgo);
        }
    }

    /** target/avgym.jar: the app's Main, its classes and libraries named by Class-Path (relative, as the spec wants). */
    private void thinJar(Instant modified) throws IOException {
        Path jar = Files.createDirectories(project.resolve("target")).resolve("avgym.jar");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath();
            String rel = jar.getParent().relativize(p).toString().replace(File.separatorChar, '/');
            entries.add(Files.isDirectory(p) ? rel + "/" : rel);
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        Files.setLastModifiedTime(jar, FileTime.from(modified));
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(which("bash").toString(), project.resolve("avgym").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    private static Path executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Path which(String tool) {
        for (String d : System.getenv("PATH").split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(tool + " not on PATH");
    }

    private record Result(int exit, String stdout, String stderr) { }
}
