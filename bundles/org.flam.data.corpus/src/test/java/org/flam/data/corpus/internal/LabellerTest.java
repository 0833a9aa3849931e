package org.flam.data.corpus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.flam.api.CorpusEntry;
import org.flam.data.corpus.internal.SourceRule.SpeechPolicy;
import org.junit.jupiter.api.Test;

class LabellerTest {

    private static final SourceRule GENERIC = SourceRule.generic("test-data");

    @Test
    void oneWordAnimalGetsItsVoiceAndTagsFromThePath() {
        Labeller.Decision d = Labeller.decide(GENERIC, "audio/fauna/animal/cattle_03.ogg", null, 2.5);
        assertFalse(d.isExcluded());
        assertEquals("cattle mooing", d.caption().text());
        assertEquals(List.of("fauna", "animal", "cattle"), d.caption().tags());
        assertEquals(CorpusEntry.Kind.EVENT, d.kind());
    }

    @Test
    void oneWordWithoutKnownVoiceIsTheSoundOfIt() {
        assertEquals("the sound of explosion", Labeller.decide(GENERIC, "weapons/Explosion5.wav", null, 1).caption().text());
    }

    @Test
    void fileNamesSplitAtCamelCaseSeparatorsAndDigitsAndDropNoise() {
        assertEquals(List.of("rail", "train"), Labeller.words("RailTrain2", GENERIC));
        assertEquals(List.of("car", "horn"), Labeller.words("sfx_car-horn_v2_01", GENERIC));
        assertEquals(List.of("a", "man", "speaking"), Labeller.words("a_man_speaking_03", GENERIC));
        assertEquals(List.of("door"), Labeller.words("door_b", GENERIC));
        assertEquals("car horn", Labeller.decide(GENERIC, "x/sfx_car-horn_v2_01.wav", null, 1).caption().text());
    }

    @Test
    void sourceReplacementsAndNoiseApply() {
        SourceRule rule = new SourceRule("s", List.of(), List.of(), SpeechPolicy.EXCLUDE, Set.of("hog"),
                Map.of("clic", "click", "amb", "ambience"), List.of("game"), false, null, null);
        Labeller.Decision d = Labeller.decide(rule, "hog/clic_1.ogg", null, 0.2);
        assertEquals("the sound of click", d.caption().text());
        assertEquals(List.of("click", "game"), d.caption().tags());
    }

    @Test
    void nameWithoutWordsFallsBackToTheNearestFolder() {
        assertEquals("dog barking", Labeller.decide(GENERIC, "animals/dog/01.wav", null, 1).caption().text());
        assertTrue(Labeller.decide(GENERIC, "sounds/01.wav", null, 1).isExcluded());
    }

    @Test
    void captionsHaveTwoToThirteenWords() {
        String longName = "one_two_three_four_five_six_seven_eight_nine_ten_eleven_twelve_thirteen_fourteen_fifteen.wav";
        assertEquals(13, Labeller.decide(GENERIC, longName, null, 1).caption().wordCount());
        for (String name : List.of("x.wav", "dog.wav", "a_dog.wav", "dog_barks.wav", longName)) {
            Labeller.Decision d = Labeller.decide(GENERIC, "bell/" + name, null, 1);
            int words = d.caption().wordCount();
            assertTrue(words >= 2 && words <= 13, name + " -> " + d.caption().text());
        }
        assertEquals("a dog barking", Labeller.decide(GENERIC, "a_dog.wav", null, 1).caption().text());
    }

    @Test
    void tuxPaintDescriptionNamesTheThing() {
        SourceRule tux = SourceRules.forName("tuxpaint-stamps-default");
        Labeller.Decision frog = Labeller.decide(tux, "stamps/animals/amphibians/frog.ogg", "A frog.\nfr.utf8=Une grenouille.\n", 1);
        assertEquals("a frog croaking", frog.caption().text());
        assertEquals(List.of("animals", "amphibians", "frog"), frog.caption().tags());
        Labeller.Decision rosella = Labeller.decide(tux, "stamps/animals/birds/adelaide-rosella.ogg",
                "An Adelaide Rosella.\n", 1);
        assertEquals("the sound of an adelaide rosella", rosella.caption().text());
    }

    @Test
    void speechNamingAThingIsExcludedUnlessTheSourceLabelsIt() {
        SourceRule tux = SourceRules.forName("tuxpaint-stamps-default");
        assertTrue(Labeller.decide(tux, "stamps/animals/amphibians/frog_desc.ogg", "A frog.", 1).isExcluded());
        assertTrue(Labeller.decide(tux, "stamps/animals/amphibians/frog_desc_fr.ogg", null, 1).isExcluded());
        assertTrue(Labeller.decide(GENERIC, "voices/en/cow.ogg", null, 1).isExcluded());
        assertTrue(Labeller.isSpeech(GENERIC, "voices/en/cow.ogg", "cow"));
        assertFalse(Labeller.isSpeech(GENERIC, "animals/cow.ogg", "cow"));

        SourceRule saying = new SourceRule("s", List.of(), List.of(), SpeechPolicy.SAYING, Set.of(), Map.of(),
                List.of(), false, null, null);
        Labeller.Decision d = Labeller.decide(saying, "voices/Pirate/Byebye.ogg", null, 1);
        assertEquals("a voice saying byebye", d.caption().text());
        assertEquals(List.of("speech", "voice", "byebye"), d.caption().tags());

        SourceRule speaking = new SourceRule("s", List.of(), List.of(Pattern.compile("^dialog\\d")), SpeechPolicy.SPEAKING,
                Set.of(), Map.of(), List.of(), false, null, null);
        assertEquals("a voice speaking", Labeller.decide(speaking, "dialog7/xy-l-los.ogg", null, 1).caption().text());

        // SPEAKER: who and which language from the folders, else the source's language.
        SourceRule speaker = new SourceRule("s", List.of(), List.of(), SpeechPolicy.SPEAKER, Set.of(), Map.of(),
                List.of(), false, null, "english");
        assertEquals("a woman speaking german", Labeller.decide(speaker, "voices/de/female1/b1.ogg", null, 1).caption().text());
        assertEquals("a man speaking english", Labeller.decide(speaker, "voices/male2/chow.ogg", null, 1).caption().text());
        assertEquals("a woman speaking english",
                Labeller.decide(speaker, "en_US_f_Allison/voices/goodbye.wav", null, 1).caption().text());
        Labeller.Decision spoken = Labeller.decide(speaker, "voices/de/female1/b1.ogg", null, 1);
        assertEquals("speech", spoken.group());
        assertTrue(spoken.paraphrases().contains("a female voice speaking german"), spoken.paraphrases().toString());
    }

    @Test
    void longAmbianceIsABackgroundShortSoundsAreEvents() {
        assertEquals(CorpusEntry.Kind.BACKGROUND, Labeller.decide(GENERIC, "ambient/night.ogg", null, 30).kind());
        assertEquals(CorpusEntry.Kind.BACKGROUND, Labeller.decide(GENERIC, "weather/heavy_rain.ogg", null, 10).kind());
        assertEquals(CorpusEntry.Kind.EVENT, Labeller.decide(GENERIC, "weather/heavy_rain.ogg", null, 9.99).kind());
        Labeller.Decision longEngine = Labeller.decide(GENERIC, "cars/engine_start.ogg", null, 12);
        assertEquals("10 s or longer but not ambiance", longEngine.excluded());
        Labeller.Decision shortBed = Labeller.decide(GENERIC, "ambience/cave.ogg", null, 4);
        assertEquals("ambiance shorter than 10 s", shortBed.excluded());
    }

    @Test
    void sourceExclusionsComeFirst() {
        SourceRule hedgewars = SourceRules.forName("hedgewars-data");
        assertEquals("excluded by the source's rule", Labeller.excludedByPath(hedgewars, "music/Beach.ogg"));
        assertEquals("excluded by the source's rule", Labeller.excludedByPath(hedgewars, "sounds/3E.ogg"));
        assertNull(Labeller.excludedByPath(hedgewars, "sounds/splash.ogg"));
        assertNull(Labeller.excludedByPath(hedgewars, "sounds/voices/Pirate/Byebye.ogg"));
    }

    @Test
    void packageRulesMatchTheStagedLayout() {
        SourceRule hydrogen = SourceRules.forName("hydrogen-drumkits-effects");
        Labeller.Decision strum = Labeller.decide(hydrogen, "drumkits/belofilms_GuitarStrums/Fsharp minor7b5_03.flac", null, 2);
        assertEquals("guitar strums", strum.caption().text());
        SourceRule fillets = SourceRules.forName("fillets-ng-data");
        assertEquals("a voice speaking", Labeller.decide(fillets, "fillets-ng/sound/elk/en/deu-l-los1.ogg", null, 2)
                .caption().text());
        SourceRule megaglest = SourceRules.forName("megaglest-data");
        assertTrue(Labeller.decide(megaglest, "megaglest/techs/megapack/factions/persian/units/magician/sounds/select2.wav",
                null, 1).isExcluded());
        assertEquals("cow dying", Labeller.decide(megaglest, "megaglest/techs/megapack/commondata/sounds/cow_die3.wav",
                null, 1).caption().text());
    }

    @Test
    void reservedEvaluationPackagesAreRefused() {
        for (String reserved : SourceRules.RESERVED) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> SourceRules.forName(reserved));
            assertTrue(e.getMessage().contains("reserved"));
        }
    }
}
