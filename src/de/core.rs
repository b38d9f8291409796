//! The core lexicon: the German function words a learner meets on every page (articles and
//! their forms, pronouns, prepositions with their case, contractions, conjunctions, particles,
//! the auxiliaries and modal verbs in all their forms, numbers), each form with what it is,
//! written for the card. The dictionaries answer these words badly (`Die` is not Dienstag,
//! `im` is in + dem), so their answers come first.
//!
//! The data is `core.txt` beside this file, compiled in and read once.
//!
//! ```
//! use leser::de::core;
//! assert_eq!(core::headword("dem"), Some("der"));
//! let im = &core::lookup("Im")[0];
//! assert_eq!((im.function, im.en), ("in + dem", "in the"));
//! ```

use crate::dict::{Answer, Sense};
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// The `dictionary` of the core lexicon's answers.
pub const DICTIONARY: &str = "core lexicon";

/// Parts of speech an entry may have: the glossary's, and the classes function words need.
pub const POS: &[&str] = &[
    "noun", "verb", "adj", "adv", "prep", "conj", "phrase", "name", "abbr", "art", "pron", "num",
    "particle",
];

/// Forms that, capitalized inside a sentence, are mostly a noun of another meaning: *am
/// Morgen*, *der Weg*, *vielen Dank*, *zum ersten Mal*. For those the dictionaries' noun
/// comes before the core lexicon's answer.
pub const NOUNS_TOO: &[&str] = &[
    "acht", "aus", "bitte", "dank", "ehe", "elf", "haben", "halt", "hundert", "können", "laut",
    "los", "mal", "morgen", "nichts", "null", "recht", "sein", "tausend", "trotz", "weg", "werden",
    "wohl",
];

const DATA: &str = include_str!("core.txt");

/// One function of one form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoreEntry {
    /// The form as the lexicon writes it: lower case, except the polite `Sie`, `Ihnen`, `Ihr`.
    pub form: &'static str,
    /// What a learner files the form under: `der` for `dem`, `sein` for `bist`; a contraction
    /// is its own (`im`).
    pub headword: &'static str,
    /// The glossary's part of speech (`verb`, `prep`, `conj`, `adv`, …), or `art`, `pron`,
    /// `num`, `particle`.
    pub pos: &'static str,
    /// What the form is: `dative singular of der (masculine or neuter)`; for a contraction its
    /// parts, `in + dem`.
    pub function: &'static str,
    /// The English senses, `;` between them: `the, to the`.
    pub en: &'static str,
    /// A hint on its use: `+ dative`, `the verb goes to the end of the clause: …`.
    pub note: Option<&'static str>,
}

impl CoreEntry {
    /// Whether the form is two words in one (`im` = in + dem, `darauf` = da(r) + auf): its
    /// function is then its parts.
    pub fn is_contraction(&self) -> bool {
        is_parts(self.function)
    }

    /// Whether the form is written with its capital (the polite `Sie`, `Ihnen`; a first
    /// name).
    pub fn is_polite(&self) -> bool {
        crate::de::is_capitalized(self.form)
    }

    /// Whether the form, capitalized inside a sentence, is still this entry and no noun: the
    /// polite `Sie`, a first name, and the informal `Du`, `Dir`, `Euch`, `Dein`, which letters
    /// capitalize (`was glaubst Du`).
    pub fn keeps_capital(&self) -> bool {
        self.is_polite()
            || (self.pos == "pron"
                && (matches!(self.headword, "du" | "dein" | "euer") || self.form == "euch"))
    }

    /// The entry as a dictionary answer: the function in `how`, the English as the sense, the
    /// note as its grammar.
    pub fn answer(&self) -> Answer {
        Answer {
            headword: self.headword.to_string(),
            lemma: self.headword.to_string(),
            dictionary: DICTIONARY.to_string(),
            how: self.function.to_string(),
            forms: Vec::new(),
            gender: None,
            plural: None,
            senses: vec![Sense {
                de: String::new(),
                text: self.en.to_string(),
                pos: self.pos.to_string(),
                tags: self.note.map(str::to_string).into_iter().collect(),
                labels: Vec::new(),
                synonyms: Vec::new(),
            }],
        }
    }
}

/// The parsed lexicon: entries grouped by lowercase form, and where each form's group is.
struct Lexicon {
    entries: Vec<CoreEntry>,
    by_form: FxHashMap<Box<str>, Range<usize>>,
    /// The longest form's length in bytes: a longer word is no core word.
    longest: usize,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // The data is compiled in and checked by a test; a bad line cannot reach a user.
    let mut entries = parse(DATA).unwrap_or_default();
    entries.extend(first_names());
    Lexicon::new(entries)
});

/// First names that are as often a common word, written with its capital: *im August*,
/// *der Ernst des Lebens*. They stay the dictionaries'.
const NAMES_AND_WORDS: &[&str] = &["august", "ernst"];

/// The frequent first names ([`crate::de::lexicon::FIRST_NAMES`]) as entries: a name is no
/// compound (`Wolfgang` is not Wolf + Gang) and no guessed form (`Klaus` is not `Klause`).
/// Their form keeps its capital, so that only a capitalized word is a name (`frank` is not
/// `Frank`).
fn first_names() -> impl Iterator<Item = CoreEntry> {
    static NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
        crate::de::lexicon::FIRST_NAMES
            .iter()
            .filter(|n| !NAMES_AND_WORDS.contains(n))
            .map(|n| crate::de::analyze::capitalize(n))
            .collect()
    });
    NAMES.iter().map(|name| CoreEntry {
        form: name,
        headword: name,
        pos: "name",
        function: "first name",
        en: "name",
        note: None,
    })
}

impl Lexicon {
    fn new(mut entries: Vec<CoreEntry>) -> Lexicon {
        // Stable: a form's entries keep the file's order, the commonest first.
        entries.sort_by_cached_key(|e| e.form.to_lowercase());
        let mut by_form: FxHashMap<Box<str>, Range<usize>> = FxHashMap::default();
        by_form.reserve(entries.len());
        let mut start = 0;
        while start < entries.len() {
            let key = entries[start].form.to_lowercase();
            let end = start
                + entries[start..]
                    .iter()
                    .take_while(|e| e.form.to_lowercase() == key)
                    .count();
            by_form.insert(key.into_boxed_str(), start..end);
            start = end;
        }
        let longest = by_form.keys().map(|k| k.len()).max().unwrap_or(0);
        Lexicon {
            entries,
            by_form,
            longest,
        }
    }

    fn get(&self, key: &str) -> &[CoreEntry] {
        self.by_form
            .get(key)
            .map_or(&[], |range| &self.entries[range.clone()])
    }
}

/// Reads the lexicon's lines: `form | headword | pos | function | English | note`, `#`
/// comments and blank lines skipped. The error names the line.
pub fn parse(text: &'static str) -> Result<Vec<CoreEntry>, String> {
    let mut entries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&'static str> = line.split('|').map(str::trim).collect();
        let bad = |what: &str| format!("core.txt:{}: {what}: {line}", n + 1);
        let [form, headword, pos, function, en, rest @ ..] = fields.as_slice() else {
            return Err(bad(
                "expected form | headword | pos | function | English | note",
            ));
        };
        let note = match rest {
            [] | [""] => None,
            [note] => Some(*note),
            _ => return Err(bad("more than six fields")),
        };
        if [form, headword, pos, function, en]
            .iter()
            .any(|f| f.is_empty())
        {
            return Err(bad("an empty field"));
        }
        if !POS.contains(pos) {
            return Err(bad("unknown part of speech"));
        }
        entries.push(CoreEntry {
            form,
            headword,
            pos,
            function,
            en,
            note,
        });
    }
    Ok(entries)
}

/// Whether a function is a contraction's parts: words joined by ` + ` (`in + dem`).
fn is_parts(function: &str) -> bool {
    let mut parts = function.split(" + ");
    parts.clone().count() == 2 && parts.all(|p| !p.is_empty() && !p.contains(' '))
}

/// The core lexicon's entries for a word as a text has it (case and surrounding punctuation
/// do not matter), the commonest function first; empty when it has none.
/// The core lexicon's entry for a word of a text, where it answers before the dictionaries.
/// A capitalized word inside a sentence (`noun_like`) is a noun, the dictionaries' (`am
/// Morgen`), unless the form is a polite pronoun (`Sie`, `Ihnen`); a verb whose clause ends in
/// a particle may be a particle verb (`hat … vor`), the dictionaries' too.
pub fn entry_in_text(
    word: &str,
    noun_like: bool,
    with_particle: bool,
) -> Option<&'static CoreEntry> {
    let entries = lookup(word);
    let entry = if noun_like {
        entries.iter().find(|e| e.keeps_capital())?
    } else {
        entries.first()?
    };
    (!(with_particle && entry.pos == "verb")).then_some(entry)
}

/// Words after which an infinitive `sein` may still stand (`sein und bleiben`).
const AFTER_INFINITIVE: &[&str] = &["und", "oder", "aber", "sondern", "denn", "als", "wie", "zu"];

/// Whether `sein` is the possessive (his, its) rather than the verb: the infinitive stands at
/// the end of its clause (`Das kann sein.`) or before the finite verb of a clause that ends
/// with it (`weil es kaputt sein muss`), the possessive before its noun (`sein Fahrrad`, `sein
/// neues Rad`). `next` is the word right after it, if a word follows directly.
pub fn is_possessive_sein(word: &str, next: Option<&str>) -> bool {
    let Some(next) = next.filter(|_| word.eq_ignore_ascii_case("sein")) else {
        return false;
    };
    let lower = next.to_lowercase();
    let verb_follows = !crate::de::is_capitalized(next)
        && (AFTER_INFINITIVE.contains(&lower.as_str())
            || lookup(&lower).iter().any(|e| e.pos == "verb"));
    !verb_follows
}

/// The sense of a function word that the word after it picks out of its entry's, for a gloss
/// that gives one: `nach` before an article or pronoun is "after" (`nach dem Essen`,
/// `nach meinem letzten Unfall`), before a place "to" (`nach Berlin`, `nach Hause`), the
/// entry's first sense.
pub fn sense_before(word: &str, next: Option<&str>) -> Option<&'static str> {
    let next = next?;
    let determiner = || lookup(next).iter().any(|e| matches!(e.pos, "art" | "pron"));
    (word.eq_ignore_ascii_case("nach") && determiner()).then_some("after")
}

/// The part of speech a function word has where it stands, when the words of its clause
/// (`clause`, in order, punctuation left out; the word is `clause[at]`) tell its uses apart;
/// `None` when they do not, or the word has one use. The card and the gloss ask the core
/// lexicon (and the dictionaries) for this use first:
///
/// - `sein` before its noun is the possessive (see [`is_possessive_sein`]);
/// - `während` before a genitive (`während des Essens`) is the preposition, before a subject
///   or in a clause whose verb stands last (`während die Füße riechen`) the conjunction;
/// - `wie` of comparison before a noun phrase (`wie ein Messer`) is the conjunction; before an
///   adjective or a verb (`wie alt`, `wie geht`), or opening a clause whose verb stands last
///   (`…, wie das geht`), the question word;
/// - `zu` before an adjective or adverb (`zu peinlich`, `zu viel`) is the degree adverb
///   (too), before an infinitive that ends the clause (`zu gehen`) the infinitive's particle.
pub fn pos_in_clause(clause: &[&str], at: usize) -> Option<&'static str> {
    let word = clause.get(at)?.to_lowercase();
    let next = clause.get(at + 1).copied();
    match word.as_str() {
        "sein" => is_possessive_sein(&word, next).then_some("pron"),
        "während" => Some(if waehrend_is_conjunction(clause, at) {
            "conj"
        } else {
            "prep"
        }),
        "wie" => wie_pos(clause, at),
        "zu" => zu_pos(clause, at),
        "der" | "die" | "das" | "dem" | "den" => article_or_pronoun(clause, at),
        _ => None,
    }
}

/// Whether the word at `at` opens its sentence (`opener`) as a finite verb before its
/// subject's article or number, in a clause with no auxiliary: `Gehen zwei durch die Wüste`,
/// `Fragen die Kollegen`, `Liebe deine Feinde` ask for the verb first, not das Gehen; `Macht
/// der Gewohnheit ist …` does not.
pub fn verb_first(clause: &[&str], at: usize, opener: Option<usize>) -> bool {
    const FOLLOWERS: &[&str] = &[
        "der", "die", "das", "den", "dem", "ein", "eine", "einen", "einem", "einer", "zwei",
        "drei", "vier", "mein", "meine", "meinen", "dein", "deine", "deinen", "sein", "seine",
        "seinen", "ihr", "ihre", "ihren", "unser", "unsere", "unseren",
    ];
    const AUXILIARIES: &[&str] = &[
        "ist", "sind", "war", "waren", "hat", "haben", "hatte", "hatten", "wird", "werden",
        "wurde", "wurden",
    ];
    at == 0
        && opener == Some(0)
        && clause.first().is_some_and(|w| crate::de::is_capitalized(w))
        && clause
            .get(1)
            .is_some_and(|w| FOLLOWERS.contains(&w.to_lowercase().as_str()))
        && !clause
            .iter()
            .any(|w| AUXILIARIES.contains(&w.to_lowercase().as_str()))
}

/// Whether the word at `at` of its clause's words (`clause`, in order, punctuation left out)
/// stands before its noun as an adjective (`einen schönen Garten`, `frische Kräuter`, `ein
/// schönes großes Haus`), so that its adjective is asked for first: `schönen` is schön, not
/// the verb schönen; `Neue` opening a sentence is neu, not das Neue. `opener` is the word of
/// the clause that opens its sentence, if one does: its capital says nothing.
///
/// - The word has an adjective's ending (-e, -em, -en, -er, -es) and at least four letters,
///   is lowercase unless it opens its sentence, and is no word of the core lexicon (which
///   answers for its own words: `einen`, `diese`, `jeder`).
/// - A noun follows: a capitalized word that does not keep its capital as a pronoun or name
///   (`Sie`, `Peter`); or one more lowercase word with an adjective's ending, then the noun.
/// - Before it stands no noun (a capitalized word, opening the sentence too, unless it is a
///   function word: `Die heißen Quellen`) and no subject pronoun: after one it is the verb
///   (`Die Kinder lieben Tiere`, `Luther erschütterte Deutschland`, `Wir lieben Tiere`, `Sie
///   heißen Anna`).
pub fn before_noun(clause: &[&str], at: usize, opener: Option<usize>) -> bool {
    let Some(word) = clause.get(at) else {
        return false;
    };
    if !has_adjective_ending(word) || (crate::de::is_capitalized(word) && opener != Some(at)) {
        return false;
    }
    // A capital one or two words on first: most words have none there, and are ruled out
    // before any look into the lexicon.
    let capital_at = |i: usize| {
        clause
            .get(i)
            .is_some_and(|w| opener != Some(i) && crate::de::is_capitalized(w))
    };
    if !(capital_at(at + 1) || capital_at(at + 2)) || !lookup(word).is_empty() {
        return false;
    }
    let noun_at = |i: usize| {
        clause.get(i).is_some_and(|w| {
            opener != Some(i)
                && crate::de::is_capitalized(w)
                && lookup(w).iter().all(|e| !e.keeps_capital())
        })
    };
    let between = |i: usize| {
        clause.get(i).is_some_and(|w| {
            !crate::de::is_capitalized(w)
                && has_adjective_ending(w)
                && lookup(w).iter().all(|e| e.pos == "adj")
        })
    };
    if !(noun_at(at + 1) || (between(at + 1) && noun_at(at + 2))) {
        return false;
    }
    let Some(before) = at.checked_sub(1) else {
        return true;
    };
    let opens = opener == Some(before);
    let before = clause[before];
    // Opening the sentence, a capitalized word is still a noun or a name (`Luther erschütterte
    // Deutschland`, `Kinder lieben Tiere`) unless it is a function word (`Die`, `Heute`). An
    // adjective there (`Schöne neue Welt`) is taken for a noun too: the verb is the commoner.
    let noun_before = crate::de::is_capitalized(before)
        && (!opens || lookup(before).iter().all(|e| e.pos == "name"));
    !noun_before && !is_subject_pronoun(before)
}

/// Whether a word is an adjective's form by its ending: -e, -em, -en, -er, -es, with at least
/// four letters (`gute`, `schönen`; not `den`, `er`).
pub fn has_adjective_ending(word: &str) -> bool {
    // The endings are ASCII: the last two bytes tell, before any letter is decoded.
    let bytes = word.as_bytes();
    let ending = match bytes {
        [.., b'e'] => true,
        [.., b'e', last] => matches!(last, b'm' | b'n' | b'r' | b's'),
        _ => false,
    };
    ending
        && bytes.len() >= 4
        && word.chars().nth(3).is_some()
        && word.chars().all(char::is_alphabetic)
}

/// Whether a word is a personal pronoun that may be a subject (`ich`, `wir`, `sie`, `man`):
/// the verb follows it.
fn is_subject_pronoun(word: &str) -> bool {
    lookup(word).iter().any(|e| {
        (e.function.starts_with("personal pronoun") && e.function.contains("nominative"))
            || e.headword == "man"
    })
}

/// Whether the clause's last word, after `at` and the word after it, is a verb there by its
/// place: lowercase and no pronoun or article (`… wie das geht`, not `… schlief er`).
fn ends_in_verb(clause: &[&str], at: usize) -> bool {
    let Some(last) = clause.last().filter(|_| clause.len() > at + 2) else {
        return false;
    };
    !crate::de::is_capitalized(last)
        && lookup(last)
            .iter()
            .all(|e| !matches!(e.pos, "art" | "pron" | "adv" | "prep" | "particle"))
}

/// `der`, `die`, `das`, `dem`, `den` as a pronoun (relative or demonstrative: `ein Hebel,
/// der lang genug ist`, `das ist gut`, `den ich kenne`) rather than the article: no noun
/// follows within three words, or a pronoun or verb comes right after it. `None` for the
/// article, the entry's first use.
fn article_or_pronoun(clause: &[&str], at: usize) -> Option<&'static str> {
    let next = clause.get(at + 1)?;
    // `den ich kenne`, `die sich wehren`, `das ist`; not `die meisten`, `die beiden`.
    let pronoun_or_verb = lookup(next).iter().any(|e| {
        e.pos == "verb" || e.headword == "sich" || e.function.starts_with("personal pronoun")
    });
    if pronoun_or_verb && !crate::de::is_capitalized(next) {
        return Some("pron");
    }
    let noun_follows = clause
        .iter()
        .skip(at + 1)
        .take(3)
        .any(|w| crate::de::is_capitalized(w) && lookup(w).iter().all(|e| !e.keeps_capital()));
    (!noun_follows).then_some("pron")
}

fn waehrend_is_conjunction(clause: &[&str], at: usize) -> bool {
    let Some(next) = clause.get(at + 1) else {
        return false;
    };
    let entries = lookup(next);
    let genitive = entries.iter().any(|e| e.function.contains("genitive"));
    let nominative = entries.iter().any(|e| e.function.contains("nominative"));
    if !entries.is_empty() && !genitive {
        // `die`, `sie`, `ich`, `man`: no genitive, so a subject.
        return true;
    }
    if genitive && !nominative {
        // `des`, `eines`, `dieses`.
        return false;
    }
    // `der`, `einer`, a noun or a name: a preposition unless the clause ends in its verb.
    ends_in_verb(clause, at)
}

fn wie_pos(clause: &[&str], at: usize) -> Option<&'static str> {
    let next = clause.get(at + 1)?;
    let entries = lookup(next);
    if entries.is_empty() && !crate::de::is_capitalized(next) {
        // `wie alt`, `wie geht`.
        return Some("adv");
    }
    if at == 0 && ends_in_verb(clause, at) {
        // `…, wie das geht`: a question of its own.
        return Some("adv");
    }
    let noun_phrase = crate::de::is_capitalized(next)
        || entries
            .iter()
            .any(|e| matches!(e.pos, "art" | "pron" | "num"));
    noun_phrase.then_some("conj")
}

fn zu_pos(clause: &[&str], at: usize) -> Option<&'static str> {
    let next = clause.get(at + 1)?;
    if crate::de::is_capitalized(next) {
        return None;
    }
    let entries = lookup(next);
    if !entries.is_empty() {
        let degree = entries.iter().any(|e| e.pos == "adv")
            || ["viel", "viele", "wenig", "wenige"].contains(&entries[0].form);
        return degree.then_some("adv");
    }
    let lower = next.to_lowercase();
    let infinitive_like = lower.ends_with("en") || lower.ends_with("ern") || lower.ends_with("eln");
    let last = at + 2 == clause.len();
    match (infinitive_like, last) {
        (true, true) => Some("particle"),
        // `zu großen Teilen`: an adjective's ending before its noun.
        (true, false) => None,
        (false, _) => Some("adv"),
    }
}

pub fn lookup(word: &str) -> &'static [CoreEntry] {
    let lexicon = &*LEXICON;
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    if word.len() > lexicon.longest {
        return &[];
    }
    let has_upper = if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().any(char::is_uppercase)
    };
    if !has_upper {
        // A name is written with its capital; they come after a form's other entries.
        let entries = lexicon.get(word);
        let names = entries.iter().take_while(|e| e.pos != "name").count();
        return &entries[..names];
    }
    // Lowercased on the stack: no form is longer than the buffer.
    let mut buf = [0u8; LOWERCASE_ROOM];
    let mut len = 0;
    if word.is_ascii() {
        len = word.len();
        buf[..len].copy_from_slice(word.as_bytes());
        buf[..len].make_ascii_lowercase();
    } else {
        for c in word.chars().flat_map(char::to_lowercase) {
            if len + c.len_utf8() > LOWERCASE_ROOM {
                return &[];
            }
            len += c.encode_utf8(&mut buf[len..]).len();
        }
    }
    std::str::from_utf8(&buf[..len]).map_or(&[], |key| lexicon.get(key))
}

/// Bytes a lowercased word may take: more than the longest form (checked by a test).
const LOWERCASE_ROOM: usize = 40;

/// The headword of a word's first entry: `der` for `dem`, `können` for `konnte`.
pub fn headword(word: &str) -> Option<&'static str> {
    lookup(word).first().map(|e| e.headword)
}

/// A word's entries as answers for the card (dictionary [`DICTIONARY`]).
pub fn answers(word: &str) -> Vec<crate::dict::Answer> {
    lookup(word).iter().map(CoreEntry::answer).collect()
}

/// A dictionary lookup's answers `found` for `word`, with the core lexicon's put in: first,
/// except where the dictionaries know better. With a split verb's particle the particle verb
/// leads (`hat … vor` is vorhaben); a word capitalized inside a sentence (`pos` noun) that is
/// also a noun is the noun (`am Morgen`); a part of speech asked for that no core entry has
/// is the dictionaries' (`gleich` as an adjective). A wanted `pos` puts the entries of that
/// class first (for a capitalized word, the polite `Sie`).
pub fn with_core_answers(
    word: &str,
    particle: Option<&str>,
    pos: Option<&str>,
    mut found: Vec<Answer>,
) -> Vec<Answer> {
    let entries = lookup(word);
    if entries.is_empty() {
        return found;
    }
    let noun = pos == Some("noun");
    let mut core: Vec<&CoreEntry> = entries.iter().collect();
    if noun {
        core.sort_by_key(|e| !e.keeps_capital());
    } else if let Some(pos) = pos {
        core.sort_by_key(|e| e.pos != pos);
    }
    let core = core.into_iter().map(CoreEntry::answer);
    // Inside a sentence a capital makes a noun; only some forms keep theirs (see
    // [`CoreEntry::keeps_capital`]).
    let after = particle.is_some()
        || (noun
            && (NOUNS_TOO.contains(&entries[0].form)
                || !entries.iter().any(CoreEntry::keeps_capital)))
        || pos.is_some_and(|p| !noun && !entries.iter().any(|e| e.pos == p));
    if after {
        found.extend(core);
        found
    } else {
        core.chain(found).collect()
    }
}

/// Whether an answer is the core lexicon's.
pub fn is_core(answer: &Answer) -> bool {
    answer.dictionary == DICTIONARY
}

/// A core answer in one line, as the card and `leser lookup` show it: `dem: dative singular
/// of der (masculine or neuter): the, to the`; a contraction `im = in + dem: in the`.
pub fn summary(word: &str, answer: &Answer) -> String {
    let (what, english) = summary_parts(word, answer);
    what + &english
}

/// [`summary`] in two: what the form is, up to the English (`dem: dative singular of der
/// (masculine or neuter): `), and the English (`the, to the`).
pub fn summary_parts(word: &str, answer: &Answer) -> (String, String) {
    let separator = if is_parts(&answer.how) { " = " } else { ": " };
    let english: Vec<&str> = answer.senses.iter().map(|s| s.text.as_str()).collect();
    (
        format!("{word}{separator}{}: ", answer.how),
        english.join("; "),
    )
}

/// A core answer's note: `+ dative`.
pub fn note(answer: &Answer) -> Option<&str> {
    answer
        .senses
        .first()
        .and_then(|s| s.tags.first())
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nach_before_an_article_or_pronoun_is_after_and_before_a_place_to() {
        assert_eq!(sense_before("nach", Some("dem")), Some("after"));
        assert_eq!(sense_before("nach", Some("meinem")), Some("after"));
        assert_eq!(sense_before("Nach", Some("ihm")), Some("after"));
        assert_eq!(sense_before("nach", Some("Berlin")), None);
        assert_eq!(sense_before("nach", Some("Hause")), None);
        assert_eq!(sense_before("nach", None), None);
        assert_eq!(sense_before("vor", Some("dem")), None);
    }

    fn first(word: &str) -> &'static CoreEntry {
        lookup(word)
            .first()
            .unwrap_or_else(|| panic!("{word} is in the core lexicon"))
    }

    #[test]
    fn the_data_parses_and_has_over_300_forms() {
        let entries = parse(DATA).expect("core.txt parses");
        assert_eq!(LEXICON.entries.len(), entries.len() + first_names().count());
        assert!(LEXICON.by_form.len() >= 300, "{}", LEXICON.by_form.len());
    }

    #[test]
    fn forms_are_lower_case_except_the_polite_ones() {
        for e in &LEXICON.entries {
            if e.pos == "name" {
                assert_eq!(e.form, e.headword);
                assert!(e.is_polite(), "a name keeps its capital: {e:?}");
            } else if e.is_polite() {
                assert!(
                    e.form.starts_with(['S', 'I']) && e.headword.starts_with(['S', 'I']),
                    "{e:?}"
                );
            } else {
                assert_eq!(e.form, e.form.to_lowercase(), "{e:?}");
            }
            assert!(!e.form.contains(' '), "a form is one word: {e:?}");
        }
    }

    #[test]
    fn a_capitalized_first_name_is_a_name_and_a_lowercase_word_never() {
        let wolfgang = first("Wolfgang");
        assert_eq!((wolfgang.headword, wolfgang.pos), ("Wolfgang", "name"));
        // Inside a sentence too: a name keeps its capital.
        assert_eq!(
            entry_in_text("Friedrich", true, false).map(|e| e.pos),
            Some("name")
        );
        assert!(lookup("frank").is_empty());
        assert_eq!(first("Frank").pos, "name");
        // A name that is as often a word is left to the dictionaries.
        assert!(lookup("August").is_empty());
    }

    #[test]
    fn the_informal_you_keeps_its_capital_in_a_letter() {
        for word in ["Du", "Dir", "Dich", "Euch", "Deinem"] {
            let entry = entry_in_text(word, true, false);
            assert_eq!(entry.map(|e| e.pos), Some("pron"), "{word}");
        }
        // Other pronouns capitalized inside a sentence are left to the nouns.
        assert!(entry_in_text("Man", true, false).is_none());
        assert_eq!(first("paar").headword, "paar");
    }

    #[test]
    fn every_form_fits_the_lowercase_room() {
        assert!(LEXICON.longest < LOWERCASE_ROOM, "{}", LEXICON.longest);
    }

    #[test]
    fn a_bad_line_is_named() {
        let err = parse("# comment\n\nder | der | art | x\n").unwrap_err();
        assert!(err.starts_with("core.txt:3:"), "{err}");
        let err = parse("der | der | thing | nominative | the |\n").unwrap_err();
        assert!(err.contains("unknown part of speech"), "{err}");
        let err = parse("der | der | art | nominative | the | a | b\n").unwrap_err();
        assert!(err.contains("more than six fields"), "{err}");
    }

    #[test]
    fn dem_is_the_dative_of_der() {
        let dem = first("dem");
        assert_eq!(dem.headword, "der");
        assert_eq!(dem.pos, "art");
        assert_eq!(dem.function, "dative singular of der (masculine or neuter)");
        assert_eq!(dem.en, "the, to the");
        assert_eq!(headword("Dem"), Some("der"));
    }

    #[test]
    fn die_has_its_singular_plural_and_pronoun_entries() {
        let die = lookup("Die");
        let functions: Vec<&str> = die.iter().map(|e| e.function).collect();
        assert!(
            functions[0].contains("singular of der (feminine)"),
            "{functions:?}"
        );
        assert!(functions[1].contains("plural of der"), "{functions:?}");
        assert!(
            die.iter()
                .any(|e| e.pos == "pron" && e.function.contains("relative"))
        );
        assert!(die.iter().all(|e| e.headword == "der"));
    }

    #[test]
    fn sein_is_the_verb_first_and_the_possessive_too() {
        let sein = lookup("sein");
        assert_eq!((sein[0].headword, sein[0].pos), ("sein", "verb"));
        assert!(sein.iter().any(|e| e.pos == "pron" && e.en.contains("his")));
        assert_eq!(headword("bist"), Some("sein"));
        assert_eq!(headword("gewesen"), Some("sein"));
        assert_eq!(headword("wäre"), Some("sein"));
    }

    #[test]
    fn ihr_is_you_her_and_the_possessive() {
        let ihr = lookup("ihr");
        assert_eq!(ihr[0].headword, "ihr");
        assert!(ihr[0].en.starts_with("you"));
        assert!(
            ihr.iter()
                .any(|e| e.headword == "sie" && e.function.contains("dative"))
        );
        assert!(
            ihr.iter()
                .any(|e| e.headword == "ihr" && e.en.starts_with("her; their"))
        );
        assert!(ihr.iter().any(|e| e.headword == "Ihr" && e.is_polite()));
    }

    #[test]
    fn contractions_are_their_own_headword_with_their_parts() {
        for (word, parts) in [
            ("im", "in + dem"),
            ("am", "an + dem"),
            ("zum", "zu + dem"),
            ("zur", "zu + der"),
            ("vom", "von + dem"),
            ("ins", "in + das"),
            ("ans", "an + das"),
            ("beim", "bei + dem"),
            ("aufs", "auf + das"),
            ("übers", "über + das"),
            ("ums", "um + das"),
            ("durchs", "durch + das"),
            ("fürs", "für + das"),
            ("hinters", "hinter + das"),
            ("unters", "unter + das"),
            ("vors", "vor + das"),
        ] {
            let e = first(word);
            assert_eq!((e.headword, e.function, e.pos), (word, parts, "prep"));
            assert!(e.is_contraction(), "{word}");
        }
        assert!(!first("dem").is_contraction());
        assert!(!first("mit").is_contraction());
    }

    #[test]
    fn modal_verbs_have_present_past_subjunctive_and_participle() {
        for (form, head, tense) in [
            ("konnte", "können", "simple past"),
            ("könnten", "können", "subjunctive II"),
            ("gekonnt", "können", "past participle"),
            ("musst", "müssen", "present"),
            ("muß", "müssen", "present"),
            ("durfte", "dürfen", "simple past"),
            ("sollte", "sollen", "simple past or subjunctive II"),
            ("willst", "wollen", "present"),
            ("möchte", "mögen", "subjunctive II"),
            ("würde", "werden", "subjunctive II"),
            ("hätte", "haben", "subjunctive II"),
        ] {
            let e = first(form);
            assert_eq!(e.headword, head, "{form}");
            assert!(e.function.starts_with(tense), "{form}: {}", e.function);
        }
    }

    #[test]
    fn prepositions_say_their_case() {
        assert_eq!(first("mit").note, Some("+ dative"));
        assert!(
            first("für")
                .note
                .is_some_and(|n| n.starts_with("+ accusative"))
        );
        assert!(
            first("wegen")
                .note
                .is_some_and(|n| n.starts_with("+ genitive"))
        );
        for two_way in [
            "in", "an", "auf", "über", "unter", "vor", "hinter", "neben", "zwischen",
        ] {
            assert!(
                first(two_way).function.starts_with("two-way preposition"),
                "{two_way}"
            );
        }
    }

    #[test]
    fn subordinating_conjunctions_send_the_verb_to_the_end() {
        for word in [
            "dass", "weil", "ob", "wenn", "obwohl", "bevor", "nachdem", "falls",
        ] {
            let e = first(word);
            assert_eq!(e.pos, "conj");
            assert!(
                e.note.is_some_and(|n| n.contains("verb goes to the end")),
                "{word}"
            );
        }
        let damit = lookup("damit");
        assert!(
            damit
                .iter()
                .any(|e| e.pos == "conj" && e.en.contains("so that"))
        );
        let waehrend = lookup("während");
        assert!(waehrend.iter().any(|e| e.pos == "prep"));
        assert!(waehrend.iter().any(|e| e.pos == "conj"));
    }

    #[test]
    fn words_the_dictionaries_missed_are_answered() {
        assert_eq!(headword("jeden"), Some("jeder"));
        assert_eq!(headword("beiden"), Some("beide"));
        assert_eq!(headword("letzten"), Some("letzte"));
        assert_eq!(headword("umher"), Some("umher"));
        assert_eq!(headword("Zweitens"), Some("zweitens"));
        assert_eq!(headword("ihnen"), Some("sie"));
        assert_eq!(headword("Haus"), None);
    }

    #[test]
    fn old_and_colloquial_spellings_of_function_words_are_known() {
        assert_eq!(headword("zuviel"), Some("zuviel"));
        assert_eq!(lookup("Sowas")[0].en, "something like that, such a thing");
    }

    #[test]
    fn lookup_ignores_case_and_punctuation() {
        assert_eq!(headword("„Dem"), Some("der"));
        assert_eq!(headword("ÜBERS,"), Some("übers"));
        assert_eq!(headword("Daß"), Some("dass"));
        assert!(lookup("").is_empty());
        assert!(lookup("...").is_empty());
        assert_eq!(headword("Essl."), Some("Esslöffel"));
        assert_eq!(headword("EL"), Some("Esslöffel"));
    }

    #[test]
    fn every_headword_and_note_reads_cleanly() {
        for e in &LEXICON.entries {
            for text in [e.headword, e.function, e.en] {
                assert_eq!(text, text.trim(), "{e:?}");
            }
            assert!(!e.en.ends_with(';'), "{e:?}");
        }
    }

    #[test]
    fn answers_carry_the_function_and_the_english() {
        let answers = answers("dem");
        assert_eq!(answers[0].dictionary, DICTIONARY);
        assert_eq!(answers[0].lemma, "der");
        assert_eq!(
            summary("dem", &answers[0]),
            "dem: dative singular of der (masculine or neuter): the, to the"
        );
        assert_eq!(summary("im", &answers_of("im")[0]), "im = in + dem: in the");
        assert_eq!(note(&answers_of("mit")[0]), Some("+ dative"));
    }

    fn answers_of(word: &str) -> Vec<Answer> {
        answers(word)
    }

    fn dictionary_answer(lemma: &str) -> Answer {
        Answer {
            headword: lemma.to_string(),
            lemma: lemma.to_string(),
            dictionary: "Ding de-en".to_string(),
            how: String::new(),
            forms: Vec::new(),
            gender: None,
            plural: None,
            senses: Vec::new(),
        }
    }

    fn lemmas(answers: &[Answer]) -> Vec<(&str, &str)> {
        answers
            .iter()
            .map(|a| (a.lemma.as_str(), a.dictionary.as_str()))
            .collect()
    }

    #[test]
    fn core_answers_come_before_the_dictionaries() {
        assert!(is_possessive_sein("sein", Some("Fahrrad")));
        assert!(is_possessive_sein("Sein", Some("neues")));
        assert!(!is_possessive_sein("sein", None));
        assert!(!is_possessive_sein("sein", Some("und")));
        assert!(!is_possessive_sein("sein", Some("muss")));
        assert!(!is_possessive_sein("sein", Some("wird")));
        assert!(!is_possessive_sein("seine", Some("Frau")));
        let merged = with_core_answers("Die", None, None, vec![dictionary_answer("Dienstag")]);
        assert_eq!(merged[0].lemma, "der");
        assert!(is_core(&merged[0]));
        assert_eq!(merged.last().map(|a| a.lemma.as_str()), Some("Dienstag"));
        let untouched = with_core_answers("Haus", None, None, vec![dictionary_answer("Haus")]);
        assert_eq!(lemmas(&untouched), [("Haus", "Ding de-en")]);
    }

    #[test]
    fn the_clause_tells_a_function_word_s_use() {
        let pos = |clause: &str, word: &str| {
            let words: Vec<&str> = clause.split(' ').collect();
            let at = words.iter().position(|w| *w == word).expect("the word");
            pos_in_clause(&words, at)
        };
        assert_eq!(pos("während die Füße riechen", "während"), Some("conj"));
        assert_eq!(pos("während des Essens", "während"), Some("prep"));
        assert_eq!(pos("während der Mann schläft", "während"), Some("conj"));
        assert_eq!(pos("Während der Nacht schlief er", "Während"), Some("prep"));
        assert_eq!(pos("Sie ist wie ein Messer", "wie"), Some("conj"));
        assert_eq!(pos("genau wie wir", "wie"), Some("conj"));
        assert_eq!(pos("Wie alt bist du", "Wie"), Some("adv"));
        assert_eq!(pos("wie das geht", "wie"), Some("adv"));
        assert_eq!(pos("Das wäre zu peinlich", "zu"), Some("adv"));
        assert_eq!(pos("das ist zu viel", "zu"), Some("adv"));
        assert_eq!(pos("ohne zu fragen", "zu"), Some("particle"));
        assert_eq!(pos("zu großen Teilen", "zu"), None);
        assert_eq!(pos("Er geht zu dem Arzt", "zu"), None);
        assert_eq!(pos("zu Hause", "zu"), None);
        assert_eq!(pos("Und auch sein Kind", "sein"), Some("pron"));
        assert_eq!(pos("weil es kaputt sein muss", "sein"), None);
        assert_eq!(pos("Er geht nach Hause", "geht"), None);
        // The article before its noun, the pronoun elsewhere.
        assert_eq!(pos("der lang genug ist", "der"), Some("pron"));
        assert_eq!(pos("den ich kenne", "den"), Some("pron"));
        assert_eq!(pos("Das ist gut", "Das"), Some("pron"));
        assert_eq!(pos("die sich nicht wehren", "die"), Some("pron"));
        assert_eq!(pos("Der Mann kam", "Der"), None);
        assert_eq!(pos("mit der sehr großen Hand", "der"), None);
        assert_eq!(pos("die meisten Leute", "die"), None);
        assert_eq!(pos("in dem Sie wohnen", "dem"), Some("pron"));
    }

    /// Whether `word` (its first occurrence) stands before its noun in `sentence`, the words
    /// one clause and the first opening the sentence.
    fn attributive(sentence: &str, word: &str) -> bool {
        let words: Vec<&str> = sentence.split(' ').collect();
        let at = words.iter().position(|w| *w == word).expect("the word");
        before_noun(&words, at, Some(0))
    }

    #[test]
    fn an_adjective_s_form_before_its_noun_stands_attributively() {
        assert!(attributive("Ich kaufe frische Kräuter", "frische"));
        assert!(attributive("Er hat einen schönen Garten", "schönen"));
        assert!(attributive("Die heißen Quellen sind leer", "heißen"));
        // Capitalized only because it opens its sentence.
        assert!(attributive("Neue Besen kehren gut", "Neue"));
        assert!(attributive("Guten Tag", "Guten"));
        // One more adjective may stand between it and its noun.
        assert!(attributive("ein schönes großes Haus", "schönes"));
        assert!(attributive("ein schönes großes Haus", "großes"));
        // Every ending: -e, -em, -en, -er, -es.
        assert!(attributive("mit frischem Brot", "frischem"));
        assert!(attributive("ein alter Mann", "alter"));
        assert!(attributive("gutes Wetter", "gutes"));
    }

    #[test]
    fn a_word_without_an_adjective_s_ending_or_inside_a_sentence_capitalized_is_none() {
        // No ending, or too short for one.
        assert!(!attributive("Er kauft Brot", "kauft"));
        assert!(!attributive("er kam gut an", "gut"));
        assert!(!attributive("ein neu Haus", "neu"));
        assert!(!attributive("öde Tage", "öde"));
        // Capitalized inside the sentence: a noun.
        assert!(!attributive("Er sagt Guten Tag", "Guten"));
        let words = ["Neue", "Besen"];
        assert!(!before_noun(&words, 0, None));
    }

    #[test]
    fn an_adjective_s_form_before_no_noun_is_none() {
        assert!(!attributive("Die Quellen sind heiße", "heiße"));
        assert!(!attributive("wir lieben", "lieben"));
        assert!(!attributive("Ich sagte nein", "sagte"));
        // The polite Sie and a first name keep their capital: no nouns.
        assert!(!attributive("Dann lieben Sie es", "lieben"));
        assert!(!attributive("Dann heißen Peter und Paul", "heißen"));
        // The word between is lowercase and has an adjective's ending, but is no function
        // word: `kaufen viele Leute` is the verb.
        assert!(!attributive("Heute kaufen viele Leute Brot", "kaufen"));
    }

    #[test]
    fn after_a_noun_or_a_subject_pronoun_it_is_the_verb() {
        assert!(!attributive("Die Kinder lieben Tiere", "lieben"));
        assert!(!attributive("Wir lieben Tiere", "lieben"));
        assert!(!attributive("Sie heißen Anna", "heißen"));
        assert!(!attributive("Guten Tag sagte er", "sagte"));
        assert!(!attributive("man liebe Tiere", "liebe"));
        // Opening the sentence, a capitalized word is still a noun or a name, unless it is a
        // function word.
        assert!(!attributive("Kinder lieben Tiere", "lieben"));
        assert!(!attributive(
            "Luther erschütterte Deutschland",
            "erschütterte"
        ));
        assert!(attributive("Die heißen Quellen", "heißen"));
        // An object pronoun is no subject.
        assert!(attributive("Ich gebe ihm frische Kräuter", "frische"));
    }

    #[test]
    fn function_words_keep_their_own_rule() {
        for (sentence, word) in [
            ("Er hat einen Garten", "einen"),
            ("Ich mag diese Kräuter", "diese"),
            ("Das sind meine Kräuter", "meine"),
            ("Das weiß jeder Mann", "jeder"),
            ("Ich kaufe viele Kräuter", "viele"),
        ] {
            assert!(!attributive(sentence, word), "{word}");
        }
    }

    #[test]
    fn a_particle_verb_and_a_noun_lead_the_core_answers() {
        let merged = with_core_answers(
            "hat",
            Some("vor"),
            None,
            vec![dictionary_answer("vorhaben")],
        );
        assert_eq!(merged[0].lemma, "vorhaben");
        assert_eq!(merged[1].lemma, "haben");
        let merged = with_core_answers(
            "Morgen",
            None,
            Some("noun"),
            vec![dictionary_answer("Morgen")],
        );
        assert_eq!(lemmas(&merged)[0], ("Morgen", "Ding de-en"));
        // Capitalized inside a sentence, Sie is the polite you.
        let merged = with_core_answers("Sie", None, Some("noun"), Vec::new());
        assert_eq!(merged[0].lemma, "Sie");
        // A wanted class comes first; one the core lexicon lacks is the dictionaries'.
        let merged = with_core_answers("sein", None, Some("pron"), Vec::new());
        assert_eq!(merged[0].senses[0].pos, "pron");
        let merged = with_core_answers(
            "gleich",
            None,
            Some("adj"),
            vec![dictionary_answer("gleich")],
        );
        assert_eq!(lemmas(&merged)[0], ("gleich", "Ding de-en"));
        let merged = with_core_answers(
            "gleich",
            None,
            Some("adv"),
            vec![dictionary_answer("gleich")],
        );
        assert_eq!(lemmas(&merged)[0], ("gleich", DICTIONARY));
    }

    #[test]
    fn a_verb_opening_its_sentence_before_its_subject_s_article_is_asked_for_first() {
        let first = |sentence: &str| {
            let words: Vec<&str> = sentence.split_whitespace().collect();
            verb_first(&words, 0, Some(0))
        };
        assert!(first("Gehen zwei durch die Wüste"));
        assert!(first("Fragen die Kollegen"));
        assert!(first("Liebe deine Feinde"));
        assert!(!first("Macht der Gewohnheit ist stark"));
        assert!(!first("Gehen ist gesund"));
        // Not where the sentence opens elsewhere.
        let words = ["Fragen", "die", "Kollegen"];
        assert!(!verb_first(&words, 0, None));
    }

    #[test]
    fn nouns_too_are_core_forms() {
        for form in NOUNS_TOO {
            assert!(!lookup(form).is_empty(), "{form}");
        }
    }
}
