/**
 * Reading recordings as mono float samples at a requested rate, band-limited resampling, and
 * writing WAV files.
 */
@Export
@Version("0.1.0")
package org.flam.audio.io;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
