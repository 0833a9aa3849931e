package org.flam.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flam.api.FlamProperties;
import org.flam.api.command.Command;
import org.flam.api.spi.TextEncoder;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code flam embed [--format tsv|json] TEXT...}: the text features {@code u_y} of the
 * configured {@link TextEncoder}, one row per text. The encoder is chosen by the
 * {@code textEncoder.target} configuration property and rebound dynamically when it
 * changes.
 *
 * <p>TSV: a comment line {@code # encoder=<flam.name> dimension=<H_t>}, then
 * {@code text<TAB>f0<TAB>f1...}. JSON: {@code {"encoder":..,"dimension":..,"features":[{"text":..,"vector":[..]}]}}.
 */
@Component(service = Command.class, configurationPid = EmbedCommand.PID,
        property = FlamProperties.COMMAND + "=embed")
@Designate(ocd = EmbedCommandConfiguration.class)
public final class EmbedCommand implements Command {

    static final String PID = "org.flam.cli.embed";
    static final String DEFAULT_TARGET = "(" + FlamProperties.NAME + "=minilm)";

    /** The bound encoder and its flam.name, swapped together. */
    private record Bound(TextEncoder encoder, String name) {
    }

    private volatile Bound bound;

    @Reference(name = "textEncoder", target = DEFAULT_TARGET, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTextEncoder(TextEncoder encoder, Map<String, Object> properties) {
        bound = new Bound(encoder, String.valueOf(properties.get(FlamProperties.NAME)));
    }

    void unbindTextEncoder(TextEncoder encoder) {
        Bound b = bound;
        if (b != null && b.encoder() == encoder) {
            bound = null;
        }
    }

    /**
     * Present so that a new {@code textEncoder.target} rebinds the dynamic reference in place;
     * without a modified method DS would deactivate and reactivate the whole component.
     */
    @Modified
    void modified() {
        // nothing else is configurable
    }

    @Override
    public String summary() {
        return "print the text features of the configured text encoder: embed [--format tsv|json] TEXT...";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String format = "tsv";
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--format")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--format needs a value: tsv or json");
                }
                format = args.get(++i);
                if (!format.equals("tsv") && !format.equals("json")) {
                    throw new IllegalArgumentException("unknown format '" + format + "': use tsv or json");
                }
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else {
                texts.add(a);
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("give at least one text, e.g. flam embed \"dog barking\"");
        }
        Bound b = bound;
        if (b == null) {
            throw new IllegalStateException("no text encoder is bound");
        }
        float[][] features = b.encoder().encode(texts);
        if (format.equals("json")) {
            writeJson(out, b, texts, features);
        } else {
            out.printf("# encoder=%s dimension=%d%n", b.name(), b.encoder().dimension());
            for (int i = 0; i < texts.size(); i++) {
                StringBuilder row = new StringBuilder(texts.get(i).replace('\t', ' '));
                for (float f : features[i]) {
                    row.append('\t').append(f);
                }
                out.println(row);
            }
        }
        return OK;
    }

    private static void writeJson(PrintStream out, Bound b, List<String> texts, float[][] features) {
        StringBuilder json = new StringBuilder("{\"encoder\":").append(Json.string(b.name()))
                .append(",\"dimension\":").append(b.encoder().dimension()).append(",\"features\":[");
        for (int i = 0; i < texts.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"text\":").append(Json.string(texts.get(i))).append(",\"vector\":[");
            for (int d = 0; d < features[i].length; d++) {
                json.append(d == 0 ? "" : ",").append(features[i][d]);
            }
            json.append("]}");
        }
        out.println(json.append("]}"));
    }
}
