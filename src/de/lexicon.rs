//! Closed word lists of the German core, shared by form generation (`inflect`) and analysis
//! (`analyze`).

/// Separable verb particles, longest first so that `zurück` wins over `zu` and `heraus` over
/// `her`. `über`, `unter`, `hinter` and `um` also begin inseparable verbs (see
/// [`TWO_WAY_PREFIXES`]).
pub const PARTICLES: &[&str] = &[
    "auseinander",
    "gegenüber",
    "zusammen",
    "entgegen",
    "herunter",
    "hinunter",
    "vorüber",
    "herüber",
    "hinüber",
    "zurecht",
    "vorbei",
    "voraus",
    "heraus",
    "hinaus",
    "herein",
    "hinein",
    "herbei",
    "herauf",
    "hinauf",
    "zurück",
    "weiter",
    "wieder",
    "nieder",
    "hinter",
    "gleich",
    "hervor",
    "hinweg",
    "bereit",
    "heran",
    "hinzu",
    "umher",
    "empor",
    "statt",
    "durch",
    "unter",
    "herum",
    "voran",
    "über",
    "fort",
    "fest",
    "frei",
    "heim",
    "hoch",
    "teil",
    "nach",
    "fehl",
    "weg",
    "mit",
    "los",
    "vor",
    "her",
    "hin",
    "ein",
    "aus",
    "auf",
    "bei",
    "dar",
    "ab",
    "an",
    "um",
    "zu",
];

/// Prefixes that never separate and take no ge- in the participle (`verwiesen`, `bekommen`).
pub const INSEPARABLE_PREFIXES: &[&str] = &["miss", "emp", "ent", "ver", "zer", "be", "er", "ge"];

/// Prefixes that are separable in some verbs and inseparable in others (`umgehen`,
/// `übersetzen`, `unterbrechen`).
pub const TWO_WAY_PREFIXES: &[&str] = &[
    "durch", "hinter", "über", "unter", "um", "wider", "wieder", "voll",
];

/// Comparison that does not follow the rules: positive, comparative, superlative stem.
pub const IRREGULAR_COMPARISON: &[(&str, &str, &str)] = &[
    ("gut", "besser", "best"),
    ("viel", "mehr", "meist"),
    ("gern", "lieber", "liebst"),
    ("hoch", "höher", "höchst"),
    ("nah", "näher", "nächst"),
    ("groß", "größer", "größt"),
    ("alt", "älter", "ältest"),
    ("jung", "jünger", "jüngst"),
    ("lang", "länger", "längst"),
    ("kurz", "kürzer", "kürzest"),
    ("arm", "ärmer", "ärmst"),
    ("hart", "härter", "härtest"),
    ("kalt", "kälter", "kältest"),
    ("warm", "wärmer", "wärmst"),
    ("stark", "stärker", "stärkst"),
    ("schwach", "schwächer", "schwächst"),
    ("scharf", "schärfer", "schärfst"),
    ("klug", "klüger", "klügst"),
    ("dumm", "dümmer", "dümmst"),
    ("oft", "öfter", "öftest"),
    ("bald", "eher", "ehest"),
];

/// Endings that make a word an adjective for certain (wichtig, glücklich, praktisch, essbar,
/// langsam, sinnlos, zweifelhaft, wertvoll, erfolgreich, einwandfrei, wünschenswert; normal,
/// aktuell, aktiv, nervös, populär, elegant, intelligent; present participles: wütend,
/// lächelnd).
pub const ADJECTIVE_SUFFIXES: &[&str] = &[
    "ig", "lich", "isch", "bar", "sam", "los", "haft", "voll", "reich", "frei", "wert", "al",
    "ell", "iv", "ös", "är", "ant", "ent", "abel", "ibel", "end", "elnd", "ernd",
];

/// Endings of adverbs that an adjective suffix does not outweigh: diesmal, nochmals,
/// glücklicherweise, rückwärts, miteinander, neuerdings, blindlings.
pub const ADVERB_SUFFIXES: &[&str] = &[
    "mal", "mals", "weise", "wärts", "einander", "dings", "lings",
];

/// Endings of adverbs among words without an adjective suffix: nachts, abends, umsonst,
/// längst, vorhin, bisher, alsdann, trotzdem, genauso, allzu, durchaus, rundum, zwischendurch,
/// mittendrin, tagsüber, hinunter, jederzeit, vielmehr.
pub const ADVERB_ENDINGS: &[&str] = &[
    "s", "nst", "ngst", "rst", "chst", "hin", "her", "dann", "dem", "so", "zu", "aus", "um",
    "durch", "drin", "über", "zeit", "mehr", "an", "ab", "auf", "außen", "innen", "oben", "unten",
    "hinten", "drüben", "droben", "drunten", "draußen", "drinnen",
];

/// Adjectives that are function words of the core lexicon, verb particles or end like adverbs
/// too: das ganze Jahr, die gleiche Sache, ein einfacher Satz, eine seltene Art, ernste Worte,
/// ein volles Glas, normale Leute.
pub const ADVERB_LOOKALIKE_ADJECTIVES: &[&str] = &[
    "allein",
    "bereit",
    "bloß",
    "eben",
    "einfach",
    "ernst",
    "fest",
    "fies",
    "formal",
    "frei",
    "ganz",
    "genau",
    "gerade",
    "gleich",
    "kraus",
    "leis",
    "maximal",
    "mies",
    "minimal",
    "nieder",
    "normal",
    "optimal",
    "recht",
    "selten",
    "sicher",
    "ungefähr",
    "voll",
];

/// Whether a word a glossary lists as an adverb only is an adjective too, to be linked in its
/// inflected and compared forms (ein schnelles Auto, leichter, die wichtigste Sache, im
/// richtigen Moment): Ding gives many adjectives as adverbs. An adjective suffix says so
/// (wichtig, glücklich); a function word of the core lexicon (schon, mal, wohl, dann, noch,
/// sehr, oft), a verb particle (weg, los), a word with an adverb's ending (nachts, umsonst,
/// vorhin, außen) or a participle in -t of a verb with be-, er-, ver- … or -ieren
/// (beschäftigt, erfüllt, interessiert: erfüllte is also the past tense) is none; other words of up to three syllables are (schnell, leicht, schwer,
/// klar, voll, gesund, treu, zufrieden), longer ones not (übermorgen, sozusagen).
pub fn adverb_is_adjective(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = lower.as_str();
    if lower.contains([' ', '-']) || lower.chars().nth(1).is_none() {
        return false;
    }
    if ADVERB_LOOKALIKE_ADJECTIVES.contains(&lower) {
        return true;
    }
    // Superlatives used as adverbs: längst, höchst, meist.
    if IRREGULAR_COMPARISON.iter().any(|c| c.2 == lower) {
        return false;
    }
    if ADVERB_SUFFIXES
        .iter()
        .any(|e| lower.len() > e.len() && lower.ends_with(e))
    {
        return false;
    }
    if ADJECTIVE_SUFFIXES
        .iter()
        .any(|e| lower.len() > e.len() + 2 && lower.ends_with(e))
    {
        return true;
    }
    if !crate::de::core::lookup(lower).is_empty()
        || PARTICLES.contains(&lower)
        || TWO_WAY_PREFIXES.contains(&lower)
        || ADVERB_ENDINGS.iter().any(|e| lower.ends_with(e))
    {
        return false;
    }
    // erfüllt, interessiert: their forms erfüllte, interessierte are the past tense too.
    let participle = lower.ends_with('t')
        && INSEPARABLE_PREFIXES.iter().any(|p| {
            *p != "ge"
                && lower
                    .strip_prefix(p)
                    .is_some_and(|r| r.chars().nth(2).is_some())
        })
        || lower.ends_with("iert");
    let stem = lower.strip_prefix("un").unwrap_or(lower);
    !participle && crate::de::noun::syllables(stem) <= 3
}

/// Weak verbs whose two-way prefix is inseparable: they never split (`er überlegt`, not
/// `er legt … über`). Strong ones are in the strong verb table under their full infinitive.
pub const INSEPARABLE_TWO_WAY_VERBS: &[&str] = &[
    "durchqueren",
    "durchsuchen",
    "hinterfragen",
    "umarmen",
    "umfassen",
    "umkreisen",
    "überfordern",
    "überholen",
    "überlegen",
    "überprüfen",
    "überqueren",
    "überraschen",
    "überreden",
    "übersetzen",
    "übertragen",
    "überwachen",
    "überzeugen",
    "unterrichten",
    "unterstützen",
    "untersuchen",
    "unterzeichnen",
    "vollenden",
    "widerlegen",
    "wiederholen",
];

/// Frequent words that are not nouns: a noun form guessed from a class rule that spells one of
/// these (Wegen from Weg, Arme from Arm) is only taken where the capital shows a noun, never at
/// the start of a sentence.
pub const COMMON_WORDS: &[&str] = &[
    "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "alt", "alte", "alten",
    "am", "an", "ander", "andere", "anderen", "anders", "arm", "arme", "armen", "armer", "auch",
    "auf", "aus", "bald", "bei", "beide", "beiden", "bereits", "besser", "beste", "besten", "bin",
    "bis", "bist", "bitte", "bleibt", "da", "dabei", "dadurch", "dafür", "dagegen", "daher",
    "damals", "damit", "dann", "daran", "darauf", "darum", "das", "dass", "davon", "dazu", "dein",
    "deine", "dem", "den", "denen", "denn", "der", "deren", "des", "deshalb", "dessen", "dich",
    "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "dir", "doch", "dort", "du",
    "durch", "eben", "ebenso", "ehe", "eher", "eigene", "eigenen", "ein", "eine", "einem", "einen",
    "einer", "eines", "einige", "einigen", "einmal", "er", "erst", "erste", "ersten", "es", "etwa",
    "etwas", "euch", "euer", "eure", "falls", "fast", "fern", "ferner", "fest", "feste", "frei",
    "freie", "früh", "früher", "für", "ganz", "ganze", "ganzen", "gar", "gegen", "genau", "gerade",
    "gern", "gerne", "gleich", "gleiche", "groß", "große", "großen", "gut", "gute", "guten",
    "guter", "gutes", "hab", "habe", "haben", "hast", "hat", "hatte", "hatten", "heute", "hier",
    "hin", "hinter", "hoch", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre", "ihrem", "ihren",
    "ihrer", "im", "immer", "in", "indem", "ins", "ist", "ja", "je", "jede", "jedem", "jeden",
    "jeder", "jedes", "jedoch", "jene", "jetzt", "kann", "kaum", "kein", "keine", "keinen",
    "klein", "kleine", "kommt", "kurz", "lang", "lange", "lassen", "leben", "leider", "letzte",
    "letzten", "lieber", "machen", "mal", "man", "manche", "manchmal", "mehr", "mein", "meine",
    "meist", "meisten", "mich", "mir", "mit", "morgen", "muss", "musste", "nach", "nachdem", "nah",
    "nahe", "neben", "nein", "neu", "neue", "neuen", "nicht", "nichts", "nie", "noch", "nun",
    "nur", "ob", "oben", "obwohl", "oder", "oft", "ohne", "recht", "rechte", "richtig", "schon",
    "sehr", "sei", "sein", "seine", "seinem", "seinen", "seiner", "seit", "selbst", "sich", "sie",
    "sind", "so", "sogar", "solche", "soll", "sollte", "sondern", "sonst", "sowie", "später",
    "statt", "tief", "trotz", "über", "um", "und", "uns", "unser", "unsere", "unter", "viel",
    "viele", "vielen", "vom", "von", "vor", "wann", "war", "waren", "warum", "was", "weder", "weg",
    "wegen", "weil", "weiter", "weitere", "welche", "welcher", "wenig", "wenige", "wenn", "wer",
    "werden", "wie", "wieder", "will", "wir", "wird", "wo", "wohl", "wollen", "wurde", "wurden",
    "zu", "zum", "zur", "zwar", "zwischen",
];

/// Frequent first names: a capitalized word right after one is a surname (Otto Hahn, Anna
/// Vogel), not the noun it spells.
pub const FIRST_NAMES: &[&str] = &[
    "adam",
    "albert",
    "alexander",
    "alfred",
    "andrea",
    "andreas",
    "andré",
    "angela",
    "anja",
    "anke",
    "anna",
    "anne",
    "annette",
    "anton",
    "arnold",
    "august",
    "barbara",
    "beate",
    "benjamin",
    "bernd",
    "bernhard",
    "bertolt",
    "bill",
    "birgit",
    "brigitte",
    "bruno",
    "carl",
    "charles",
    "charlotte",
    "christa",
    "christian",
    "christina",
    "christine",
    "christoph",
    "claas",
    "clara",
    "claudia",
    "cornelia",
    "daniel",
    "david",
    "dennis",
    "detlef",
    "dieter",
    "dietrich",
    "dirk",
    "dominik",
    "doris",
    "dorothea",
    "eduard",
    "elias",
    "elisabeth",
    "emil",
    "emma",
    "erich",
    "erika",
    "ernst",
    "erwin",
    "eva",
    "fabian",
    "felix",
    "florian",
    "frank",
    "franz",
    "franziska",
    "friedrich",
    "fritz",
    "gabriel",
    "georg",
    "gerd",
    "gerhard",
    "gertrud",
    "gisela",
    "gottfried",
    "gudrun",
    "gustav",
    "günter",
    "günther",
    "hannah",
    "hannelore",
    "hans",
    "harald",
    "hedwig",
    "heike",
    "heinrich",
    "heinz",
    "helga",
    "helmut",
    "helmuth",
    "hendrik",
    "henrik",
    "herbert",
    "hermann",
    "hildegard",
    "holger",
    "horst",
    "hugo",
    "inge",
    "ingrid",
    "irmgard",
    "jakob",
    "james",
    "jan",
    "jana",
    "jens",
    "joachim",
    "johann",
    "johanna",
    "johannes",
    "john",
    "jonas",
    "jonathan",
    "josef",
    "joseph",
    "julia",
    "jutta",
    "jörg",
    "jürgen",
    "karin",
    "karl",
    "katharina",
    "kathrin",
    "katrin",
    "klara",
    "klaus",
    "konrad",
    "kurt",
    "lars",
    "laura",
    "lea",
    "lena",
    "leon",
    "lisa",
    "lothar",
    "luca",
    "ludwig",
    "luise",
    "lukas",
    "manfred",
    "marc",
    "marcel",
    "marco",
    "maria",
    "marie",
    "mario",
    "marion",
    "markus",
    "martin",
    "martina",
    "matthias",
    "max",
    "mia",
    "michael",
    "monika",
    "moritz",
    "nico",
    "nicole",
    "niklas",
    "nils",
    "nina",
    "noah",
    "olaf",
    "oliver",
    "oskar",
    "otto",
    "patrick",
    "paul",
    "peter",
    "petra",
    "philipp",
    "rainer",
    "ralf",
    "reinhard",
    "renate",
    "richard",
    "rita",
    "robert",
    "roland",
    "rolf",
    "rudolf",
    "rüdiger",
    "sabine",
    "sandra",
    "sarah",
    "sebastian",
    "sigmund",
    "sigrid",
    "silke",
    "silvia",
    "simon",
    "sonja",
    "sophie",
    "stefan",
    "steffen",
    "stephan",
    "susanne",
    "sven",
    "tanja",
    "theodor",
    "thomas",
    "thorsten",
    "tim",
    "timo",
    "tobias",
    "torsten",
    "ulrich",
    "ulrike",
    "ursula",
    "ute",
    "uwe",
    "veronika",
    "volker",
    "walter",
    "werner",
    "wilfried",
    "wilhelm",
    "willi",
    "willy",
    "wolf-dieter",
    "wolfgang",
];

/// First words that join an infinitive to a verb, written apart today and together in the old
/// spelling: spazieren gehen (spazierengehen), kennen lernen (kennenlernen).
pub const INFINITIVE_FIRST_PARTS: &[&str] = &[
    "baden",
    "fallen",
    "hängen",
    "kennen",
    "liegen",
    "schätzen",
    "sitzen",
    "spazieren",
    "stecken",
    "stehen",
];

/// Where an old spelling applies in a headword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpellingScope {
    /// Anywhere: nummerieren, Fotografie.
    Inside,
    /// At the end (a noun and its compounds): Tipp, Geheimtipp; not tippen.
    End,
    /// Only the whole word: rau, not Frau.
    Whole,
}

/// Spellings the 1996 reform replaced, as (today, before): a headword with today's spelling
/// also links the old one (nummeriert, numeriert). ß for ss is handled apart (daß, muß).
pub const OLD_SPELLINGS: &[(&str, &str, SpellingScope)] = &[
    ("nummerier", "numerier", SpellingScope::Inside),
    ("tipp", "tip", SpellingScope::End),
    ("stopp", "stop", SpellingScope::End),
    ("platzier", "plazier", SpellingScope::Inside),
    ("fotograf", "photograph", SpellingScope::Inside),
    ("telefon", "telephon", SpellingScope::Inside),
    ("grafik", "graphik", SpellingScope::Inside),
    ("geograf", "geograph", SpellingScope::Inside),
    ("delfin", "delphin", SpellingScope::Inside),
    ("potenziell", "potentiell", SpellingScope::Inside),
    ("essenziell", "essentiell", SpellingScope::Inside),
    ("substanziell", "substantiell", SpellingScope::Inside),
    ("existenziell", "existentiell", SpellingScope::Inside),
    ("känguru", "känguruh", SpellingScope::End),
    ("tollpatsch", "tolpatsch", SpellingScope::Inside),
    ("stängel", "stengel", SpellingScope::Inside),
    ("behände", "behende", SpellingScope::Inside),
    ("überschwänglich", "überschwenglich", SpellingScope::Inside),
    ("gämse", "gemse", SpellingScope::Inside),
    ("schnäuz", "schneuz", SpellingScope::Inside),
    ("quäntchen", "quentchen", SpellingScope::Inside),
    ("zierrat", "zierat", SpellingScope::Inside),
    ("rau", "rauh", SpellingScope::Whole),
];

// `old_spellings` keeps one bit a spelling, and looks for each by its first three letters.
const _: () = {
    assert!(OLD_SPELLINGS.len() <= 32);
    let mut k = 0;
    while k < OLD_SPELLINGS.len() {
        assert!(OLD_SPELLINGS[k].0.len() >= 3);
        k += 1;
    }
};

/// The old spellings of a headword (lowercase in, lowercase out): `nummerieren` →
/// `numerieren`, `Schifffahrt` → `schiffahrt` (three equal consonants were two before a vowel).
pub fn old_spellings(lower: &str) -> Vec<String> {
    // Most words contain none of the spellings: a look at each three letters first, in a bit
    // set of (a hash of) the three letters the spellings inside words start with.
    fn slot(w: &[u8]) -> usize {
        (usize::from(w[0]) * 961 + usize::from(w[1]) * 31 + usize::from(w[2])) & 0xffff
    }
    static STARTS: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
        let mut bits = vec![0u64; 1024];
        for (today, _, _) in OLD_SPELLINGS {
            let s = slot(today.as_bytes());
            bits[s / 64] |= 1 << (s % 64);
        }
        bits
    });
    let mut out = Vec::new();
    let bytes = lower.as_bytes();
    // The spellings found inside the word, as bits by their index: looked for only where
    // their first three letters may start.
    let mut inside = 0u32;
    for (at, w) in bytes.windows(3).enumerate() {
        let s = slot(w);
        if STARTS[s / 64] & (1 << (s % 64)) == 0 {
            continue;
        }
        for (k, &(today, _, scope)) in OLD_SPELLINGS.iter().enumerate() {
            if scope == SpellingScope::Inside && bytes[at..].starts_with(today.as_bytes()) {
                inside |= 1 << k;
            }
        }
    }
    for (k, &(today, before, scope)) in OLD_SPELLINGS.iter().enumerate() {
        let applies = match scope {
            SpellingScope::Inside => inside & (1 << k) != 0,
            SpellingScope::End => lower.ends_with(today),
            SpellingScope::Whole => lower == today,
        };
        if applies {
            let at = match scope {
                SpellingScope::End => lower.len() - today.len(),
                _ => lower.find(today).unwrap_or(0),
            };
            out.push(format!(
                "{}{before}{}",
                &lower[..at],
                &lower[at + today.len()..]
            ));
        }
    }
    if let Some(at) = (2..bytes.len()).find(|&i| {
        bytes[i] == bytes[i - 1]
            && bytes[i] == bytes[i - 2]
            && bytes[i].is_ascii_alphabetic()
            && !b"aeiou".contains(&bytes[i])
    }) {
        out.push(format!("{}{}", &lower[..at], &lower[at + 1..]));
    }
    out
}

/// Frequent first parts of compounds, without linking element: a compound splits only where its
/// first part is a word, and these are words a learner's glossary seldom lists by themselves.
pub const COMPOUND_MODIFIERS: &[&str] = &[
    "abend",
    "alltag",
    "alt",
    "anfang",
    "arbeit",
    "arm",
    "arzt",
    "auge",
    "auto",
    "außen",
    "bahn",
    "bank",
    "bau",
    "baum",
    "bein",
    "berg",
    "bier",
    "bild",
    "blau",
    "blick",
    "blut",
    "boden",
    "brand",
    "braun",
    "brief",
    "brot",
    "buch",
    "bund",
    "bus",
    "bürger",
    "computer",
    "dach",
    "datei",
    "daten",
    "dienst",
    "doppel",
    "dorf",
    "drei",
    "ehe",
    "ei",
    "eigen",
    "ein",
    "einzel",
    "eis",
    "eisen",
    "end",
    "energie",
    "erd",
    "erst",
    "fach",
    "fahr",
    "familie",
    "farb",
    "feld",
    "fenster",
    "fern",
    "fest",
    "feuer",
    "film",
    "finanz",
    "fisch",
    "fleisch",
    "fleiß",
    "flug",
    "fluss",
    "frau",
    "frei",
    "freund",
    "frieden",
    "früh",
    "fuß",
    "garten",
    "gas",
    "gast",
    "geburt",
    "gelb",
    "geld",
    "gemeinde",
    "gesamt",
    "gesetz",
    "glas",
    "gold",
    "grau",
    "grenz",
    "groß",
    "grund",
    "gruppe",
    "gruß",
    "grün",
    "haar",
    "hafen",
    "halb",
    "hals",
    "hand",
    "hass",
    "haupt",
    "haus",
    "heim",
    "herbst",
    "herd",
    "herz",
    "himmel",
    "hoch",
    "hof",
    "holz",
    "hotel",
    "hub",
    "hund",
    "innen",
    "internet",
    "jahr",
    "jugend",
    "kaffee",
    "kalt",
    "kamera",
    "karte",
    "kauf",
    "kern",
    "kind",
    "kinder",
    "kirche",
    "klein",
    "klima",
    "kohl",
    "kopf",
    "kraft",
    "krank",
    "krieg",
    "kultur",
    "kunst",
    "kurz",
    "körper",
    "küche",
    "land",
    "lang",
    "leben",
    "lehr",
    "lese",
    "licht",
    "liebe",
    "lohn",
    "luft",
    "lust",
    "macht",
    "mahl",
    "mann",
    "markt",
    "meer",
    "mehl",
    "menschen",
    "milch",
    "mist",
    "mittag",
    "mittel",
    "mond",
    "moos",
    "mord",
    "morgen",
    "mund",
    "mus",
    "musik",
    "mutter",
    "männer",
    "müll",
    "nacht",
    "nase",
    "national",
    "natur",
    "netz",
    "neu",
    "not",
    "nuss",
    "ober",
    "obst",
    "ohr",
    "papier",
    "park",
    "partei",
    "pass",
    "pech",
    "person",
    "pflanze",
    "pilz",
    "politik",
    "post",
    "presse",
    "privat",
    "programm",
    "pult",
    "putz",
    "rad",
    "rat",
    "recht",
    "regen",
    "reis",
    "reise",
    "rest",
    "rind",
    "ring",
    "rock",
    "rohr",
    "rost",
    "rot",
    "ruhe",
    "ruhm",
    "rück",
    "saal",
    "sack",
    "saft",
    "salz",
    "same",
    "samt",
    "sand",
    "satz",
    "säug",
    "schaf",
    "schiff",
    "schlaf",
    "schnee",
    "schrift",
    "schuh",
    "schul",
    "schule",
    "schwarz",
    "see",
    "selbst",
    "senf",
    "sinn",
    "skat",
    "sohn",
    "sommer",
    "sonder",
    "sonne",
    "sonnen",
    "speck",
    "spiel",
    "sport",
    "sprach",
    "sprache",
    "staat",
    "stadt",
    "stahl",
    "stall",
    "stau",
    "stein",
    "stern",
    "steuer",
    "stoff",
    "strauß",
    "straße",
    "strom",
    "stuhl",
    "stück",
    "system",
    "tag",
    "takt",
    "tank",
    "tanz",
    "tasche",
    "taxi",
    "technik",
    "tee",
    "teil",
    "telefon",
    "text",
    "tier",
    "tinte",
    "tisch",
    "tod",
    "top",
    "topf",
    "tor",
    "tot",
    "trank",
    "traum",
    "treff",
    "trieb",
    "trost",
    "tuch",
    "turm",
    "uhr",
    "umwelt",
    "unfall",
    "unter",
    "ur",
    "vater",
    "verkehr",
    "vieh",
    "viel",
    "volk",
    "voll",
    "vor",
    "wachs",
    "wahl",
    "wahn",
    "wald",
    "wand",
    "waren",
    "wasser",
    "weg",
    "wein",
    "weiß",
    "welle",
    "welt",
    "werk",
    "wetter",
    "wild",
    "wind",
    "winter",
    "wirtschaft",
    "wissen",
    "woche",
    "wohn",
    "wolf",
    "wort",
    "wurst",
    "zahl",
    "zeit",
    "zeitung",
    "zelt",
    "zentral",
    "ziel",
    "zins",
    "zoll",
    "zucht",
    "zucker",
    "zug",
    "zwei",
    "zwischen",
    "öl",
];

/// Whether a lowercase stem is one of [`COMPOUND_MODIFIERS`]: one hash probe, as compounds are
/// split at every letter of every unknown capitalized word.
pub fn is_compound_modifier(stem: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| COMPOUND_MODIFIERS.iter().copied().collect());
    SET.contains(stem)
}

/// Prefixes of nouns that stand before a noun as a compound's first part would: Un-verstand,
/// Miss-erfolg, Meta-beweis, Super-markt. `un` only before a head of five letters or more: Unfall
/// and Unrat are no kinds of Fall and Rat.
pub const NOUN_PREFIXES: &[&str] = &[
    "un", "miss", "miß", "anti", "hyper", "makro", "mega", "meta", "mikro", "mini", "multi",
    "pseudo", "super", "ultra",
];

/// Nouns made from verbs that separable verbs make their own nouns of: after a particle they are
/// the particle verb's noun (Vorzug from vorziehen, Einfall from einfallen, Anspruch from
/// ansprechen), not a kind of Zug, Fall, Spruch.
pub const VERBAL_HEADS: &[&str] = &[
    "bau", "blick", "bruch", "druck", "fahrt", "fall", "fang", "flug", "fluss", "fluß", "fuhr",
    "gabe", "gang", "griff", "halt", "hang", "kauf", "kunft", "lage", "lass", "laß", "lauf",
    "nahme", "rede", "riss", "riß", "ruf", "sage", "satz", "schied", "schlag", "schluss", "schluß",
    "schnitt", "schrift", "schritt", "schub", "schuss", "schuß", "sicht", "sitz", "sprache",
    "spruch", "sprung", "stand", "stieg", "stoß", "teil", "trag", "trieb", "tritt", "wand", "weis",
    "wurf", "zug", "zwang",
];

/// Nouns that are also the ending of other words: `Dokumente` is no Ente, `Denkweise` no Eis,
/// `Österreich` no Reich, `Universitäten` no Tat, `Stechende` no Ende, `Pessimist` no Mist. As a compound's head they
/// follow only a first part that is a word.
pub const ENDING_HEADS: &[&str] = &[
    "alt", "alter", "ast", "bar", "ecke", "ehe", "ei", "eis", "ende", "ente", "erde", "essen",
    "lage", "list", "mist", "ort", "rat", "reich", "ren", "ring", "ruhe", "sage", "tat", "tee",
    "tier", "tisch", "tor", "zunge",
];

/// Last parts of names of people and places (Eckermann, Einstein, Heidelberg, Feuchtersleben):
/// after a first part that is no known word, such a compound is taken for a name.
pub const NAME_HEADS: &[&str] = &[
    "bach", "baum", "berg", "born", "burg", "busch", "dorf", "feld", "furt", "hausen", "heim",
    "land", "leben", "mann", "sand", "stein", "wein",
];

/// Verb prefixes and particles that, at the end of a compound's first part, belong to its head
/// (Gerichts-ver-handlung, Prioritäts-an-spruch, Blitz-ab-leiter): the head is then a word the
/// glossary lacks (Verhandlung), not the noun after the prefix. Those of `PREFIX_ENDS_ALWAYS`
/// end no German noun; those of [`PREFIX_ENDS`] end many (Panzer, Prozent, Museum, Laser), and
/// count only after a word or a linking -s- (Wohl-er-gehen, Gerichts-ver-handlung).
pub const PREFIX_ENDS_ALWAYS: &[&str] = &[
    "ab", "auf", "aus", "bei", "dar", "durch", "hin", "miss", "miß", "nach", "über", "unter",
    "vor", "wider", "zu",
];

/// See [`PREFIX_ENDS_ALWAYS`].
pub const PREFIX_ENDS: &[&str] = &[
    "an", "be", "ein", "emp", "ent", "er", "ge", "her", "mit", "um", "ver", "weg", "zer",
];

/// Names that end like a compound but are none: Russland is not a kind of Land.
pub const NOT_COMPOUNDS: &[&str] = &[
    "deutschland",
    "england",
    "finnland",
    "griechenland",
    "grönland",
    "holland",
    "irland",
    "island",
    "lappland",
    "neuseeland",
    "russland",
    "rußland",
    "saarland",
    "schottland",
    "thailand",
    "rheinland",
    "estland",
    "lettland",
    "friesland",
    "vogtland",
    "sauerland",
    "emsland",
    "burgenland",
    "samland",
    // Names read as compounds of a word and a noun.
    "einstein",
];

/// Whether a word (lower case) is a name of [`NOT_COMPOUNDS`], or its genitive (Deutschlands).
pub fn is_not_compound(lower: &str) -> bool {
    NOT_COMPOUNDS.contains(&lower)
        || lower
            .strip_suffix('s')
            .is_some_and(|l| NOT_COMPOUNDS.contains(&l))
}

/// Endings that mark a compound's first part as a noun with its linking -s: Sicherheits-,
/// Regierungs-, Mitglieds-.
pub const LINKING_SUFFIXES: &[&str] = &[
    "ungs", "heits", "keits", "schafts", "ions", "täts", "lings", "tums", "nis",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_spellings_of_reformed_words() {
        assert_eq!(old_spellings("nummerieren"), ["numerieren"]);
        assert_eq!(old_spellings("geheimtipp"), ["geheimtip"]);
        assert!(old_spellings("tippen").is_empty());
        assert_eq!(old_spellings("rau"), ["rauh"]);
        assert!(old_spellings("frau").is_empty());
        assert_eq!(old_spellings("schifffahrt"), ["schiffahrt"]);
        assert_eq!(old_spellings("fotografie"), ["photographie"]);
        assert!(old_spellings("haus").is_empty());
    }

    #[test]
    fn adverbs_that_are_adjectives_too() {
        for w in [
            "schnell",
            "leicht",
            "schwer",
            "richtig",
            "wichtig",
            "klar",
            "voll",
            "gesund",
            "krank",
            "heiß",
            "leer",
            "treu",
            "glücklich",
            "zufrieden",
            "ganz",
            "gleich",
            "weise",
            "sinnlos",
            "wertvoll",
            "normal",
            "wütend",
            "ernst",
            "gespannt",
            "verschieden",
        ] {
            assert!(adverb_is_adjective(w), "{w}");
        }
    }

    #[test]
    fn true_adverbs_and_particles_are_no_adjectives() {
        for w in [
            "schon",
            "mal",
            "wohl",
            "dann",
            "noch",
            "sehr",
            "oft",
            "gern",
            "hier",
            "dort",
            "bald",
            "heute",
            "immer",
            "weg",
            "los",
            "nachts",
            "umsonst",
            "längst",
            "höchst",
            "vorhin",
            "bisher",
            "außen",
            "innen",
            "genauso",
            "jederzeit",
            "miteinander",
            "vorwärts",
            "diesmal",
            "glücklicherweise",
            "beschäftigt",
            "erfüllt",
            "interessiert",
        ] {
            assert!(!adverb_is_adjective(w), "{w}");
        }
    }

    #[test]
    fn compound_modifiers_are_found_by_their_stem() {
        assert!(COMPOUND_MODIFIERS.iter().all(|m| is_compound_modifier(m)));
        assert!(is_compound_modifier("abend"));
        assert!(!is_compound_modifier("abends"));
        assert!(!is_compound_modifier(""));
    }
}
