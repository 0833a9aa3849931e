/**
 * The corpus index file: one tab-separated line per recording (path, caption, tags, duration,
 * kind, source, licence), read into and written from {@link org.flam.api.Corpus}, and the held-out rule
 * that splits it.
 */
@Export
@Version("0.2.0")
package org.flam.data.corpus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
