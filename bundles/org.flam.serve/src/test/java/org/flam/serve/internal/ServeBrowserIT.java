package org.flam.serve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in a real browser: the bundle's servlets on an embedded Jetty with the fake
 * loudness detector, driven in headless Debian Chromium through Selenium. Uploads an 8 s
 * WAV with a 1 kHz tone from 3 s to 5 s, types the query "beep", and expects the event row
 * (3.00-5.00 s), a drawn heat map (bright during the tone, dark before it) and the TSV
 * download.
 *
 * <p>Needs {@code apt-get install chromium chromium-driver} (or {@code runtime/setup-test.sh});
 * other locations through {@code -Dflam.chromium=...} and {@code -Dflam.chromedriver=...}.
 * Run: {@code mvn -B verify -Pbrowser} in this bundle.
 */
class ServeBrowserIT {

    @TempDir
    Path tmp;
    TestServer server;
    ChromeDriver browser;
    Path downloads;

    @BeforeEach
    void start() throws Exception {
        Path chromium = Path.of(System.getProperty("flam.chromium", "/usr/bin/chromium"));
        Path driver = Path.of(System.getProperty("flam.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            fail("the browser test needs headless Chromium and its driver (" + chromium + ", " + driver
                    + "): apt-get install chromium chromium-driver   (or run runtime/setup-test.sh as root)");
        }
        server = new TestServer(Limits.defaults(tmp.resolve("uploads")), new Fakes.Loader(new Fakes.LoudnessDetector()));
        downloads = Files.createDirectories(tmp.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void uploadAClipAndSeeTheBeep() throws Exception {
        Path wav = Fakes.beepWav(tmp.resolve("beep.wav"), 8);
        browser.get(server.uri("/").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("info"), "Service ok"));

        // an error first: no query
        browser.findElement(By.id("file")).sendKeys(wav.toString());
        browser.findElement(By.id("detect")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "at least one query"));

        browser.findElement(By.id("queries")).sendKeys("beep");
        browser.findElement(By.id("detect")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events tr.event-row")));

        List<WebElement> rows = browser.findElements(By.cssSelector("#events tr.event-row"));
        assertEquals(1, rows.size(), "one event");
        List<String> cells = rows.get(0).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("beep", "3.00", "5.00", "2.00"), cells);
        assertTrue(browser.findElement(By.id("status")).getText().contains("1 event(s) in beep.wav"));

        WebElement canvas = browser.findElement(By.id("timeline"));
        assertEquals("true", canvas.getAttribute("data-drawn"));
        assertEquals("80", canvas.getAttribute("data-frames"));
        // The heat map: bright (yellow) at 4 s, dark (purple) at 1 s, an event bar below it at 4 s.
        JavascriptExecutor js = browser;
        String script = "var c = document.getElementById('timeline'), x = c.getContext('2d');"
                + "var left = 160, w = c.width - 160 - 6;"
                + "function px(t, y) { var d = x.getImageData(Math.round(left + w * t / 8), y, 1, 1).data;"
                + " return [d[0], d[1], d[2]]; }"
                + "return [px(4, 15), px(1, 15), px(4, 30), px(1, 30)];";
        @SuppressWarnings("unchecked")
        List<List<Number>> px = (List<List<Number>>) js.executeScript(script);
        assertTrue(px.get(0).get(1).intValue() > 200 && px.get(0).get(0).intValue() > 200, "tone is bright: " + px);
        assertTrue(px.get(1).get(1).intValue() < 60, "silence is dark: " + px);
        assertEquals(List.of(230, 57, 70), px.get(2).stream().map(Number::intValue).toList(), "event bar at 4 s");
        assertTrue(px.get(3).get(0).intValue() != 230, "no event bar at 1 s: " + px);

        browser.findElement(By.id("download")).click();
        Path tsv = downloads.resolve("beep.detections.tsv");
        for (int i = 0; i < 100 && !Files.exists(tsv); i++) {
            Thread.sleep(100);
        }
        assertEquals("filename\tonset\toffset\tevent_label\nbeep.wav\t3\t5\tbeep\n",
                Files.readString(tsv, StandardCharsets.UTF_8));
    }
}
