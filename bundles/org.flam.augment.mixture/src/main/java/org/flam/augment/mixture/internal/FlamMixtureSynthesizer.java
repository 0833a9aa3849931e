package org.flam.augment.mixture.internal;

import java.io.IOException;

import org.flam.api.Corpus;
import org.flam.api.FlamProperties;
import org.flam.api.FrameGrid;
import org.flam.api.Mixture;
import org.flam.api.spi.MixtureSynthesizer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link MixtureSynthesizer} of SPEC §4 ({@code flam.name=flam-mixture}): see
 * {@link Synthesis} for the procedure and {@link FlamMixtureSynthesizerConfiguration} for
 * every constant. Draws from the configured {@link Split} of the corpus; an assembly that
 * needs several splits configures one instance per split (a factory configuration each).
 *
 * <p>Configuration is optional: without one the component starts with the SPEC defaults (it
 * holds no model, only a cache of decoded recordings).
 */
@Component(service = MixtureSynthesizer.class, configurationPid = FlamMixtureSynthesizer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = FlamProperties.NAME + "=" + FlamMixtureSynthesizer.NAME)
@Designate(ocd = FlamMixtureSynthesizerConfiguration.class)
public final class FlamMixtureSynthesizer implements MixtureSynthesizer {

    static final String PID = "org.flam.augment.mixture";
    /** {@code flam.name} of this synthesizer. */
    public static final String NAME = "flam-mixture";

    private final Synthesis synthesis;
    private final Split split;

    /** The component: recordings are decoded with {@code AudioReader} behind an LRU cache. */
    @Activate
    public FlamMixtureSynthesizer(FlamMixtureSynthesizerConfiguration config) {
        this(MixtureParameters.of(config), config.split(),
                new CachingLoader(new AudioReaderLoader(), config.cacheMegabytes() * (1L << 20) / Float.BYTES));
    }

    FlamMixtureSynthesizer(MixtureParameters parameters, Split split, RecordingLoader loader) {
        this.synthesis = new Synthesis(parameters, loader);
        this.split = split;
    }

    @Override
    public double clipSeconds() {
        return synthesis.parameters().clipSeconds();
    }

    @Override
    public int sampleRate() {
        return synthesis.parameters().sampleRate();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Where the configured split has no background of at least one clip, the background is
     * generated noise, marked as {@link org.flam.api.Mixture.Background#generated() generated}, rather than
     * an error.
     */
    @Override
    public Mixture synthesize(Corpus corpus, long seed, long index, FrameGrid grid) throws IOException {
        return synthesis.render(corpus, seed, index, grid, split).mixture();
    }

    /** The split {@link #synthesize} draws from. */
    public Split split() {
        return split;
    }

    Synthesis synthesis() {
        return synthesis;
    }
}
