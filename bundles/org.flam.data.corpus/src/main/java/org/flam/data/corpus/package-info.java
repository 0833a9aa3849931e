/**
 * The corpus index file: one tab-separated line per recording (path, caption, tags, duration,
 * kind, source, licence, paraphrases, label group), read into and written from
 * {@link org.flam.api.Corpus}, and the held-out and zero-shot rules that split it.
 */
@Export
@Version("0.3.0")
package org.flam.data.corpus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
