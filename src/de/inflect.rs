//! Surface forms of glossary headwords: every case and number of a noun, every ending and
//! degree of an adjective, every finite form, participle and zu-infinitive of a verb (strong
//! verbs through [`super::strong`]), each with what it is ("genitive singular").
//!
//! [`FormIndex`] maps each lowercased form to the entries it belongs to; the linker looks tokens
//! up in it and pairs split verb parts within a clause.

pub use super::lexicon::PARTICLES;
use super::lexicon::{
    INSEPARABLE_PREFIXES as INSEPARABLE, IRREGULAR_COMPARISON, TWO_WAY_PREFIXES as TWO_WAY,
};
pub use super::noun::{NounForm, Sureness, noun_forms};
use super::strong::{STRONG_VERBS, SUBJUNCTIVE_IS_ANOTHER_VERB, StrongVerb, WEAK_LOOKALIKES};

/// Strings joined into a new one, its length reckoned first: forms are made by the ten
/// thousand while a glossary is indexed, and this is several times quicker than `format!`.
macro_rules! cat {
    ($($part:expr),+ $(,)?) => {{
        let parts: &[&str] = &[$(&$part),+];
        parts.concat()
    }};
}
pub(crate) use cat;

/// Particles that also stand alone as adverbs: they pair with a verb only when something stands
/// between them (`Das kommt einem Wunder gleich`, not `Er kommt gleich`).
pub const ADVERB_PARTICLES: &[&str] = &["gleich"];

const NUMBER_WORDS: &[&str] = &[
    "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
    "zwölf",
];

/// What a surface form is, as the card explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reading {
    Headword,
    ListedForm,
    // Nouns.
    GenitiveSingular,
    /// The old dative in -e: im Hause, am Tage.
    DativeSingular,
    ObliqueSingular,
    Plural,
    DativePlural,
    // Adjectives.
    AdjInflected,
    Comparative,
    Superlative,
    // Verbs.
    Infinitive,
    ZuInfinitive,
    Present(Person),
    Past(Person),
    SubjunctiveI(Person),
    SubjunctiveII(Person),
    Imperative,
    PastParticiple,
    PastParticipleAdj,
    PresentParticiple,
}

/// Grammatical person and number of a finite form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Person {
    S1,
    S2,
    S3,
    /// 1st/3rd singular, where the forms agree (kam, kündigte, müsse).
    S13,
    P13,
    P2,
}

impl Person {
    fn describe(self) -> &'static str {
        match self {
            Person::S1 => "1st person singular",
            Person::S2 => "2nd person singular",
            Person::S3 => "3rd person singular",
            Person::S13 => "1st/3rd person singular",
            Person::P13 => "1st/3rd person plural",
            Person::P2 => "2nd person plural",
        }
    }
}

impl Reading {
    pub fn describe(self) -> String {
        match self {
            Reading::Headword => "headword".into(),
            Reading::ListedForm => "listed form".into(),
            Reading::GenitiveSingular => "genitive singular".into(),
            Reading::DativeSingular => "dative singular".into(),
            Reading::ObliqueSingular => "genitive/dative/accusative singular".into(),
            Reading::Plural => "plural".into(),
            Reading::DativePlural => "dative plural".into(),
            Reading::AdjInflected => "with adjective ending".into(),
            Reading::Comparative => "comparative".into(),
            Reading::Superlative => "superlative".into(),
            Reading::Infinitive => "infinitive".into(),
            Reading::ZuInfinitive => "zu-infinitive".into(),
            Reading::Present(p) => cat!("present, ", p.describe()),
            Reading::Past(p) => cat!("simple past, ", p.describe()),
            Reading::SubjunctiveI(p) => cat!("subjunctive I, ", p.describe()),
            Reading::SubjunctiveII(p) => cat!("subjunctive II, ", p.describe()),
            Reading::Imperative => "imperative".into(),
            Reading::PastParticiple => "past participle".into(),
            Reading::PastParticipleAdj => "past participle as adjective".into(),
            Reading::PresentParticiple => "present participle".into(),
        }
    }

    /// A form with person and number: present, past, subjunctive, imperative.
    pub fn is_finite(self) -> bool {
        matches!(
            self,
            Reading::Present(_)
                | Reading::Past(_)
                | Reading::SubjunctiveI(_)
                | Reading::SubjunctiveII(_)
                | Reading::Imperative
        )
    }

    pub fn is_verbal(self) -> bool {
        matches!(
            self,
            Reading::Infinitive
                | Reading::ZuInfinitive
                | Reading::Present(_)
                | Reading::Past(_)
                | Reading::SubjunctiveI(_)
                | Reading::SubjunctiveII(_)
                | Reading::Imperative
                | Reading::PastParticiple
                | Reading::PastParticipleAdj
                | Reading::PresentParticiple
        )
    }
}

impl Person {
    pub(crate) const ALL: [Person; 6] = [
        Person::S1,
        Person::S2,
        Person::S3,
        Person::S13,
        Person::P13,
        Person::P2,
    ];

    fn index(self) -> u32 {
        self as u32
    }
}

impl Reading {
    /// Every reading, in the order a card lists them.
    pub(crate) fn all() -> impl Iterator<Item = Reading> {
        let simple = [
            Reading::Headword,
            Reading::ListedForm,
            Reading::GenitiveSingular,
            Reading::DativeSingular,
            Reading::ObliqueSingular,
            Reading::Plural,
            Reading::DativePlural,
            Reading::AdjInflected,
            Reading::Comparative,
            Reading::Superlative,
            Reading::Infinitive,
            Reading::ZuInfinitive,
        ];
        let finite = [
            Reading::Present as fn(Person) -> Reading,
            Reading::Past,
            Reading::SubjunctiveI,
            Reading::SubjunctiveII,
        ];
        let tail = [
            Reading::Imperative,
            Reading::PastParticiple,
            Reading::PastParticipleAdj,
            Reading::PresentParticiple,
        ];
        simple
            .into_iter()
            .chain(
                finite
                    .into_iter()
                    .flat_map(|f| Person::ALL.into_iter().map(f)),
            )
            .chain(tail)
    }

    /// Bit position in a [`ReadingSet`], following the order of [`Reading::all`].
    fn bit(self) -> u32 {
        match self {
            Reading::Headword => 0,
            Reading::ListedForm => 1,
            Reading::GenitiveSingular => 2,
            Reading::DativeSingular => 3,
            Reading::ObliqueSingular => 4,
            Reading::Plural => 5,
            Reading::DativePlural => 6,
            Reading::AdjInflected => 7,
            Reading::Comparative => 8,
            Reading::Superlative => 9,
            Reading::Infinitive => 10,
            Reading::ZuInfinitive => 11,
            Reading::Present(p) => 12 + p.index(),
            Reading::Past(p) => 18 + p.index(),
            Reading::SubjunctiveI(p) => 24 + p.index(),
            Reading::SubjunctiveII(p) => 30 + p.index(),
            Reading::Imperative => 36,
            Reading::PastParticiple => 37,
            Reading::PastParticipleAdj => 38,
            Reading::PresentParticiple => 39,
        }
    }
}

/// A set of readings, as one word: a form usually has several (kündigte: past and subjunctive).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ReadingSet(u64);

impl ReadingSet {
    pub fn insert(&mut self, r: Reading) {
        self.0 |= 1 << r.bit();
    }

    pub fn contains(self, r: Reading) -> bool {
        self.0 & (1 << r.bit()) != 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    #[must_use]
    pub fn union(self, other: ReadingSet) -> ReadingSet {
        ReadingSet(self.0 | other.0)
    }

    /// The readings of `self` that `other` lacks.
    #[must_use]
    pub fn minus(self, other: ReadingSet) -> ReadingSet {
        ReadingSet(self.0 & !other.0)
    }

    /// The finite readings (present, past, both subjunctives) of the given persons.
    pub fn finite_of(persons: &[Person]) -> ReadingSet {
        let p = persons
            .iter()
            .fold(0u64, |p, &person| p | 1 << person.index());
        ReadingSet(p << 12 | p << 18 | p << 24 | p << 30)
    }

    /// In card order.
    pub fn iter(self) -> impl Iterator<Item = Reading> {
        static ALL: std::sync::LazyLock<Vec<Reading>> =
            std::sync::LazyLock::new(|| Reading::all().collect());
        let mut bits = self.0;
        std::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            ALL.get(b).copied()
        })
    }
}

impl FromIterator<Reading> for ReadingSet {
    fn from_iter<I: IntoIterator<Item = Reading>>(iter: I) -> Self {
        let mut set = ReadingSet::default();
        for r in iter {
            set.insert(r);
        }
        set
    }
}

/// One generated form of a verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbForm {
    pub form: String,
    pub reading: Reading,
    /// `Some("an")`: a finite form that stands apart from its particle (`kündigte … an`).
    pub split_particle: Option<&'static str>,
}

/// A verb taken apart: separable particle, inseparable prefix, and the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbParts<'a> {
    pub particle: Option<&'static str>,
    /// The verb without its separable particle (`kündigen` in `ankündigen`).
    pub rest: &'a str,
}

/// Whether `rest` could be a verb on its own: a vowel before its ending, and long enough.
fn plausible_verb(rest: &str) -> bool {
    let Some(stem) = rest.strip_suffix("en").or_else(|| rest.strip_suffix('n')) else {
        return false;
    };
    rest.chars().count() >= 4 && stem.chars().any(|c| "aeiouäöüy".contains(c))
}

/// `word` without `prefix`, if it starts with it. The first bytes are compared on their own
/// first: most of the prefixes a word is tried against differ there.
fn strip_prefix<'w>(word: &'w str, prefix: &str) -> Option<&'w str> {
    match (word.as_bytes().first(), prefix.as_bytes().first()) {
        (Some(w), Some(p)) if w != p => None,
        _ => word.strip_prefix(prefix),
    }
}

/// Splits off a separable particle, if the verb has one.
pub fn separable_parts(verb: &str) -> Option<VerbParts<'_>> {
    PARTICLES.iter().find_map(|&p| {
        let rest = strip_prefix(verb, p)?;
        plausible_verb(rest).then_some(VerbParts {
            particle: Some(p),
            rest,
        })
    })
}

/// The inseparable prefix of a (particle-free) verb, if any: `be` in `bezeichnen`.
fn inseparable_prefix(verb: &str) -> Option<&'static str> {
    INSEPARABLE
        .iter()
        .chain(TWO_WAY)
        .copied()
        .find(|p| strip_prefix(verb, p).is_some_and(plausible_verb))
}

/// The strong verb a verb is built on, with the prefix in front of it:
/// `verlassen` → (`ver`, lassen), `bestehen` → (`be`, stehen).
pub fn strong_base(verb: &str) -> Option<(&str, &'static StrongVerb)> {
    if WEAK_LOOKALIKES.contains(&verb) {
        return None;
    }
    // The longest listed infinitive that ends the verb, after a prefix of known parts.
    verb.char_indices().find_map(|(at, _)| {
        let (prefix, base) = verb.split_at(at);
        let sv = strong_verb(base)?;
        prefix_is_composable(prefix).then_some((prefix, sv))
    })
}

/// The strong verb table's entry for an infinitive.
fn strong_verb(infinitive: &str) -> Option<&'static StrongVerb> {
    static BY_INFINITIVE: std::sync::LazyLock<
        rustc_hash::FxHashMap<&'static str, &'static StrongVerb>,
    > = std::sync::LazyLock::new(|| STRONG_VERBS.iter().map(|v| (v.infinitive, v)).collect());
    BY_INFINITIVE.get(infinitive).copied()
}

/// A prefix made only of known verb prefixes and particles (`""`, `ver`, `aner`).
fn prefix_is_composable(prefix: &str) -> bool {
    if prefix.is_empty() {
        return true;
    }
    INSEPARABLE
        .iter()
        .chain(TWO_WAY)
        .chain(PARTICLES)
        .any(|p| strip_prefix(prefix, p).is_some_and(prefix_is_composable))
}

/// The stem that endings attach to: `kündig` (kündigen), `handel` (handeln), `erinner`.
fn weak_stem(verb: &str) -> &str {
    if verb.ends_with("eln") || verb.ends_with("ern") {
        &verb[..verb.len() - 1]
    } else if let Some(s) = verb.strip_suffix("en") {
        s
    } else {
        verb.strip_suffix('n').unwrap_or(verb)
    }
}

/// Stems that take an extra -e- before -st/-t: `arbeit-et`, `bezeichn-et`, `red-et`.
fn needs_e(stem: &str) -> bool {
    let mut rev = stem.chars().rev();
    match (rev.next(), rev.next(), rev.next()) {
        // `red-et`; `zeichn-et`, `rechn-et`, but `wohn-t`, `lern-t`, `film-t`.
        (Some('t' | 'd'), _, _) | (Some('m' | 'n'), Some('h'), Some('c' | 's')) => true,
        (Some('m' | 'n'), Some(c), _) => !"aeiouäöüylrhmn".contains(c),
        _ => false,
    }
}

fn ends_with_sibilant(stem: &str) -> bool {
    stem.ends_with(['s', 'ß', 'z', 'x'])
}

/// The regular ending -st of a stem, with e-insertion where German needs it: `arbeit-est`,
/// `reis-t`, `mach-st`.
fn st_ending(stem: &str) -> &'static str {
    if needs_e(stem) {
        "est"
    } else if ends_with_sibilant(stem) {
        "t"
    } else {
        "st"
    }
}

/// The regular ending -t of a stem: `arbeit-et`, `mach-t`.
fn t_ending(stem: &str) -> &'static str {
    if needs_e(stem) { "et" } else { "t" }
}

fn t(stem: &str) -> String {
    cat!(stem, t_ending(stem))
}

const ADJ_ENDINGS: [&str; 5] = ["e", "en", "em", "er", "es"];

/// Where [`finite_and_nonfinite`] puts the forms it makes, each given as the pieces it is
/// joined from, so that a form is copied once, to where it is kept.
trait FormSink {
    fn form(&mut self, parts: &[&str], reading: Reading, finite: bool);
}

impl FormSink for Vec<(String, Reading, bool)> {
    fn form(&mut self, parts: &[&str], reading: Reading, finite: bool) {
        self.push((parts.concat(), reading, finite));
    }
}

/// Every form of a verb without a separable particle (it may have an inseparable prefix),
/// finite or not.
fn finite_and_nonfinite(verb: &str, out: &mut impl FormSink) {
    let strong = strong_base(verb);
    let stem = weak_stem(verb);
    let mut finite = |parts: &[&str], r: Reading| out.form(parts, r, true);

    // Present and subjunctive I: the stem with regular endings, except where the table says.
    let first_sg: [&str; 2] = if verb.ends_with("eln") {
        [&stem[..stem.len() - 2], "le"]
    } else {
        [stem, "e"]
    };
    finite(&first_sg, Reading::Present(Person::S1));
    finite(&[verb], Reading::Present(Person::P13));
    finite(&[stem, t_ending(stem)], Reading::Present(Person::P2));
    finite(&first_sg, Reading::SubjunctiveI(Person::S13));
    finite(&[stem, "est"], Reading::SubjunctiveI(Person::S2));
    finite(&[stem, "et"], Reading::SubjunctiveI(Person::P2));
    finite(&[stem, t_ending(stem)], Reading::Imperative);
    if let Some((_, sv)) = strong
        && DUAL_VERBS.contains(&sv.infinitive)
    {
        // Also weak: bewegte, geschafft, hängte.
        finite_and_nonfinite_weak(verb, out);
    }
    let mut finite = |parts: &[&str], r: Reading| out.form(parts, r, true);
    match strong {
        Some((prefix, sv)) => {
            finite(&[prefix, sv.present_2sg], Reading::Present(Person::S2));
            finite(&[prefix, sv.present_3sg], Reading::Present(Person::S3));
            let past = cat!(prefix, sv.past);
            if past.ends_with('e') {
                finite(&[&past, "st"], Reading::Past(Person::S2));
                finite(&[&past, "n"], Reading::Past(Person::P13));
                finite(&[&past, "t"], Reading::Past(Person::P2));
            } else {
                finite(&[&past, st_ending(&past)], Reading::Past(Person::S2));
                finite(&[&past, "en"], Reading::Past(Person::P13));
                finite(&[&past, t_ending(&past)], Reading::Past(Person::P2));
            }
            finite(&[&past], Reading::Past(Person::S13));
            if !sv.subjunctive.is_empty() && !SUBJUNCTIVE_IS_ANOTHER_VERB.contains(&sv.infinitive) {
                let subj = [prefix, sv.subjunctive];
                finite(
                    &[prefix, sv.subjunctive, "st"],
                    Reading::SubjunctiveII(Person::S2),
                );
                finite(
                    &[prefix, sv.subjunctive, "n"],
                    Reading::SubjunctiveII(Person::P13),
                );
                finite(
                    &[prefix, sv.subjunctive, "t"],
                    Reading::SubjunctiveII(Person::P2),
                );
                finite(&subj, Reading::SubjunctiveII(Person::S13));
            }
            if !sv.imperative.is_empty() {
                finite(&[prefix, sv.imperative], Reading::Imperative);
            }
            for extra in sv.extra {
                finite(&[prefix, extra], Reading::ListedForm);
            }
        }
        None => {
            finite(&[stem, st_ending(stem)], Reading::Present(Person::S2));
            finite(&[stem, t_ending(stem)], Reading::Present(Person::S3));
            let past = if needs_e(stem) { "ete" } else { "te" };
            finite(&[stem, past, "st"], Reading::Past(Person::S2));
            finite(&[stem, past, "n"], Reading::Past(Person::P13));
            finite(&[stem, past, "t"], Reading::Past(Person::P2));
            finite(&[stem, past], Reading::Past(Person::S13));
            // `arbeite!`, not `arbeit!`: a -t/-d stem keeps its -e.
            if !needs_e(stem) {
                finite(&[stem], Reading::Imperative);
            }
            finite(&[stem, "e"], Reading::Imperative);
        }
    }

    out.form(&[verb], Reading::Infinitive, false);
    for p in participles(verb, strong) {
        for e in ADJ_ENDINGS {
            out.form(&[&p, e], Reading::PastParticipleAdj, false);
        }
        out.form(&[&p], Reading::PastParticiple, false);
    }
    for e in ADJ_ENDINGS {
        out.form(&[verb, "d", e], Reading::PresentParticiple, false);
    }
    out.form(&[verb, "d"], Reading::PresentParticiple, false);
}

/// Strong verbs that are also conjugated weak, in another sense or in everyday use.
/// Whether a verb is both strong and weak (`schaffen`: schuf, geschaffen; schaffte,
/// geschafft), often with a sense for each.
pub fn has_two_paradigms(verb: &str) -> bool {
    strong_base(verb).is_some_and(|(_, sv)| DUAL_VERBS.contains(&sv.infinitive))
}

const DUAL_VERBS: &[&str] = &[
    "backen",
    "bewegen",
    "bleichen",
    "erschrecken",
    "hängen",
    "hauen",
    "saugen",
    "schaffen",
    "scheren",
    "schleifen",
    "senden",
    "weben",
    "wenden",
    "wiegen",
    "melken",
    "quellen",
    "schwellen",
];

/// The weak simple past and participle of a verb the table lists as strong.
fn finite_and_nonfinite_weak(verb: &str, out: &mut impl FormSink) {
    let stem = weak_stem(verb);
    let past = if needs_e(stem) { "ete" } else { "te" };
    out.form(&[stem, past, "st"], Reading::Past(Person::S2), true);
    out.form(&[stem, past, "n"], Reading::Past(Person::P13), true);
    out.form(&[stem, past, "t"], Reading::Past(Person::P2), true);
    out.form(&[stem, past], Reading::Past(Person::S13), true);
    for p in participles(verb, None) {
        for e in ADJ_ENDINGS {
            out.form(&[&p, e], Reading::PastParticipleAdj, false);
        }
        out.form(&[&p], Reading::PastParticiple, false);
    }
}

/// Past participles of a particle-free verb: `gekündigt`, `verlassen`, `bezeichnet`, `diskutiert`.
/// A two-way prefix yields both readings (`umgangen`, `umgegangen` is made by the particle path).
fn participles(verb: &str, strong: Option<(&str, &StrongVerb)>) -> Vec<String> {
    let no_ge = verb.ends_with("ieren") || inseparable_prefix(verb).is_some();
    match strong {
        Some((prefix, sv)) => {
            let bare = if sv.infinitive.starts_with("ge") {
                sv.participle
            } else {
                sv.participle.strip_prefix("ge").unwrap_or(sv.participle)
            };
            if prefix.is_empty() {
                vec![sv.participle.to_string()]
            } else if separable_parts(prefix).is_some() || PARTICLES.contains(&prefix) {
                // A particle inside the prefix ("anerkennen" came in without its particle).
                vec![cat!(prefix, sv.participle), cat!(prefix, bare)]
            } else {
                vec![cat!(prefix, bare)]
            }
        }
        None => {
            let stem = weak_stem(verb);
            let tail = t(stem);
            if no_ge {
                vec![tail]
            } else {
                vec![cat!("ge", tail)]
            }
        }
    }
}

/// Every form of a verb headword (lowercase infinitive, no `sich`).
pub fn verb_forms(verb: &str, separable: bool) -> Vec<VerbForm> {
    let mut out = Vec::new();
    let mut raw: Vec<(String, Reading, bool)> = Vec::new();
    finite_and_nonfinite(verb, &mut raw);
    for (form, reading, _) in raw.drain(..) {
        out.push(VerbForm {
            form,
            reading,
            split_particle: None,
        });
    }
    let parts = if separable && !inseparable_two_way(verb) {
        separable_parts(verb)
    } else {
        None
    };
    if let Some(VerbParts {
        particle: Some(particle),
        rest,
    }) = parts
    {
        finite_and_nonfinite(rest, &mut raw);
        for (form, reading, finite) in raw.drain(..) {
            match reading {
                Reading::PastParticiple | Reading::PastParticipleAdj => {
                    out.push(VerbForm {
                        form: cat!(particle, form),
                        reading,
                        split_particle: None,
                    });
                }
                _ if finite => out.push(VerbForm {
                    form,
                    reading,
                    split_particle: Some(particle),
                }),
                _ => {}
            }
        }
        out.push(VerbForm {
            form: cat!(particle, "zu", rest),
            reading: Reading::ZuInfinitive,
            split_particle: None,
        });
    }
    // Bare imperatives that are also numbers (`acht`) are dropped: a number is not a verb.
    out.retain(|f| !(f.reading == Reading::Imperative && NUMBER_WORDS.contains(&f.form.as_str())));
    out
}

/// A verb whose two-way prefix is inseparable (`unterbrechen`, `überlegen`): listed whole in
/// the strong verb table or in the lexicon.
fn inseparable_two_way(verb: &str) -> bool {
    TWO_WAY.iter().any(|p| strip_prefix(verb, p).is_some())
        && (strong_verb(verb).is_some()
            || super::lexicon::INSEPARABLE_TWO_WAY_VERBS.contains(&verb))
}

/// A separable verb's particle and the verb it stands apart from: `ankündigen` → (`an`,
/// `kündigen`); `None` for a verb that does not split (`bezeichnen`, `überlegen`) or when
/// `separable` is off.
pub fn separable_split(verb: &str, separable: bool) -> Option<(&'static str, &str)> {
    if !separable || inseparable_two_way(verb) {
        return None;
    }
    match separable_parts(verb)? {
        VerbParts {
            particle: Some(p),
            rest,
        } => Some((p, rest)),
        _ => None,
    }
}

/// One form of a verb without a separable particle, with every reading it has and whether it
/// is finite (a finite form of a separable verb stands apart from its particle).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaseForm<'a> {
    pub form: &'a str,
    pub readings: ReadingSet,
    pub finite: bool,
}

/// Every form of a verb that has no separable particle (it may have an inseparable prefix),
/// each once, in byte order, finite after non-finite: made by [`base_forms`].
#[derive(Debug, Clone, Default)]
pub struct BaseForms {
    /// The forms as made, one after the other.
    text: String,
    forms: Vec<FormAt>,
}

/// A form in [`BaseForms::text`], its first bytes as a number to sort by.
#[derive(Debug, Clone, Copy)]
struct FormAt {
    /// The form's first 16 bytes, big-endian, zeros after its end: in the order of the forms
    /// themselves, equal only when those bytes are.
    head: u128,
    start: u32,
    end: u32,
    readings: ReadingSet,
    finite: bool,
}

impl FormSink for BaseForms {
    fn form(&mut self, parts: &[&str], reading: Reading, finite: bool) {
        let start = self.text.len();
        for part in parts {
            self.text.push_str(part);
        }
        let form = &self.text.as_bytes()[start..];
        let mut head = [0; 16];
        for (h, b) in head.iter_mut().zip(form) {
            *h = *b;
        }
        self.forms.push(FormAt {
            head: u128::from_be_bytes(head),
            start: start as u32,
            end: self.text.len() as u32,
            readings: std::iter::once(reading).collect(),
            finite,
        });
    }
}

impl BaseForms {
    fn text_of(&self, f: &FormAt) -> &str {
        &self.text[f.start as usize..f.end as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = BaseForm<'_>> {
        self.forms.iter().map(|f| BaseForm {
            form: self.text_of(f),
            readings: f.readings,
            finite: f.finite,
        })
    }
}

/// Every form of a verb that has no separable particle (it may have an inseparable prefix), one
/// entry a form.
pub fn base_forms(verb: &str) -> BaseForms {
    // Some sixty forms, each a few bytes longer than the verb at most.
    let mut raw = BaseForms {
        text: String::with_capacity(64 * (verb.len() + 4)),
        forms: Vec::with_capacity(64),
    };
    finite_and_nonfinite(verb, &mut raw);
    let mut forms = std::mem::take(&mut raw.forms);
    // Bare imperatives that are also numbers (`acht`) are dropped: a number is not a verb.
    forms.retain(|f| {
        !(f.readings.contains(Reading::Imperative) && NUMBER_WORDS.contains(&raw.text_of(f)))
    });
    forms.sort_unstable_by(|a, b| {
        a.head
            .cmp(&b.head)
            .then_with(|| raw.text_of(a).cmp(raw.text_of(b)))
            .then(a.finite.cmp(&b.finite))
    });
    forms.dedup_by(|f, kept| {
        let same =
            f.head == kept.head && f.finite == kept.finite && raw.text_of(f) == raw.text_of(kept);
        if same {
            kept.readings = kept.readings.union(f.readings);
        }
        same
    });
    raw.forms = forms;
    raw
}

/// The separable display of a verb: `an|kündigen`, or the verb itself.
pub fn verb_display(verb: &str, separable: bool) -> String {
    match (separable && !inseparable_two_way(verb))
        .then(|| separable_parts(verb))
        .flatten()
    {
        Some(VerbParts {
            particle: Some(p),
            rest,
        }) => cat!(p, "|", rest),
        _ => verb.to_string(),
    }
}

/// Adjective forms: endings, comparative and superlative with their endings.
pub fn adjective_forms(adj: &str) -> Vec<(String, Reading)> {
    let mut out = Vec::new();
    let (base, comp, sup) = adjective_stems(adj);
    for e in ADJ_ENDINGS {
        out.push((attach_ending(&base, e), Reading::AdjInflected));
    }
    // eigen → eigne, eignen; golden → goldne; sicher → sichre: the e of -en and -er can drop.
    if let Some(stem) = adj.strip_suffix("en").or_else(|| adj.strip_suffix("er"))
        && base == adj
        && stem.chars().count() >= 3
    {
        let elided = cat!(stem, &adj[adj.len() - 1..]);
        for e in ADJ_ENDINGS {
            out.push((cat!(elided, e), Reading::AdjInflected));
        }
    }
    for e in ADJ_ENDINGS {
        out.push((cat!(comp, e), Reading::Comparative));
        out.push((cat!(sup, e), Reading::Superlative));
    }
    out.push((comp, Reading::Comparative));
    out.push((cat!(sup, "en"), Reading::Superlative));
    if let Some(long) = long_superlative(adj) {
        for e in ADJ_ENDINGS {
            out.push((cat!(long, e), Reading::Superlative));
        }
    }
    if adj == "gern" {
        out.push(("gerne".to_string(), Reading::Headword));
    }
    out
}

/// What an adjective's endings attach to: its stem (`dunkl` for dunkel, `teur` for teuer,
/// `hoh` for hoch), comparative and superlative stems.
fn adjective_stems(adj: &str) -> (String, String, String) {
    // dunkel → dunkl-, teuer → teur-, hoch → hoh-; but viel → viel-, sicher → sicher-.
    let unstressed_el = adj
        .strip_suffix("el")
        .and_then(|s| s.chars().last())
        .is_some_and(|c| !"aeiouäöü".contains(c));
    let diphthong_er = adj.ends_with("euer") || adj.ends_with("auer");
    let base = if unstressed_el || diphthong_er {
        cat!(&adj[..adj.len() - 2], &adj[adj.len() - 1..])
    } else if let Some(stem) = adj.strip_suffix("och") {
        cat!(stem, "oh")
    } else {
        adj.to_string()
    };
    let (comp, sup) = IRREGULAR_COMPARISON
        .iter()
        .find(|(p, _, _)| *p == adj)
        .map_or_else(
            || {
                let comp = cat!(attach_ending(&base, "e"), "r");
                let sup = if adj.ends_with(['d', 't', 's', 'ß', 'z', 'x']) || adj.ends_with("sch")
                {
                    cat!(adj, "est")
                } else {
                    cat!(adj, "st")
                };
                (comp, sup)
            },
            |(_, c, s)| ((*c).to_string(), (*s).to_string()),
        );
    (base, comp, sup)
}

/// The superlative with -est- beside the one with -st- of an adjective that ends in a vowel
/// or a vowel and h: neueste beside neuste, früheste beside frühste.
fn long_superlative(adj: &str) -> Option<String> {
    let mut rev = adj.chars().rev();
    let vowel = |c: Option<char>| c.is_some_and(|c| "aeiouyäöü".contains(c));
    let last = rev.next();
    // Not after an -e, which the -st- follows (müdeste).
    let ends_open = (vowel(last) && last != Some('e')) || (last == Some('h') && vowel(rev.next()));
    let irregular = IRREGULAR_COMPARISON.iter().any(|(p, _, _)| *p == adj);
    (ends_open && !irregular && adj.chars().count() >= 3).then(|| cat!(adj, "est"))
}

/// An ending on a stem, an -e- not doubled: `weise` + `en` → `weisen`.
fn attach_ending(stem: &str, ending: &str) -> String {
    if stem.ends_with('e') && ending.starts_with('e') {
        cat!(stem, &ending[1..])
    } else {
        cat!(stem, ending)
    }
}

/// The readings of `form` (any case) among a verb's forms, `split` being the particle that
/// stands apart from it in the clause (`kündigte` … `an`).
pub fn verb_readings(forms: &[VerbForm], form: &str, split: Option<&str>) -> ReadingSet {
    let form = form.to_lowercase();
    forms
        .iter()
        .filter(|f| f.split_particle == split && f.form == form)
        .map(|f| f.reading)
        .collect()
}

/// The readings of `form` (any case) among a noun's forms, the headword itself left out.
pub fn noun_readings(
    noun: &str,
    gender: Option<crate::glossary::Gender>,
    plural: Option<&str>,
    form: &str,
) -> ReadingSet {
    let form = form.to_lowercase();
    noun_forms(noun, gender, plural)
        .into_iter()
        // A form the rules only allow (`Zweitens` as a genitive of `Zweite`) does not label.
        .filter(|f| f.sureness != Sureness::Possible && f.form.to_lowercase() == form)
        .map(|f| f.reading)
        .collect()
}

/// The readings of `form` (any case) among an adjective's forms: [`adjective_forms`]
/// without making them all.
pub fn adjective_readings(adj: &str, form: &str) -> ReadingSet {
    let form = form.to_lowercase();
    let (base, comp, sup) = adjective_stems(&adj.to_lowercase());
    let mut set = ReadingSet::default();
    let ends = |stem: &str, endings: &[&str]| {
        form.strip_prefix(stem)
            .is_some_and(|rest| endings.contains(&rest))
    };
    // With an ending on a stem in -e, the -e- is not doubled.
    if ends(base.strip_suffix('e').unwrap_or(&base), &ADJ_ENDINGS) {
        set.insert(Reading::AdjInflected);
    }
    if form == comp || ends(&comp, &ADJ_ENDINGS) {
        set.insert(Reading::Comparative);
    }
    if ends(&sup, &ADJ_ENDINGS)
        || long_superlative(&adj.to_lowercase()).is_some_and(|long| ends(&long, &ADJ_ENDINGS))
    {
        set.insert(Reading::Superlative);
    }
    set
}

/// What a form is, in a few words, from all it may be: the readings a learner meets most
/// (`present, 3rd person singular` before the imperative, `plural` before the
/// genitive/dative/accusative of a weak noun). Empty for none.
pub fn describe_readings(set: ReadingSet) -> String {
    let persons = |tense: fn(Person) -> Reading| -> Vec<&'static str> {
        Person::ALL
            .into_iter()
            .filter(|p| set.contains(tense(*p)))
            .map(Person::describe)
            .collect()
    };
    let present = persons(Reading::Present);
    if !present.is_empty() {
        // `entfernt`, `verkauft`: also the participle, which a learner meets as often.
        if set.contains(Reading::PastParticiple) {
            return cat!("present, ", present.join(" or "), ", or past participle");
        }
        return cat!("present, ", present.join(" or "));
    }
    let past = persons(Reading::Past);
    if !past.is_empty() {
        // `verboten`, `verstanden`: the participle is what a learner meets most.
        if set.contains(Reading::PastParticiple) {
            return cat!("past participle, or simple past, ", past.join(" or "));
        }
        return cat!("simple past, ", past.join(" or "));
    }
    let nouns: Vec<String> = [
        Reading::Plural,
        Reading::DativePlural,
        Reading::GenitiveSingular,
        Reading::ObliqueSingular,
    ]
    .into_iter()
    .filter(|r| set.contains(*r))
    .map(Reading::describe)
    .collect();
    if !nouns.is_empty() {
        return nouns.join(" or ");
    }
    for r in [
        Reading::PastParticiple,
        Reading::ZuInfinitive,
        Reading::PastParticipleAdj,
        Reading::PresentParticiple,
        Reading::Comparative,
        Reading::Superlative,
    ] {
        if set.contains(r) {
            return r.describe();
        }
    }
    for (tense, name) in [
        (
            Reading::SubjunctiveII as fn(Person) -> Reading,
            "subjunctive II",
        ),
        (Reading::SubjunctiveI, "subjunctive I"),
    ] {
        let p = persons(tense);
        if !p.is_empty() {
            return cat!(name, ", ", p.join(" or "));
        }
    }
    if set.contains(Reading::Imperative) {
        return Reading::Imperative.describe();
    }
    if set.contains(Reading::AdjInflected) {
        return "inflected form".into();
    }
    set.iter()
        .find(|r| !matches!(r, Reading::Headword | Reading::Infinitive))
        .map_or_else(String::new, Reading::describe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(forms: &[VerbForm], form: &str, split: Option<&str>) -> bool {
        forms
            .iter()
            .any(|f| f.form == form && f.split_particle == split)
    }

    #[test]
    fn a_participle_that_is_also_a_past_plural_is_called_a_participle_first() {
        let set = |rs: &[Reading]| {
            let mut s = ReadingSet::default();
            for &r in rs {
                s.insert(r);
            }
            s
        };
        let plural = Person::P13;
        let both = set(&[Reading::PastParticiple, Reading::Past(plural)]);
        let desc = describe_readings(both);
        assert!(
            desc.starts_with("past participle, or simple past, "),
            "{desc}"
        );
        assert!(desc.contains(plural.describe()), "{desc}");
        let past = describe_readings(set(&[Reading::Past(plural)]));
        assert!(past.starts_with("simple past, "), "{past}");
    }

    #[test]
    fn verbs_both_strong_and_weak_have_two_paradigms() {
        assert!(has_two_paradigms("schaffen"));
        assert!(has_two_paradigms("hängen"));
        assert!(!has_two_paradigms("fahren"));
        assert!(!has_two_paradigms("machen"));
    }

    #[test]
    fn ankuendigen_splits_and_joins() {
        let f = verb_forms("ankündigen", true);
        assert!(has(&f, "kündigte", Some("an")));
        assert!(has(&f, "ankündigte", None));
        assert!(has(&f, "angekündigt", None));
        assert!(has(&f, "anzukündigen", None));
        assert!(has(&f, "angekündigten", None));
    }

    #[test]
    fn ausweisen_inherits_strong_forms_of_weisen() {
        let f = verb_forms("ausweisen", true);
        assert!(has(&f, "wies", Some("aus")));
        assert!(has(&f, "ausgewiesen", None));
        assert!(has(&f, "auszuweisen", None));
        assert!(!has(&f, "ausgeweist", None));
    }

    #[test]
    fn einberufen_has_no_ge_in_its_participle() {
        let f = verb_forms("einberufen", true);
        assert!(has(&f, "einberufen", None));
        assert!(has(&f, "einzuberufen", None));
        assert!(has(&f, "berief", Some("ein")));
    }

    #[test]
    fn inseparable_weak_verbs_take_no_ge() {
        let f = verb_forms("bezeichnen", true);
        assert!(has(&f, "bezeichnet", None));
        assert!(has(&f, "bezeichnete", None));
        assert!(!has(&f, "gebezeichnet", None));
    }

    #[test]
    fn present_participle_with_adjective_ending() {
        let f = verb_forms("stattfinden", true);
        assert!(has(&f, "stattfindenden", None));
        assert!(has(&f, "findet", Some("statt")));
    }

    #[test]
    fn inseparable_two_way_verbs_never_split() {
        let f = verb_forms("überlegen", true);
        assert!(!f.iter().any(|x| x.split_particle.is_some()));
        assert!(has(&f, "überlegt", None));
        assert!(!has(&f, "übergelegt", None));
        let f = verb_forms("unterbrechen", true);
        assert!(has(&f, "unterbrach", None));
        assert!(!f.iter().any(|x| x.split_particle.is_some()));
        let f = verb_forms("umziehen", true);
        assert!(has(&f, "zieht", Some("um")));
    }

    #[test]
    fn acht_is_not_an_imperative_of_achten() {
        let f = verb_forms("achten", true);
        assert!(!f.iter().any(|x| x.form == "acht"));
        assert!(f.iter().any(|x| x.form == "achtet"));
    }

    #[test]
    fn reading_bits_follow_card_order() {
        for (i, r) in Reading::all().enumerate() {
            assert_eq!(r.bit() as usize, i, "{r:?}");
        }
        let set: ReadingSet = [Reading::Plural, Reading::Past(Person::S13)]
            .into_iter()
            .collect();
        assert_eq!(set.len(), 2);
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [Reading::Plural, Reading::Past(Person::S13)]
        );
    }

    #[test]
    fn adjective_comparison() {
        let f = adjective_forms("groß");
        assert!(
            f.iter()
                .any(|(s, r)| s == "größer" && *r == Reading::Comparative)
        );
        let f = adjective_forms("viel");
        assert!(f.iter().any(|(s, _)| s == "viele"));
        let f = adjective_forms("dunkel");
        assert!(f.iter().any(|(s, _)| s == "dunkle"));
        let f = adjective_forms("sicher");
        assert!(f.iter().any(|(s, _)| s == "sichere"));
        let f = adjective_forms("hoch");
        assert!(f.iter().any(|(s, _)| s == "hohe"));
        assert!(
            f.iter()
                .any(|(s, r)| s == "höchsten" && *r == Reading::Superlative)
        );
        let f = adjective_forms("katastrophal");
        assert!(f.iter().any(|(s, _)| s == "katastrophale"));
        let f = adjective_forms("schnell");
        assert!(
            f.iter()
                .any(|(s, r)| s == "schnellsten" && *r == Reading::Superlative)
        );
    }

    #[test]
    fn an_adjective_ending_in_a_vowel_has_both_superlatives() {
        for (adj, short, long) in [
            ("neu", "neusten", "neuesten"),
            ("früh", "frühste", "früheste"),
            ("frei", "freiste", "freieste"),
        ] {
            let f = adjective_forms(adj);
            for form in [short, long] {
                assert!(
                    f.iter()
                        .any(|(s, r)| s == form && *r == Reading::Superlative),
                    "{form}"
                );
                assert!(adjective_readings(adj, form).contains(Reading::Superlative));
            }
        }
        // After -e the -st- alone; hoch's superlative is its own.
        assert!(!adjective_forms("müde").iter().any(|(s, _)| s == "müdeeste"));
        assert!(
            !adjective_forms("hoch")
                .iter()
                .any(|(s, _)| s == "hochesten")
        );
        assert!(!adjective_readings("müde", "müdeeste").contains(Reading::Superlative));
    }
}
