package minitorch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import minitorch.data.DataDirectory;

/**
 * The sandbox end to end in headless Chromium (Debian's chromium and chromedriver; nothing is downloaded):
 * every page loads cleanly, the Autodiff page draws the default graph with the right derivatives, the Tensor
 * page highlights the right storage cells, and a training run advances, learns, redraws and stops.
 */
class UiBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final List<String> PAGES = List.of("m0-math", "m0-module", "m0-manual", "m1-scalar", "m1-autodiff", "m1-train",
            "m2-tensor", "m2-autograd", "m2-train", "m3-train", "m4-images", "m4-sentiment");

    static UiServer server;
    static ChromeDriver driver;

    @BeforeAll
    static void start(@TempDir Path profile) throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.err.println("UiBrowserTest skipped: no " + CHROMIUM + " or " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver; .ci/run does)");
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " or " + CHROMEDRIVER
                + ": install Debian's chromium and chromium-driver (.ci/run does) to run the browser tests");
        server = UiServer.start("127.0.0.1", 0, DataDirectory.resolve(null));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1300,1000", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Loads a page afresh (a new document, so every script runs again) and waits until it has drawn. */
    static void open(String page) {
        driver.get(server.uri() + "?fresh=" + System.nanoTime() + "#" + page);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d ->
                page.equals(d.findElement(By.id("page")).getDomAttribute("data-page"))
                        && "true".equals(d.findElement(By.id("page")).getDomAttribute("data-ready")));
    }

    static WebDriverWait waitUpTo(int seconds) { return new WebDriverWait(driver, Duration.ofSeconds(seconds)); }

    static Object js(String script) { return ((JavascriptExecutor) driver).executeScript(script); }

    @Test
    void everyPageLoadsWithoutAConsoleError() {
        List<String> problems = new ArrayList<>();
        for (String page : PAGES) {
            open(page);
            Object errors = js("return window.__errors;");
            if (errors instanceof List<?> list && !list.isEmpty()) {
                problems.add(page + ": " + list);
            }
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    problems.add(page + ": " + e.getMessage());
                }
            }
            List<WebElement> pageErrors = driver.findElements(By.id("page-error"));
            if (!pageErrors.isEmpty()) {
                problems.add(page + ": " + pageErrors.getFirst().getText());
            }
            assertFalse(driver.findElement(By.tagName("h1")).getText().isBlank(), page + " has a title");
        }
        assertEquals(List.of(), problems);
        // and the checks see an error when there is one
        js("console.error('probe of the error check')");
        assertTrue(String.valueOf(js("return window.__errors;")).contains("probe of the error check"));
        assertTrue(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .anyMatch(e -> e.getMessage().contains("probe of the error check")));
        // the sidebar: five modules, and the pages of the chosen one
        assertEquals(5, driver.findElements(By.cssSelector("#modules input")).size());
        assertEquals(2, driver.findElements(By.cssSelector("#pages input")).size());
    }

    @Test
    void theAutodiffPageDrawsTheDefaultGraphWithItsDerivatives() {
        open("m1-autodiff");
        assertEquals("(x * x) * y + 10.0 * x", driver.findElement(By.id("expr")).getDomProperty("value"));
        List<String> labels = driver.findElements(By.cssSelector("#graph .node")).stream()
                .map(n -> n.getDomAttribute("data-label")).sorted().toList();
        assertEquals(List.of("Add (Op 4)", "Mul (Op 1)", "Mul (Op 2)", "Mul (Op 3)", "constant 10.0", "x", "y"), labels);
        assertEquals(4, driver.findElements(By.cssSelector("#graph .node-op rect")).size());
        List<String> xIntoFirstMul = driver.findElements(By.cssSelector("#graph .edge[data-from='x'][data-to='Mul (Op 1)']"))
                .stream().map(e -> e.findElement(By.tagName("text")).getText()).sorted().toList();
        assertEquals(List.of("0", "1"), xIntoFirstMul);
        assertEquals(8, driver.findElements(By.cssSelector("#graph .edge")).size());
        assertEquals("11.0000", driver.findElement(By.id("output")).getText());
        assertEquals("12.0000", driver.findElement(By.cssSelector("#var-x .derivative")).getText());
        assertEquals("1.0000", driver.findElement(By.cssSelector("#var-y .derivative")).getText());
        assertEquals("0.0000", driver.findElement(By.cssSelector("#var-z .derivative")).getText());

        // a bad expression: a message under the box, the old graph gone, and the page still works after
        WebElement expr = driver.findElement(By.id("expr"));
        expr.clear();
        expr.sendKeys("(x * y");
        driver.findElement(By.id("run")).click();
        waitUpTo(10).until(d -> !d.findElement(By.id("expr-error")).getText().isEmpty());
        assertEquals("column 7: the expression ends where ')' was expected", driver.findElement(By.id("expr-error")).getText());
        assertEquals(0, driver.findElements(By.cssSelector("#graph .node")).size());
        expr.clear();
        expr.sendKeys("x * y + z");
        driver.findElement(By.id("value-x")).clear();
        driver.findElement(By.id("value-x")).sendKeys("3");
        driver.findElement(By.id("run")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("expr-error")).getText().isEmpty()
                && d.findElements(By.cssSelector("#graph .node")).size() == 5);
        assertEquals("4.0000", driver.findElement(By.id("output")).getText());
        assertEquals("3.0000", driver.findElement(By.cssSelector("#var-y .derivative")).getText());
    }

    @Test
    void theTensorPageHighlightsTheStorageCellOfAnIndexAndAPermutation() {
        open("m2-tensor");
        // defaults: shape (2, 2, 2), strides (4, 2, 1); index (1, 0, 1) -> 4 + 1 = 5;
        // permute(2, 0, 1) has strides (1, 4, 2), so the same index -> 1 + 2 = 3
        assertHighlights("1,0,1", 5, 3);
        WebElement index = driver.findElement(By.id("index"));
        index.clear();
        index.sendKeys("0, 1, 1");
        driver.findElement(By.id("show")).click();
        waitUpTo(10).until(d -> "0,1,1".equals(d.findElement(By.cssSelector("#panel-position .block .cell.hl"))
                .getDomAttribute("data-index")));
        assertHighlights("0,1,1", 3, 6);
        // toIndex: ordinal 3 of shape (2, 2, 2) is index (0, 1, 1), position 3
        assertEquals("0,1,1", driver.findElement(By.cssSelector("#panel-ordinal .block .cell.hl")).getDomAttribute("data-index"));
        assertEquals("3", driver.findElement(By.cssSelector("#panel-ordinal .storage .cell.hl")).getDomAttribute("data-position"));
    }

    private static void assertHighlights(String index, int position, int permutedPosition) {
        List<WebElement> cells = driver.findElements(By.cssSelector("#panel-position .block .cell.hl"));
        assertEquals(1, cells.size());
        assertEquals(index, cells.getFirst().getDomAttribute("data-index"));
        assertEquals(String.valueOf(position), cells.getFirst().getDomAttribute("data-position"));
        List<WebElement> storage = driver.findElements(By.cssSelector("#panel-position .storage .cell.hl"));
        assertEquals(1, storage.size());
        assertEquals(String.valueOf(position), storage.getFirst().getDomAttribute("data-position"));
        List<WebElement> permuted = driver.findElements(By.cssSelector("#panel-permute .storage .cell.hl"));
        assertEquals(1, permuted.size());
        assertEquals(String.valueOf(permutedPosition), permuted.getFirst().getDomAttribute("data-position"));
        assertEquals(String.valueOf(permutedPosition),
                driver.findElement(By.cssSelector("#panel-permute .block .cell.hl")).getDomAttribute("data-position"));
    }

    @Test
    void aTrainingRunOnXorAdvancesLearnsRedrawsAndStops() throws Exception {
        open("m2-train");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("dataset"))).selectByValue("Xor");
        WebElement epochs = driver.findElement(By.id("epochs"));
        epochs.clear();
        epochs.sendKeys("100000");
        driver.findElement(By.id("train")).click();

        waitUpTo(30).until(d -> epoch() >= 5);
        int first = epoch();
        byte[] before = driver.findElement(By.id("boundary")).getScreenshotAs(OutputType.BYTES);
        assertTrue(driver.findElement(By.id("status")).getText().matches(
                "Epoch \\d+/100000 · time per epoch \\d+\\.\\d{3}s · time left \\d+\\.\\d{2}s"),
                driver.findElement(By.id("status")).getText());
        waitUpTo(40).until(d -> epoch() >= first + 100);
        byte[] after = driver.findElement(By.id("boundary")).getScreenshotAs(OutputType.BYTES);
        assertFalse(Arrays.equals(before, after), "the decision boundary was redrawn");

        List<WebElement> rows = driver.findElements(By.cssSelector("#epochs tr"));
        double newest = Double.parseDouble(rows.get(1).findElements(By.tagName("td")).get(1).getText());
        double oldest = Double.parseDouble(rows.getLast().findElements(By.tagName("td")).get(1).getText());
        assertTrue(newest < oldest, "loss fell: " + oldest + " -> " + newest);
        double progress = Double.parseDouble(driver.findElement(By.id("progress")).getDomProperty("value"));
        assertTrue(progress > 0 && progress < 1, "progress " + progress);

        driver.findElement(By.id("stop")).click();
        waitUpTo(10).until(d -> "stopped".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
        int stoppedAt = epoch();
        assertTrue(driver.findElement(By.id("status")).getText().startsWith("Stopped at epoch "));
        assertTrue(driver.findElement(By.id("train")).isEnabled());
        Thread.sleep(700);
        assertEquals(stoppedAt, epoch(), "no epoch after Stop");
        assertTrue(stoppedAt < 100000);
    }

    private static int epoch() {
        String e = driver.findElement(By.id("status")).getDomAttribute("data-epoch");
        return e == null ? 0 : Integer.parseInt(e);
    }

    /** The other sandboxes show what this library computes, and follow their controls. */
    @Test
    void theOtherSandboxesShowTheirResults() {
        open("m0-module"); // the original's MyModule, then the scalar network's 15 parameters at hidden 2
        assertEquals("parameter1", driver.findElement(By.cssSelector("#parameters tr:nth-child(2) td")).getText());
        assertTrue(driver.findElement(By.cssSelector("#parameters")).getText().contains("15.0"));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("model"))).selectByValue("scalar");
        waitUpTo(10).until(d -> d.findElements(By.cssSelector("#parameters tr")).size() == 1 + 15);
        assertTrue(driver.findElement(By.id("parameters")).getText().contains("layer1.weight_0_0"));

        open("m0-manual");
        assertTrue(driver.findElement(By.id("score")).getText().matches("correct: \\d+/50"));
        // b = 10 puts every point in class 1, b = -10 every point in class 0: between them all 50 are right once
        int allOne = scoreWithBias("10");
        int allZero = scoreWithBias("-10");
        assertEquals(50, allOne + allZero, allOne + " + " + allZero);
        assertTrue(allOne > 0 && allZero > 0);

        open("m0-math");
        assertEquals(1, driver.findElements(By.cssSelector("#plot canvas[width='640']")).size(), "sigmoid: a line chart");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("fn"))).selectByValue("mul");
        waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#plot canvas[width='420']")).isEmpty()); // a heat map

        open("m2-autograd");
        assertEquals("[ [32.00 38.00 48.00]]", driver.findElement(By.cssSelector("#var-x .derivative")).getText());
        assertEquals("[ [1.00 4.00 9.00]]", driver.findElement(By.cssSelector("#var-y .derivative")).getText());
        assertTrue(driver.findElements(By.cssSelector("#graph .node")).stream()
                .anyMatch(n -> n.getDomAttribute("data-label").startsWith("Sum (Op")));

        open("m1-scalar");
        assertEquals(2, driver.findElements(By.cssSelector("#plot canvas")).size());
        WebElement expr = driver.findElement(By.id("expr"));
        expr.clear();
        expr.sendKeys("x * y");
        driver.findElement(By.id("draw")).click();
        waitUpTo(10).until(d -> d.findElements(By.cssSelector("#plot canvas")).size() == 3); // f, df/dx, df/dy
        assertEquals(List.of(), js("return window.__errors;"));
    }

    /**
     * Module 4's live trainings through their pages (slow: tens of seconds on a busy 2-core machine, so only
     * when asked with -Dui.networks=true, and only with the data).
     */
    @Test
    void theNetworkPagesTrainLive() {
        Assumptions.assumeTrue(Boolean.getBoolean("ui.networks"), "set -Dui.networks=true to train MNIST and SST-2 in the browser");
        open("m4-images");
        Assumptions.assumeTrue(driver.findElements(By.id("missing")).isEmpty(), "no MNIST data");
        setValue("mnist-images", "100");
        driver.findElement(By.id("mnist-train")).click();
        waitUpTo(300).until(d -> "done".equals(d.findElement(By.id("mnist-log")).getDomAttribute("data-state")));
        String log = driver.findElement(By.id("mnist-log")).getText();
        assertTrue(log.contains("MNIST LeNet: 100 training images") && log.contains("Epoch 1 loss"), log);
        waitUpTo(30).until(d -> d.findElement(By.id("features")).getText().contains("trained weights"));
        assertEquals(4, driver.findElements(By.cssSelector("#features canvas")).size());

        open("m4-sentiment");
        Assumptions.assumeTrue(driver.findElements(By.id("missing")).isEmpty(), "no SST-2 data");
        assertEquals(11, driver.findElements(By.cssSelector("#sentences tr")).size());
        setValue("train-sentences", "50");
        setValue("validation-sentences", "20");
        setValue("sentiment-epochs", "1");
        driver.findElement(By.id("sentiment-train")).click();
        waitUpTo(300).until(d -> "done".equals(d.findElement(By.id("sentiment-log")).getDomAttribute("data-state")));
        String sentiment = driver.findElement(By.id("sentiment-log")).getText();
        assertTrue(sentiment.contains("50 training and 20 validation sentences") && sentiment.contains("Validation accuracy:"),
                sentiment);
        // the trained model's predictions: 20 validation sentences, each with true and predicted label, logit, error
        waitUpTo(30).until(d -> d.findElements(By.cssSelector("#predictions-table tr")).size() == 21);
        String first = driver.findElements(By.cssSelector("#predictions-table tr")).get(1).getText();
        assertTrue(first.matches("(?s).*(positive|negative) (positive|negative) 0\\.\\d{3} -?\\d+\\.\\d{3} 0\\.\\d{3}"), first);
        assertEquals(List.of(), js("return window.__errors;"));
    }

    /** Moves the Manual page's bias slider and reads the score computed for it. */
    private static int scoreWithBias(String b) {
        ((JavascriptExecutor) driver).executeScript(
                "const s = document.getElementById('b'); s.value = arguments[0]; s.dispatchEvent(new Event('input'));", b);
        waitUpTo(10).until(d -> ("1,1," + b).equals(d.findElement(By.id("score")).getDomAttribute("data-weights")));
        assertEquals(b, driver.findElement(By.id("b-value")).getText());
        String score = driver.findElement(By.id("score")).getText();
        return Integer.parseInt(score.substring("correct: ".length(), score.indexOf('/')));
    }

    private static void setValue(String id, String value) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    /** Writes the README's screenshots when asked: -Dui.screenshots=DIR. */
    @Test
    void screenshotsForTheReadme() throws Exception {
        String dir = System.getProperty("ui.screenshots");
        Assumptions.assumeTrue(dir != null, "set -Dui.screenshots=DIR to write the README's screenshots");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1300, 900));
        open("m1-autodiff");
        Files.write(Path.of(dir, "ui-autodiff.png"), driver.getScreenshotAs(OutputType.BYTES));
        open("m2-train");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("dataset"))).selectByValue("Xor");
        WebElement epochs = driver.findElement(By.id("epochs"));
        epochs.clear();
        epochs.sendKeys("300");
        driver.findElement(By.id("train")).click();
        waitUpTo(120).until(d -> "done".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
        Files.write(Path.of(dir, "ui-training.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1300, 1000));
        assertTrue(new File(dir, "ui-training.png").length() > 0);
    }
}
