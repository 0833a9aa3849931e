package org.flam.data.corpus.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The label group of a recording: a key naming its sound concept, shared by a caption, its
 * synonyms and its paraphrases ("cattle mooing", "a cow mooing" and "mooing cattle" are all
 * {@code cow}). Groups are what the zero-shot split holds out whole
 * ({@link org.flam.data.corpus.CorpusSplit}).
 *
 * <p>A hand-made concept table ({@link #TABLE}) lists each concept with its trigger words: strong
 * ones (nouns that name a source: "dog", "piano", "explosion", and two-word names such as
 * "machine gun", "snare drum", "car horn") and weak ones (actions and generic words: "barking",
 * "hit", "ringing"). The group is found in this order:
 * <ol>
 * <li>the caption's and paraphrases' two-word names, then their strong words, then their weak
 * words; where several concepts match, the one listed first in the table wins (specific sources
 * before generic actions, speech before everything, instruments before materials);</li>
 * <li>the same on the tags;</li>
 * <li>else the head word: the caption's last word that is not an article, "sound", or a final
 * -ing verb, singularised ("the sound of swordhit" gives {@code swordhit}).</li>
 * </ol>
 * A word matches a trigger as written, or with a final -s, -es, -ing or -ed removed
 * ("barks", "barking" match "bark").
 */
public final class LabelGroups {

    /**
     * Concept: strong triggers | weak triggers. Order is priority. Keys are single lower-case
     * tokens or hyphenated ones (TSV-safe).
     */
    static final String TABLE = """
            speech: voice, voices, speech, speaking, talking, saying, whisper, whispering, announcer, narrator, \
            conversation, spoken | says, talk, said
            laughter: laugh, laughter, laughing, giggle, giggling, chuckle, haha, hahaha, cackle, cackling |
            scream: scream, screaming, shriek, shrieking, yell, yelling, shout | shouting
            cough: cough, coughing, sneeze, sneezing |
            dog: dog, puppy, hound, bark, woof |
            cat: cat, kitten, meow, purr |
            cow: cow, cattle, bull, moo, ox |
            horse: horse, pony, neigh, gallop, hoof, hooves, whinny |
            sheep: sheep, lamb, goat, bleat |
            pig: pig, boar, oink, piglet |
            chicken: chicken, hen, rooster, cockerel, chick, cluck |
            duck: duck, quack, goose, geese |
            owl: owl, hoot |
            bird: bird, songbird, sparrow, robin, finch, crow, raven, cuckoo, seagull, gull, pigeon, dove, parrot, \
            hawk, eagle, rosella, cockatoo, magpie, woodpecker, peacock, penguin, vulture, kookaburra, budgie, \
            birdsong, chirp, tweet, caw, cawing, coo, cooing, warble, chippie, lorikeet, galah, swan, stork, heron, \
            ostrich, flamingo, pelican, toucan, hummingbird, kingfisher, wren, lark, nightingale, blackbird, jay |
            frog: frog, toad, croak |
            insect: insect, cricket, cicada, bee, wasp, mosquito, housefly, flies, hornet, beetle | buzz, buzzing
            snake: snake, rattlesnake, cobra, viper | hiss
            wolf: wolf, wolves | howl
            big-cat: lion, tiger, leopard, jaguar, panther, cheetah | roar
            bear: bear |
            elephant: elephant, mammoth |
            monkey: monkey, ape, gorilla, chimpanzee, baboon |
            rodent: mouse, mice, rat, squirrel, hamster, guinea pig | squeak
            whale: whale, dolphin |
            monster: monster, creature, zombie, demon, alien, beast, dragon, troll, ghoul, orc, goblin, ghost | \
            growl, snarl
            clapping: clap, clapping, handclap, hand clap |
            applause: applause, cheer, cheering, ovation, audience |
            crowd: crowd, people, murmur, babble, chatter |
            footsteps: footstep, footsteps, step, steps, walking, walk, running, stomp, boots, stride, tread | run
            breathing: breath, breathing, breathe, gasp, gasping, pant, panting, sigh, snore, snoring, inhale, exhale |
            pain: pain, hurt, groan, grunt, moan, ouch | death, dying, die, dies, dead
            eating: eat, eating, munch, chew, chewing, gulp, bite, swallow, slurp, burp, drink, drinking |
            whistle: whistle, whistling |
            singing: sing, singing, song, choir, vocal, humming |
            heartbeat: heart, heartbeat, pulse |
            knock: knock, knocking |
            piano: piano, pianos, grand piano, electric piano, honky-tonk | keys
            harpsichord: harpsichord, clavinet, clavichord |
            organ: organ, church organ, pipe organ, reed organ, rock organ |
            accordion: accordion, bandoneon, concertina |
            harmonica: harmonica |
            guitar: guitar, guitars, strum, acoustic guitar, electric guitar, guitar strum |
            bass: bass guitar, double bass, contrabass, electric bass, fretless bass |
            banjo: banjo |
            sitar: sitar |
            violin: violin, fiddle |
            viola: viola |
            cello: cello, violoncello |
            harp: harp |
            strings: string ensemble, strings, pizzicato, pizzicato strings, tremolo strings |
            flute: flute, piccolo, pan flute, recorder, ocarina, shakuhachi |
            clarinet: clarinet |
            oboe: oboe, english horn, cor anglais |
            bassoon: bassoon |
            saxophone: saxophone, sax, alto sax, tenor sax |
            trumpet: trumpet, cornet, bugle |
            trombone: trombone |
            tuba: tuba |
            french-horn: french horn |
            bagpipe: bagpipe, bagpipes |
            xylophone: xylophone, marimba |
            glockenspiel: glockenspiel, celesta, vibraphone, music box |
            timpani: timpani, kettle drum, kettledrum |
            steel-drum: steel drum, steel drums |
            snare-drum: snare, snare drum |
            bass-drum: bass drum, kick drum, kick |
            tom-drum: tom, toms, floor tom, tom drum |
            hi-hat: hi-hat, hihat, hi hat, open hi-hat, closed hi-hat, pedal hi-hat |
            cymbal: cymbal, cymbals, crash cymbal, ride cymbal, splash cymbal, china cymbal, chinese cymbal, ride bell |
            tambourine: tambourine |
            cowbell: cowbell |
            conga: conga, congas, bongo, bongos, djembe |
            maracas: maraca, maracas, shaker, cabasa |
            woodblock: woodblock, wood block, temple block, claves |
            triangle: triangle |
            drum: drum, drums, drumroll, drumming, percussion, timbale, timbales, agogo, cuica, guiro, vibraslap |
            bell: bell, bells, chime, chimes, ding, dong, gong, doorbell, jingle bells, sleigh bells, church bell, \
            wind chimes, tubular bells | ring, ringing
            telephone: telephone, phone, ringtone, cellphone, dial tone, ringer |
            alarm: alarm, siren, klaxon, claxon, alarm clock | wail, wailing
            horn: horn, car horn, foghorn, hooter, honk |
            gunshot: gun, gunshot, gunfire, rifle, pistol, shotgun, machine gun, machinegun, revolver, bullet, \
            ricochet, sniper, musket, minigun, uzi, handgun, mg, vulcan | shot, shoot, shooting, firing, reload
            laser: laser, laser gun, blaster, phaser, plasma, zapper, railgun, ray gun | beam, zap
            explosion: explosion, explode, exploding, explodes, blast, boom, bomb, grenade, detonation, kaboom, \
            nuke, dynamite, landmine, expl, explo, explosive, blowup | exp
            fireworks: firework, fireworks, firecracker, cracker |
            cannon: cannon, artillery, mortar, howitzer, catapult |
            missile: missile, rocket, torpedo, launcher |
            sword: sword, blade, knife, dagger, slash, slice, stab, axe, sabre, saber, swordhit, katana, scimitar |
            arrow: arrow, bow, crossbow, bowstring |
            punch: punch, slap, smack, fist, fight, fighting |
            glass: glass, shatter, shattering, windowpane, bottle |
            metal: metal, metallic, clang, clank, clink, anvil, steel, iron, chain, chains, tin, pan |
            wood: wood, wooden, plank, log, logs | creak, creaking
            chop: chop, chopping, lumber, timber, tree falling |
            rock: rock, rocks, stone, stones, rockfall, boulder, pebble, pebbles, gravel, rubble, landslide, \
            avalanche, earthquake, quake |
            bubbles: bubble, bubbles, bubbling, boil, boiling, gurgle |
            splash: splash, splashing, plop, dive, diving, swim, swimming |
            drip: drip, dripping, droplet, waterdrop, drops |
            waves: wave, waves, sea, ocean, surf, shore, beach, tide |
            rain: rain, raining, rainfall, drizzle, hail, downpour |
            thunder: thunder, thunderstorm, lightning, storm |
            wind: wind, windy, gust, breeze, blizzard, gale |
            water: water, stream, river, waterfall, brook, creek, fountain, pour, pouring, liquid, faucet, tap water, \
            underwater, flush, toilet, sink |
            fire: fire, flame, flames, burn, burning, campfire, fireplace, torch, inferno, blaze, flamethrower, \
            fireball, ignite, inflame, lava, fuse | crackle, crackling
            steam: steam, vent, pressure, pshshsh | hiss, hissing, sizzle
            electricity: electric, electricity, electrical, spark, sparks, transformer, static, tesla, shock | \
            buzz, hum, crackle
            spaceship: spaceship, starship, spacecraft, hyperspace, warp, thruster, afterburner, ufo, space |
            teleport: teleport, teleporter, portal, telein, teleout, respawn |
            engine: engine, engines, motor, idle, idling, rev, revving, exhaust, throttle, tractor |
            car: car, cars, truck, vehicle, jeep, bus, van, tyre, tyres, tire, tires, skid, skidding, brake, \
            braking, racing car, buggy, lorry, taxi | drive, driving
            motorcycle: motorcycle, motorbike, moped, scooter, dirtbike, bike |
            tank: tank, tanks, treads, apc |
            train: train, trains, railway, locomotive, tram, rail, wagon |
            helicopter: helicopter, chopper, rotor |
            aircraft: plane, airplane, aeroplane, aircraft, jet, propeller, airliner, glider, vtol, biplane, \
            cockpit, jet plane |
            boat: boat, ship, ships, sail, sailing, submarine, ferry, canoe, yacht, paddle, rowing |
            bicycle: bicycle, bicycle bell, pedal |
            clock: clock, clocks, timer, stopwatch, tick tock | tick, ticking
            typing: keyboard, typing, typewriter, keystroke, keypress |
            camera: camera, shutter, photo, snapshot |
            lock: key, keys, lock, unlock, latch, padlock |
            door: door, doors, gate, hatch, drawer, cupboard |
            coins: coin, coins, money, cash, jackpot, cash register |
            paper: paper, page, pages, book, cardboard, newspaper, envelope |
            rustle: rustle, rustling, leaves, bush, grass, foliage, hay |
            cloth: cloth, clothes, fabric, zipper, zip |
            squelch: slime, mud, goo, squish, squelch, splat, gib, gore, flesh, splatter |
            ice: ice, icy, freeze, frozen, icehit |
            snow: snow, snowy, snowball, snowstorm |
            ball: ball, balls, bounce, bouncing, dribble, billiard, billiards, golf, putt, pinball, basketball, \
            football, tennis, ping pong |
            tools: hammer, hammering, saw, sawing, drill, drilling, chisel, wrench, screwdriver, nail, nails, \
            chainsaw, welding, weld, sander, shovel, pickaxe, spade |
            digging: dig, digging, mining, excavation |
            machine: machine, machines, machinery, factory, pump, conveyor, generator, compressor, mechanical, \
            gears, gear, servo, crane, elevator, hydraulic, turbine, fan, mill, press, windmill, oil pump | mech
            robot: robot, robotic, droid, android, cyborg, mech |
            computer: computer, terminal, console, modem, printer, scanner, data |
            magic: magic, spell, spells, wizard, enchant, sparkle, twinkle, shimmer, heal, healing, summon, \
            potion, curse, mana |
            notification: notification, notify, message, alert, attention, dialog, warning, error, email, \
            reminder, login, logout, startup, shutdown, device, battery, trash, incoming, outgoing, \
            online, offline, complete, completed |
            game-jingle: jingle, fanfare, victory, gameover, levelup, win, winning, lose, success, failure, \
            level, score, highscore, menu, select, selection, interface, ui |
            pickup: pickup, powerup, bonus, item, collect, collected, gem, crystal, treasure, extralife, health, \
            armor, armour, ammo, reward |
            beep: beep, beeps, beeping, bleep, blip, ping, tone, buzzer |
            click: click, clicks, clicking, tap, tapping, toggle, switch, button, clack, clicker | snap
            whoosh: whoosh, swoosh, swish, swing, woosh, whizz, whiz, swipe, flyby, whirr, whir |
            breaking: break, breaking, broken, crumble, crumbling, collapse, collapsing, demolition, debris, \
            smash, smashing, crack, cracking, snap, tear, tearing, rip |
            impact: impact, thud, thump, bang, collision, bump, slam, crash, landing, hit, hits, drop, fall, falling, \
            land | boink, boing, thwack, whack
            ambience: ambience, ambiance, ambient, atmosphere, drone, roomtone, noise | hum, room
            """;

    /** Concept keys by priority, with their triggers. */
    private record Concept(String key, int rank) {
    }

    private static final Map<String, Concept> STRONG = new HashMap<>();
    private static final Map<String, Concept> WEAK = new HashMap<>();
    private static final Map<String, Concept> PAIRS = new HashMap<>();
    private static final List<String> KEYS = new ArrayList<>();

    private static final Set<String> STOP = Set.of("a", "an", "the", "of", "sound", "sounds", "noise", "some", "and",
            "with", "in", "on", "at", "by", "to", "from", "into", "over", "its", "his", "her", "their", "is", "are",
            "someone", "something", "person", "playing", "hit", "big", "small", "large", "little", "loud", "soft",
            "short", "long", "high", "low", "heavy", "light", "distant", "near", "far", "quick", "slow", "fast", "up",
            "down", "out", "off", "loop", "loops", "amb", "start", "end", "stop");

    static {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String line : TABLE.strip().split("\n")) {
            int colon = line.indexOf(':');
            String key = line.substring(0, colon).strip();
            String[] parts = line.substring(colon + 1).split("\\|", -1);
            Concept c = new Concept(key, KEYS.size());
            KEYS.add(key);
            addAll(parts[0], c, true, seen);
            if (parts.length > 1) {
                addAll(parts[1], c, false, seen);
            }
        }
    }

    private static void addAll(String words, Concept c, boolean strong, Map<String, String> seen) {
        for (String w : words.split(",")) {
            String t = w.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            String normal = t.replace('-', ' ');
            Map<String, Concept> target = normal.indexOf(' ') >= 0 ? PAIRS : strong ? STRONG : WEAK;
            // The first concept that names a trigger keeps it: the table reads top-down.
            target.putIfAbsent(normal, c);
            if (normal.indexOf(' ') < 0 && t.indexOf('-') >= 0) {
                target.putIfAbsent(t, c);
            }
            seen.putIfAbsent(normal, c.key());
        }
    }

    private LabelGroups() {
    }

    /** The concept keys of the table, in priority order. */
    static List<String> concepts() {
        return List.copyOf(KEYS);
    }

    /**
     * The label group of a recording.
     *
     * @param caption     its caption text (normalised)
     * @param paraphrases its paraphrases
     * @param tags        its tags
     * @return a concept key from the table, or the head word of the caption; TSV-safe, not blank
     */
    public static String of(String caption, Collection<String> paraphrases, Collection<String> tags) {
        List<String> texts = new ArrayList<>();
        texts.add(caption);
        texts.addAll(paraphrases);
        String g = match(texts);
        if (g == null) {
            g = match(new ArrayList<>(tags));
        }
        return g != null ? g : head(caption);
    }

    /** The best concept of any of {@code texts}, or null. */
    static String match(List<String> texts) {
        Concept best = null;
        for (int tier = 0; tier < 3 && best == null; tier++) {
            for (String text : texts) {
                List<String> words = tokens(text);
                for (int i = 0; i < words.size(); i++) {
                    Concept c = null;
                    if (tier == 0 && i + 1 < words.size()) {
                        c = PAIRS.get(words.get(i) + " " + words.get(i + 1));
                    } else if (tier == 1) {
                        c = lookup(STRONG, words.get(i));
                    } else if (tier == 2) {
                        c = lookup(WEAK, words.get(i));
                    }
                    if (c != null && (best == null || c.rank() < best.rank())) {
                        best = c;
                    }
                }
            }
        }
        return best == null ? null : best.key();
    }

    private static Concept lookup(Map<String, Concept> map, String word) {
        for (String form : forms(word)) {
            Concept c = map.get(form);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** The word and its forms without a final -s, -es, -ing (also + e) or -ed. */
    static List<String> forms(String w) {
        List<String> forms = new ArrayList<>(List.of(w));
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            forms.add(w.substring(0, w.length() - 1));
        }
        if (w.length() > 4 && w.endsWith("es")) {
            forms.add(w.substring(0, w.length() - 2));
        }
        if (w.length() > 5 && w.endsWith("ing")) {
            String stem = w.substring(0, w.length() - 3);
            forms.add(stem);
            forms.add(stem + "e");
            if (stem.length() > 2 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)) {
                forms.add(stem.substring(0, stem.length() - 1)); // running -> run
            }
        }
        if (w.length() > 4 && w.endsWith("ed")) {
            forms.add(w.substring(0, w.length() - 2));
            forms.add(w.substring(0, w.length() - 1));
        }
        return forms;
    }

    /**
     * The head-word fallback: the caption's last content word that is not a final -ing verb
     * (unless it is the only one), singularised; the caption with hyphens for spaces if it has no
     * content word.
     */
    static String head(String caption) {
        List<String> words = tokens(caption).stream().filter(w -> !STOP.contains(w)).toList();
        if (words.isEmpty()) {
            return caption.replace(' ', '-');
        }
        String head = words.get(words.size() - 1);
        for (int i = words.size() - 1; i >= 0; i--) {
            if (!(words.get(i).endsWith("ing") && words.get(i).length() > 4)) {
                head = words.get(i);
                break;
            }
        }
        if (Paraphrases.isPlural(head)) {
            head = head.endsWith("ies") && head.length() > 4 ? head.substring(0, head.length() - 3) + "y"
                    : head.substring(0, head.length() - 1);
        }
        return head;
    }

    /** Lower-case letter tokens of a text; hyphens separate too. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
