package org.flam.train.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.flam.api.FlamProperties;
import org.flam.api.command.Command;
import org.flam.api.train.Trainer;
import org.flam.api.train.TrainingProgress;
import org.flam.api.train.TrainingRequest;
import org.flam.api.train.TrainingResult;
import org.flam.model.ModelDirectory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * {@code flam train --config JOB.json [--resume] [--steps N] [--out DIR]}: applies the job's
 * component configurations through ConfigurationAdmin, waits until the trainer runs with them,
 * and trains, printing progress; Ctrl-C stops after the current step with a checkpoint.
 *
 * <p>The job file (JSON): {@code data} (mixtures directory), {@code out} (model directory),
 * {@code init} (optional model directory to start from), {@code seed}, {@code steps},
 * {@code batchSize}, {@code resume} (optional) and {@code configurations}: PID to properties,
 * e.g. {@code {"org.flam.train": {"losses.target": "(flam.name=softmax)"}}}. Relative paths
 * are resolved against the job file's directory. Every configuration gets a property
 * {@value #JOB} with a fresh id, and the command waits until each configured component's
 * service carries it, so training never starts with a half-applied configuration.
 */
@Component(service = Command.class, property = FlamProperties.COMMAND + "=train")
public final class TrainCommand implements Command {

    /** Property stamped on every configuration the job applies. */
    static final String JOB = "flam.job";
    static final String SYNOPSIS = "train --config JOB.json [--resume] [--steps N] [--out DIR]";

    private final ConfigurationAdmin configurationAdmin;
    private final BundleContext context;

    @Activate
    public TrainCommand(@Reference ConfigurationAdmin configurationAdmin, BundleContext context) {
        this.configurationAdmin = configurationAdmin;
        this.context = context;
    }

    @Override
    public String summary() {
        return "train a model: " + SYNOPSIS;
    }

    /** A parsed job. */
    record Job(Path data, Path out, Path init, long seed, long steps, int batchSize, boolean resume,
            Map<String, Map<String, Object>> configurations) {
    }

    static Job parse(List<String> args) throws IOException {
        Path config = null;
        Boolean resume = null;
        Long steps = null;
        Path out = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--config" -> config = Path.of(value(args, ++i, a));
                case "--resume" -> resume = true;
                case "--steps" -> steps = Long.parseLong(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a + "; usage: flam " + SYNOPSIS);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("--config is required; usage: flam " + USAGE);
        }
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("--config: no such file: " + config);
        }
        JsonObject o = ModelDirectory.readObject(config);
        Path base = config.toAbsolutePath().getParent();
        try {
            Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
            JsonObject c = o.getJsonObject("configurations");
            if (c != null) {
                for (Map.Entry<String, JsonValue> e : c.entrySet()) {
                    Map<String, Object> props = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonValue> p : e.getValue().asJsonObject().entrySet()) {
                        props.put(p.getKey(), property(p.getValue(), base, p.getKey()));
                    }
                    configurations.put(e.getKey(), props);
                }
            }
            return new Job(path(base, o.getString("data")),
                    out != null ? out : path(base, o.getString("out")),
                    o.containsKey("init") && !o.isNull("init") ? path(base, o.getString("init")) : null,
                    o.getJsonNumber("seed").longValueExact(),
                    steps != null ? steps : o.getJsonNumber("steps").longValueExact(),
                    o.getInt("batchSize"),
                    resume != null ? resume : o.getBoolean("resume", false),
                    configurations);
        } catch (NullPointerException | ClassCastException | ArithmeticException e) {
            throw new IllegalArgumentException(config + ": a job needs data, out, seed, steps and batchSize ("
                    + e.getMessage() + ")", e);
        }
    }

    private static Object property(JsonValue v, Path base, String key) {
        return switch (v.getValueType()) {
            case STRING -> {
                String s = ((JsonString) v).getString();
                // Paths in configurations (e.g. the corpus) are relative to the job file too.
                yield key.equals("corpus") && !s.isBlank() ? path(base, s).toString() : s;
            }
            case NUMBER -> ((JsonNumber) v).isIntegral() ? (Object) ((JsonNumber) v).longValueExact()
                    : (Object) ((JsonNumber) v).doubleValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("configuration property " + key
                    + " must be a string, number or boolean, got " + v);
        };
    }

    private static Path path(Path base, String p) {
        String expanded = p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p;
        Path path = Path.of(expanded);
        return path.isAbsolute() ? path : base.resolve(path).normalize();
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value; usage: flam " + USAGE);
        }
        return args.get(i);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Job job;
        try {
            job = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("flam train: " + e.getMessage());
            return USAGE;
        }
        String id = UUID.randomUUID().toString();
        List<String> others = new ArrayList<>(job.configurations().keySet());
        others.remove(FlamTrainer.PID);
        for (String pid : others) {
            apply(pid, job.configurations().get(pid), id);
        }
        for (String pid : others) {
            await("(&(service.pid=" + pid + ")(" + JOB + "=" + id + "))", pid, err);
        }
        apply(FlamTrainer.PID, job.configurations().getOrDefault(FlamTrainer.PID, Map.of()), id);
        Trainer trainer = await("(&(objectClass=" + Trainer.class.getName() + ")(" + JOB + "=" + id + "))",
                FlamTrainer.PID, err);

        TrainingRequest request = new TrainingRequest(job.data(), job.out(), job.init(), job.seed(), job.steps(),
                job.batchSize(), job.resume());
        err.println("train: " + job.steps() + " steps of " + job.batchSize() + " clips from " + job.data() + " into "
                + job.out() + (job.init() != null ? " starting from " + job.init() : ""));
        Thread worker = Thread.currentThread();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            err.println("\ntrain: stopping after this step (writing a checkpoint)...");
            worker.interrupt();
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flam-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            TrainingResult result = trainer.train(request, p -> err.println(line(p)));
            out.printf(Locale.ROOT, "trained %d steps in %.0f s: %s%n", result.steps(), result.wallSeconds(),
                    result.modelDirectory());
            out.println("final loss terms: " + result.finalLossTerms());
            return OK;
        } catch (InterruptedException e) {
            err.println("train: " + e.getMessage());
            return 130;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C; the hook is waiting for us
            }
        }
    }

    /** One progress line: step, each term, the total, clips/s, ETA. */
    static String line(TrainingProgress p) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "step %d/%d (%.0f%%)", p.step(),
                p.totalSteps(), 100 * p.fraction()));
        p.lossTerms().forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
        b.append(String.format(Locale.ROOT, "  total %.4f  %.1f clips/s", p.totalLoss(), p.clipsPerSecond()));
        if (!Double.isNaN(p.etaSeconds())) {
            long s = Math.round(p.etaSeconds());
            b.append(String.format(Locale.ROOT, "  ETA %dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60));
        }
        return b.toString();
    }

    private void apply(String pid, Map<String, Object> props, String id) throws IOException {
        Configuration c = configurationAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.forEach(d::put);
        d.put(JOB, id);
        c.update(d);
    }

    @SuppressWarnings("unchecked")
    private <T> T await(String filter, String pid, PrintStream err) throws InvalidSyntaxException, InterruptedException {
        Filter f = FrameworkUtil.createFilter(filter);
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, f, null);
        tracker.open();
        try {
            Object service = tracker.waitForService(TimeUnit.SECONDS.toMillis(60));
            if (service == null) {
                throw new IllegalStateException("the component " + pid + " did not start with the job's configuration "
                        + "within 60 s: check the configuration's targets (flam info lists the services)");
            }
            ServiceReference<Object> ref = tracker.getServiceReference();
            err.println("train: " + pid + " configured" + (ref.getProperty(FlamProperties.NAME) != null
                    ? " (flam.name=" + ref.getProperty(FlamProperties.NAME) + ")" : ""));
            return (T) service;
        } finally {
            tracker.close();
        }
    }
}
