//! Noun declension: every case and number of a noun, from its gender and ending when the
//! glossary gives no plural.
//!
//! German plurals follow a handful of classes (die Frau → Frauen, der Stuhl → Stühle, das Dorf →
//! Dörfer, der Vogel → Vögel, der Junge → Jungen, das Auto → Autos). The ending and gender of a
//! noun name its class often enough, but not always: where two classes are open, both forms are
//! made, the rarer one marked [`Sureness::Possible`], so that the linker lets it lose to any
//! other word that has the same form.

use super::inflect::{Reading, cat};
use crate::glossary::Gender;

/// How sure a generated form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sureness {
    /// From the entry itself: its headword, its plural, or what follows from them for certain.
    Given,
    /// What the noun's class makes of it (die Zeitung → Zeitungen).
    Likely,
    /// One of two classes the noun may belong to (der Stuhl → Stühle, the other Stuhle).
    Possible,
}

/// One generated form of a noun.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NounForm {
    pub form: String,
    pub reading: Reading,
    pub sureness: Sureness,
}

/// Endings of weak masculine nouns (der Präsident, des Präsidenten). Of the nouns in -ast only
/// those in -iast, -nast and -tast are weak (der Gymnasiast, der Fantast); der Gast, der Palast
/// and der Kontrast are strong.
const WEAK_ENDINGS: &[&str] = &[
    "ant", "ent", "ist", "at", "oge", "graf", "graph", "soph", "nom", "et", "ot", "iast", "nast",
    "tast", "ad",
];

/// Weak masculines that no ending tells: der Mensch, des Menschen; der Bär, dem Bären.
const WEAK_MASCULINES: &[&str] = &[
    "mensch", "bär", "held", "fürst", "prinz", "narr", "christ", "hirt", "ochs", "spatz", "fink",
    "zar", "bub", "lump", "geck", "mohr",
];

/// Neuters of Latin origin whose plural is -ien (das Prinzip, die Prinzipien), and their
/// compounds (das Grundprinzip, das Baumaterial).
const IEN_PLURALS: &[&str] = &[
    "adverb", "fossil", "indiz", "kapital", "material", "mineral", "partizip", "prinzip",
    "privileg", "reptil", "utensil",
];

/// Feminine endings whose plural is -en (or -n) without exception.
const FEMININE_EN: &[&str] = &[
    "ung", "heit", "keit", "schaft", "ion", "tät", "ik", "ur", "enz", "anz", "ei", "ie", "ät",
];

/// Nouns of two or more syllables whose stem vowel takes no umlaut in the plural (der Monat,
/// not Mönate); umlauting only the stressed stem is what German does.
pub(crate) fn syllables(lower: &str) -> usize {
    let mut count = 0;
    let mut prev_vowel = false;
    for c in lower.chars() {
        let v = is_vowel(c);
        if v && !prev_vowel {
            count += 1;
        }
        prev_vowel = v;
    }
    count
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'ä' | 'ö' | 'ü' | 'y')
}

/// `Stuhl` → `Stühl`, `Haus` → `Häus`, `Vogel` → `Vögel`, `Saal` → `Säl`: the umlaut of the stem's
/// last full vowel (an unstressed -e-, -el, -er, -en at the end does not count). `None` when
/// that vowel cannot take one.
pub fn umlaut(noun: &str) -> Option<String> {
    let chars: Vec<char> = noun.chars().collect();
    let lower: Vec<char> = noun.to_lowercase().chars().collect();
    if lower.len() != chars.len() {
        return None;
    }
    // Skip an unstressed final syllable: Vogel, Vater, Garten, Tochter.
    let mut end = chars.len();
    for tail in [&['e', 'l'][..], &['e', 'r'], &['e', 'n'], &['e']] {
        if end > tail.len() + 1 && lower[end - tail.len()..end] == *tail {
            end -= tail.len();
            break;
        }
    }
    let at = (0..end).rev().find(|&i| is_vowel(lower[i]))?;
    let c = lower[at];
    let before = if at > 0 { Some(lower[at - 1]) } else { None };
    let mut out: Vec<char> = chars.clone();
    let up = chars[at].is_uppercase();
    let set = |out: &mut Vec<char>, i: usize, c: char| {
        out[i] = if up {
            c.to_uppercase().next().unwrap_or(c)
        } else {
            c
        };
    };
    match (before, c) {
        // au → äu (Haus → Häuser); eu, ei, ie take none.
        (Some('a'), 'u') => set(&mut out, at - 1, 'ä'),
        (Some('e' | 'i' | 'ä'), 'u' | 'i') | (Some('i'), 'e') => return None,
        // aa → ä (Saal → Säle), oo → ö (Boot → Boote keeps it, but the umlaut form is harmless).
        (Some('a'), 'a') => {
            set(&mut out, at - 1, 'ä');
            out.remove(at);
        }
        (Some('o'), 'o') => {
            set(&mut out, at - 1, 'ö');
            out.remove(at);
        }
        (_, 'a') => set(&mut out, at, 'ä'),
        (_, 'o') => set(&mut out, at, 'ö'),
        (_, 'u') => set(&mut out, at, 'ü'),
        _ => return None,
    }
    Some(out.into_iter().collect())
}

/// Collects forms, keeping the surest reading of each (form, reading) pair.
struct Forms<'n> {
    list: Vec<NounForm>,
    noun: &'n str,
    /// [`umlaut`] of the noun, once asked for.
    umlaut: std::cell::OnceCell<Option<String>>,
}

impl Forms<'_> {
    fn add(&mut self, form: String, reading: Reading, sureness: Sureness) {
        if let Some(f) = self
            .list
            .iter_mut()
            .find(|f| f.form == form && f.reading == reading)
        {
            f.sureness = f.sureness.min(sureness);
            return;
        }
        self.list.push(NounForm {
            form,
            reading,
            sureness,
        });
    }

    /// A plural and its dative (+n unless it ends in -n or -s).
    fn plural(&mut self, plural: String, sureness: Sureness) {
        let dative = (!plural.ends_with(['n', 's'])).then(|| cat!(plural, "n"));
        self.add(plural, Reading::Plural, sureness);
        if let Some(dative) = dative {
            self.add(dative, Reading::DativePlural, sureness);
        }
    }

    /// The plural of the noun with its stem vowel umlauted and `ending` added, if it has one.
    fn umlaut_plural(&mut self, ending: &str, sureness: Sureness) {
        let noun = self.noun;
        let Some(u) = self.umlaut.get_or_init(|| umlaut(noun)) else {
            return;
        };
        let plural = cat!(u, ending);
        self.plural(plural, sureness);
    }
}

/// Whether `noun` is a weak masculine by its ending (der Präsident, der Biologe), or one of
/// the few whose ending does not tell (der Mensch, der Bär).
fn weak_masculine_ending(lower: &str) -> bool {
    (WEAK_ENDINGS.iter().any(|e| lower.ends_with(e))
        && !lower.ends_with("rat")
        && !lower.ends_with("staat"))
        || WEAK_MASCULINES.contains(&lower)
}

/// The forms of a noun: genitive and other oblique singulars, plural, dative plural. With
/// `plural` given, the plural is that; without, it follows the noun's class.
pub fn noun_forms(noun: &str, gender: Option<Gender>, plural: Option<&str>) -> Vec<NounForm> {
    use Sureness::{Given, Likely, Possible};
    let lower = noun.to_lowercase();
    let mut out = Forms {
        list: Vec::with_capacity(16),
        noun,
        umlaut: std::cell::OnceCell::new(),
    };
    if let Some(p) = plural {
        out.plural(p.to_string(), Given);
    }
    let genders: &[Gender] = match gender {
        Some(Gender::M) => &[Gender::M],
        Some(Gender::F) => &[Gender::F],
        Some(Gender::N) => &[Gender::N],
        None => &[Gender::M, Gender::F, Gender::N],
    };
    // Without a gender every class is only possible.
    let cap = |s: Sureness| if gender.is_none() { Possible } else { s };
    let sibilant = lower.ends_with(['s', 'ß', 'x', 'z']) || lower.ends_with("sch");
    // An unstressed last syllable (Lehrer, Segen), not a one-syllable word (Tier, Meer) nor
    // the stressed -ier (Papier, Klavier).
    let unstressed_end = !stressed_ier(&lower)
        && syllables(&lower) > 1
        && ["e", "el", "er", "en", "em", "chen", "lein"]
            .iter()
            .any(|e| lower.ends_with(e));
    let vowel_end = lower.ends_with(['a', 'i', 'o', 'u', 'y']);
    let one_syllable = syllables(&lower) <= 1;
    for &g in genders {
        if g == Gender::F {
            if plural.is_none() {
                feminine_plural(noun, &lower, &mut out, gender.is_some());
            }
            continue;
        }
        // Masculine and neuter; der See, der Tee, der Schnee, der Käse are strong.
        let weak = g == Gender::M
            && !lower.ends_with("ee")
            && lower != "käse"
            && match plural {
                Some(p) => {
                    p.strip_prefix(noun).is_some_and(|e| e == "en" || e == "n")
                        && (weak_masculine_ending(&lower) || lower.ends_with('e'))
                }
                None => weak_masculine_ending(&lower) || lower.ends_with('e'),
            };
        if weak {
            let oblique = if lower.ends_with('e') {
                cat!(noun, "n")
            } else {
                cat!(noun, "en")
            };
            let s = if plural.is_some() { Given } else { cap(Likely) };
            out.add(oblique.clone(), Reading::ObliqueSingular, s);
            if plural.is_none() {
                out.plural(oblique.clone(), s);
            }
            if lower.ends_with('e') {
                // der Name, des Namens; der Buchstabe, des Buchstabens.
                out.add(cat!(oblique, "s"), Reading::GenitiveSingular, Possible);
            } else if plural.is_none() {
                // der Staat, des Staat(e)s; der Moment, des Moments: strong after all.
                out.add(cat!(noun, "s"), Reading::GenitiveSingular, Possible);
                out.add(cat!(noun, "es"), Reading::GenitiveSingular, Possible);
                out.plural(cat!(noun, "e"), Possible);
            }
            continue;
        }
        let gen_sure = if plural.is_some() { Given } else { cap(Likely) };
        if lower.ends_with("nis") {
            out.add(cat!(noun, "ses"), Reading::GenitiveSingular, gen_sure);
        } else if sibilant {
            out.add(cat!(noun, "es"), Reading::GenitiveSingular, gen_sure);
        } else {
            out.add(cat!(noun, "s"), Reading::GenitiveSingular, gen_sure);
            if !unstressed_end && !vowel_end {
                out.add(cat!(noun, "es"), Reading::GenitiveSingular, gen_sure);
            }
        }
        if !unstressed_end && !vowel_end && one_syllable && !lower.ends_with("nis") {
            // Old dative: im Hause, am Tage, zu Grabe.
            out.add(cat!(noun, "e"), Reading::DativeSingular, Possible);
        }
        if lower.ends_with('r') && g == Gender::M && plural.is_none() {
            // der Herr, den Herrn; der Bauer, des Bauern.
            out.add(cat!(noun, "n"), Reading::ObliqueSingular, Possible);
        }
        if plural.is_none() {
            masculine_neuter_plural(noun, &lower, g, &mut out, gender.is_some());
        }
    }
    out.list
}

/// Whether a noun ends in the stressed -ier of das Papier, das Klavier, der Offizier: a full
/// syllable, not the unstressed -er of der Lehrer, nor the -i-er of der Vegetarier, der
/// Proletarier. (Der Spanier, der Kanadier are unstressed too: their plural without ending
/// stays possible.)
fn stressed_ier(lower: &str) -> bool {
    lower.ends_with("ier") && !lower.ends_with("rier") && syllables(lower) > 1
}

/// Whether a noun ends in the suffix -tum (der Irrtum, das Eigentum; plural -tümer): after a
/// consonant, and not the Latin -ktum, -ptum, -ntum of das Faktum, das Quantum (Fakten).
fn tum_suffix(lower: &str) -> bool {
    lower.strip_suffix("tum").is_some_and(|stem| {
        stem.chars().last().is_some_and(|c| !is_vowel(c))
            && !stem.ends_with(['k', 'p'])
            && !stem.ends_with("an")
            && syllables(stem) >= 1
    })
}

/// Plurals of a feminine noun.
fn feminine_plural(noun: &str, lower: &str, out: &mut Forms, sure_gender: bool) {
    use Sureness::{Likely, Possible};
    let s = if sure_gender { Likely } else { Possible };
    if FEMININE_EN.iter().any(|e| lower.ends_with(e)) {
        out.plural(cat!(noun, en_ending(lower)), s);
    } else if lower.ends_with("in") {
        out.plural(cat!(noun, "nen"), s);
    } else if lower.ends_with("nis") {
        out.plural(cat!(noun, "se"), s);
    } else if lower.ends_with('e')
        || lower.ends_with("el")
        || (lower.ends_with("er") && !stressed_ier(lower))
    {
        out.plural(cat!(noun, "n"), s);
        // die Mutter → Mütter, die Tochter → Töchter.
        if lower.ends_with("er") {
            out.umlaut_plural("", Possible);
        }
    } else if lower.ends_with('a') {
        // die Firma → Firmen, die Kamera → Kameras.
        out.plural(cat!(&noun[..noun.len() - 1], "en"), Possible);
        out.plural(cat!(noun, "s"), Possible);
    } else if lower.ends_with(['i', 'o', 'u', 'y']) && !diphthong_end(lower) {
        out.plural(cat!(noun, "s"), s);
    } else {
        // die Frau → Frauen; die Hand → Hände, die Nacht → Nächte.
        out.plural(cat!(noun, en_ending(lower)), s);
        out.umlaut_plural("e", Possible);
    }
}

/// Frau, Bau, Brei: a diphthong at the end takes the endings of a consonant.
fn diphthong_end(lower: &str) -> bool {
    ["au", "eu", "äu", "ei", "ai"]
        .iter()
        .any(|d| lower.ends_with(d))
}

/// -en after a consonant and the stressed -ier, -n after an -e, -el, -er (Frau-en, Regel-n,
/// Manier-en).
fn en_ending(lower: &str) -> &'static str {
    if lower.ends_with('e')
        || lower.ends_with("el")
        || (lower.ends_with("er") && !stressed_ier(lower))
    {
        "n"
    } else {
        "en"
    }
}

/// An -el that is no unstressed ending: after a vowel (das Spiel, das Beispiel, das Ziel) or
/// doubled (das Modell, das Duell). Such nouns take -e (Beispiele, Modelle).
fn stressed_el(lower: &str) -> bool {
    lower.strip_suffix("el").is_some_and(|stem| {
        stem.ends_with(['a', 'e', 'i', 'o', 'u', 'ä', 'ö', 'ü']) || stem.ends_with('l')
    })
}

/// Plurals of a (strong) masculine or neuter noun.
fn masculine_neuter_plural(
    noun: &str,
    lower: &str,
    gender: Gender,
    out: &mut Forms,
    sure_gender: bool,
) {
    use Sureness::{Likely, Possible};
    let likely = if sure_gender { Likely } else { Possible };
    let stem_of = |suffix: &str| &noun[..noun.len() - suffix.len()];
    if IEN_PLURALS.iter().any(|e| lower.ends_with(e)) {
        // das Prinzip → Prinzipien, das Material → Materialien.
        out.plural(cat!(noun, "ien"), likely);
    }
    if stressed_ier(lower) {
        // der Spanier, die Spanier: an -ier that is -i-er after all.
        out.plural(noun.to_string(), Possible);
    }
    if lower.ends_with("chen") || lower.ends_with("lein") {
        out.plural(noun.to_string(), likely);
    } else if (lower.ends_with("el") || lower.ends_with("er") || lower.ends_with("en"))
        && syllables(lower) > 1
        && !stressed_ier(lower)
        && !stressed_el(lower)
    {
        // der Lehrer, die Lehrer; der Vogel → Vögel; der Garten → Gärten.
        out.plural(noun.to_string(), likely);
        out.umlaut_plural("", Possible);
        if lower.ends_with("el") || lower.ends_with("er") {
            // der Bauer → Bauern, der Stachel → Stacheln, das Auge-like -n plurals.
            out.plural(cat!(noun, "n"), Possible);
        }
        if lower.ends_with("men") && gender == Gender::N && syllables(lower) > 2 {
            // das Phänomen → Phänomene: a Greek neuter with its -en stressed (das Pronomen,
            // das Examen keep theirs).
            out.plural(cat!(noun, "e"), Possible);
        }
    } else if tum_suffix(lower) {
        // der Irrtum → Irrtümer, das Eigentum → Eigentümer; das Faktum-like Latin -ten.
        out.umlaut_plural("er", likely);
        out.plural(cat!(stem_of("um"), "en"), Possible);
    } else if lower.ends_with("ee") {
        // der See → Seen, der Tee → Tees.
        out.plural(cat!(noun, "n"), likely);
        out.plural(cat!(noun, "s"), Possible);
    } else if lower.ends_with('e') {
        // das Auge → Augen, das Ende → Enden; das Gebäude → Gebäude.
        out.plural(cat!(noun, "n"), likely);
        out.plural(noun.to_string(), Possible);
    } else if lower.ends_with("ium") {
        out.plural(cat!(stem_of("ium"), "ien"), likely);
    } else if lower.ends_with("um") && syllables(lower) > 1 && !lower.ends_with("aum") {
        // das Museum → Museen, das Zentrum → Zentren; not der Baum, der Raum.
        out.plural(cat!(stem_of("um"), "en"), likely);
    } else if lower.ends_with("ma") && gender == Gender::N {
        // das Thema → Themen, das Komma → Kommas, das Schema → Schemata.
        out.plural(cat!(stem_of("a"), "en"), likely);
        out.plural(cat!(noun, "s"), Possible);
        out.plural(cat!(noun, "ta"), Possible);
    } else if lower.ends_with(['a', 'i', 'o', 'u', 'y']) && !diphthong_end(lower) {
        out.plural(cat!(noun, "s"), likely);
    } else if lower.ends_with("ismus") {
        out.plural(cat!(stem_of("us"), "en"), likely);
    } else if lower.ends_with("us") && !diphthong_end(&lower[..lower.len() - 1]) {
        // der Bus → Busse; der Rhythmus → Rhythmen.
        out.plural(cat!(noun, "se"), likely);
        out.plural(cat!(stem_of("us"), "en"), Possible);
    } else if lower.ends_with("nis") {
        out.plural(cat!(noun, "se"), likely);
    } else if lower.ends_with("or") && syllables(lower) > 1 {
        // der Motor → Motoren, der Autor → Autoren; der Meteor → Meteore.
        out.plural(cat!(noun, "en"), likely);
        out.plural(cat!(noun, "e"), Possible);
    } else {
        // The open classes: der Tag → Tage, der Stuhl → Stühle, das Jahr → Jahre, das Dorf →
        // Dörfer, der Wald → Wälder, der Mensch → Menschen, der Park → Parks.
        let one_syllable = syllables(lower) <= 1;
        let ends_ss = lower.ends_with("ss") || lower.ends_with('ß');
        out.plural(cat!(noun, "e"), likely);
        // Umlaut and -e is masculine (der Stuhl → Stühle); a neuter takes it with -er only
        // (das Dorf → Dörfer): das Blut has no plural Blüte.
        if gender == Gender::M {
            let umlaut_e = if one_syllable { likely } else { Possible };
            out.umlaut_plural("e", umlaut_e);
        }
        let er = if gender == Gender::N && one_syllable {
            likely
        } else {
            Possible
        };
        if ends_ss {
            // das Schloss → Schlösser, das Fass → Fässer.
            out.umlaut_plural("er", Possible);
        } else {
            out.plural(cat!(noun, "er"), er);
            out.umlaut_plural("er", er);
        }
        out.plural(cat!(noun, "en"), Possible);
        out.plural(cat!(noun, "s"), Possible);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plural_of(noun: &str, gender: Option<Gender>) -> Vec<(String, Sureness)> {
        noun_forms(noun, gender, None)
            .into_iter()
            .filter(|f| f.reading == Reading::Plural)
            .map(|f| (f.form, f.sureness))
            .collect()
    }

    fn has(noun: &str, gender: Gender, form: &str, reading: Reading) -> bool {
        noun_forms(noun, Some(gender), None)
            .iter()
            .any(|f| f.form == form && f.reading == reading)
    }

    #[test]
    fn umlaut_of_the_stem_vowel() {
        assert_eq!(umlaut("Stuhl").as_deref(), Some("Stühl"));
        assert_eq!(umlaut("Haus").as_deref(), Some("Häus"));
        assert_eq!(umlaut("Vogel").as_deref(), Some("Vögel"));
        assert_eq!(umlaut("Garten").as_deref(), Some("Gärten"));
        assert_eq!(umlaut("Saal").as_deref(), Some("Säl"));
        assert_eq!(umlaut("Bahnhof").as_deref(), Some("Bahnhöf"));
        assert_eq!(umlaut("Ofen").as_deref(), Some("Öfen"));
        assert_eq!(umlaut("Geist"), None);
        assert_eq!(umlaut("Tisch"), None);
    }

    #[test]
    fn feminine_plurals() {
        assert!(has("Zeitung", Gender::F, "Zeitungen", Reading::Plural));
        assert!(has("Frau", Gender::F, "Frauen", Reading::Plural));
        assert!(has("Lehrerin", Gender::F, "Lehrerinnen", Reading::Plural));
        assert!(has("Regel", Gender::F, "Regeln", Reading::Plural));
        assert!(has("Hand", Gender::F, "Hände", Reading::Plural));
        assert!(has("Hand", Gender::F, "Händen", Reading::DativePlural));
        assert!(has("Mutter", Gender::F, "Mütter", Reading::Plural));
        assert!(has("Firma", Gender::F, "Firmen", Reading::Plural));
        assert!(!has("Frau", Gender::F, "Fraus", Reading::GenitiveSingular));
    }

    #[test]
    fn masculine_plurals_with_and_without_umlaut() {
        assert!(has("Stuhl", Gender::M, "Stühle", Reading::Plural));
        assert!(has("Stuhl", Gender::M, "Stühlen", Reading::DativePlural));
        assert!(has("Tag", Gender::M, "Tage", Reading::Plural));
        assert!(has("Wald", Gender::M, "Wälder", Reading::Plural));
        assert!(has("Vogel", Gender::M, "Vögel", Reading::Plural));
        assert!(has("Laden", Gender::M, "Läden", Reading::Plural));
        assert!(has("Lehrer", Gender::M, "Lehrern", Reading::DativePlural));
        assert!(has("Motor", Gender::M, "Motoren", Reading::Plural));
        assert!(has("Held", Gender::M, "Helden", Reading::Plural));
    }

    #[test]
    fn a_stressed_el_takes_e() {
        assert!(has("Beispiel", Gender::N, "Beispiele", Reading::Plural));
        assert!(has(
            "Beispiel",
            Gender::N,
            "Beispielen",
            Reading::DativePlural
        ));
        assert!(!has("Beispiel", Gender::N, "Beispiel", Reading::Plural));
        assert!(has("Ziel", Gender::N, "Ziele", Reading::Plural));
        assert!(has("Modell", Gender::N, "Modelle", Reading::Plural));
        // An unstressed -el keeps its form: das Mittel, die Mittel.
        assert!(has("Mittel", Gender::N, "Mittel", Reading::Plural));
    }

    #[test]
    fn neuter_plurals() {
        assert!(has("Dorf", Gender::N, "Dörfer", Reading::Plural));
        assert!(has("Kind", Gender::N, "Kinder", Reading::Plural));
        assert!(has("Tier", Gender::N, "Tiere", Reading::Plural));
        assert!(has("Tier", Gender::N, "Tieres", Reading::GenitiveSingular));
        assert!(has("Jahr", Gender::N, "Jahre", Reading::Plural));
        assert!(has("Fenster", Gender::N, "Fenstern", Reading::DativePlural));
        assert!(has("Museum", Gender::N, "Museen", Reading::Plural));
        assert!(has("Baum", Gender::M, "Bäume", Reading::Plural));
        assert!(has("See", Gender::M, "Seen", Reading::Plural));
        assert!(has("See", Gender::M, "Sees", Reading::GenitiveSingular));
        assert!(has("Thema", Gender::N, "Themen", Reading::Plural));
        assert!(has("Auto", Gender::N, "Autos", Reading::Plural));
        assert!(has(
            "Mädchen",
            Gender::N,
            "Mädchens",
            Reading::GenitiveSingular
        ));
        assert!(has("Haus", Gender::N, "Hause", Reading::DativeSingular));
        assert!(has("Haus", Gender::N, "Häuser", Reading::Plural));
    }

    #[test]
    fn weak_masculines() {
        assert!(has("Junge", Gender::M, "Jungen", Reading::ObliqueSingular));
        assert!(has("Präsident", Gender::M, "Präsidenten", Reading::Plural));
        assert!(has(
            "Buchstabe",
            Gender::M,
            "Buchstabens",
            Reading::GenitiveSingular
        ));
        assert!(has("Herr", Gender::M, "Herrn", Reading::ObliqueSingular));
    }

    #[test]
    fn weak_masculine_and_nis_nouns_with_a_given_plural() {
        let f = noun_forms("Diplomat", Some(Gender::M), Some("Diplomaten"));
        assert!(
            f.iter()
                .any(|x| x.form == "Diplomaten" && x.reading == Reading::ObliqueSingular)
        );
        // Weak without a telling ending, with a plural given or not.
        for plural in [Some("Menschen"), None] {
            let f = noun_forms("Mensch", Some(Gender::M), plural);
            assert!(
                f.iter()
                    .any(|x| x.form == "Menschen" && x.reading == Reading::ObliqueSingular),
                "{plural:?}"
            );
        }
        // der Käse, den Käse: strong.
        let f = noun_forms("Käse", Some(Gender::M), None);
        assert!(!f.iter().any(|x| x.reading == Reading::ObliqueSingular));
        let f = noun_forms("Bündnis", Some(Gender::N), Some("Bündnisse"));
        assert!(f.iter().any(|x| x.form == "Bündnisses"));
        assert!(f.iter().any(|x| x.form == "Bündnissen"));
        assert!(f.iter().all(|x| x.sureness == Sureness::Given));
    }

    #[test]
    fn the_likelier_class_is_marked_likely() {
        let p = plural_of("Stuhl", Some(Gender::M));
        assert!(p.contains(&("Stühle".to_string(), Sureness::Likely)));
        let p = plural_of("Zeitung", None);
        assert!(p.iter().all(|(_, s)| *s == Sureness::Possible));
    }

    #[test]
    fn nouns_in_ast_are_strong_unless_they_name_a_person_by_a_foreign_suffix() {
        assert!(has("Gast", Gender::M, "Gäste", Reading::Plural));
        assert!(has("Gast", Gender::M, "Gästen", Reading::DativePlural));
        assert!(has("Ehrengast", Gender::M, "Ehrengäste", Reading::Plural));
        assert!(!has("Gast", Gender::M, "Gasten", Reading::ObliqueSingular));
        assert!(has("Palast", Gender::M, "Paläste", Reading::Plural));
        assert!(has(
            "Gymnasiast",
            Gender::M,
            "Gymnasiasten",
            Reading::ObliqueSingular
        ));
        assert!(has("Fantast", Gender::M, "Fantasten", Reading::Plural));
    }

    #[test]
    fn a_stressed_ier_is_a_full_syllable() {
        let p = plural_of("Papier", Some(Gender::N));
        assert!(
            p.contains(&("Papiere".to_string(), Sureness::Likely)),
            "{p:?}"
        );
        assert!(has("Papier", Gender::N, "Papieren", Reading::DativePlural));
        assert!(has("Offizier", Gender::M, "Offiziere", Reading::Plural));
        assert!(
            p.contains(&("Papier".to_string(), Sureness::Possible)),
            "{p:?}"
        );
        assert!(has("Manier", Gender::F, "Manieren", Reading::Plural));
        // The unstressed -er stays: der Lehrer, die Lehrer; der Vegetarier, die Vegetarier.
        assert!(has("Lehrer", Gender::M, "Lehrer", Reading::Plural));
        assert!(has(
            "Vegetarier",
            Gender::M,
            "Vegetariern",
            Reading::DativePlural
        ));
        assert!(has("Spanier", Gender::M, "Spanier", Reading::Plural));
    }

    #[test]
    fn greek_neuters_in_men_may_take_e() {
        assert!(has("Phänomen", Gender::N, "Phänomene", Reading::Plural));
        assert!(has(
            "Phänomen",
            Gender::N,
            "Phänomenen",
            Reading::DativePlural
        ));
        assert!(has("Pronomen", Gender::N, "Pronomen", Reading::Plural));
    }

    #[test]
    fn nouns_in_tum_make_tuemer() {
        assert!(has("Irrtum", Gender::M, "Irrtümer", Reading::Plural));
        assert!(has("Irrtum", Gender::M, "Irrtümern", Reading::DativePlural));
        assert!(has("Eigentum", Gender::N, "Eigentümer", Reading::Plural));
        assert!(has("Heiligtum", Gender::N, "Heiligtümer", Reading::Plural));
        // Latin -tum after a vowel or k: das Datum → Daten, das Faktum → Fakten.
        assert!(has("Datum", Gender::N, "Daten", Reading::Plural));
        assert!(!has("Datum", Gender::N, "Datümer", Reading::Plural));
        assert!(has("Faktum", Gender::N, "Fakten", Reading::Plural));
    }

    #[test]
    fn latin_neuters_in_ien() {
        for (noun, plural) in [
            ("Prinzip", "Prinzipien"),
            ("Grundprinzip", "Grundprinzipien"),
            ("Material", "Materialien"),
            ("Fossil", "Fossilien"),
            ("Mineral", "Mineralien"),
        ] {
            assert!(has(noun, Gender::N, plural, Reading::Plural), "{noun}");
        }
    }

    #[test]
    fn a_neuter_takes_its_umlaut_with_er_only() {
        assert!(!has("Blut", Gender::N, "Blüten", Reading::DativePlural));
        assert!(!has("Blut", Gender::N, "Blüte", Reading::Plural));
        assert!(has("Dorf", Gender::N, "Dörfer", Reading::Plural));
        assert!(has("Stuhl", Gender::M, "Stühle", Reading::Plural));
    }

    #[test]
    fn a_given_plural_is_the_only_one() {
        let f = noun_forms("Bank", Some(Gender::F), Some("Bänke"));
        let plurals: Vec<&str> = f
            .iter()
            .filter(|f| f.reading == Reading::Plural)
            .map(|f| f.form.as_str())
            .collect();
        assert_eq!(plurals, ["Bänke"]);
    }
}
