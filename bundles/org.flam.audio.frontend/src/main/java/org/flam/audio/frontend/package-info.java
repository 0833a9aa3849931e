/**
 * The log-mel audio front end (STFT with a periodic Hann window, Slaney mel filterbank, log
 * power in dB) with per-encoder parameters, matching torchaudio's {@code MelSpectrogram}.
 */
@Export
@Version("0.1.0")
package org.flam.audio.frontend;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
