//! What closed-class words tell the linker: pronouns and their persons, articles and the case,
//! gender and number they allow, prepositions and the case they govern, auxiliaries, names.

use crate::de::inflect::{Person, Reading, ReadingSet};
use crate::glossary::Gender;
use rustc_hash::FxHashMap;

/// Roles of a word, as bits.
pub mod class {
    pub const ICH: u32 = 1;
    pub const DU: u32 = 1 << 1;
    pub const IHR: u32 = 1 << 2;
    pub const AUXILIARY: u32 = 1 << 3;
    pub const SUBORDINATOR: u32 = 1 << 4;
    pub const SUBJECT_PRONOUN: u32 = 1 << 5;
    pub const REFLEXIVE: u32 = 1 << 6;
    pub const SINGULAR_ARTICLE: u32 = 1 << 7;
    pub const DETERMINER: u32 = 1 << 8;
    pub const ZU: u32 = 1 << 9;
    pub const WIR: u32 = 1 << 10;
    /// er, es, man: a third person singular subject.
    pub const THIRD: u32 = 1 << 11;
    /// sie, Sie: third person singular or plural, or the polite form.
    pub const SIE: u32 = 1 << 12;
    pub const PREPOSITION: u32 = 1 << 13;
    /// A first name: the capitalized word after it is a surname (Otto Hahn).
    pub const FIRST_NAME: u32 = 1 << 14;
    /// Dr., Prof.: the capitalized word after it is a name.
    pub const TITLE: u32 = 1 << 15;
    /// Words that stand between a determiner and its noun without being adjectives: sehr, so.
    pub const DEGREE: u32 = 1 << 16;
    /// Forms of werden: a participle with them is a verb's (`wurden entfernt`), not an
    /// adjective of the same form.
    pub const WERDEN: u32 = 1 << 17;
    /// Forms of haben: with them a participle's form is a verb's even without the verb in
    /// the glossary (`hat … verloren`).
    pub const HABEN: u32 = 1 << 18;
    /// Either.
    pub const HABEN_WERDEN: u32 = HABEN | WERDEN;
}

/// Case, gender and number as bits: masculine nominative, genitive, dative, accusative; then
/// feminine, neuter and plural the same way.
pub type Slots = u16;

const NOM: Slots = 0b0001_0001_0001_0001;
const GEN: Slots = NOM << 1;
const DAT: Slots = NOM << 2;
const ACC: Slots = NOM << 3;
const M: Slots = 0b1111;
const F: Slots = M << 4;
const N: Slots = M << 8;
const P: Slots = M << 12;
const SINGULAR: Slots = M | F | N;

/// What the class table knows of a word.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    pub class: u32,
    /// For a determiner: the slots it can stand in.
    pub slots: Slots,
    /// For a preposition: the cases it governs (as slots over every gender and number).
    pub governs: Slots,
}

/// Articles and pronouns that only stand before a singular noun in an oblique case.
const SINGULAR_ARTICLES: &[&str] = &[
    "des", "dem", "eines", "einem", "einen", "dieses", "diesem", "jedes", "jedem", "jeden",
    "seines", "seinem", "seinen", "ihres", "ihrem", "unseres", "unserem", "keines", "keinem",
];

pub const SUBJECT_PRONOUNS: &[&str] = &["ich", "du", "er", "sie", "es", "wir", "ihr", "man"];
pub const REFLEXIVE_PRONOUNS: &[&str] = &["sich", "mich", "dich", "uns", "euch", "mir", "dir"];

/// Forms of haben, sein and werden that make a participle likely.
const AUXILIARIES: &[&str] = &[
    "hat", "habe", "haben", "hast", "habt", "hatte", "hatten", "hätte", "hätten", "ist", "sind",
    "bin", "bist", "seid", "sei", "seien", "war", "waren", "wäre", "wären", "wird", "werden",
    "wurde", "wurden", "würde", "würden", "worden", "gewesen", "sein", "wirst", "werde",
];

/// The endings of `der`-words (dieser, jener, jeder, welcher, mancher, solcher).
fn der_word(ending: &str) -> Slots {
    match ending {
        "er" => M & NOM | F & (GEN | DAT) | P & GEN,
        "e" => F & (NOM | ACC) | P & (NOM | ACC),
        "es" => N & (NOM | ACC) | (M | N) & GEN,
        "em" => (M | N) & DAT,
        "en" => M & ACC | P & DAT,
        _ => 0,
    }
}

/// The endings of `ein`-words (ein, kein, mein, sein, unser, …); `plural` for those that have one.
fn ein_word(ending: &str, plural: bool) -> Slots {
    let p = if plural { P } else { 0 };
    match ending {
        "" => M & NOM | N & (NOM | ACC),
        "e" => F & (NOM | ACC) | p & (NOM | ACC),
        "en" => M & ACC | p & DAT,
        "em" => (M | N) & DAT,
        "er" => F & (GEN | DAT) | p & GEN,
        "es" => (M | N) & GEN,
        _ => 0,
    }
}

/// The forms of the `ein`-words, by ending: -, -e, -en, -em, -er, -es.
const EIN_FORMS: [[&str; 6]; 7] = [
    ["kein", "keine", "keinen", "keinem", "keiner", "keines"],
    ["mein", "meine", "meinen", "meinem", "meiner", "meines"],
    ["dein", "deine", "deinen", "deinem", "deiner", "deines"],
    ["sein", "seine", "seinen", "seinem", "seiner", "seines"],
    [
        "unser", "unsere", "unseren", "unserem", "unserer", "unseres",
    ],
    ["euer", "eure", "euren", "eurem", "eurer", "eures"],
    ["ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres"],
];

fn table() -> FxHashMap<&'static str, WordInfo> {
    let mut m: FxHashMap<&'static str, WordInfo> = FxHashMap::default();
    let mut add = |w: &'static str, class: u32| m.entry(w).or_default().class |= class;
    for w in AUXILIARIES {
        add(w, class::AUXILIARY);
    }
    for w in [
        "hat", "habe", "haben", "hast", "habt", "hatte", "hatten", "hattest", "hätte", "hätten",
        "hättest",
    ] {
        add(w, class::HABEN);
    }
    for w in [
        "wird", "werden", "wurde", "wurden", "würde", "würden", "worden", "wirst", "werde",
    ] {
        add(w, class::WERDEN);
    }
    for w in crate::de::sentence::SUBORDINATORS {
        add(w, class::SUBORDINATOR);
    }
    for w in SUBJECT_PRONOUNS {
        add(w, class::SUBJECT_PRONOUN);
    }
    for w in REFLEXIVE_PRONOUNS {
        add(w, class::REFLEXIVE);
    }
    for w in SINGULAR_ARTICLES {
        add(w, class::SINGULAR_ARTICLE);
    }
    add("zu", class::ZU);
    add("ich", class::ICH);
    add("du", class::DU);
    add("ihr", class::IHR);
    add("wir", class::WIR);
    for w in ["er", "es", "man"] {
        add(w, class::THIRD);
    }
    add("sie", class::SIE);
    for w in crate::de::lexicon::FIRST_NAMES {
        add(w, class::FIRST_NAME);
    }
    // Not Herr and Frau: Herr Präsident, Frau Lehrerin are nouns as often as names.
    for w in ["dr.", "prof."] {
        add(w, class::TITLE);
    }
    for w in [
        "sehr",
        "so",
        "ganz",
        "besonders",
        "recht",
        "ziemlich",
        "äußerst",
        "zu",
        "noch",
        "etwas",
        "immer",
        "weniger",
        "mehr",
        "kaum",
        "fast",
        "nicht",
    ] {
        add(w, class::DEGREE);
    }
    let mut det = |w: &'static str, slots: Slots| {
        let e = m.entry(w).or_default();
        e.class |= class::DETERMINER;
        e.slots |= slots;
    };
    det("der", M & NOM | F & (GEN | DAT) | P & GEN);
    det("die", F & (NOM | ACC) | P & (NOM | ACC));
    det("das", N & (NOM | ACC));
    det("den", M & ACC | P & DAT);
    det("dem", (M | N) & DAT);
    det("des", (M | N) & GEN);
    for (w, e) in [
        ("ein", ""),
        ("eine", "e"),
        ("einen", "en"),
        ("einem", "em"),
        ("einer", "er"),
        ("eines", "es"),
    ] {
        det(w, ein_word(e, false));
    }
    for forms in EIN_FORMS {
        for (form, ending) in forms.into_iter().zip(["", "e", "en", "em", "er", "es"]) {
            // `ihr`, `sein` alone are too often pronoun and verb to count as articles.
            if ending.is_empty() && matches!(form, "ihr" | "sein") {
                continue;
            }
            det(form, ein_word(ending, true));
        }
    }
    for stem in ["dies", "jen", "jed", "welch", "manch", "solch"] {
        for ending in ["er", "e", "es", "em", "en"] {
            let w: &'static str = Box::leak(format!("{stem}{ending}").into_boxed_str());
            det(w, der_word(ending));
        }
    }
    for (w, slots) in [
        ("alle", P & (NOM | ACC)),
        ("allen", P & DAT),
        ("aller", P & GEN),
        ("viele", P & (NOM | ACC)),
        ("vielen", P & DAT),
        ("einige", P & (NOM | ACC)),
        ("einigen", P & DAT),
        ("mehrere", P & (NOM | ACC)),
        ("mehreren", P & DAT),
        ("wenige", P & (NOM | ACC)),
        ("beide", P & (NOM | ACC)),
        ("beiden", P & DAT),
        ("zwei", P),
        ("drei", P),
        ("vier", P),
        ("fünf", P),
        ("sechs", P),
        ("sieben", P),
        ("acht", P),
        ("neun", P),
        ("zehn", P),
        ("zum", (M | N) & DAT),
        ("zur", F & DAT),
        ("im", (M | N) & DAT),
        ("am", (M | N) & DAT),
        ("vom", (M | N) & DAT),
        ("beim", (M | N) & DAT),
        ("ins", N & ACC),
        ("ans", N & ACC),
        ("aufs", N & ACC),
        ("fürs", N & ACC),
        ("ums", N & ACC),
        ("durchs", N & ACC),
    ] {
        det(w, slots);
    }
    let mut prep = |words: &[&'static str], governs: Slots| {
        for w in words {
            let e = m.entry(w).or_default();
            e.class |= class::PREPOSITION;
            e.governs |= governs;
        }
    };
    prep(
        &[
            "mit",
            "aus",
            "bei",
            "nach",
            "seit",
            "von",
            "zu",
            "gegenüber",
            "außer",
            "samt",
            "nebst",
            "entgegen",
        ],
        DAT,
    );
    prep(&["durch", "für", "gegen", "ohne", "um", "bis"], ACC);
    prep(
        &[
            "wegen",
            "während",
            "trotz",
            "statt",
            "anstatt",
            "innerhalb",
            "außerhalb",
            "aufgrund",
            "mittels",
            "infolge",
        ],
        GEN,
    );
    prep(
        &[
            "in", "an", "auf", "über", "unter", "vor", "hinter", "neben", "zwischen",
        ],
        ACC | DAT,
    );
    m
}

/// The closed-class roles of a lowercased word (one hash lookup instead of list scans).
pub fn word_info(lower: &str) -> WordInfo {
    static TABLE: std::sync::LazyLock<FxHashMap<&'static str, WordInfo>> =
        std::sync::LazyLock::new(table);
    if lower.len() > 12 {
        return WordInfo::default();
    }
    TABLE.get(lower).copied().unwrap_or_default()
}

/// The slots a noun's form can fill, from its gender and readings.
pub fn noun_slots(gender: Option<Gender>, readings: ReadingSet, weak: bool) -> Slots {
    let g = match gender {
        Some(Gender::M) => M,
        Some(Gender::F) => F,
        Some(Gender::N) => N,
        None => SINGULAR,
    };
    let mut slots = 0;
    for r in readings.iter() {
        slots |= match r {
            Reading::Headword | Reading::ListedForm => match gender {
                None => SINGULAR,
                Some(_) if weak => g & NOM,
                Some(Gender::F) => F,
                Some(_) => g & (NOM | DAT | ACC),
            },
            Reading::GenitiveSingular => g & GEN,
            Reading::DativeSingular => g & DAT,
            Reading::ObliqueSingular => g & (GEN | DAT | ACC),
            Reading::Plural => P,
            Reading::DativePlural => P & DAT,
            _ => 0,
        };
    }
    slots
}

/// How well a noun agrees with the article or preposition before it: 4 agrees in the likeliest
/// case, 3 agrees as a plural only, 2 agrees in a less likely case, 1 nothing to agree with,
/// 0 disagrees.
pub fn agreement(before: Option<Before>, noun: Slots) -> u8 {
    let Some(before) = before else {
        return 1;
    };
    if before.likely & noun & SINGULAR != 0 {
        4
    } else if before.likely & noun != 0 {
        3
    } else if before.possible & noun != 0 {
        2
    } else {
        0
    }
}

/// What stands before a noun: the slots its article (or preposition) allows, and the likelier
/// ones of those given what comes before the article.
#[derive(Debug, Clone, Copy)]
pub struct Before {
    pub possible: Slots,
    pub likely: Slots,
}

/// The article or preposition in front of the word at `at` (an index into `infos`), skipping
/// adjectives and degree words between: `der große Kiefer`, `mit der Kiefer`, `mit Journalisten`.
pub fn before_noun<'a>(
    infos: &[WordInfo],
    lower: impl Fn(usize) -> &'a str,
    capital: &[bool],
    at: usize,
) -> Option<Before> {
    let mut k = at;
    let mut skipped = 0;
    while k > 0 && skipped <= 3 {
        k -= 1;
        let info = infos[k];
        if info.class & class::DETERMINER != 0 {
            let mut possible = info.slots;
            let prev = k.checked_sub(1).map(|p| (infos[p], capital[p]));
            let likely = match prev {
                // mit der Kiefer: the preposition's case, and no other.
                Some((p, _)) if p.class & class::PREPOSITION != 0 && possible & p.governs != 0 => {
                    possible &= p.governs;
                    possible
                }
                // die Nadeln der Kiefer: after a noun, an attribute in the genitive.
                Some((_, true)) if k > 1 => possible & GEN,
                // Otherwise subject or object: nominative or accusative.
                _ => possible & (NOM | ACC),
            };
            let likely = if likely == 0 { possible } else { likely };
            return Some(Before { possible, likely });
        }
        if info.class & class::PREPOSITION != 0 {
            return (k + 1 == at).then_some(Before {
                possible: info.governs,
                likely: info.governs,
            });
        }
        let w = lower(k);
        let adjective_like = !capital[k]
            && (info.class & class::DEGREE != 0
                || ["e", "en", "er", "es", "em"].iter().any(|e| w.ends_with(e)));
        if !adjective_like {
            return None;
        }
        skipped += 1;
    }
    None
}

/// Grammatical persons as bits, for matching a reflexive pronoun to its subject.
pub mod person {
    pub const S1: u8 = 1;
    pub const S2: u8 = 1 << 1;
    pub const S3: u8 = 1 << 2;
    pub const P1: u8 = 1 << 3;
    pub const P2: u8 = 1 << 4;
    pub const P3: u8 = 1 << 5;
    pub const ANY: u8 = 0x3f;
}

/// The person of a reflexive pronoun: mich/mir 1st singular, sich 3rd (or the polite Sie), …
pub fn reflexive_person(lower: &str) -> u8 {
    match lower {
        "mich" | "mir" => person::S1,
        "dich" | "dir" => person::S2,
        "sich" => person::S3 | person::P3,
        "uns" => person::P1,
        "euch" => person::P2,
        _ => 0,
    }
}

/// The persons a clause's subject pronouns allow (`ich` 1st singular, `sie` 3rd), or 0.
pub fn pronoun_persons(clause_classes: u32) -> u8 {
    let mut p = 0;
    if clause_classes & class::ICH != 0 {
        p |= person::S1;
    }
    if clause_classes & class::DU != 0 {
        p |= person::S2;
    }
    if clause_classes & class::WIR != 0 {
        p |= person::P1;
    }
    if clause_classes & class::IHR != 0 {
        p |= person::P2;
    }
    if clause_classes & class::THIRD != 0 {
        p |= person::S3;
    }
    if clause_classes & class::SIE != 0 {
        p |= person::S3 | person::P3;
    }
    p
}

/// The persons a verb form's subject can have. A finite form says it (erinnere: 1st singular);
/// an infinitive or participle takes the person of the clause's subject pronoun, else a noun's
/// third person (`das hat mich geärgert`); a zu-infinitive has no subject of its own.
pub fn verb_persons(readings: ReadingSet, subject: u8, zu: bool) -> u8 {
    let mut p = 0;
    for r in readings.iter() {
        p |= match r {
            Reading::Present(x)
            | Reading::Past(x)
            | Reading::SubjunctiveI(x)
            | Reading::SubjunctiveII(x) => match x {
                Person::S1 => person::S1,
                Person::S2 => person::S2,
                Person::S3 => person::S3,
                Person::S13 => person::S1 | person::S3,
                Person::P13 => person::P1 | person::P3,
                Person::P2 => person::P2,
            },
            // Nimm dir Zeit, nehmt euch Zeit, nehmen Sie sich Zeit, nehmen wir uns Zeit.
            Reading::Imperative => person::S2 | person::P2 | person::P3 | person::P1,
            Reading::ZuInfinitive => person::ANY,
            _ if zu => person::ANY,
            r if r.is_verbal() => {
                if subject == 0 {
                    person::S3 | person::P3
                } else {
                    subject
                }
            }
            _ => 0,
        };
    }
    p
}

/// What a clause says about the word being explained, to pick among its possible readings.
#[derive(Debug, Clone, Copy)]
pub struct ReadingContext {
    pub ich: bool,
    pub du: bool,
    pub ihr: bool,
    pub auxiliary: bool,
    pub subordinate: bool,
    pub clause_first: bool,
    pub clause_last: bool,
    /// First or second word of its clause: where a main clause has its finite verb.
    pub early: bool,
    pub after_zu: bool,
    pub before_capitalized: bool,
    /// The word before is a singular article (des, dem, einen): a noun after it is singular.
    pub after_singular_article: bool,
    /// No determiner or number before the noun (`mit Journalisten`): plural is likelier.
    pub bare: bool,
}

impl ReadingContext {
    /// The readings this clause supports; all of them when it supports none.
    pub fn filter(&self, readings: ReadingSet) -> ReadingSet {
        let infinitive_context =
            self.after_zu || (self.clause_last && !self.subordinate && !self.clause_first);
        let has_infinitive = readings.contains(Reading::Infinitive);
        let adjective =
            readings.contains(Reading::PastParticipleAdj) && self.before_capitalized && !self.early;
        let participle = readings.contains(Reading::PastParticiple) && self.auxiliary;
        // What the clause rules out, as a set: a few bit operations for every reading at once.
        let crowded_out = (has_infinitive && infinitive_context) || adjective || participle;
        let mut out = if crowded_out {
            ReadingSet::finite_of(&Person::ALL)
        } else {
            // A first or second person form needs its pronoun in the clause.
            [
                (Person::S1, self.ich),
                (Person::S2, self.du),
                (Person::P2, self.ihr),
            ]
            .into_iter()
            .filter(|&(_, pronoun)| !pronoun)
            .fold(ReadingSet::default(), |set, (p, _)| {
                set.union(ReadingSet::finite_of(&[p]))
            })
        };
        let rules = [
            (Reading::Infinitive, infinitive_context),
            (Reading::Imperative, self.clause_first && !self.ich),
            (
                Reading::PastParticiple,
                self.auxiliary || self.clause_last || !self.early,
            ),
            (Reading::PastParticipleAdj, self.before_capitalized),
            (Reading::ObliqueSingular, !self.bare),
            (Reading::DativeSingular, !self.bare),
            (Reading::Plural, !self.after_singular_article),
            (Reading::DativePlural, !self.after_singular_article),
        ];
        for (r, kept) in rules {
            if !kept {
                out.insert(r);
            }
        }
        let kept = readings.minus(out);
        if kept.is_empty() { readings } else { kept }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(words: &[&str]) -> Option<Before> {
        let infos: Vec<WordInfo> = words.iter().map(|w| word_info(&w.to_lowercase())).collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
        let capital: Vec<bool> = words.iter().map(|w| crate::de::is_capitalized(w)).collect();
        before_noun(&infos, |k| lower[k], &capital, words.len() - 1)
    }

    fn agrees(words: &[&str], gender: Gender) -> u8 {
        let headword: ReadingSet = std::iter::once(Reading::Headword).collect();
        agreement(before(words), noun_slots(Some(gender), headword, false))
    }

    /// The clause's rules one reading at a time, as they read in words.
    fn filter_one_by_one(c: &ReadingContext, readings: ReadingSet) -> ReadingSet {
        let person_ok = |p: Person| match p {
            Person::S1 => c.ich,
            Person::S2 => c.du,
            Person::P2 => c.ihr,
            _ => true,
        };
        let infinitive_context = c.after_zu || (c.clause_last && !c.subordinate && !c.clause_first);
        let has_infinitive = readings.contains(Reading::Infinitive);
        let adjective =
            readings.contains(Reading::PastParticipleAdj) && c.before_capitalized && !c.early;
        let participle = readings.contains(Reading::PastParticiple) && c.auxiliary;
        let keep = |r: &Reading| match *r {
            Reading::Present(p)
            | Reading::Past(p)
            | Reading::SubjunctiveI(p)
            | Reading::SubjunctiveII(p) => {
                let crowded_out = (has_infinitive && infinitive_context) || adjective || participle;
                person_ok(p) && !crowded_out
            }
            Reading::Infinitive => infinitive_context,
            Reading::Imperative => c.clause_first && !c.ich,
            Reading::PastParticiple => c.auxiliary || c.clause_last || !c.early,
            Reading::PastParticipleAdj => c.before_capitalized,
            Reading::ObliqueSingular | Reading::DativeSingular => !c.bare,
            Reading::Plural | Reading::DativePlural => !c.after_singular_article,
            _ => true,
        };
        let kept: ReadingSet = readings.iter().filter(keep).collect();
        if kept.is_empty() { readings } else { kept }
    }

    #[test]
    fn the_filter_keeps_what_each_rule_keeps() {
        let all: Vec<Reading> = Reading::all().collect();
        let mut sets: Vec<ReadingSet> = all.iter().map(|&r| std::iter::once(r).collect()).collect();
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..100 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let set: ReadingSet = all
                .iter()
                .enumerate()
                .filter(|&(i, _)| x >> i & 1 != 0)
                .map(|(_, &r)| r)
                .collect();
            sets.push(set);
        }
        for bits in 0..1u32 << 12 {
            let b = |k: u32| bits >> k & 1 != 0;
            let c = ReadingContext {
                ich: b(0),
                du: b(1),
                ihr: b(2),
                auxiliary: b(3),
                subordinate: b(4),
                clause_first: b(5),
                clause_last: b(6),
                early: b(7),
                after_zu: b(8),
                before_capitalized: b(9),
                after_singular_article: b(10),
                bare: b(11),
            };
            for &set in &sets {
                assert_eq!(c.filter(set), filter_one_by_one(&c, set), "{c:?} {set:?}");
            }
        }
    }

    #[test]
    fn the_article_tells_der_from_die_kiefer() {
        assert_eq!(agrees(&["die", "Kiefer"], Gender::F), 4);
        assert_eq!(agrees(&["die", "Kiefer"], Gender::M), 0);
        assert_eq!(agrees(&["der", "Kiefer"], Gender::M), 4);
        assert!(agrees(&["der", "Kiefer"], Gender::F) < 4);
        assert_eq!(agrees(&["mit", "der", "Kiefer"], Gender::F), 4);
        assert!(agrees(&["mit", "der", "Kiefer"], Gender::M) < 2);
        assert_eq!(agrees(&["das", "Tau"], Gender::N), 4);
        assert_eq!(agrees(&["das", "Tau"], Gender::M), 0);
    }

    #[test]
    fn adjectives_between_article_and_noun_are_skipped() {
        assert_eq!(agrees(&["eine", "sehr", "alte", "Kiefer"], Gender::F), 4);
        assert_eq!(agrees(&["ein", "starker", "Kiefer"], Gender::M), 4);
        assert_eq!(agrees(&["Kiefer"], Gender::M), 1);
    }

    #[test]
    fn persons_of_reflexive_pronouns_and_verbs() {
        assert_eq!(reflexive_person("mich"), person::S1);
        let erinnere: ReadingSet = std::iter::once(Reading::Present(Person::S1)).collect();
        assert_eq!(verb_persons(erinnere, 0, false), person::S1);
        let erinnert: ReadingSet = std::iter::once(Reading::PastParticiple).collect();
        assert_eq!(verb_persons(erinnert, person::S1, false), person::S1);
        assert_eq!(verb_persons(erinnert, 0, false), person::S3 | person::P3);
        assert_eq!(verb_persons(erinnert, 0, true), person::ANY);
        assert_eq!(
            pronoun_persons(word_info("sie").class),
            person::S3 | person::P3
        );
    }
}
