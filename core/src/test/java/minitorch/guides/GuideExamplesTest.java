package minitorch.guides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import minitorch.autodiff.Autodiff;
import minitorch.backend.Backend;
import minitorch.module.Module;
import minitorch.nn.NN;
import minitorch.operators.Operators;
import minitorch.scalar.Scalar;
import minitorch.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the guides in docs/guides honest, with the Markdown as the only copy of each example: every
 * {@code ```java} block of every guide is compiled and run, and when the next fenced block is a
 * {@code ```text} block, the example must print exactly that to standard output.
 *
 * <p>A snippet is a list of statements (lines beginning with {@code import } are lifted to the top);
 * it is wrapped in a class with one method. Every public class of the library is imported by its simple
 * name (except names two packages share), and so is {@code java.util.*}. A block opened with
 * {@code ```java compile-only} is compiled but not run (for code that needs a GPU). All snippets are
 * compiled in one in-memory javac run against the library's classes, then each is one dynamic test named
 * after its guide and line, so a failure says which example in which file broke.
 */
class GuideExamplesTest {
    /** The guides, relative to the core module (the working directory of surefire's forked JVM). */
    static final Path GUIDES = Path.of("..", "docs", "guides");

    // ---- the tests --------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyExampleInTheGuidesRunsAndPrintsWhatTheGuideShows() throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        for (Path guide : guides()) {
            snippets.addAll(Snippet.parse(guide.getFileName().toString(), Files.readString(guide)));
        }
        assertFalse(snippets.isEmpty(), "no ```java example in " + GUIDES.toAbsolutePath());
        Compiled compiled = Compiled.of(snippets);
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.displayName(), sourceUri(s),
                () -> compiled.run(s)));
    }

    @Test
    void aJavaBlockTakesTheNextTextBlockAsItsOutputAndLiftsItsImports() {
        List<Snippet> snippets = Snippet.parse("x.md", """
                # Title
                ```java
                import java.util.function.IntUnaryOperator;
                System.out.println(1);
                ```
                Prose between.
                ```text
                1
                ```
                ```java compile-only
                int a = 2;
                ```
                ```java
                int b = 3;
                ```
                ```bash
                echo no
                ```
                ```text
                not an output: the block before is bash
                ```
                """);
        assertEquals(3, snippets.size());
        Snippet first = snippets.get(0);
        assertEquals("x.md:2", first.displayName());
        assertEquals(List.of(new Line(3, "import java.util.function.IntUnaryOperator;")), first.imports());
        assertEquals(List.of(new Line(4, "System.out.println(1);")), first.body());
        assertEquals("1\n", first.expectedOutput());
        assertTrue(snippets.get(1).compileOnly());
        assertEquals(null, snippets.get(1).expectedOutput());
        assertEquals(null, snippets.get(2).expectedOutput(), "the text block follows a bash block, not this one");
    }

    @Test
    void aBrokenSnippetReportsJavacsMessageOrItsExceptionAtTheGuidesLine() {
        List<Snippet> snippets = Snippet.parse("broken.md", """
                ```java
                int fine = 1;
                Tensor t = Tensor.nosuchFactory(3);
                ```
                ```java
                System.out.println("still runs");
                ```
                ```text
                still runs
                ```
                ```java
                System.out.println("before");
                Tensor.of(1, 2).view(3);
                ```
                """);
        Compiled compiled = Compiled.of(snippets);
        AssertionError error = null;
        try {
            compiled.run(snippets.get(0));
        } catch (AssertionError e) {
            error = e;
        }
        assertTrue(error != null && error.getMessage().contains("broken.md:3:")
                && error.getMessage().contains("nosuchFactory"), String.valueOf(error));
        compiled.run(snippets.get(1)); // one broken example does not take the others down
        AssertionError thrown = null;
        try {
            compiled.run(snippets.get(2));
        } catch (AssertionError e) {
            thrown = e;
        }
        assertTrue(thrown != null && thrown.getMessage().contains("broken.md:13")
                && thrown.getMessage().contains("IndexingError") && thrown.getMessage().contains("before"),
                "an exception names the guide's line and shows what was printed: " + thrown);
    }

    /**
     * Package moves must not leave the guides pointing nowhere: every relative link of the guides and of
     * the top README (its task table links each task to a guide and a class), and every source path the
     * guides name in backticks, must exist.
     */
    @Test
    void everyLinkAndSourcePathInTheGuidesExists() throws IOException {
        Path root = GUIDES.resolve("../..").normalize();
        List<Path> files = new ArrayList<>(guides());
        files.add(root.resolve("README.md"));
        List<String> missing = new ArrayList<>();
        Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        Pattern sourcePath = Pattern.compile("`((?:core|app|bench)/src/[^`\\s]*)`");
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = link.matcher(text);
            while (m.find()) {
                String target = m.group(1).replaceFirst("#.*", "");
                if (target.isEmpty() || target.matches("^[a-z]+:.*")) {
                    continue; // an anchor in the same page, or a web address
                }
                if (!Files.exists(file.getParent().resolve(target))) {
                    missing.add(file.getFileName() + ": link " + m.group(1));
                }
            }
            if (file.startsWith(GUIDES)) {
                Matcher p = sourcePath.matcher(text);
                while (p.find()) {
                    if (!Files.exists(root.resolve(p.group(1)))) {
                        missing.add(file.getFileName() + ": path " + p.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "links and paths that point to nothing");
    }

    static List<Path> guides() throws IOException {
        assertTrue(Files.isDirectory(GUIDES), "no guides folder at " + GUIDES.toAbsolutePath());
        try (Stream<Path> files = Files.list(GUIDES)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    private static URI sourceUri(Snippet s) {
        try {
            Path file = GUIDES.resolve(s.guide()).toAbsolutePath().normalize();
            return new URI(file.toUri() + "?line=" + s.line());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- Markdown -> snippets -----------------------------------------------------------------------

    /** A line of a snippet with its 1-based line number in the guide. */
    record Line(int number, String text) {}

    /** One ```java block: where it is, its imports, its statements and the output it must print (or null). */
    record Snippet(String guide, int line, List<Line> imports, List<Line> body, String expectedOutput,
            boolean compileOnly) {

        String displayName() { return guide + ":" + line; }

        /** The wrapper's class name, unique per guide and line. */
        String className() {
            return "Guide_" + guide.replaceAll("[^A-Za-z0-9]", "_") + "_line" + line;
        }

        private record Block(String language, Set<String> attributes, int line, List<Line> lines) {}

        static List<Snippet> parse(String guide, String markdown) {
            List<Block> blocks = new ArrayList<>();
            String[] lines = markdown.split("\n", -1);
            Block open = null;
            for (int i = 0; i < lines.length; i++) {
                String trimmed = lines[i].strip();
                if (open == null && trimmed.startsWith("```")) {
                    String[] info = trimmed.substring(3).strip().split("\\s+");
                    open = new Block(info[0].toLowerCase(Locale.ROOT),
                            new TreeSet<>(List.of(info).subList(1, info.length)), i + 1, new ArrayList<>());
                } else if (open != null && trimmed.equals("```")) {
                    blocks.add(open);
                    open = null;
                } else if (open != null) {
                    open.lines().add(new Line(i + 1, lines[i]));
                }
            }
            if (open != null) {
                throw new IllegalArgumentException(guide + ":" + open.line() + ": code block is never closed");
            }
            List<Snippet> snippets = new ArrayList<>();
            for (int b = 0; b < blocks.size(); b++) {
                Block block = blocks.get(b);
                if (!block.language().equals("java")) {
                    continue;
                }
                String expected = null;
                if (b + 1 < blocks.size() && blocks.get(b + 1).language().equals("text")) {
                    StringBuilder out = new StringBuilder();
                    blocks.get(b + 1).lines().forEach(l -> out.append(l.text()).append('\n'));
                    expected = out.toString();
                }
                List<Line> imports = new ArrayList<>();
                List<Line> body = new ArrayList<>();
                for (Line l : block.lines()) {
                    if (l.text().startsWith("import ")) {
                        imports.add(l);
                    } else {
                        body.add(l);
                    }
                }
                snippets.add(new Snippet(guide, block.line(), imports, body, expected,
                        block.attributes().contains("compile-only")));
            }
            return snippets;
        }
    }

    // ---- compiling all snippets at once, and running one --------------------------------------------

    /** The outcome of compiling every snippet: class bytes, or javac's errors per snippet. */
    static final class Compiled {
        /** The library classes whose locations make the class path: the public contract's, so they stay put. */
        private static final List<Class<?>> LIBRARY = List.of(Tensor.class, Backend.class, NN.class, Scalar.class,
                Operators.class, Module.class, Autodiff.class);

        private final Map<String, byte[]> classes;
        private final Map<String, String> errors;
        private final Map<String, Wrapper> wrappers;

        private Compiled(Map<String, byte[]> classes, Map<String, String> errors, Map<String, Wrapper> wrappers) {
            this.classes = classes;
            this.errors = errors;
            this.wrappers = wrappers;
        }

        /**
         * Compiles every snippet in one javac run. If some do not compile, javac writes no class at all,
         * so the others are compiled once more on their own.
         */
        static Compiled of(List<Snippet> snippets) {
            String classPath = libraryClassPath();
            List<String> defaultImports = defaultImports(classPath);
            Map<String, Wrapper> wrappers = new LinkedHashMap<>();
            for (Snippet s : snippets) {
                wrappers.put(s.className(), Wrapper.of(s, defaultImports));
            }
            Map<String, String> errors = new HashMap<>();
            Map<String, byte[]> classes = compile(wrappers.values(), classPath, errors);
            if (!errors.isEmpty()) {
                List<Wrapper> good = wrappers.values().stream().filter(w -> !errors.containsKey(w.className())).toList();
                classes = good.isEmpty() ? Map.of() : compile(good, classPath, errors);
            }
            return new Compiled(classes, errors, wrappers);
        }

        /** Runs a snippet with standard output captured, and compares what it printed with the guide. */
        void run(Snippet s) {
            String error = errors.get(s.className());
            if (error != null) {
                fail("example at " + s.displayName() + " does not compile:\n" + error);
            }
            if (s.compileOnly()) {
                return;
            }
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream original = System.out;
            try {
                ClassLoader loader = new ByteClassLoader(classes, GuideExamplesTest.class.getClassLoader());
                Class<?> c = Class.forName(s.className(), true, loader);
                System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                c.getMethod("run").invoke(null);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                AssertionError failure = new AssertionError("example at " + s.displayName() + " threw "
                        + cause + " at " + s.guide() + ":" + guideLineOf(s, cause)
                        + "\nit had printed:\n" + captured.toString(StandardCharsets.UTF_8), cause);
                throw failure;
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("example at " + s.displayName() + " could not be started", e);
            } finally {
                System.setOut(original);
            }
            String printed = captured.toString(StandardCharsets.UTF_8);
            if (s.expectedOutput() != null) {
                assertEquals(s.expectedOutput(), printed, "output of the example at " + s.displayName()
                        + " (the ```text block after it)");
            }
        }

        /** The guide line of the deepest frame of the snippet in {@code t}'s stack, or "?" if none. */
        private String guideLineOf(Snippet s, Throwable t) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith(s.className())) {
                    Integer line = wrappers.get(s.className()).guideLine(frame.getLineNumber());
                    return line == null ? "?" : line.toString();
                }
            }
            return "?";
        }

        private static Map<String, byte[]> compile(java.util.Collection<Wrapper> sources, String classPath,
                Map<String, String> errors) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null) {
                throw new IllegalStateException("no Java compiler in this runtime (java.compiler): run the tests on a JDK");
            }
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            Map<String, ByteArrayOutputStream> out = new TreeMap<>();
            try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8)) {
                var files = new ForwardingJavaFileManager<StandardJavaFileManager>(standard) {
                    @Override
                    public JavaFileObject getJavaFileForOutput(Location location, String className,
                            JavaFileObject.Kind kind, FileObject sibling) {
                        return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/')
                                + kind.extension), kind) {
                            @Override
                            public OutputStream openOutputStream() {
                                return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                            }
                        };
                    }
                };
                List<String> options = List.of("-classpath", classPath, "-proc:none", "-g",
                        "--add-modules", "jdk.incubator.vector", "-Xlint:none", "-nowarn");
                boolean ok = javac.getTask(null, files, diagnostics, options, null,
                        sources.stream().map(Wrapper::source).toList()).call();
                Map<String, StringBuilder> messages = new HashMap<>();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() != Diagnostic.Kind.ERROR) {
                        continue;
                    }
                    Wrapper w = d.getSource() == null ? null
                            : sources.stream().filter(x -> x.source() == d.getSource()).findFirst().orElse(null);
                    if (w == null) {
                        throw new IllegalStateException("javac failed outside any example: " + d);
                    }
                    Integer line = w.guideLine((int) d.getLineNumber());
                    messages.computeIfAbsent(w.className(), k -> new StringBuilder())
                            .append(w.snippet().guide()).append(':').append(line == null ? "?" : line)
                            .append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
                }
                messages.forEach((k, v) -> errors.put(k, v.toString()));
                if (!ok && messages.isEmpty()) {
                    throw new IllegalStateException("javac failed without an error message: " + diagnostics.getDiagnostics());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, byte[]> bytes = new HashMap<>();
            out.forEach((name, stream) -> bytes.put(name, stream.toByteArray()));
            return bytes;
        }

        /**
         * Where the library's classes were loaded from (core/target/classes, or its jar). Surefire's own
         * java.class.path is only its booter jar, so the class path is rebuilt from the classes themselves.
         */
        private static String libraryClassPath() {
            Set<String> entries = new TreeSet<>();
            for (Class<?> c : LIBRARY) {
                try {
                    entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }

        /**
         * One single-type import per public top-level library class whose simple name no other library
         * class shares (single-type imports also win over java.lang, so {@code Module} means the library's),
         * found by listing the class path's folders, so moved packages need no change here.
         */
        private static List<String> defaultImports(String classPath) {
            Map<String, List<String>> bySimpleName = new TreeMap<>();
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                Path root = Path.of(entry);
                if (!Files.isDirectory(root)) {
                    continue; // a jar: the contract's classes are imported below in any case
                }
                try (Stream<Path> files = Files.walk(root)) {
                    files.map(p -> root.relativize(p).toString())
                            .filter(p -> p.endsWith(".class") && !p.contains("$") && !p.endsWith("module-info.class")
                                    && !p.endsWith("package-info.class"))
                            .map(p -> p.substring(0, p.length() - ".class".length()).replace(java.io.File.separatorChar, '.'))
                            .filter(Compiled::isPublic)
                            .forEach(name -> bySimpleName.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1),
                                    k -> new ArrayList<>()).add(name));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            for (Class<?> c : LIBRARY) {
                bySimpleName.putIfAbsent(c.getSimpleName(), List.of(c.getName()));
            }
            List<String> imports = new ArrayList<>();
            bySimpleName.values().stream().filter(names -> names.size() == 1)
                    .forEach(names -> imports.add("import " + names.getFirst() + ";"));
            return imports;
        }

        private static boolean isPublic(String className) {
            try {
                return Modifier.isPublic(Class.forName(className, false, GuideExamplesTest.class.getClassLoader())
                        .getModifiers());
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }

    /** The Java source of one snippet and the map from its line numbers back to the guide's. */
    record Wrapper(Snippet snippet, JavaFileObject source, Map<Integer, Integer> lineMap) {

        String className() { return snippet.className(); }

        Integer guideLine(int sourceLine) {
            Integer line = lineMap.get(sourceLine);
            return line != null ? line : snippet.line();
        }

        static Wrapper of(Snippet s, List<String> defaultImports) {
            StringBuilder src = new StringBuilder();
            Map<Integer, Integer> lines = new HashMap<>();
            int current = 1;
            Set<String> ownSimpleNames = new TreeSet<>();
            for (Line imp : s.imports()) {
                String name = imp.text().strip().substring("import ".length()).replace(";", "").strip();
                ownSimpleNames.add(name.substring(name.lastIndexOf('.') + 1));
            }
            for (String imp : defaultImports) {
                String name = imp.substring("import ".length(), imp.length() - 1);
                if (!ownSimpleNames.contains(name.substring(name.lastIndexOf('.') + 1))) {
                    src.append(imp).append(' ');
                }
            }
            src.append("import java.util.*;\n");
            current++;
            for (Line imp : s.imports()) {
                src.append(imp.text()).append('\n');
                lines.put(current++, imp.number());
            }
            src.append("public final class ").append(s.className())
                    .append(" { public static void run() throws Throwable {\n");
            current++;
            for (Line l : s.body()) {
                src.append(l.text()).append('\n');
                lines.put(current++, l.number());
            }
            src.append("}}\n");
            String code = src.toString();
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + s.className() + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) { return code; }
            };
            return new Wrapper(s, file, lines);
        }
    }

    /** Defines the compiled snippet classes, delegating the library to the test's own loader. */
    private static final class ByteClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ByteClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
