package org.flam.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The shipped product end to end: the serving assembly's executable jar ({@code serve.jar},
 * as {@code ./flam serve} runs it) with the shipped default model, driven in headless
 * Chromium. Uploads the example recording, asks for "male death", and expects the event the
 * ground truth has at 3.05-4.05 s to appear in the page's event table.
 */
public class ServeAssemblyBrowserIT {

    private Process server;
    private ChromeDriver browser;
    private Path log;

    private static Path repository() {
        return Path.of(System.getProperty("flam.itest.features", "../features")).toAbsolutePath().normalize().getParent();
    }

    @Before
    public void start() throws Exception {
        Path chromium = Path.of(System.getProperty("flam.chromium", "/usr/bin/chromium"));
        Path driver = Path.of(System.getProperty("flam.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            fail("the browser test needs headless Chromium and its driver: runtime/setup-test.sh "
                    + "(apt-get install chromium chromium-driver)");
        }
        Path repo = repository();
        Path jar = repo.resolve("features/serve/target/serve.jar");
        assertTrue("build the serving assembly first: " + jar, Files.isRegularFile(jar));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        log = Files.createTempFile("flam-serve-it", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Dflam.home=" + repo, "-jar", jar.toString(), "serve", "--port",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URL health = new URL("http://127.0.0.1:" + port + "/api/health");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                // HttpURLConnection (java.base): this test module reads no java.net.http.
                HttpURLConnection c = (HttpURLConnection) health.openConnection();
                int status = c.getResponseCode();
                c.disconnect();
                if (status != 404) {
                    break;
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            if (!server.isAlive() || System.nanoTime() > deadline) {
                fail("flam serve did not come up on port " + port + ": " + Files.readString(log));
            }
            Thread.sleep(500);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build(), options);
        browser.get("http://127.0.0.1:" + port + "/");
    }

    @After
    public void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    public void theDefaultModelFindsTheExampleEventInTheBrowser() throws Exception {
        File wav = repository().resolve("examples/battle.wav").toFile();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        browser.findElement(By.id("file")).sendKeys(wav.getAbsolutePath());
        browser.findElement(By.id("queries")).sendKeys("male death");
        browser.findElement(By.id("detect")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events tr.event-row")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#events tr.event-row"));
        boolean found = false;
        StringBuilder seen = new StringBuilder();
        for (WebElement row : rows) {
            List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            seen.append(cells).append(' ');
            double onset = Double.parseDouble(cells.get(1));
            double offset = Double.parseDouble(cells.get(2));
            // The ground truth's first "male death" is at 3.05-4.05 s (examples/battle.tsv).
            found |= cells.get(0).equals("male death") && onset < 4.05 && offset > 3.05;
        }
        assertTrue("no 'male death' event overlapping 3.05-4.05 s among " + seen, found);
        assertEquals("true", browser.findElement(By.id("timeline")).getAttribute("data-drawn"));
    }
}
