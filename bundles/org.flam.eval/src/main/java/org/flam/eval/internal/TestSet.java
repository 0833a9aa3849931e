package org.flam.eval.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.flam.api.SoundEvent;
import org.flam.metrics.SedFiles;

/**
 * A frame-labelled test set as {@code flam synth} writes it: {@code audio/ID.wav} and, per
 * clip, its DCASE labels {@code labels/ID.tsv} ({@code filename onset offset event_label},
 * filename {@code ID.wav}). Only the file list and the ground truth are read here; audio is
 * decoded clip by clip while the model runs.
 *
 * @param dir    the directory
 * @param audio  the audio files, sorted by name
 * @param truth  file name ({@code ID.wav}) to its events, every clip a key (empty list for
 *               none), sorted
 */
record TestSet(Path dir, List<Path> audio, Map<String, List<SoundEvent>> truth) {

    static TestSet read(Path dir) throws IOException {
        String hint = "; --data must be a directory written by 'flam synth' (audio/ID.wav, labels/ID.tsv)";
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--data " + dir + " is not a directory" + hint);
        }
        Path audioDir = dir.resolve("audio");
        Path labelDir = dir.resolve("labels");
        if (!Files.isDirectory(audioDir) || !Files.isDirectory(labelDir)) {
            throw new IllegalArgumentException("--data " + dir + " has no audio/ and labels/ folders" + hint);
        }
        List<Path> audio;
        try (Stream<Path> files = Files.list(audioDir)) {
            audio = files.filter(p -> p.getFileName().toString().endsWith(".wav") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        if (audio.isEmpty()) {
            throw new IllegalArgumentException("--data " + dir + ": audio/ holds no .wav file" + hint);
        }
        Map<String, List<SoundEvent>> truth = new TreeMap<>();
        for (Path wav : audio) {
            String name = wav.getFileName().toString();
            String id = name.substring(0, name.length() - ".wav".length());
            Path labels = labelDir.resolve(id + ".tsv");
            if (!Files.isRegularFile(labels)) {
                throw new IllegalArgumentException("--data " + dir + ": " + audioDir.relativize(wav) + " has no label "
                        + "file labels/" + id + ".tsv (an interrupted 'flam synth'? run it again to complete it)");
            }
            List<SoundEvent> events = new ArrayList<>();
            for (Map.Entry<String, List<SoundEvent>> e : SedFiles.readEvents(labels).entrySet()) {
                if (!e.getKey().equals(name)) {
                    throw new IllegalArgumentException(labels + " labels file '" + e.getKey() + "', expected '" + name
                            + "'");
                }
                events.addAll(e.getValue());
            }
            truth.put(name, List.copyOf(events));
        }
        return new TestSet(dir, audio, truth);
    }

    /** The distinct labels of one clip's events (its captions), sorted. */
    List<String> captions(String file) {
        return new ArrayList<>(new TreeSet<>(truth.get(file).stream().map(SoundEvent::label).toList()));
    }

    /** The distinct labels of every clip, sorted. */
    List<String> allLabels() {
        TreeSet<String> all = new TreeSet<>();
        truth.values().forEach(events -> events.forEach(e -> all.add(e.label())));
        return new ArrayList<>(all);
    }
}
