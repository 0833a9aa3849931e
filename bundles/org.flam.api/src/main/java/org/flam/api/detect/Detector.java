package org.flam.api.detect;

import java.util.List;

import org.flam.api.AudioClip;
import org.flam.api.Detection;
import org.flam.api.ModelManifest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Open-vocabulary sound event detection with a loaded model: given a recording and any texts,
 * when does each text's sound occur, as calibrated probabilities per frame (SPEC §3) and as
 * events.
 *
 * <p>Registered by the detection runtime once a model is loaded. What products call; they
 * do not implement it.
 *
 * <p>Implementations are thread-safe.
 */
@ProviderType
public interface Detector {

    /**
     * Detects the queries in a recording.
     *
     * <p>Audio of any length and sample rate: the detector resamples to the encoder's rate
     * and runs the encoder over consecutive clip-length windows, so the result's grid has the
     * encoder's frame rate and covers the whole recording ({@code grid().covering(duration)}).
     *
     * @param audio   the recording; its id becomes the events' file name
     * @param queries distinct, non-blank texts, e.g. {@code ["dog barking", "glass shatters"]};
     *                reported as given (normalised only for encoding)
     * @param options post-processing; {@link DetectionOptions#DEFAULTS} for the SPEC's
     * @return probabilities {@code float[K][F]} in {@code [0, 1]} and events, in query order
     * @throws IllegalArgumentException if queries are empty, repeat or are not TSV-safe
     */
    Detection detect(AudioClip audio, List<String> queries, DetectionOptions options);

    /** The manifest of the loaded model (bundles, configurations, data, seed). */
    ModelManifest model();
}
