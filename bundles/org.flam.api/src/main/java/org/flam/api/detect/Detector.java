package org.flam.api.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.flam.api.AudioClip;
import org.flam.api.Detection;
import org.flam.api.ModelManifest;
import org.flam.api.SampleStream;
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
     * Detects the queries in a recording read as a stream, window by window: memory is
     * bounded by the detector's batch of windows and the output (a few floats per query and
     * frame), never by the recording's length. This is the method to use for files of any
     * length.
     *
     * <p>Audio of any sample rate: the detector resamples to the encoder's rate as it reads
     * and runs the encoder over consecutive clip-length windows, so the result's grid has the
     * encoder's frame rate and covers the whole recording ({@code grid().covering(duration)}).
     * The stream is read to its end and left open (the caller closes it).
     *
     * @param id      the recording's name, which becomes the events' file name; tabs and line
     *                breaks are replaced by spaces (a TSV cell cannot hold them)
     * @param audio   the samples, each finite and in {@code [-1, 1]}
     * @param queries distinct, non-blank texts, e.g. {@code ["dog barking", "glass shatters"]};
     *                reported as given (normalised only for encoding)
     * @param options post-processing; {@link DetectionOptions#DEFAULTS} for the SPEC's
     * @return probabilities {@code float[K][F]} in {@code [0, 1]} and events, in query order
     * @throws IOException              if reading the stream fails
     * @throws IllegalArgumentException if queries are empty, repeat or are not TSV-safe, the
     *                                  id is blank, or a sample is not finite or outside
     *                                  {@code [-1, 1]} (the message names the id and sample)
     */
    Detection detect(String id, SampleStream audio, List<String> queries, DetectionOptions options)
            throws IOException;

    /**
     * Detects the queries in a recording held in memory: {@link #detect(String, SampleStream,
     * List, DetectionOptions)} on {@link SampleStream#of(AudioClip)}, with the clip's id.
     *
     * @param audio   the recording; its id becomes the events' file name
     * @param queries as for the stream form
     * @param options as for the stream form
     * @return as for the stream form
     * @throws IllegalArgumentException as for the stream form
     */
    default Detection detect(AudioClip audio, List<String> queries, DetectionOptions options) {
        try (SampleStream stream = SampleStream.of(audio)) {
            return detect(audio.id(), stream, queries, options);
        } catch (IOException e) {
            // A clip in memory cannot fail to read.
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest of the loaded model (bundles, configurations, data, seed). */
    ModelManifest model();
}
