/**
 * Model evaluation as the runtimes provide it: the evaluator and its report (provider types).
 */
@Export
@Version("0.1.0")
package org.flam.api.eval;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
