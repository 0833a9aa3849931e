/**
 * Small deterministic PNG charts drawn with {@code java.awt} in headless mode: line charts
 * with named series and reference lines, and detection plots (spectrogram, per-query
 * probabilities, threshold and events).
 */
@Export
@Version("0.1.0")
package org.flam.plot;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
