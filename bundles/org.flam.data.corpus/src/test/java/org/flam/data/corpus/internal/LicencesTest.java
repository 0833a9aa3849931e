package org.flam.data.corpus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicencesTest {

    @Test
    void machineReadableCopyrightGivesTheSoundLicencesNotFontsOrPackaging(@TempDir Path dir) throws Exception {
        Path copyright = Files.writeString(dir.resolve("copyright"), """
                Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
                Upstream-Name: somegame
                
                Files: *
                Copyright: 2010 Someone
                License: GPL-2+
                 This program is free software; you can redistribute it...
                
                Files: data/sounds/*
                Copyright: 2011 Someone Else
                License: CC-BY-SA-3.0
                
                Files: debian/*
                Copyright: 2012 A Maintainer
                License: BSD-3-clause
                
                Files: data/more/*
                License: GPL-2+
                
                Files: fonts/*
                License: OFL-1.1
                
                Files: maps/*
                 data/sfx/*
                License: CC0-1.0
                
                License: GPL-2+
                 On Debian systems, the full text is in /usr/share/common-licenses/GPL-2.
                """);
        // Fonts and maps are not sounds; the sfx pattern is on a continuation line.
        assertEquals("GPL-2+ or CC-BY-SA-3.0 or CC0-1.0", Licences.ofCopyright(copyright));
    }

    @Test
    void withoutSoundParagraphsEveryContentLicenceCounts() {
        assertEquals("MIT or Zlib", Licences.parse("Files: src/*\nLicense: MIT\n\nFiles: lib/*\nLicense: Zlib\n"));
    }

    @Test
    void freeFormCopyrightHasNoMachineReadableLicence() {
        assertNull(Licences.parse("""
                This package was debianized by someone.
                License:
                   This program is free software; you can redistribute it under the GPL.
                """));
    }
}
