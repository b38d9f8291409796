//! From a surface form back to the headwords it may come from: `auszuweisen` → `ausweisen`
//! (zu-infinitive), `Bündnisses` → `Bündnis` (genitive singular), `gewiesen` → `weisen`.
//!
//! The rules over-generate on purpose: a caller keeps the candidates its dictionary knows.
//! Candidates come in order of plausibility, so the first known one is usually right.

pub use super::lexicon::PARTICLES as SEPARABLE_PARTICLES;
use super::lexicon::{INSEPARABLE_PREFIXES, IRREGULAR_COMPARISON, TWO_WAY_PREFIXES};
use super::strong::{STRONG_VERBS, WEAK_LOOKALIKES};
use std::borrow::Cow;
use std::sync::OnceLock;

/// A headword a surface form may come from, and what the form is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Nouns keep their capital (`Bündnis`); verbs and adjectives are lowercase (`ausweisen`).
    pub lemma: String,
    /// What the form is: "zu-infinitive", "simple past", "genitive singular", …
    pub desc: Cow<'static, str>,
}

const ADJECTIVE_ENDINGS: &[&str] = &["en", "em", "er", "es", "e"];

/// Noun endings: (ending, what replaces it, what the form is, whether to undo an umlaut).
const NOUN_RULES: &[(&str, &str, &str, bool)] = &[
    ("nisses", "nis", "genitive singular", false),
    ("nissen", "nis", "dative plural", false),
    ("nisse", "nis", "plural", false),
    ("innen", "in", "plural", false),
    ("ien", "ium", "plural", false),
    ("ern", "", "dative plural", false),
    ("ern", "", "dative plural", true),
    ("er", "", "plural", false),
    ("er", "", "plural", true),
    ("es", "", "genitive singular", false),
    ("en", "", "plural", false),
    ("en", "a", "plural", false),
    ("en", "um", "plural", false),
    ("ns", "", "genitive singular", false),
    ("n", "", "plural", false),
    ("n", "", "dative plural", true),
    ("s", "", "genitive singular", false),
    ("e", "", "plural", false),
    ("e", "", "plural", true),
    ("", "", "plural", true),
];

/// The headwords `word` may be a form of, most plausible first, without `word` itself.
pub fn lemma_candidates(word: &str) -> Vec<Candidate> {
    let mut out = Out::default();
    let modern = modern_spelling(word);
    if let Some(modern) = &modern {
        out.push(modern.clone(), "old spelling");
    }
    analyze_into(word, &mut out);
    if let Some(modern) = &modern {
        let before = out.list.len();
        analyze_into(modern, &mut out);
        for c in &mut out.list[before..] {
            c.desc = Cow::Owned(format!("{}, old spelling", c.desc));
        }
    }
    out.list.retain(|c| c.lemma != word);
    out.list
}

#[derive(Default)]
struct Out {
    list: Vec<Candidate>,
}

impl Out {
    fn push(&mut self, lemma: String, desc: &'static str) {
        if lemma.chars().count() < 2 || self.list.iter().any(|c| c.lemma == lemma) {
            return;
        }
        self.list.push(Candidate {
            lemma,
            desc: Cow::Borrowed(desc),
        });
    }
}

fn analyze_into(word: &str, out: &mut Out) {
    let lower = word.to_lowercase();
    if crate::de::is_capitalized(word) {
        noun_candidates(word, out);
        verb_candidates(&lower, out);
        adjective_candidates(&lower, out);
    } else {
        verb_candidates(&lower, out);
        adjective_candidates(&lower, out);
        noun_candidates(word, out);
    }
}

/// `daß` → `dass`, `mußte` → `musste`: the old spelling wrote ß after a short vowel where no
/// vowel follows; where one follows (`Straße`) ß stays.
pub fn modern_spelling(word: &str) -> Option<String> {
    if !word.contains('ß') {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len() + 2);
    let mut changed = false;
    for (i, &c) in chars.iter().enumerate() {
        let next_is_vowel = chars.get(i + 1).is_some_and(|&n| is_vowel(n));
        let after_long_vowel = i >= 2 && is_long_vowel_pair(chars[i - 2], chars[i - 1]);
        if c == 'ß' && !next_is_vowel && !after_long_vowel {
            out.push_str("ss");
            changed = true;
        } else {
            out.push(c);
        }
    }
    changed.then_some(out)
}

/// Fuller spellings of a word written as it is spoken or typed on an old keyboard, with what
/// each is, to try when nothing answers the word itself: an elided e put back (`hab'n` →
/// haben, `g'sagt` → gesagt, `and're` → andere), a contracted article dropped (`vor'm` →
/// vor, `für'n` → für), a dropped final e (`wär` → wäre, `heut` → heute), `gehn` → gehen,
/// an `es` written on (`gehts` → geht), ss for ß (`weiss` → weiß), ae, oe, ue for umlauts
/// (`wuerde` → würde), a number written before it (`200g` → g).
pub fn fuller_spellings(word: &str) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let mut push = |spelling: String, how: &'static str| {
        if spelling != word && !out.iter().any(|(s, _)| *s == spelling) {
            out.push((spelling, how));
        }
    };
    if let Some(at) = word.find(['\'', '’']) {
        let apostrophe = word[at..].chars().next().map_or(1, char::len_utf8);
        let (before, after) = (&word[..at], &word[at + apostrophe..]);
        if before.is_empty() || after.contains(['\'', '’']) {
            return out;
        }
        push(format!("{before}e{after}"), ELIDED);
        if before.chars().count() >= 2 && after.chars().count() <= 3 {
            push(before.to_string(), "contracted");
        }
        return out;
    }
    if let Some(rest) = after_number(word) {
        push(rest.to_string(), AFTER_A_NUMBER);
        return out;
    }
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 3 || !chars.iter().all(|c| c.is_alphabetic()) {
        return out;
    }
    let last = chars[n - 1].to_ascii_lowercase();
    if !is_vowel(last) {
        push(format!("{word}e"), "dropped final e");
    }
    if n >= 4 && word.ends_with("ts") {
        push(word[..word.len() - 1].to_string(), "with es written on");
    }
    if last == 'n' && (chars[n - 2] == 'h' || (is_vowel(chars[n - 2]) && chars[n - 2] != 'e')) {
        push(format!("{}en", &word[..word.len() - 1]), ELIDED);
    }
    if word.contains("ss") {
        push(word.replace("ss", "ß"), SS_FOR_SHARP_S);
    }
    let umlauts = word
        .replace("ae", "ä")
        .replace("oe", "ö")
        .replace("ue", "ü")
        .replace("Ae", "Ä")
        .replace("Oe", "Ö")
        .replace("Ue", "Ü");
    push(umlauts, NO_UMLAUTS);
    out
}

/// What [`fuller_spellings`] calls a word after the number it is written on.
pub const AFTER_A_NUMBER: &str = "after a number";

/// A word written on a number, the number aside: `200g` → `g`, `10jährigen` → `jährigen`,
/// `11-stellige` → `stellige`. Not a number's own ending: `3er` (Dreier), `2te`.
fn after_number(word: &str) -> Option<&str> {
    let rest = word.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ','));
    if rest.len() == word.len() {
        return None;
    }
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let ending = [
        "er", "ern", "ers", "te", "ten", "ter", "tes", "tem", "st", "ste", "sten", "mal",
    ];
    (rest.chars().next().is_some_and(char::is_alphabetic)
        && rest.chars().all(char::is_alphabetic)
        && !ending.contains(&rest.to_lowercase().as_str()))
    .then_some(rest)
}

/// What [`fuller_spellings`] calls an e put back.
const ELIDED: &str = "elided e";
/// What [`fuller_spellings`] calls ß written ss.
pub const SS_FOR_SHARP_S: &str = "ss for ß";
/// What [`fuller_spellings`] calls umlauts written ae, oe, ue.
pub const NO_UMLAUTS: &str = "written without umlauts";

/// Colloquial short forms and the words they stand for, sorted by the short form.
const COLLOQUIAL: &[(&str, &str)] = &[
    ("dran", "daran"),
    ("drauf", "darauf"),
    ("draus", "daraus"),
    ("drin", "darin"),
    ("drum", "darum"),
    ("drunter", "darunter"),
    ("drüber", "darüber"),
    ("n", "ein"),
    ("nem", "einem"),
    ("nen", "einen"),
    ("ner", "einer"),
    ("nich", "nicht"),
    ("nix", "nichts"),
    ("rauf", "herauf"),
    ("raus", "heraus"),
    ("rein", "herein"),
    ("rum", "herum"),
    ("runter", "herunter"),
    ("rüber", "herüber"),
];

/// The word a colloquial short form stands for: `raus` → `heraus`, `drauf` → `darauf`, `nen`
/// → `einen`, `nix` → `nichts` (`word` lowercase).
pub fn colloquial_form(word: &str) -> Option<&'static str> {
    COLLOQUIAL
        .binary_search_by(|(short, _)| (*short).cmp(word))
        .ok()
        .map(|i| COLLOQUIAL[i].1)
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_ascii_lowercase(),
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü'
    )
}

/// A diphthong, doubled vowel or vowel + h before ß (`heiß`, `draußen`): that ß stayed in the
/// reform. A single long vowel (`Fuß`) looks like a short one here; the caller's dictionary
/// sorts that out.
fn is_long_vowel_pair(a: char, b: char) -> bool {
    let a = a.to_ascii_lowercase();
    let b = b.to_ascii_lowercase();
    matches!(
        (a, b),
        ('e' | 'a', 'i') | ('a' | 'e' | 'ä', 'u') | ('i', 'e') | (_, 'h')
    ) || (is_vowel(a) && a == b)
}

/// Noun lemmas are capitalized whatever the case of the word (`bündnisses` typed lowercase).
fn noun_candidates(word: &str, out: &mut Out) {
    for &(ending, replacement, desc, umlaut) in NOUN_RULES {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        if stem.chars().count() < 2 {
            continue;
        }
        let lemma = if umlaut {
            match undo_umlaut(stem) {
                Some(s) => s + replacement,
                None => continue,
            }
        } else {
            format!("{stem}{replacement}")
        };
        out.push(capitalize(&lemma), desc);
    }
}

pub(crate) fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Replaces the last umlaut of `stem` (`äu` counts as one) by its plain vowel: `Bäum` → `Baum`.
fn undo_umlaut(stem: &str) -> Option<String> {
    let (i, c) = stem
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü'))?;
    let plain = match c {
        'ä' => 'a',
        'ö' => 'o',
        'ü' => 'u',
        'Ä' => 'A',
        'Ö' => 'O',
        _ => 'U',
    };
    let mut s = String::with_capacity(stem.len());
    s.push_str(&stem[..i]);
    s.push(plain);
    s.push_str(&stem[i + c.len_utf8()..]);
    Some(s)
}

fn adjective_candidates(lower: &str, out: &mut Out) {
    let mut stems: Vec<&str> = vec![lower];
    for ending in ADJECTIVE_ENDINGS {
        if let Some(stem) = lower.strip_suffix(ending)
            && stem.chars().count() >= 2
        {
            // A bare -er is as often a comparative (schneller als) as an ending (ein schneller Zug).
            let desc = if *ending == "er" {
                "comparative or inflected adjective"
            } else {
                "inflected adjective"
            };
            out.push(stem.to_string(), desc);
            stems.push(stem);
        }
    }
    // Headwords in -e: `letzten` → `letzte`, `andern` → `andere`, `diesem` → `diese`.
    for ending in ["en", "em", "er", "es", "n"] {
        if let Some(stem) = lower.strip_suffix(ending)
            && stem.chars().count() >= 2
            && !stem.ends_with('e')
        {
            out.push(format!("{stem}e"), "inflected adjective");
        }
    }
    for stem in &stems[1..] {
        // The endings attach to a changed stem: `hohe` is hoch, `dunkle` dunkel, `teure`
        // teuer (see `inflect::adjective_stems`, which the lookup asks to confirm).
        if let Some(base) = stem_without_change(stem) {
            out.push(base, "inflected adjective");
        }
    }
    for stem in stems {
        comparison_candidates(stem, out);
        // An inflected participle: `angekündigten` → `angekündigt`, `stattfindenden`.
        if stem != lower {
            participle_candidates(stem, out);
        }
    }
}

/// An adjective whose stem changes before an ending, from that stem: `hoh` → hoch, `dunkl` →
/// dunkel, `teur` → teuer, `saur` → sauer.
fn stem_without_change(stem: &str) -> Option<String> {
    if let Some(before) = stem.strip_suffix("oh") {
        return Some(format!("{before}och"));
    }
    if let Some(before) = stem
        .strip_suffix("eur")
        .or_else(|| stem.strip_suffix("aur"))
    {
        let diphthong = &stem[before.len()..stem.len() - 1];
        return Some(format!("{before}{diphthong}er"));
    }
    let before = stem.strip_suffix('l')?;
    let last = before.chars().last()?;
    (before.chars().count() >= 2 && !"aeiouäöüylh".contains(last)).then(|| format!("{before}el"))
}

fn comparison_candidates(stem: &str, out: &mut Out) {
    for &(positive, comparative, superlative) in IRREGULAR_COMPARISON {
        if stem == comparative {
            out.push(positive.to_string(), "comparative");
        } else if stem == superlative {
            out.push(positive.to_string(), "superlative");
        }
    }
    let mut push_with_umlaut = |base: &str, desc: &'static str| {
        if base.chars().count() >= 2 {
            out.push(base.to_string(), desc);
            if let Some(plain) = undo_umlaut(base) {
                out.push(plain, desc);
            }
        }
    };
    if let Some(base) = stem.strip_suffix("er") {
        push_with_umlaut(base, "comparative");
    }
    if let Some(base) = stem.strip_suffix("est") {
        push_with_umlaut(base, "superlative");
    }
    if let Some(base) = stem.strip_suffix("st") {
        push_with_umlaut(base, "superlative");
    }
    // groß → größt: the superlative ending after ß, s, z is -t alone in spelling.
    if let Some(base) = stem.strip_suffix('t')
        && base.ends_with(['ß', 's', 'z'])
    {
        push_with_umlaut(base, "superlative");
    }
}

/// The infinitive for a verb stem: `kündig` → `kündigen`, `sammel` → `sammeln`.
fn infinitive(stem: &str) -> String {
    if stem.ends_with("el") || stem.ends_with("er") {
        format!("{stem}n")
    } else {
        format!("{stem}en")
    }
}

fn verb_candidates(lower: &str, out: &mut Out) {
    // A bare stem: the imperative, or a colloquial 1st person (`frag`, `ich hab`).
    if !lower.ends_with(['e', 'n']) && lower.chars().count() >= 3 {
        out.push(infinitive(lower), "imperative");
    }
    zu_infinitive_candidates(lower, out);
    strong_candidates(lower, out);
    participle_candidates(lower, out);
    // Weak simple past before present: `kündigte` is past, not a present form of `kündigten`.
    for (ending, desc) in [
        ("eten", "simple past"),
        ("etest", "simple past"),
        ("etet", "simple past"),
        ("ete", "simple past"),
        ("ten", "simple past"),
        ("test", "simple past"),
        ("tet", "simple past"),
        ("te", "simple past"),
        ("est", "present tense"),
        ("et", "present tense"),
        ("st", "present tense"),
        ("t", "present tense"),
        ("e", "present tense"),
    ] {
        if let Some(stem) = lower.strip_suffix(ending)
            && stem.chars().count() >= 2
        {
            let desc = if desc == "present tense" && starts_with_inseparable_prefix(lower) {
                "present tense or past participle"
            } else {
                desc
            };
            out.push(infinitive(stem), desc);
        }
    }
}

fn starts_with_inseparable_prefix(lower: &str) -> bool {
    INSEPARABLE_PREFIXES
        .iter()
        .chain(TWO_WAY_PREFIXES)
        .any(|p| lower.len() > p.len() + 3 && lower.starts_with(p))
}

/// `auszuweisen` → `ausweisen`, `zurückzuziehen` → `zurückziehen`, `zuzugeben` → `zugeben`.
fn zu_infinitive_candidates(lower: &str, out: &mut Out) {
    for particle in SEPARABLE_PARTICLES {
        let Some(rest) = lower.strip_prefix(particle) else {
            continue;
        };
        let Some(verb) = rest.strip_prefix("zu") else {
            continue;
        };
        if verb.chars().count() >= 3 && verb.ends_with('n') {
            out.push(format!("{particle}{verb}"), "zu-infinitive");
        }
    }
}

/// Participles of weak verbs, and present participles: `gekündigt`, `angekündigt`,
/// `stattfindend`.
fn participle_candidates(lower: &str, out: &mut Out) {
    if let Some(stem) = lower.strip_suffix("end")
        && stem.chars().count() >= 2
    {
        out.push(infinitive(stem), "present participle");
    }
    let Some(before_t) = lower.strip_suffix('t') else {
        return;
    };
    for particle in std::iter::once(&"").chain(SEPARABLE_PARTICLES) {
        let Some(rest) = before_t.strip_prefix(particle) else {
            continue;
        };
        let Some(stem) = rest.strip_prefix("ge") else {
            continue;
        };
        // gearbeitet, geöffnet: the -e- before -t belongs to the ending.
        let stem = stem.strip_suffix('e').unwrap_or(stem);
        if stem.chars().count() >= 2 {
            out.push(format!("{particle}{}", infinitive(stem)), "past participle");
        }
    }
}

/// Endings the simple past and the subjunctive II take after the forms the table gives
/// (`kam` → `kamst`, `kamen`; `käme` → `kämst`, `kämen`).
const PAST_ENDINGS: [&str; 6] = ["st", "t", "en", "n", "est", "et"];
const SUBJUNCTIVE_ENDINGS: [&str; 3] = ["st", "t", "n"];

/// A form's place among its verb's forms, which says what it is; a form that is several of
/// one verb's is the earliest. Places 2 to 7 are the simple past with [`PAST_ENDINGS`], 9 to
/// 11 the subjunctive with [`SUBJUNCTIVE_ENDINGS`], 15 and up the verb's `extra` forms.
const PARTICIPLE: u8 = 0;
const PAST: u8 = 1;
const SUBJUNCTIVE: u8 = 8;
const EXTRA: u8 = 15;

fn place_desc(place: u8) -> &'static str {
    match place {
        PARTICIPLE => "past participle",
        1..=7 => "simple past",
        8..=11 => "subjunctive II",
        12 | 13 => "present tense",
        14 => "imperative",
        _ => "form",
    }
}

/// The forms of the strong-verb table as it lists them, sorted: (form, index into
/// `STRONG_VERBS`, place). Forms with endings are not listed: a lookup takes the ending off.
/// Borrowed from the table and sorted once, it costs a process that looks up one word
/// almost nothing to make.
fn strong_forms() -> &'static [(&'static str, u16, u8)] {
    static FORMS: OnceLock<Vec<(&'static str, u16, u8)>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut forms = Vec::with_capacity(STRONG_VERBS.len() * 8);
        for (i, sv) in STRONG_VERBS.iter().enumerate() {
            let i = i as u16;
            forms.extend([
                (sv.participle, i, PARTICIPLE),
                (sv.past, i, PAST),
                (sv.subjunctive, i, SUBJUNCTIVE),
                (sv.present_2sg, i, 12),
                (sv.present_3sg, i, 13),
                (sv.imperative, i, 14),
            ]);
            for (k, extra) in sv.extra.iter().enumerate() {
                forms.push((*extra, i, EXTRA.saturating_add(k as u8)));
            }
        }
        forms.sort_unstable();
        forms
    })
}

/// The verb of the strong-verb table whose past participle `lower` is, as the table gives it
/// (`gedacht` → denken, `gestanden` → stehen): a base verb, commoner than a verb with an
/// inseparable `ge-` whose participle looks the same (gedenken, gestehen).
pub fn strong_participle_of(lower: &str) -> Option<&'static str> {
    listed(strong_forms(), lower)
        .iter()
        .find(|e| e.2 == PARTICIPLE)
        .map(|e| STRONG_VERBS[usize::from(e.1)].infinitive)
        .filter(|v| !WEAK_LOOKALIKES.contains(v))
}

/// The table's entries for `form`.
fn listed<'a, T: Copy>(
    table: &'a [(&'static str, T, u8)],
    form: &str,
) -> &'a [(&'static str, T, u8)] {
    let start = table.partition_point(|e| e.0 < form);
    let len = table[start..].partition_point(|e| e.0 == form);
    &table[start..start + len]
}

/// The strong verbs `form` is a form of: (index into `STRONG_VERBS`, what it is), by index.
fn strong_verbs_of(form: &str) -> Vec<(usize, &'static str)> {
    let table = strong_forms();
    let mut hits: Vec<(u16, u8)> = listed(table, form).iter().map(|e| (e.1, e.2)).collect();
    let mut with_ending = |endings: &[&str], of: u8| {
        for (k, ending) in endings.iter().enumerate() {
            if let Some(stem) = form.strip_suffix(ending) {
                hits.extend(
                    listed(table, stem)
                        .iter()
                        .filter(|e| e.2 == of)
                        .map(|e| (e.1, of + 1 + k as u8)),
                );
            }
        }
    };
    with_ending(&PAST_ENDINGS, PAST);
    with_ending(&SUBJUNCTIVE_ENDINGS, SUBJUNCTIVE);
    hits.sort_unstable();
    hits.dedup_by_key(|h| h.0);
    hits.into_iter()
        .map(|(i, place)| (usize::from(i), place_desc(place)))
        .collect()
}

/// Participles without their ge- (`wiesen` for `gewiesen`), for inseparable prefixes:
/// `verwiesen` → `verweisen`. Sorted: (stem, index into `STRONG_VERBS`, 0).
fn strong_participle_stems() -> &'static [(&'static str, usize, u8)] {
    static STEMS: OnceLock<Vec<(&'static str, usize, u8)>> = OnceLock::new();
    STEMS.get_or_init(|| {
        let mut stems: Vec<(&'static str, usize, u8)> = STRONG_VERBS
            .iter()
            .enumerate()
            .filter_map(|(i, sv)| Some((sv.participle.strip_prefix("ge")?, i, 0)))
            .collect();
        stems.sort_unstable();
        stems
    })
}

fn strong_candidates(lower: &str, out: &mut Out) {
    let push = |prefix: &str, i: usize, desc: &'static str, out: &mut Out| {
        let lemma = format!("{prefix}{}", STRONG_VERBS[i].infinitive);
        if !WEAK_LOOKALIKES.contains(&lemma.as_str()) {
            out.push(lemma, desc);
        }
    };
    for (i, desc) in strong_verbs_of(lower) {
        push("", i, desc, out);
    }
    for particle in SEPARABLE_PARTICLES {
        if let Some(rest) = lower.strip_prefix(particle) {
            for (i, desc) in strong_verbs_of(rest) {
                push(particle, i, desc, out);
            }
        }
    }
    for prefix in INSEPARABLE_PREFIXES.iter().chain(TWO_WAY_PREFIXES) {
        let Some(rest) = lower.strip_prefix(prefix) else {
            continue;
        };
        for &(_, i, _) in listed(strong_participle_stems(), rest) {
            push(prefix, i, "past participle", out);
        }
        for (i, desc) in strong_verbs_of(rest) {
            if desc != "past participle" {
                push(prefix, i, desc, out);
            }
        }
    }
}

/// Splits a compound into its parts, head last, with linking elements removed and the head in
/// its dictionary form: `Spionageaktivitäten` → `["Spionage", "Aktivität"]`,
/// `Mitgliedsstaaten` → `["Mitglied", "Staat"]`; hyphenated ones at their hyphens
/// (`NATO-Russland-Rates` → `["NATO", "Russland", "Rat"]`). `is_known` says whether a
/// dictionary or glossary knows a word; it gets parts capitalized like `word`. `None` when no
/// split into known parts exists.
pub fn split_compound(word: &str, is_known: impl Fn(&str) -> bool) -> Option<Vec<String>> {
    if word.contains('-') {
        let mut parts: Vec<String> = word
            .split('-')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        if parts.len() < 2 {
            return None;
        }
        if let Some(last) = parts.pop() {
            if is_known(&last) {
                parts.push(last);
            } else if let Some(lemma) = known_lemma(&last, &is_known) {
                parts.push(lemma);
            } else if let Some(inner) = split_unhyphenated(&last, &is_known) {
                // `Debian-Paketmanagement`: the last part a compound of its own.
                parts.extend(inner);
            } else {
                parts.push(last);
            }
        }
        return Some(parts);
    }
    split_unhyphenated(word, &is_known)
}

/// [`split_compound`] for a word written without hyphens. A name that ends like a compound
/// (Russland, Einstein) is none.
fn split_unhyphenated<F: Fn(&str) -> bool>(word: &str, is_known: &F) -> Option<Vec<String>> {
    let splitter = Splitter {
        capitalize: crate::de::is_capitalized(word),
        is_known: &is_known,
    };
    let lower = word.to_lowercase();
    if super::lexicon::is_not_compound(&lower) {
        return None;
    }
    let bounds: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    // Longest head first: the head carries the meaning and the inflection.
    for &i in bounds.iter().skip(MIN_PART) {
        let head = &lower[i..];
        if head.chars().count() < MIN_PART {
            break;
        }
        let head = splitter.cased(head);
        // A known head is normalized (`Aktivitäten` → `Aktivität`); an unknown one may be a
        // case form with an ending (`Staaten`, `Rates`): its full analysis for every split
        // would cost too much for words nobody knows.
        let head_lemma = if is_known(&head) {
            // A noun's head is a noun: `Platz` in `Universitätsplatz` is no form of `platzen`;
            // a lowercase word's is none: `stäuben` in `überstäuben` is no form of `Staub`.
            lemma_candidates(&head)
                .into_iter()
                .map(|c| c.lemma)
                .filter(|l| splitter.capitalize == crate::de::is_capitalized(l))
                .find(|l| is_known(l))
                .or(Some(head))
        } else {
            inflected_head(&head, &is_known)
        };
        let Some(head_lemma) = head_lemma.filter(|l| l.chars().count() >= MIN_PART) else {
            continue;
        };
        if let Some(mut parts) = splitter.modifier(&lower[..i], 0) {
            parts.push(head_lemma);
            return Some(parts);
        }
    }
    None
}

const MIN_PART: usize = 3;

/// A compound's head with a case or plural ending off, when that is known: `Staaten` →
/// `Staat`, `Rates` → `Rat`.
fn inflected_head(head: &str, is_known: &impl Fn(&str) -> bool) -> Option<String> {
    ["es", "s", "en", "n", "ern", "er", "e", "ns"]
        .iter()
        .filter_map(|ending| head.strip_suffix(ending))
        .find(|stem| stem.chars().count() >= MIN_PART && is_known(stem))
        .map(str::to_string)
}
const MAX_MODIFIER_DEPTH: usize = 3;

/// The first lemma candidate of `word` that is known.
fn known_lemma(word: &str, is_known: &impl Fn(&str) -> bool) -> Option<String> {
    lemma_candidates(word)
        .into_iter()
        .find(|c| is_known(&c.lemma))
        .map(|c| c.lemma)
}

struct Splitter<'a, F: Fn(&str) -> bool> {
    capitalize: bool,
    is_known: &'a F,
}

impl<F: Fn(&str) -> bool> Splitter<'_, F> {
    fn cased(&self, lower: &str) -> String {
        if self.capitalize {
            capitalize(lower)
        } else {
            lower.to_string()
        }
    }

    /// The modifier part(s) of a compound, linking element removed: `mitglieds` → `Mitglied`.
    fn modifier(&self, lower: &str, depth: usize) -> Option<Vec<String>> {
        let variants = modifier_variants(lower);
        for v in &variants {
            let cased = self.cased(v);
            if (self.is_known)(&cased) {
                return Some(vec![cased]);
            }
        }
        if depth >= MAX_MODIFIER_DEPTH {
            return None;
        }
        for v in &variants {
            let bounds: Vec<usize> = v.char_indices().map(|(i, _)| i).collect();
            for &j in bounds.iter().skip(MIN_PART) {
                let right = &v[j..];
                if right.chars().count() < MIN_PART {
                    break;
                }
                let right = self.cased(right);
                if !(self.is_known)(&right) {
                    continue;
                }
                if let Some(mut parts) = self.modifier(&v[..j], depth + 1) {
                    parts.push(right);
                    return Some(parts);
                }
            }
        }
        None
    }
}

/// A modifier as written, without a linking element, and with an elided -e restored
/// (`Schulbuch` → `Schule`).
fn modifier_variants(lower: &str) -> Vec<String> {
    let mut out = vec![lower.to_string()];
    for link in ["es", "s", "en", "n", "er", "e"] {
        if let Some(stem) = lower.strip_suffix(link)
            && stem.chars().count() >= MIN_PART
        {
            out.push(stem.to_string());
        }
    }
    out.push(format!("{lower}e"));
    out.push(format!("{lower}en"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_written_on_a_number_is_looked_up_without_it() {
        let spellings =
            |w: &str| -> Vec<String> { fuller_spellings(w).into_iter().map(|(s, _)| s).collect() };
        assert_eq!(spellings("200g"), ["g"]);
        assert_eq!(spellings("10jährigen"), ["jährigen"]);
        assert_eq!(spellings("11-stellige"), ["stellige"]);
        assert!(spellings("3er").is_empty(), "a number's own ending");
        assert!(spellings("2te").is_empty());
        assert_eq!(colloquial_form("n"), Some("ein"));
    }

    #[test]
    fn a_noun_s_head_is_a_noun_and_a_hyphenated_last_part_is_split_too() {
        let known = [
            "Universität",
            "Platz",
            "platzen",
            "Ereignis",
            "Abfolge",
            "abfolgen",
            "Paket",
            "Management",
        ];
        let is_known = |w: &str| known.contains(&w);
        let split = |w: &str| split_compound(w, is_known).map(|p| p.join(" + "));
        assert_eq!(
            split("Universitätsplatz").as_deref(),
            Some("Universität + Platz")
        );
        assert_eq!(
            split("Ereignisabfolge").as_deref(),
            Some("Ereignis + Abfolge")
        );
        assert_eq!(
            split("Debian-Paketmanagement").as_deref(),
            Some("Debian + Paket + Management")
        );
    }

    #[test]
    fn a_lowercase_word_s_head_is_no_noun() {
        let known = [
            "über", "stäuben", "stauben", "Staub", "glatt", "rühren", "Rühren",
        ];
        let is_known = |w: &str| known.contains(&w) || known.contains(&&*w.to_lowercase());
        let split = |w: &str| split_compound(w, is_known).map(|p| p.join(" + "));
        assert_eq!(split("überstäuben").as_deref(), Some("über + stäuben"));
        assert_eq!(split("glattrühren").as_deref(), Some("glatt + rühren"));
    }

    fn lemmas(word: &str) -> Vec<(String, String)> {
        lemma_candidates(word)
            .into_iter()
            .map(|c| (c.lemma, c.desc.into_owned()))
            .collect()
    }

    fn has(word: &str, lemma: &str, desc: &str) -> bool {
        lemmas(word).iter().any(|(l, d)| l == lemma && d == desc)
    }

    fn first_known(word: &str, known: &[&str]) -> Option<(String, String)> {
        lemmas(word)
            .into_iter()
            .find(|(l, _)| known.contains(&l.as_str()))
    }

    #[test]
    fn words_written_as_spoken_have_fuller_spellings() {
        let first = |w: &str| fuller_spellings(w).first().map(|(s, _)| s.clone());
        assert_eq!(first("hab'n").as_deref(), Some("haben"));
        assert_eq!(first("g'sagt").as_deref(), Some("gesagt"));
        assert!(
            fuller_spellings("vor'm")
                .iter()
                .any(|(s, how)| s == "vor" && *how == "contracted")
        );
        assert_eq!(first("heut").as_deref(), Some("heute"));
        assert!(fuller_spellings("gehts").iter().any(|(s, _)| s == "geht"));
        assert!(fuller_spellings("gehn").iter().any(|(s, _)| s == "gehen"));
        assert!(fuller_spellings("weiss").iter().any(|(s, _)| s == "weiß"));
        assert!(fuller_spellings("wuerde").iter().any(|(s, _)| s == "würde"));
        // Numbers and short words have none.
        assert!(fuller_spellings("3er").is_empty());
        assert!(fuller_spellings("zu").is_empty());
    }

    #[test]
    fn auszuweisen_is_the_zu_infinitive_of_ausweisen() {
        assert!(has("auszuweisen", "ausweisen", "zu-infinitive"));
    }

    #[test]
    fn zurueckzuziehen_is_the_zu_infinitive_of_zurueckziehen() {
        assert!(has("zurückzuziehen", "zurückziehen", "zu-infinitive"));
        assert!(has("zuzugeben", "zugeben", "zu-infinitive"));
        assert!(has("anzuerkennen", "anerkennen", "zu-infinitive"));
    }

    #[test]
    fn kuendigte_is_the_simple_past_of_kuendigen() {
        assert_eq!(
            first_known("kündigte", &["kündigen", "kündigten"]),
            Some(("kündigen".into(), "simple past".into()))
        );
        assert!(has("arbeitete", "arbeiten", "simple past"));
    }

    #[test]
    fn present_forms_lead_to_the_infinitive() {
        assert!(has("kündigt", "kündigen", "present tense"));
        assert!(has("arbeitest", "arbeiten", "present tense"));
        assert!(has("sammelt", "sammeln", "present tense"));
        assert!(has("ändert", "ändern", "present tense"));
    }

    #[test]
    fn weak_participles_with_and_without_particle() {
        assert!(has("gekündigt", "kündigen", "past participle"));
        assert!(has("angekündigt", "ankündigen", "past participle"));
        assert!(has("gearbeitet", "arbeiten", "past participle"));
        assert!(has("angekündigten", "ankündigen", "past participle"));
    }

    #[test]
    fn present_participles_inflected_or_not() {
        assert!(has("stattfindend", "stattfinden", "present participle"));
        assert!(has("stattfindenden", "stattfinden", "present participle"));
    }

    #[test]
    fn bündnisses_is_the_genitive_of_bündnis() {
        assert_eq!(
            first_known("Bündnisses", &["Bündnis", "Bündniss"]),
            Some(("Bündnis".into(), "genitive singular".into()))
        );
        assert!(has("Bündnisse", "Bündnis", "plural"));
    }

    #[test]
    fn noun_plurals_and_case_forms() {
        assert!(has("Diplomaten", "Diplomat", "plural"));
        assert!(has("Mitgliedsstaaten", "Mitgliedsstaat", "plural"));
        assert!(has("Aktivitäten", "Aktivität", "plural"));
        assert!(has("Hauses", "Haus", "genitive singular"));
        assert!(has("Häuser", "Haus", "plural"));
        assert!(has("Männern", "Mann", "dative plural"));
        assert!(has("Bäume", "Baum", "plural"));
        assert!(has("Mütter", "Mutter", "plural"));
        assert!(has("Gremien", "Gremium", "plural"));
        assert!(has("Lehrerinnen", "Lehrerin", "plural"));
        assert!(has("Themen", "Thema", "plural"));
    }

    #[test]
    fn noun_candidates_are_capitalized() {
        let first = lemmas("Diplomaten")
            .into_iter()
            .find(|(l, _)| l.to_lowercase() == "diplomat");
        assert_eq!(first, Some(("Diplomat".into(), "plural".into())));
        assert!(has("bündnisses", "Bündnis", "genitive singular"));
    }

    #[test]
    fn adjective_comparison() {
        assert!(has(
            "schneller",
            "schnell",
            "comparative or inflected adjective"
        ));
        assert!(has("schnellere", "schnell", "comparative"));
        assert!(has("schnellsten", "schnell", "superlative"));
        assert!(has("älter", "alt", "comparative"));
        assert!(has("größten", "groß", "superlative"));
        assert!(has("besser", "gut", "comparative"));
        assert!(has("schnelle", "schnell", "inflected adjective"));
    }

    #[test]
    fn a_strong_participle_names_its_base_verb() {
        assert_eq!(strong_participle_of("gedacht"), Some("denken"));
        assert_eq!(strong_participle_of("gestanden"), Some("stehen"));
        assert_eq!(strong_participle_of("dachte"), None);
        assert_eq!(strong_participle_of("gemacht"), None);
    }

    #[test]
    fn inflected_adjectives_with_a_changed_stem() {
        assert!(has("hohe", "hoch", "inflected adjective"));
        assert!(has("hohen", "hoch", "inflected adjective"));
        assert!(has("dunkle", "dunkel", "inflected adjective"));
        assert!(has("teuren", "teuer", "inflected adjective"));
        assert!(has("saure", "sauer", "inflected adjective"));
        // A stem that ends in -l after a vowel, -hl or -ll keeps it.
        assert!(!has("kühle", "kühel", "inflected adjective"));
        assert!(!has("volle", "vollel", "inflected adjective"));
    }

    #[test]
    fn adjectives_and_determiners_in_e() {
        assert!(has("letzten", "letzte", "inflected adjective"));
        assert!(has("andern", "andere", "inflected adjective"));
        assert!(has("diesem", "diese", "inflected adjective"));
        assert!(has("beiden", "beide", "inflected adjective"));
    }

    #[test]
    fn colloquial_short_forms_stand_for_their_words() {
        assert_eq!(colloquial_form("raus"), Some("heraus"));
        assert_eq!(colloquial_form("drauf"), Some("darauf"));
        assert_eq!(colloquial_form("nen"), Some("einen"));
        assert_eq!(colloquial_form("runter"), Some("herunter"));
        assert_eq!(colloquial_form("heraus"), None);
        for (short, full) in COLLOQUIAL {
            assert_eq!(colloquial_form(short), Some(*full), "{short}");
        }
    }

    #[test]
    fn old_spelling_becomes_new() {
        assert_eq!(lemmas("daß")[0], ("dass".into(), "old spelling".into()));
        assert_eq!(lemmas("muß")[0], ("muss".into(), "old spelling".into()));
        assert!(has("mußte", "musste", "old spelling"));
        // ß after a long vowel or diphthong, or before a vowel, was right all along.
        assert!(lemmas("Straße").iter().all(|(l, _)| l != "Strasse"));
        assert!(lemmas("heiß").iter().all(|(l, _)| l != "heiss"));
    }

    #[test]
    fn every_strong_participle_leads_to_its_infinitive() {
        for sv in STRONG_VERBS {
            // genesen, verlieren: the participle is the infinitive or has no ge- to strip.
            if WEAK_LOOKALIKES.contains(&sv.infinitive) || sv.participle == sv.infinitive {
                continue;
            }
            assert!(
                has(sv.participle, sv.infinitive, "past participle"),
                "{} -> {}: {:?}",
                sv.participle,
                sv.infinitive,
                lemmas(sv.participle)
            );
        }
    }

    #[test]
    fn strong_verbs_through_the_table() {
        assert!(has("gekommen", "kommen", "past participle"));
        assert!(has("angekommen", "ankommen", "past participle"));
        assert!(has("kam", "kommen", "simple past"));
        assert!(has("ankamen", "ankommen", "simple past"));
        assert!(has("gewiesen", "weisen", "past participle"));
        assert!(has("ausgewiesen", "ausweisen", "past participle"));
        assert!(has("verwiesen", "verweisen", "past participle"));
        assert!(has("zog", "ziehen", "simple past"));
        assert!(has("zurückgezogen", "zurückziehen", "past participle"));
    }

    #[test]
    fn a_bare_stem_leads_to_its_verb() {
        assert!(has("frag", "fragen", "imperative"));
        assert!(has("hab", "haben", "imperative"));
    }

    #[test]
    fn the_word_itself_is_no_candidate() {
        assert!(lemmas("kommen").iter().all(|(l, _)| l != "kommen"));
    }

    fn known(words: &'static [&'static str]) -> impl Fn(&str) -> bool {
        move |w: &str| words.iter().any(|k| k.to_lowercase() == w.to_lowercase())
    }

    #[test]
    fn splits_spionageaktivitaeten_into_spionage_and_aktivitaet() {
        let is_known = known(&[
            "Spionage",
            "Aktivität",
            "Aktivitäten",
            "Tat",
            "Taten",
            "Spion",
        ]);
        assert_eq!(
            split_compound("Spionageaktivitäten", is_known),
            Some(vec!["Spionage".to_string(), "Aktivität".to_string()])
        );
    }

    #[test]
    fn removes_the_linking_s() {
        let is_known = known(&["Mitglied", "Staat"]);
        assert_eq!(
            split_compound("Mitgliedsstaaten", is_known),
            Some(vec!["Mitglied".to_string(), "Staat".to_string()])
        );
    }

    #[test]
    fn splits_a_modifier_that_is_itself_a_compound() {
        let is_known = known(&["Bund", "Verteidigung", "Ministerium"]);
        assert_eq!(
            split_compound("Bundesverteidigungsministerium", is_known),
            Some(vec![
                "Bund".to_string(),
                "Verteidigung".to_string(),
                "Ministerium".to_string()
            ])
        );
    }

    #[test]
    fn restores_an_elided_e() {
        let is_known = known(&["Schule", "Buch"]);
        assert_eq!(
            split_compound("Schulbuch", is_known),
            Some(vec!["Schule".to_string(), "Buch".to_string()])
        );
    }

    #[test]
    fn a_name_that_ends_like_a_compound_is_none() {
        let is_known = known(&["ein", "Stein", "Russ", "Land"]);
        assert_eq!(split_compound("Einstein", &is_known), None);
        assert_eq!(split_compound("Einsteins", &is_known), None);
        assert_eq!(split_compound("Russland", &is_known), None);
        assert_eq!(
            split_compound("Grabstein", known(&["Grab", "Stein"])),
            Some(vec!["Grab".to_string(), "Stein".to_string()])
        );
    }

    #[test]
    fn splits_at_hyphens_with_the_head_as_lemma() {
        let is_known = known(&["Rat"]);
        assert_eq!(
            split_compound("NATO-Russland-Rates", is_known),
            Some(vec![
                "NATO".to_string(),
                "Russland".to_string(),
                "Rat".to_string()
            ])
        );
    }

    #[test]
    fn unknown_parts_give_no_split() {
        let is_known = known(&["Haus"]);
        assert_eq!(split_compound("Xyzqhaus", is_known), None);
        assert_eq!(split_compound("Haus", known(&["Haus"])), None);
    }
}
