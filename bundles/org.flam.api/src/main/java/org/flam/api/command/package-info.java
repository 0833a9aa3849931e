/**
 * Command-line commands: bundles contribute {@code flam <command>} as services, the launcher
 * dispatches to them (consumer types).
 */
@Export
@Version("0.1.0")
package org.flam.api.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
