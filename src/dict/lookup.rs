//! From a word in a text to dictionary answers: the word itself, the split verb it belongs to,
//! the headwords its form may come from, and for a compound its parts.
//!
//! A lookup first ranks *hits*, the postings of the keys a word leads to, from the index alone
//! (what the index keeps of each posting's headword: [`Info`]); only then are entries read,
//! for the answers shown. [`Dictionaries::headword`] stops after ranking, so the reader can ask
//! it for every word of a book. Both rank the same way:
//!
//! 1. phrase headwords (`Aa machen` for `macht`) after everything else;
//! 2. with a part of speech asked for, its headwords whose case fits the word (see 3.) first;
//! 3. a headword whose case fits the word first: a capitalized word inside a sentence is a
//!    noun or a name, a lowercase one is neither; at a sentence's start both fit;
//! 4. the word itself as a headword or a form the dictionary lists (`ging`), before a headword
//!    the analyser derives (`Stühlen` → `Stuhl`), which the inflection generator must confirm:
//!    `Kollegn` is no form of `Kolleg`, `Ein` none of `Ei`;
//! 5. at a sentence's start, function words, then nouns, then the rest (`Die`, `Ein`);
//! 6. the dictionaries in their order, the analyser's candidates in theirs;
//! 7. a headword's main senses first: the lines that start with the headword, then those
//!    where it is a later alternative (the later, the further: `fühlen; spüren` "to feel"
//!    before `empfinden; fühlen; wahrnehmen; spüren` "to sense"), then uses in phrases
//!    (`gegen etw. sein`); among lines alike in that, the line for the headword alone that
//!    says most of it, its examples, an adjective's comparison (`gehen` "to go"; `fliegen`
//!    "to fly" before "to wing"; `sein` "to be" and "his"), before comments, labels and lines
//!    it shares with other words (`fahren; befahren`). Within an answer its senses are put in
//!    this order again, whichever line found the headword (see `main_senses_first`).
//!
//! Two homographs yield to what the analyser derives: a neuter noun that is also a verb's
//! infinitive (`Köpfen {n}` heading) to a noun's dative plural (`mit den Köpfen`: Kopf), and a
//! form listed for a verb with an inseparable ge- (gedenken) to the same participle of its
//! base verb in the strong-verb table (`gedacht`: denken).
//!
//! A word no German headword, form or compound answers, lowercase or opening its sentence, is
//! looked up among the dictionary's one-word English translations: an English word in a
//! German text (`the`: der, die, das).

use super::dictd::parse_article;
use super::ding::{self, LineKind};
use super::index::{Genus, Info, Kind, Posting, Spelling, WordClass};
use super::{Answer, Dictionaries, Dictionary, Entry, Place, Sense, Store};
use crate::de::analyze::{
    NO_UMLAUTS, SS_FOR_SHARP_S, colloquial_form, fuller_spellings, lemma_candidates,
    modern_spelling, split_compound,
};
use crate::de::inflect::{self, Reading, ReadingSet, VerbForm};
use crate::glossary::Gender;
use rustc_hash::FxHashMap;
use std::ops::ControlFlow;
use std::rc::Rc;
use std::sync::Arc;

/// How an English word in a German text relates to its answer, whose senses are the German
/// headwords it translates.
pub const ENGLISH_WORD: &str = "English word";

/// Letters of a word in capitals that is taken for an acronym only (see `is_acronym`).
const MAX_ACRONYM_CHARS: usize = 3;

/// Phrase headwords shown for one word and dictionary: `sein` is in thousands.
const MAX_PHRASES: usize = 8;
/// Answers for one word, at most.
const MAX_ANSWERS: usize = 24;

/// A word's headword, as [`Dictionaries::headword`] names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Headword {
    /// As the dictionary spells it, without article: `Stuhl`, `gehen`, `ankündigen`.
    pub lemma: String,
    /// In the glossary's words, as [`Sense::pos`] has it: `noun`, `verb`, `adj`, `pron`, …;
    /// empty when the dictionary does not say.
    pub pos: String,
}

/// A key to look up and how it relates to the word in the text.
#[derive(Debug, Clone)]
struct Query {
    /// Lowercase.
    key: String,
    /// The word as one of the headword's forms must be (lowercase): the word, joined with its
    /// particle, or in today's spelling.
    form: Rc<str>,
    /// The particle standing apart from `form` in the clause (`kündigte` … `an`).
    split: Option<String>,
    /// The headword the analyser proposes, nouns capitalized; the word for an exact query.
    lemma: String,
    /// The word itself (or its particle verb, or its modern spelling), not a derived headword.
    exact: bool,
    /// How the word is written if not as the headword has it: `old spelling` (`daß` for
    /// `dass`), `colloquial` (`drauf` for `darauf`).
    variant: Option<&'static str>,
}

/// Exact queries, and the word whose analysis gives the derived ones.
type QuerySet = (Vec<Query>, String);

/// The exact queries for a word with its split particle (if the linker found one), and the
/// word whose analysis gives the rest; the same without the particle.
fn queries(word: &str, particle: Option<&str>) -> (Option<QuerySet>, QuerySet) {
    let lower = word.to_lowercase();
    let with_particle = particle.map(|p| {
        let p = p.to_lowercase();
        // Ding lists split forms whole: `kündigte an`.
        let whole = Query {
            key: format!("{lower} {p}"),
            form: Rc::from(lower.as_str()),
            split: Some(p.clone()),
            lemma: word.to_string(),
            exact: true,
            variant: None,
        };
        // Otherwise join them (`ankündigte`) and analyze the joined word.
        let joined = format!("{p}{lower}");
        (vec![whole, exact_query(&joined)], joined)
    });
    let mut plain = vec![exact_query(word)];
    if let Some(modern) = modern_spelling(word) {
        plain.push(Query {
            variant: Some(OLD_SPELLING),
            ..exact_query(&modern)
        });
    }
    if let Some(full) = colloquial_form(&lower) {
        plain.push(Query {
            variant: Some("colloquial"),
            ..exact_query(full)
        });
    }
    (with_particle, (plain, word.to_string()))
}

fn exact_query(word: &str) -> Query {
    let lower = word.to_lowercase();
    Query {
        form: Rc::from(lower.as_str()),
        key: lower,
        split: None,
        lemma: word.to_string(),
        exact: true,
        variant: None,
    }
}

/// What the analyser calls a form in a spelling before the 1996 reform.
const OLD_SPELLING: &str = "old spelling";

fn candidate_queries(word: &str, out: &mut Vec<Query>) {
    let lower: Rc<str> = Rc::from(word.to_lowercase());
    let modern: Option<Rc<str>> = modern_spelling(&lower).map(Rc::from);
    let from = out.len();
    for c in lemma_candidates(word) {
        // The modern spelling itself is among the exact queries already (see `queries`).
        if c.desc == OLD_SPELLING {
            continue;
        }
        let old_spelling = c.desc.ends_with(OLD_SPELLING);
        // The same headword from another reading finds the same entries.
        if out[from..]
            .iter()
            .any(|q| q.lemma == c.lemma && q.variant.is_some() == old_spelling)
        {
            continue;
        }
        out.push(Query {
            key: c.lemma.to_lowercase(),
            form: match (&modern, old_spelling) {
                (Some(m), true) => m.clone(),
                _ => lower.clone(),
            },
            split: None,
            lemma: c.lemma,
            exact: false,
            variant: old_spelling.then_some(OLD_SPELLING),
        });
    }
}

/// Strips what surrounds a word in a text: quotes, punctuation, a possessive apostrophe, an
/// `'s` for `es` (`gibt's`, `geht's`).
fn trim_word(word: &str) -> &str {
    let word = word
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .trim_matches('-');
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .filter(|w| w.chars().count() >= 2)
        .unwrap_or(word)
}

/// What a lookup knows of the word's place.
#[derive(Debug, Clone, Copy)]
struct Context<'a> {
    /// The word as the text has it, trimmed.
    word: &'a str,
    /// The glossary's part of speech wanted first.
    pos: Option<&'a str>,
    sentence_start: bool,
    /// Looking the word up as English (see [`Kind::English`]), and only so.
    english: bool,
}

impl Context<'_> {
    /// Whether a headword's case fits the word's: see the module's ranking.
    fn case_fits(&self, headword_capitalized: bool) -> bool {
        if crate::de::is_capitalized(self.word) {
            self.sentence_start || headword_capitalized
        } else {
            !headword_capitalized
        }
    }
}

/// Where a hit ranks: the smallest first, field by field (see the module's ranking).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    phrase: bool,
    other_pos: bool,
    case_misfit: bool,
    derived: bool,
    /// At a sentence's start: 0 for a function word, 1 for a noun, 2 for the rest.
    start: u8,
    /// Not a form the dictionary lists under another headword: the word as a headword of
    /// its own (`Kinder {pl}`, `besser {adj}`), or a participle (which is often an adjective
    /// too: `bekannt`). A listed plural, comparison or finite verb form comes first:
    /// `Kinder` is first the plural of `Kind`, `besser` the comparative of `gut`, `weiß` a
    /// form of `wissen`.
    own_headword: bool,
    dict: usize,
    query: usize,
    penalty: u8,
    /// The posting's place among its key's.
    seq: usize,
}

impl Rank {
    /// The best rank a hit of query `query` in dictionary `dict` can have, derived or not:
    /// a hit ranked before it cannot be beaten by such hits, nor by later queries' or
    /// dictionaries'.
    fn floor(derived: bool, dict: usize, query: usize) -> Rank {
        Rank {
            phrase: false,
            other_pos: false,
            case_misfit: false,
            derived,
            start: 0,
            own_headword: false,
            dict,
            query,
            penalty: 0,
            seq: 0,
        }
    }
}

/// A posting a word leads to, ranked.
#[derive(Debug, Clone)]
struct Hit {
    rank: Rank,
    posting: Posting,
    info: Info,
    /// What the word is of the headword, by the inflection generator: for derived headwords
    /// (which it must confirm), and for listed forms when worked out.
    readings: ReadingSet,
    /// An adjective's form the generator confirms, ranked as the word itself (see `hit`).
    compared: bool,
    /// A noun the analyser derives whose form this line could not confirm: see `hits`.
    derived_unconfirmed: bool,
}

impl Hit {
    /// A derived headword's hit the generator has not confirmed (yet): see `hits`.
    fn unconfirmed(&self) -> bool {
        self.derived_unconfirmed && self.readings.is_empty()
    }
}

/// The ranked hits of a word, and the queries they came from.
struct Ranked {
    queries: Vec<Query>,
    hits: Vec<Hit>,
}

impl Dictionaries {
    /// Every dictionary's answers for `word`, `particle` being a split verb's particle the
    /// linker found (`kündigte` + `an` answers `ankündigen`, not `kündigen`). A compound
    /// nobody knows is answered through its parts.
    pub fn lookup(&self, word: &str, particle: Option<&str>) -> Vec<Answer> {
        self.lookup_for(word, particle, None)
    }

    /// [`Dictionaries::lookup`], with the headwords of part of speech `pos` (the glossary's
    /// words: noun, verb, adj, …) first. The word's case counts as inside a sentence: a
    /// capitalized word is taken for a noun first (see [`Dictionaries::lookup_in`]).
    pub fn lookup_for(&self, word: &str, particle: Option<&str>, pos: Option<&str>) -> Vec<Answer> {
        self.lookup_in(word, particle, pos, false)
    }

    /// [`Dictionaries::lookup_for`] for a word that starts a sentence (`sentence_start`), whose
    /// capital says nothing about it: `Ein` is first the article, not a form of `Ei`.
    pub fn lookup_in(
        &self,
        word: &str,
        particle: Option<&str>,
        pos: Option<&str>,
        sentence_start: bool,
    ) -> Vec<Answer> {
        let found = self.repaired(|| self.lookup_once(word, particle, pos, sentence_start));
        // The core lexicon's answers for function words come first, also with no dictionary
        // open (see [`crate::de::core::with_core_answers`]).
        let noun = !sentence_start && crate::de::is_capitalized(word);
        let core_pos = pos.or(noun.then_some("noun"));
        crate::de::core::with_core_answers(word, particle, core_pos, found)
    }

    /// The headword of a word as the text has it: what the first answer of
    /// [`Dictionaries::lookup_for`] names (its lemma and its first sense's part of speech),
    /// worked out from the indexes alone wherever they can tell (for a form the dictionary
    /// lists under another headword, that headword's entry is read, a line or an article). No
    /// "did you mean" search: `None` for a word nobody knows. A compound nobody knows whole
    /// answers with its own headword, made from its last part's (`Spionageaktivitäten` →
    /// `Spionageaktivität`), where [`Dictionaries::lookup`] answers with its parts.
    ///
    /// Cheap enough to ask for every distinct word form of a book; a caller keeps the answers.
    pub fn headword(&self, word: &str, particle: Option<&str>) -> Option<Headword> {
        self.headword_in(word, particle, Place::default())
    }

    /// [`Dictionaries::headword`] for a word where it stands (`place`): at a sentence's start
    /// (pass the word as the text has it, `Ein`, `Die`, rather than lowercased), or before its
    /// noun (`schönen Garten`: schön). It agrees with [`Dictionaries::lookup_in`] asked for the
    /// place's part of speech ([`Place::pos`]) as `headword` does with `lookup_for`.
    pub fn headword_in(
        &self,
        word: &str,
        particle: Option<&str>,
        place: Place,
    ) -> Option<Headword> {
        // As in `lookup_in`: the core lexicon's first, except that a particle verb the
        // dictionaries know comes before it (`hat … vor` is vorhaben).
        let entries = crate::de::core::lookup(word);
        // Inside a sentence a capital makes a noun; only the polite forms keep theirs.
        let noun = !place.sentence_start && crate::de::is_capitalized(word);
        let entry = if noun {
            entries.iter().find(|e| e.keeps_capital())
        } else {
            entries.first()
        };
        let core = entry.map(|e| Headword {
            lemma: e.headword.to_string(),
            pos: e.pos.to_string(),
        });
        match core {
            Some(core) if particle.is_none() => Some(core),
            core => self
                .repaired(|| self.headword_once(word, particle, place))
                .or(core),
        }
    }

    /// [`Dictionaries::headword_in`], and how the word relates to it as far as the inflection
    /// generator tells (`simple past, 1st/3rd person singular of gehen`; empty for the
    /// headword itself, or where only the entry could say).
    pub fn headword_and_form(
        &self,
        word: &str,
        particle: Option<&str>,
        place: Place,
    ) -> Option<(Headword, String)> {
        self.repaired(|| self.headword_with(word, particle, place, true))
    }

    /// `f`'s result, or when it found a bad part of an index, `f`'s result once the index is
    /// rebuilt: what a bad shard gave is not trusted.
    fn repaired<T>(&self, f: impl Fn() -> T) -> T {
        let result = f();
        let mut rebuilt = false;
        for d in &self.dicts {
            rebuilt |= d.repair();
        }
        if rebuilt {
            self.forget_known_words();
            f()
        } else {
            result
        }
    }

    fn lookup_once(
        &self,
        word: &str,
        particle: Option<&str>,
        pos: Option<&str>,
        sentence_start: bool,
    ) -> Vec<Answer> {
        let word = trim_word(word);
        if word.is_empty() {
            return Vec::new();
        }
        let cx = Context {
            word,
            pos,
            sentence_start,
            english: false,
        };
        let mut answers = self.answers(&self.rank(cx, particle, false));
        if answers.is_empty() && particle.is_none() {
            answers = self.lookup_compound(word);
        }
        if answers.is_empty() && particle.is_none() {
            answers = self.answers(&self.rank_english(cx, false));
        }
        answers
    }

    fn headword_once(&self, word: &str, particle: Option<&str>, place: Place) -> Option<Headword> {
        self.headword_with(word, particle, place, false)
            .map(|(h, _)| h)
    }

    fn headword_with(
        &self,
        word: &str,
        particle: Option<&str>,
        place: Place,
        want_form: bool,
    ) -> Option<(Headword, String)> {
        let word = trim_word(word);
        if word.is_empty() {
            return None;
        }
        let cx = Context {
            word,
            pos: place.pos(),
            sentence_start: place.sentence_start,
            english: false,
        };
        let ranked = self.rank(cx, particle, true);
        if let Some(hit) = ranked.hits.first() {
            let d = &self.dicts[hit.rank.dict];
            let q = &ranked.queries[hit.rank.query];
            let lemma = d.lemma_of(hit.posting, &q.key)?;
            let form = if want_form && hit.posting.kind != Kind::Phrase {
                let mut readings = hit.readings;
                if readings.is_empty() && hit.posting.kind == Kind::Form {
                    readings = self.confirm(d, hit.posting, hit.info, q, &lemma);
                }
                let desc = inflect::describe_readings(readings);
                if desc.is_empty() {
                    String::new()
                } else {
                    let plural_only = hit.info.genus == Genus::Plural;
                    number_of_headword(format!("{desc} of {lemma}"), q, &lemma, plural_only)
                }
            } else {
                String::new()
            };
            let headword = Headword {
                lemma,
                pos: hit.info.class.as_str().to_string(),
            };
            return Some((headword, form));
        }
        if particle.is_some() {
            return None;
        }
        if let Some(h) = self.compound_headword(word) {
            return Some((h, String::new()));
        }
        let english = self.rank_english(cx, true);
        let hit = english.hits.first()?;
        let headword = Headword {
            lemma: english.queries[hit.rank.query].key.clone(),
            pos: hit.info.class.as_str().to_string(),
        };
        Some((headword, ENGLISH_WORD.to_string()))
    }

    /// The hits of a word as an English word (see [`Kind::English`]): for a word no German
    /// headword, form or compound answers.
    fn rank_english(&self, cx: Context<'_>, first_only: bool) -> Ranked {
        let cx = Context {
            english: true,
            ..cx
        };
        let mut queries = vec![exact_query(cx.word)];
        // Inside a sentence a capitalized word nobody knows is a name (`Bill`, `Frank`); a
        // short word in capitals anywhere an acronym (`GNU`).
        if (crate::de::is_capitalized(cx.word) && !cx.sentence_start) || is_acronym(cx.word) {
            return Ranked {
                queries,
                hits: Vec::new(),
            };
        }
        let hits = self.hits(cx, &mut queries, "", first_only);
        Ranked { queries, hits }
    }

    /// The hits of a word, ranked. With `first_only`, only the first is sure to be right (the
    /// rest may be missing): derived headwords are not tried once the word itself is one that
    /// nothing can rank before.
    fn rank(&self, cx: Context<'_>, particle: Option<&str>, first_only: bool) -> Ranked {
        let (with_particle, (mut queries, analyzed)) = queries(cx.word, particle);
        if let Some((mut queries, joined)) = with_particle {
            let mut hits = self.hits(cx, &mut queries, &joined, first_only);
            // A particle makes a verb (`hält … an`), never a noun (`Anhalten`, `Ausweg`).
            hits.retain(|h| !h.info.capitalized);
            if !hits.is_empty() {
                return Ranked { queries, hits };
            }
        }
        let hits = self.hits(cx, &mut queries, &analyzed, first_only);
        if hits.is_empty() {
            // Nothing knows the word as written: as it would be written in full, each
            // spelling as a word of its own first (`vor'm` is `vor` before it is a form of
            // anything `vorem` might be).
            let mut spellings = fuller_spellings(cx.word);
            if crate::de::is_capitalized(cx.word) && !cx.sentence_start {
                // A noun or a name: only its letters may be written otherwise (`Strasse`,
                // `Aerger`); `Müller` is no `Müllere`.
                spellings.retain(|(_, how)| matches!(*how, SS_FOR_SHARP_S | NO_UMLAUTS));
            }
            for analyze in [false, true] {
                for (spelling, how) in &spellings {
                    let mut fuller = vec![Query {
                        variant: Some(how),
                        ..exact_query(spelling)
                    }];
                    let analyzed = if analyze { spelling.as_str() } else { "" };
                    let hits = self.hits(cx, &mut fuller, analyzed, first_only);
                    if !hits.is_empty() {
                        return Ranked {
                            queries: fuller,
                            hits,
                        };
                    }
                }
            }
        }
        Ranked { queries, hits }
    }

    /// The hits of `queries` (the exact ones), and of the headwords the analyser derives from
    /// `analyzed`, which are added to `queries` unless the first hit is sure without them.
    fn hits(
        &self,
        cx: Context<'_>,
        queries: &mut Vec<Query>,
        analyzed: &str,
        first_only: bool,
    ) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        // Where each line's hit is: a line answers once, for the query that ranks it best.
        let mut seen: FxHashMap<(usize, Entry), usize> = FxHashMap::default();
        let mut best: Option<Rank> = None;
        // Adds the hits of `queries[from..]`, all derived or none; with `first_only`, stops
        // where no hit could rank before the best one found.
        let mut add = |hits: &mut Vec<Hit>,
                       best: &mut Option<Rank>,
                       queries: &[Query],
                       from: usize,
                       floor_derived: bool| {
            for (di, d) in self.dicts.iter().enumerate() {
                let index = d.index();
                for (qi, q) in queries.iter().enumerate().skip(from) {
                    if first_only && best.is_some_and(|b| b < Rank::floor(floor_derived, di, qi)) {
                        return;
                    }
                    let mut phrases = 0;
                    for (seq, p) in index.get(&q.key).enumerate() {
                        if p.kind == Kind::Phrase {
                            phrases += 1;
                            if phrases > MAX_PHRASES {
                                continue;
                            }
                        }
                        let Some(hit) = self.hit(cx, (di, d), (qi, q), seq, p) else {
                            continue;
                        };
                        if !hit.unconfirmed() {
                            *best = Some(best.map_or(hit.rank, |b| b.min(hit.rank)));
                        }
                        match seen.get(&(di, p.entry)) {
                            Some(&at)
                                if hits[at].rank <= hit.rank
                                    || (hit.unconfirmed() && !hits[at].unconfirmed()) => {}
                            Some(&at) => hits[at] = hit,
                            None => {
                                seen.insert((di, p.entry), hits.len());
                                hits.push(hit);
                            }
                        }
                    }
                }
            }
        };
        add(&mut hits, &mut best, queries, 0, false);
        let from = queries.len();
        // An adjective headword with an ending may be another's form (`größte`): the analyser
        // must be asked.
        let adjective = analyzed.ends_with(['e', 'm', 'n', 'r', 's'])
            && hits
                .iter()
                .any(|h| h.info.class == WordClass::Adj && h.posting.kind == Kind::Head);
        // A noun that is a verb's infinitive too (`Köpfen {n}`, `köpfen`) yields to a noun's
        // dative plural (`mit den Köpfen`: Kopf), and a form listed for a verb with an
        // inseparable ge- to the same participle of its base verb (`gedacht`: denken before
        // gedenken): the analyser must be asked.
        let nominalised = cx.word.ends_with('n')
            && crate::de::is_capitalized(cx.word)
            && hits
                .iter()
                .any(|h| self.is_nominalised_infinitive(h, queries))
            && self.is_listed_plural_stem(cx.word);
        let ge_verb = self.ge_verb_rival(&hits, queries, analyzed);
        let sure = first_only
            && !adjective
            && !nominalised
            && ge_verb.is_none()
            && best.is_some_and(|b| b < Rank::floor(true, 0, from));
        if !analyzed.is_empty() && !sure {
            candidate_queries(analyzed, queries);
            // An adjective's form ranks as the word itself (see `hit`), and so do the noun
            // and the verb that a nominalised infinitive and a ge- verb yield to (below).
            let as_word = adjective || nominalised || ge_verb.is_some();
            add(&mut hits, &mut best, queries, from, !as_word);
        }
        for h in &mut hits {
            let q = &queries[h.rank.query];
            if nominalised
                && h.rank.derived
                && h.info.class == WordClass::Noun
                && !h.readings.is_empty()
                && h.readings.iter().all(|r| r == Reading::DativePlural)
            {
                // As a plural the dictionary lists is (see [`Rank::own_headword`]).
                h.rank.derived = false;
                h.rank.own_headword = false;
            }
            if let Some((base, ref rivals)) = ge_verb {
                if !q.exact && q.key == base && h.info.class == WordClass::Verb {
                    // A form of the base verb, as the dictionary would list it, before the
                    // word as an adjective of its own (`gedacht {adj}` imaginary).
                    h.rank.derived = false;
                    h.rank.own_headword = false;
                } else if q.exact && rivals.contains(&(h.rank.dict, h.posting.entry)) {
                    h.rank.derived = true;
                }
            }
        }
        // A noun's line the generator could not confirm the form for is confirmed by another
        // line of the same noun that lists its plural (`Geistes`: `Geist {m} (nichtkörperliches
        // Phänomen)` by `Gespenst {n}; Geist {m} | Gespenster {pl}; Geister {pl}`).
        let confirmed: Vec<(usize, usize, ReadingSet)> = hits
            .iter()
            .filter(|h| h.rank.derived && !h.readings.is_empty() && h.info.class == WordClass::Noun)
            .map(|h| (h.rank.dict, h.rank.query, h.readings))
            .collect();
        hits.retain_mut(|h| {
            if !h.unconfirmed() {
                return true;
            }
            // The genus of a line's later alternatives is the first's (`Gespenst {n}; Geist
            // {m}`): the same query and class tell the same noun.
            let sibling = confirmed
                .iter()
                .find(|&&(d, q, _)| d == h.rank.dict && q == h.rank.query);
            sibling.is_some_and(|&(_, _, readings)| {
                h.readings = readings;
                true
            })
        });
        if !adjective {
            // Only a word that is an adjective headword itself yields to the adjective it is
            // a form of: `einem` stays the article's.
            for h in hits.iter_mut().filter(|h| h.compared) {
                h.rank.derived = true;
                h.rank.own_headword = h.posting.kind != Kind::Form;
            }
        }
        hits.sort_by_key(|h| h.rank);
        hits
    }

    /// Whether an exact hit is a neuter noun that is a verb's infinitive too, as the same
    /// dictionary lists it: `Köpfen {n}` (heading) beside `köpfen`.
    fn is_nominalised_infinitive(&self, h: &Hit, queries: &[Query]) -> bool {
        let q = &queries[h.rank.query];
        if h.rank.derived
            || h.posting.kind != Kind::Head
            || h.info.class != WordClass::Noun
            || h.info.genus != Genus::N
            || !q.key.ends_with('n')
        {
            return false;
        }
        let d = &self.dicts[h.rank.dict];
        d.index().get(&q.key).any(|p| {
            let info = d.info(p, &q.key);
            p.kind == Kind::Head && info.class == WordClass::Verb && !info.capitalized
        })
    }

    /// Whether a word in -n without it is a plural some dictionary lists (`Köpfen`: `Köpfe`
    /// of Kopf): only then may it be a dative plural, and the analyser is asked.
    fn is_listed_plural_stem(&self, word: &str) -> bool {
        let Some(stem) = word.strip_suffix('n') else {
            return false;
        };
        let stem = stem.to_lowercase();
        self.dicts.iter().any(|d| {
            d.index()
                .get(&stem)
                .any(|p| p.kind == Kind::Form && p.column == 1 && d.info(p, &stem).capitalized)
        })
    }

    /// For a word that is the past participle of a verb of the strong-verb table (`gedacht`:
    /// denken) and that a dictionary lists as a form of that verb with an inseparable ge-
    /// (gedenken): the base verb, and the lines of the ge- verb that list the word. The base
    /// verb is the commoner; the generator must still confirm its participle.
    fn ge_verb_rival(
        &self,
        hits: &[Hit],
        queries: &[Query],
        analyzed: &str,
    ) -> Option<(&'static str, Vec<(usize, Entry)>)> {
        let listed_verb_form = |h: &&Hit| {
            queries[h.rank.query].exact
                && h.posting.kind == Kind::Form
                && h.info.class == WordClass::Verb
        };
        // The table's participles all start with ge-.
        let ge = analyzed
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case("ge"));
        if !ge || !hits.iter().any(|h| listed_verb_form(&h)) {
            return None;
        }
        let base = crate::de::analyze::strong_participle_of(&analyzed.to_lowercase())?;
        let prefixed = format!("ge{base}");
        let rivals: Vec<(usize, Entry)> = hits
            .iter()
            .filter(listed_verb_form)
            .filter(|h| {
                self.dicts[h.rank.dict]
                    .index()
                    .get(&prefixed)
                    .any(|p| p.kind == Kind::Head && p.entry == h.posting.entry)
            })
            .map(|h| (h.rank.dict, h.posting.entry))
            .collect();
        (!rivals.is_empty()).then_some((base, rivals))
    }

    /// Ranks one posting for one query; `None` when it is no answer (a derived headword the
    /// generator does not confirm, a noun for a verb form).
    fn hit(
        &self,
        cx: Context<'_>,
        (di, d): (usize, &Dictionary),
        (qi, q): (usize, &Query),
        seq: usize,
        p: Posting,
    ) -> Option<Hit> {
        if (p.kind == Kind::English) != cx.english {
            return None;
        }
        let info = d.info(p, &q.key);
        // A dictd article whose headword is more than the key is a compound's first part
        // (`Schnell…` for `schnell`) or an abbreviation's long form (`Amplitudenmodulation`
        // for `am`, `zurück` for `zur`): the word only if it is written as an abbreviation
        // (`EDV`).
        if matches!(d.store, Store::Dictd(_))
            && info.spelling == Spelling::Other
            && !is_abbreviation(cx.word)
        {
            return None;
        }
        // An abbreviation is written as the dictionary writes it: `tb` is not `TB`, `Max`
        // inside a sentence not `max.` (at a sentence's start it may be).
        if p.kind == Kind::Abbreviation
            && info.spell(&q.key).as_deref() != Some(cx.word)
            && !(info.spelling == Spelling::Lower && cx.sentence_start)
        {
            return None;
        }
        // A word spelled out as it is spoken (`wär` → wäre) keeps its case's meaning: `frank`
        // is not the noun `Franke`. Only its letters written otherwise (`Mißverstehen`,
        // `Strasse`) it may be either.
        let letters_only = matches!(q.variant, Some(OLD_SPELLING | SS_FOR_SHARP_S | NO_UMLAUTS));
        if q.variant.is_some() && !letters_only && !cx.case_fits(info.capitalized) {
            return None;
        }
        // A word in capitals is an acronym or a name (`GNU` is no Gnu); a short one is
        // nothing else, a longer one may be a word in a heading (`INHALT`).
        let spelled_otherwise = is_abbreviation(cx.word)
            && info.spell(&q.key).is_some_and(|spelled| spelled != cx.word);
        if spelled_otherwise && is_acronym(cx.word) {
            return None;
        }
        let mut readings = ReadingSet::default();
        if !q.exact {
            match p.kind {
                Kind::Sub | Kind::Abbreviation | Kind::English => return None,
                Kind::Phrase => {
                    // The phrase's verb is the candidate: the word must be one of its forms.
                    readings = self.verb_readings(&q.key, &q.form, q.split.as_deref());
                    if readings.is_empty() {
                        return None;
                    }
                }
                Kind::Head | Kind::Keyword | Kind::Form => {
                    // A noun candidate names a noun, and only a noun: `gewiesen` is `weisen`,
                    // not a plural of `Weise`.
                    if crate::de::is_capitalized(&q.lemma) != info.capitalized {
                        return None;
                    }
                    // A candidate is a headword itself, not part of another (`schnell` for
                    // `Schnell…`, `füllen` for `abfüllen/füllen`).
                    if p.kind == Kind::Head && info.spelling == Spelling::Other {
                        return None;
                    }
                    let lemma = d.lemma_of(p, &q.key)?;
                    readings = self.confirm(d, p, info, q, &lemma);
                    // A noun's line that lists no plural may not tell a form; another line of
                    // the same noun may (see `hits`).
                    if readings.is_empty() && info.class != WordClass::Noun {
                        return None;
                    }
                }
            }
        }
        let start = if cx.sentence_start && cx.pos.is_none() && crate::de::is_capitalized(cx.word) {
            match info.class {
                c if c.is_function() => 0,
                WordClass::Noun => 1,
                _ => 2,
            }
        } else {
            0
        };
        // An adjective's inflected or compared form the generator confirms is that adjective's
        // before it is a headword of its own: `größte` is groß, `hohe` hoch (as a listed
        // comparison is, see [`Rank::own_headword`]).
        let compared = !q.exact
            && info.class == WordClass::Adj
            && cx.case_fits(false)
            && !readings.is_empty()
            && readings.iter().all(|r| {
                matches!(
                    r,
                    Reading::AdjInflected | Reading::Comparative | Reading::Superlative
                )
            });
        let rank = Rank {
            phrase: p.kind == Kind::Phrase,
            // A headword of the part of speech asked for counts only where its case fits the
            // word: `bilde` before a noun is no form of `Bild…` {adj}.
            other_pos: cx
                .pos
                .is_some_and(|pos| info.class.as_str() != pos || !cx.case_fits(info.capitalized)),
            case_misfit: !cx.case_fits(info.capitalized) || spelled_otherwise,
            // A headword that is more than the key (`abfüllen/füllen`, `Wie?`) is not the
            // word itself.
            derived: (!q.exact && !compared)
                || (matches!(p.kind, Kind::Head | Kind::Sub) && info.spelling == Spelling::Other)
                // `cm` is Zentimeter when nothing is written `cm`; `AU` (written so) is
                // Abgasuntersuchung first.
                || (p.kind == Kind::Abbreviation && !is_abbreviation(cx.word)),
            start,
            own_headword: !compared
                && (p.kind != Kind::Form
                    || info.of_use
                    || (info.class == WordClass::Verb && p.column <= 2)),
            dict: di,
            query: qi,
            penalty: info.penalty,
            seq,
        };
        Some(Hit {
            rank,
            posting: p,
            info,
            readings,
            compared,
            derived_unconfirmed: !q.exact && readings.is_empty(),
        })
    }

    /// What the word (`q.form`) is of `lemma`, the headword `p` leads to, by the inflection
    /// generator; empty when it makes no such form. A form the dictionary lists for the entry,
    /// with an ending, counts too: `Stühlen` is `Stühle` + n, `älteren` is `älter` + en.
    fn confirm(
        &self,
        d: &Dictionary,
        p: Posting,
        info: Info,
        q: &Query,
        lemma: &str,
    ) -> ReadingSet {
        let class = match info.class {
            WordClass::Noun | WordClass::Verb | WordClass::Adj => info.class,
            WordClass::None if info.capitalized => WordClass::Noun,
            WordClass::None if lemma.ends_with('n') => WordClass::Verb,
            WordClass::None => WordClass::Adj,
            // Determiners take adjective endings: `seinem`, `keinen`, `diesem`, `beiden`.
            WordClass::Art | WordClass::Pron | WordClass::Num if declines_like_adjective(lemma) => {
                WordClass::Adj
            }
            _ => return ReadingSet::default(),
        };
        let listed = |ending: &str| -> Option<(String, u8)> {
            let stem = q.form.strip_suffix(ending)?;
            d.index()
                .get(stem)
                .find(|x| x.kind == Kind::Form && x.entry == p.entry)
                .map(|x| (stem.to_string(), x.column))
        };
        let mut readings = match class {
            // A plural headword (`Leute`, `Bündnisse` in FreeDict) has only its dative.
            WordClass::Noun if info.genus == Genus::Plural => {
                let lemma = lemma.to_lowercase();
                let mut r = ReadingSet::default();
                if !lemma.ends_with(['n', 's']) && *q.form == format!("{lemma}n") {
                    r.insert(Reading::DativePlural);
                }
                r
            }
            WordClass::Noun => {
                let plural = if p.kind == Kind::Form && p.column == 1 {
                    Some(ding::capitalize(&q.key))
                } else {
                    listed("n").map(|(stem, _)| ding::capitalize(&stem))
                };
                let gender = gender_of(info.genus);
                let readings = inflect::noun_readings(lemma, gender, plural.as_deref(), &q.form);
                let plural_guessed = plural.is_none()
                    && (readings.contains(Reading::Plural)
                        || readings.contains(Reading::DativePlural))
                    && !is_listed_plural(d, &q.form)
                    && q.form
                        .strip_suffix('n')
                        .is_none_or(|p| !is_listed_plural(d, p));
                // A plural the rules guess, where the entry lists another: `Hause` is no plural
                // of `Haus`, whose plural is `Häuser`.
                match plural_guessed.then(|| listed_plural(d, lemma, gender)) {
                    Some(Some(listed)) => {
                        let mut readings =
                            inflect::noun_readings(lemma, gender, Some(&listed), &q.form);
                        // `im Hause`, `am Tage`: the old dative of a masculine or neuter noun.
                        let old_dative = q.form.strip_suffix('e').is_some_and(|stem| {
                            stem == lemma.to_lowercase()
                                && matches!(info.genus, Genus::M | Genus::N)
                        });
                        if readings.is_empty() && old_dative {
                            readings.insert(Reading::DativeSingular);
                        }
                        readings
                    }
                    _ => readings,
                }
            }
            WordClass::Verb => self.verb_readings(lemma, &q.form, q.split.as_deref()),
            _ => {
                let mut r = inflect::adjective_readings(lemma, &q.form);
                if r.is_empty() {
                    for ending in ["e", "en", "em", "er", "es"] {
                        if let Some((_, column)) = listed(ending) {
                            r.insert(match column {
                                1 => Reading::Comparative,
                                2 => Reading::Superlative,
                                _ => Reading::AdjInflected,
                            });
                        }
                    }
                }
                r
            }
        };
        readings = readings
            .iter()
            .filter(|r| !matches!(r, Reading::Headword | Reading::Infinitive))
            .collect();
        readings
    }

    /// The readings of `form` among the forms of the verb `lemma` (one lowercase word).
    fn verb_readings(&self, lemma: &str, form: &str, split: Option<&str>) -> ReadingSet {
        if lemma.contains(' ') || lemma.is_empty() {
            return ReadingSet::default();
        }
        inflect::verb_readings(&self.verb_forms(&lemma.to_lowercase()), form, split)
    }

    /// The forms of a verb, kept: the forms of a text's words lead to the same verbs again.
    fn verb_forms(&self, verb: &str) -> Arc<Vec<VerbForm>> {
        let mut cache = self
            .verb_forms
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(forms) = cache.get(verb) {
            return Arc::clone(forms);
        }
        if cache.len() >= VERBS_KEPT {
            cache.clear();
        }
        let forms = Arc::new(inflect::verb_forms(verb, true));
        cache.insert(verb.to_string(), Arc::clone(&forms));
        forms
    }

    /// The answers for ranked hits: entries read and taken apart, one answer per dictionary
    /// and headword, in the order of their best hits, and its senses in the hits' order.
    /// Lines that list the word's form come before those that do not: a verb's main line
    /// lists its forms, its narrower senses mostly do not.
    fn answers(&self, ranked: &Ranked) -> Vec<Answer> {
        let mut answers: Vec<Answer> = Vec::new();
        // Per answer, per sense: whether its line was found from a derived headword, and how
        // far it is from the headword's main senses.
        let mut distances: Vec<Vec<(bool, u8)>> = Vec::new();
        let mut phrases = vec![0usize; self.dicts.len()];
        for hit in &ranked.hits {
            let d = &self.dicts[hit.rank.dict];
            let q = &ranked.queries[hit.rank.query];
            if hit.rank.phrase {
                phrases[hit.rank.dict] += 1;
                if phrases[hit.rank.dict] > MAX_PHRASES {
                    continue;
                }
            }
            let Some(mut piece) = piece(d, hit.posting, &q.key, &|headword| {
                !answers.iter().any(|a| {
                    a.dictionary == d.name() && a.headword == headword && !a.forms.is_empty()
                })
            }) else {
                continue;
            };
            let derived = hit.rank.derived && !self.paradigm_agrees(d, hit, q);
            match answers
                .iter()
                .position(|a| a.dictionary == piece.dictionary && a.headword == piece.headword)
            {
                Some(i) => {
                    let a = &mut answers[i];
                    if a.forms.is_empty() {
                        a.forms = piece.forms;
                    }
                    if a.plural.is_none() {
                        a.plural = piece.plural;
                    }
                    for s in piece.senses {
                        if !a.senses.contains(&s) {
                            a.senses.push(s);
                            distances[i].push((derived, hit.rank.penalty));
                        }
                    }
                }
                None => {
                    if answers.len() >= MAX_ANSWERS {
                        break;
                    }
                    let plural_only = piece.headword.ends_with("(pl.)");
                    piece.how = number_of_headword(
                        self.how(d, hit, q, &piece),
                        q,
                        &piece.lemma,
                        plural_only,
                    );
                    distances.push(vec![(derived, hit.rank.penalty); piece.senses.len()]);
                    answers.push(piece);
                }
            }
        }
        for (a, distance) in answers.iter_mut().zip(&distances) {
            main_senses_first(a, distance);
        }
        plural_gender_first(&mut answers);
        answers
    }

    /// Whether a verb's line found from the headword the analyser derived (`fahren` for
    /// `fuhr`) agrees with the paradigm the generator made the word from: its participle, if
    /// it lists forms, is that paradigm's. Its senses then rank with those of the lines that
    /// list the word itself (`fahren {vi} | fahrend | gefahren` "to go" with `fahren;
    /// befahren | … | fuhr; befuhr` "to navigate"). A verb of two paradigms (`schaffen`:
    /// schuf, geschaffen "to create"; schaffte, geschafft "to manage") keeps its lines apart.
    fn paradigm_agrees(&self, d: &Dictionary, hit: &Hit, q: &Query) -> bool {
        if !matches!(d.store, Store::Ding(_))
            || hit.info.class != WordClass::Verb
            || hit.readings.is_empty()
            || q.exact
            || hit.posting.kind != Kind::Head
            || inflect::has_two_paradigms(&q.key)
        {
            return false;
        }
        // Which forms the line lists, the index says: a line that lists none (`denken;
        // Gedanken haben | unkonventionell denken`) says nothing against the word.
        let paradigm = self.verb_forms(&q.key);
        let lists = |reading: Reading| {
            paradigm
                .iter()
                .filter(|v| v.split_particle.is_none() && v.reading == reading)
                .any(|v| {
                    d.index()
                        .get(&v.form)
                        .any(|p| p.kind == Kind::Form && p.entry == hit.posting.entry)
                })
        };
        !lists(Reading::PresentParticiple) || lists(Reading::PastParticiple)
    }

    /// How the word relates to a hit's headword: nothing for the headword itself, what the
    /// generator says it is (`present, 3rd person singular of tragen`), else what the
    /// dictionary's columns say (`piece.how`).
    fn how(&self, d: &Dictionary, hit: &Hit, q: &Query, piece: &Answer) -> String {
        let variant = q.variant.map(|v| format!(", {v}")).unwrap_or_default();
        if hit.posting.kind == Kind::Phrase {
            return piece.how.clone();
        }
        let mut readings = hit.readings;
        if readings.is_empty() && hit.posting.kind == Kind::Form {
            readings = self.confirm(d, hit.posting, hit.info, q, &piece.lemma);
        }
        let desc = inflect::describe_readings(readings);
        match (desc.is_empty(), piece.how.is_empty()) {
            (false, _) => format!("{desc} of {}{variant}", piece.lemma),
            (true, false) => format!("{}{variant}", piece.how),
            (true, true) => q
                .variant
                .map(|v| format!("{v} for {}", piece.lemma))
                .unwrap_or_default(),
        }
    }

    fn lookup_compound(&self, word: &str) -> Vec<Answer> {
        // A verb with a particle only its verb answers: the particle alone is no part of it.
        let (parts, joined) = match self.split_compound(word) {
            Some(parts) => {
                let joined = parts.join(" + ");
                (parts, joined)
            }
            None => match self.prefixed_verb(word) {
                Some((prefix, verb)) => {
                    let joined = format!("{prefix} + {verb}");
                    (vec![verb], joined)
                }
                None => return Vec::new(),
            },
        };
        let mut answers = Vec::new();
        // The head first: what the compound is (`Ereignisabfolge` is an `Abfolge`).
        for part in parts.iter().rev() {
            let cx = Context {
                word: part,
                pos: None,
                sentence_start: false,
                english: false,
            };
            for mut a in self.answers(&self.rank(cx, None, false)) {
                a.how = if a.how.is_empty() {
                    format!("part of {word} ({joined})")
                } else {
                    format!("part of {word} ({joined}), {}", a.how)
                };
                answers.push(a);
            }
        }
        answers.truncate(MAX_ANSWERS);
        answers
    }

    /// A compound's own headword: the word up to its last part, then that part's headword
    /// (`Spionageaktivitäten` → `Spionageaktivität`, `NATO-Russland-Rates` →
    /// `NATO-Russland-Rat`).
    fn compound_headword(&self, word: &str) -> Option<Headword> {
        let Some(parts) = self.split_compound(word) else {
            let (prefix, verb) = self.prefixed_verb(word)?;
            return Some(Headword {
                lemma: format!("{prefix}{verb}"),
                pos: "verb".to_string(),
            });
        };
        let last = parts.last()?;
        // Where the last part starts: its headword's longest beginning found in the word,
        // umlauts aside (`Hausbäume`: `Baum`).
        let fold = |c: char| match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            c => c,
        };
        let word_chars: Vec<(usize, char)> = word
            .char_indices()
            .map(|(i, c)| (i, c.to_lowercase().next().map_or(c, fold)))
            .collect();
        let head_chars: Vec<char> = last
            .chars()
            .map(|c| c.to_lowercase().next().map_or(c, fold))
            .collect();
        let start = (3.min(head_chars.len())..=head_chars.len())
            .rev()
            .find_map(|n| {
                (1..word_chars.len()).rev().find(|&j| {
                    word_chars.len() - j >= n
                        && word_chars[j..j + n]
                            .iter()
                            .map(|(_, c)| *c)
                            .eq(head_chars[..n].iter().copied())
                })
            })
            .map(|j| word_chars[j].0)?;
        // The last part as the word has it, analysed as a word of its own.
        let written = &word[start..];
        let written = if crate::de::is_capitalized(word) {
            ding::capitalize(written)
        } else {
            written.to_string()
        };
        let head = self
            .headword_once(&written, None, Place::default())
            .or_else(|| self.headword_once(last, None, Place::default()))?;
        // The headword must be the part's (`Lt` for `…gesellt` is no part).
        let folded = |s: &str| -> Vec<char> {
            s.chars()
                .take(3)
                .map(|c| c.to_lowercase().next().map_or(c, fold))
                .collect()
        };
        if written.chars().count() < 3 || folded(&written) != folded(&head.lemma) {
            return None;
        }
        Some(Headword {
            lemma: format!("{}{}", &word[..start], head.lemma.to_lowercase()),
            pos: head.pos,
        })
    }

    /// A verb no dictionary lists with its particle or prefix, as that and the verb without
    /// it: `anschwitzen` → (`an`, `schwitzen`), `hineingetan` → (`hinein`, `tun`),
    /// `verquirlt` → (`ver`, `quirlen`). The longest prefix that leaves a known verb wins.
    fn prefixed_verb(&self, word: &str) -> Option<(&'static str, String)> {
        use crate::de::lexicon::{INSEPARABLE_PREFIXES, PARTICLES};
        if crate::de::is_capitalized(word) {
            return None;
        }
        let lower = word.to_lowercase();
        let mut prefixes: Vec<&'static str> = PARTICLES
            .iter()
            .chain(INSEPARABLE_PREFIXES)
            // `ge` makes participles: `gepostet` is no verb `gepost`.
            .filter(|p| **p != "ge" && lower.starts_with(**p))
            .copied()
            .collect();
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        prefixes.into_iter().find_map(|prefix| {
            let rest = &lower[prefix.len()..];
            if rest.chars().count() < 3 {
                return None;
            }
            let cx = Context {
                word: rest,
                pos: None,
                sentence_start: false,
                english: false,
            };
            let ranked = self.rank(cx, None, true);
            let hit = ranked.hits.first()?;
            if hit.info.class != WordClass::Verb {
                return None;
            }
            let lemma = self.dicts[hit.rank.dict]
                .lemma_of(hit.posting, &ranked.queries[hit.rank.query].key)?;
            (!lemma.contains(' ') && lemma.chars().all(char::is_alphabetic))
                .then(|| (prefix, lemma.to_lowercase()))
        })
    }

    /// A compound's parts, its dictionary lookups kept while it is split (the same pieces
    /// come up at many split points).
    fn split_compound(&self, word: &str) -> Option<Vec<String>> {
        split_compound(word, |p| self.knows_word(p))
    }

    /// Forgets which words the dictionaries know (after an index was rebuilt).
    pub(super) fn forget_known_words(&self) {
        self.known_words
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// Whether any dictionary has `word` as a headword or form, for splitting compounds (the
    /// verbs of phrases do not count); kept.
    fn knows_word(&self, word: &str) -> bool {
        let key = word.to_lowercase();
        let known = |cache: &mut KnownWords| cache.get(key.as_str()).copied();
        let lock = || {
            self.known_words
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(k) = known(&mut lock()) {
            return k;
        }
        let k = self.looks_up_word(&key);
        let mut cache = lock();
        if cache.len() >= KNOWN_WORDS_KEPT {
            cache.clear();
        }
        cache.insert(key.into_boxed_str(), k);
        k
    }

    /// [`Dictionaries::knows_word`] for a lowercase key, asking the indexes.
    fn looks_up_word(&self, key: &str) -> bool {
        self.dicts.iter().any(|d| {
            d.index()
                .get(key)
                .any(|p| !matches!(p.kind, Kind::Phrase | Kind::Abbreviation | Kind::English))
        })
    }

    /// Whether [`Dictionaries::lookup`] would answer, for marking words: what
    /// [`Dictionaries::headword`] says.
    pub fn has_answer(&self, word: &str, particle: Option<&str>) -> bool {
        !crate::de::core::lookup(word).is_empty() || self.headword(word, particle).is_some()
    }

    /// Up to `n` headwords close to `word`, for "did you mean": one edit away, then two, then
    /// those starting with it.
    pub fn nearest(&self, word: &str, n: usize) -> Vec<String> {
        self.repaired(|| self.nearest_once(word, n))
    }

    fn nearest_once(&self, word: &str, n: usize) -> Vec<String> {
        let lower = trim_word(word).to_lowercase();
        if lower.is_empty() || n == 0 {
            return Vec::new();
        }
        let mut keys: Vec<String> = Vec::new();
        let add = |found: Vec<String>, keys: &mut Vec<String>| {
            for k in found {
                if k != lower && !keys.contains(&k) {
                    keys.push(k);
                }
            }
        };
        // One pass over each index finds both: it reads every shard.
        let (mut one, mut two) = (Vec::new(), Vec::new());
        for d in &self.dicts {
            let (mut ones, mut twos) = (0, 0);
            d.index().keys_near(&lower, 2, |k| {
                match edit_distance(&lower, k) {
                    1 if ones < n * 4 => {
                        ones += 1;
                        one.push(k.to_string());
                    }
                    2 if twos < n * 4 => {
                        twos += 1;
                        two.push(k.to_string());
                    }
                    _ => {}
                }
                if ones < n * 4 || twos < n * 4 {
                    ControlFlow::Continue(())
                } else {
                    ControlFlow::Break(())
                }
            });
        }
        // English translations are no German headwords to suggest.
        let german = |k: &String| {
            self.dicts
                .iter()
                .any(|d| d.index().get(k).any(|p| p.kind != Kind::English))
        };
        one.retain(german);
        two.retain(german);
        add(one, &mut keys);
        if keys.len() < n {
            add(two, &mut keys);
        }
        for d in &self.dicts {
            let mut found = d.index().keys_with_prefix(&lower, n * 4);
            found.retain(german);
            add(found, &mut keys);
        }
        // Real headwords before forms and phrases; shorter before longer.
        keys.sort_by_key(|k| {
            let is_head = self.dicts.iter().any(|d| {
                d.index()
                    .get(k)
                    .any(|p| matches!(p.kind, Kind::Head | Kind::Keyword))
            });
            (!is_head, edit_distance(&lower, k), k.chars().count())
        });
        let mut out: Vec<String> = Vec::with_capacity(n);
        for k in keys {
            let shown = self.display_key(&k);
            if !out.contains(&shown) {
                out.push(shown);
            }
            if out.len() >= n {
                break;
            }
        }
        out
    }

    /// A key as its dictionary spells it: `bündnis` → `Bündnis`.
    fn display_key(&self, key: &str) -> String {
        for d in &self.dicts {
            let Some(p) = d.index().get(key).find(|p| p.kind == Kind::Head) else {
                continue;
            };
            if let Some(lemma) = d.lemma_of(p, key) {
                return lemma;
            }
        }
        key.to_string()
    }
}

/// Written as an abbreviation: capitals only, two or more (`EDV`, `DM`).
fn is_abbreviation(word: &str) -> bool {
    word.chars().all(char::is_uppercase) && word.chars().nth(1).is_some()
}

/// Written as an acronym and nothing else: capitals only, two or three (`GNU`, `EDV`).
fn is_acronym(word: &str) -> bool {
    is_abbreviation(word) && word.chars().count() <= MAX_ACRONYM_CHARS
}

/// Whether a pronoun, article or number takes adjective endings: possessives, `kein`, and
/// those in -e (`diese`, `jede`, `beide`, `alle`). Personal pronouns do not: `ihnen` is no
/// form of `ihn`.
fn declines_like_adjective(lemma: &str) -> bool {
    const STEMS: &[&str] = &[
        "ein", "kein", "mein", "dein", "sein", "ihr", "unser", "euer", "manch", "welch", "solch",
    ];
    let lower = lemma.to_lowercase();
    STEMS.contains(&lower.as_str()) || (lower.ends_with('e') && lower.chars().count() >= 4)
}

/// Whether the dictionaries know a word, by lowercase word.
pub(super) type KnownWords = FxHashMap<Box<str>, bool>;

/// Words whose knowing is kept, at most.
const KNOWN_WORDS_KEPT: usize = 1 << 18;

/// Verbs whose forms are kept, at most.
const VERBS_KEPT: usize = 4096;

/// The verb forms [`Dictionaries`] keep, by infinitive.
pub(super) type VerbFormCache = FxHashMap<String, Arc<Vec<VerbForm>>>;

/// A word spelled as its noun headword is no "plural of" it: `Fenster` is either number
/// (its plural is the same), `Kosten` a noun with no singular (`plural_only`).
fn number_of_headword(how: String, q: &Query, lemma: &str, plural_only: bool) -> String {
    if !how.starts_with("plural") || *q.form != lemma.to_lowercase() {
        return how;
    }
    if plural_only {
        String::new()
    } else {
        "singular or plural".to_string()
    }
}

fn gender_of(genus: Genus) -> Option<Gender> {
    match genus {
        Genus::M => Some(Gender::M),
        Genus::F => Some(Gender::F),
        Genus::N => Some(Gender::N),
        _ => None,
    }
}

/// A noun's gender that a dictionary gives without a plural yields to the same noun's gender
/// that has one: a gender on a line of its own is as often a slip (Ding's `Licht {f};
/// Tageslicht {n}`, beside `Licht {n} | Lichter {pl}`) as a second noun, and the noun with its
/// plural is the one a learner files first.
fn plural_gender_first(answers: &mut Vec<Answer>) {
    for i in 0..answers.len() {
        let a = &answers[i];
        if a.gender.is_none() || a.plural.is_some() {
            continue;
        }
        let with_plural = (i + 1..answers.len()).find(|&j| {
            let b = &answers[j];
            b.dictionary == a.dictionary
                && b.lemma == a.lemma
                && b.gender.is_some()
                && b.gender != a.gender
                && b.plural.is_some()
        });
        if let Some(j) = with_plural {
            let b = answers.remove(j);
            answers.insert(i, b);
        }
    }
}

/// Puts an answer's main senses first. Which line found the headword decides which headword
/// answers, not which of its senses leads: `gegessen` is listed on `essen; speisen; dinieren`
/// ("to dine") before the main line of `essen` ("to eat"). The senses its lines give as the
/// word itself come before those found from a derived headword (the plural `Rechte` is listed
/// on the line for "right", not on that for "law"). The first sense keeps the part of speech
/// of the line that ranked the answer, which [`Dictionaries::headword`] names.
fn main_senses_first(answer: &mut Answer, distance: &[(bool, u8)]) {
    if answer.senses.len() < 2 || distance.len() != answer.senses.len() {
        return;
    }
    let pos = answer.senses[0].pos.clone();
    let mut order: Vec<((bool, u8), Sense)> = answer
        .senses
        .drain(..)
        .zip(distance)
        .map(|(s, &d)| (d, s))
        .collect();
    order.sort_by_key(|&(d, _)| d);
    let mut senses: Vec<Sense> = order.into_iter().map(|(_, s)| s).collect();
    if senses[0].pos != pos
        && let Some(i) = senses.iter().position(|s| s.pos == pos)
    {
        let first = senses.remove(i);
        senses.insert(0, first);
    }
    answer.senses = senses;
}

/// Levenshtein distance by characters, for ranking a handful of suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

impl Dictionary {
    /// What the index keeps about a posting's headword; for an index that keeps nothing
    /// (dictd), what the entry says.
    pub(super) fn info(&self, p: Posting, key: &str) -> Info {
        if p.info.known {
            return p.info;
        }
        self.head(p, key).map(|h| h.info).unwrap_or_default()
    }

    /// The headword a posting leads to, bare (`Stuhl`, `ankündigen`): from the key where the
    /// index says it is the key, else from the entry.
    pub(super) fn lemma_of(&self, p: Posting, key: &str) -> Option<String> {
        if p.kind == Kind::English {
            return Some(key.to_string());
        }
        if matches!(p.kind, Kind::Head | Kind::Sub)
            && let Some(lemma) = p.info.spell(key)
        {
            return Some(lemma);
        }
        self.head(p, key).map(|h| h.lemma.to_string())
    }

    /// A posting's headword as its entry gives it, kept.
    fn head(&self, p: Posting, key: &str) -> Option<Arc<EntryHead>> {
        let cache_key = (p, Box::<str>::from(if p.alt.is_some() { "" } else { key }));
        if let Some(head) = self.heads().get(&cache_key) {
            return head.clone();
        }
        let head = self.read_head(p, key).map(Arc::new);
        let mut heads = self.heads();
        if heads.len() >= HEADS_KEPT {
            heads.clear();
        }
        heads.insert(cache_key, head.clone());
        head
    }

    fn read_head(&self, p: Posting, key: &str) -> Option<EntryHead> {
        let text = self.entry_text(p.entry)?;
        match self.store {
            Store::Ding(_) => {
                let line = ding::parse_line(&text)?;
                let heads: Vec<ding::Cleaned> = line
                    .column(0)?
                    .de_alts()
                    .into_iter()
                    .map(ding::clean)
                    .collect();
                let col = usize::from(p.column);
                let alts: Vec<ding::Cleaned> = if col == 0 || p.kind == Kind::Form {
                    Vec::new()
                } else {
                    line.column(col)?
                        .de_alts()
                        .into_iter()
                        .map(ding::clean)
                        .collect()
                };
                let column_alts = if col == 0 { &heads } else { &alts };
                let alt = match p.alt {
                    Some(a) => usize::from(a),
                    None => find_alt(column_alts, col, &heads, p.kind, key),
                };
                let (head, _, _) = ding::answer_head(p.kind, col, alt, &heads, column_alts)?;
                Some(EntryHead {
                    lemma: head.bare.clone().into(),
                    info: p.info,
                })
            }
            Store::Dictd(_) => {
                let article = parse_article(&text);
                let (class, genus) = dictd_class(&article.grammar);
                Some(EntryHead {
                    info: Info {
                        known: true,
                        class,
                        genus,
                        capitalized: crate::de::is_capitalized(&article.headword),
                        spelling: Spelling::Other,
                        penalty: 0,
                        capitals: 0,
                        of_use: false,
                    },
                    lemma: article.headword.into(),
                })
            }
        }
    }

    fn heads(&self) -> std::sync::MutexGuard<'_, HeadCache> {
        self.heads
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A posting's headword as its entry gives it.
#[derive(Debug)]
pub(super) struct EntryHead {
    lemma: Box<str>,
    info: Info,
}

/// Headwords read from entries, by posting (and key, where the posting does not say which
/// alternative it came from).
pub(super) type HeadCache = FxHashMap<(Posting, Box<str>), Option<Arc<EntryHead>>>;

/// Headwords kept per dictionary: a few dozen bytes each.
const HEADS_KEPT: usize = 1 << 16;

/// The alternative of a column a key came from, when the index could not say.
fn find_alt(
    col_alts: &[ding::Cleaned],
    col: usize,
    heads: &[ding::Cleaned],
    kind: Kind,
    key: &str,
) -> usize {
    let line_kind = ding::line_kind_of_cleaned(heads);
    let mut alt = None;
    ding::cleaned_column_keys(col_alts, line_kind, col, heads, |found, k, a| {
        if alt.is_none() && k == kind && found == key {
            alt = Some(a);
        }
    });
    alt.unwrap_or(0)
}

/// What a `FreeDict` article's grammar says: part of speech and gender.
pub(super) fn dictd_class(grammar: &[String]) -> (WordClass, Genus) {
    let has = |t: &str| grammar.iter().any(|x| x == t);
    let class = if has("n") || has("pl") {
        WordClass::Noun
    } else if has("v") {
        WordClass::Verb
    } else if has("adj") {
        WordClass::Adj
    } else if has("adv") {
        WordClass::Adv
    } else if has("prep") {
        WordClass::Prep
    } else if has("conj") {
        WordClass::Conj
    } else if has("pron") {
        WordClass::Pron
    } else {
        WordClass::None
    };
    let genus = if has("pl") {
        Genus::Plural
    } else if has("masc") {
        Genus::M
    } else if has("fem") {
        Genus::F
    } else if has("neut") {
        Genus::N
    } else {
        Genus::None
    };
    (class, genus)
}

/// What one posting of a key gives, whatever the word looked up: the answer with `how`
/// saying how the key relates to the entry (`simple past`), as the dictionary's columns tell.
#[derive(Debug)]
pub(super) struct Piece {
    answer: Answer,
    /// The entry's forms; `None` when they were not needed (another entry of the same answer
    /// had them) and so not worked out.
    forms: Option<Vec<String>>,
}

/// What an entry gave for a posting and key, taken apart.
#[derive(Debug, Clone)]
enum Taken {
    /// Nothing to show (a line that does not parse, a key no alternative matches).
    Nothing,
    Piece(Arc<Piece>),
}

/// Entries taken apart lately, by posting and key: looking a word up again, or another word
/// leading to the same entries, reads and parses nothing.
#[derive(Debug, Default)]
pub(super) struct PieceCache {
    /// With when each was last used.
    map: FxHashMap<(Posting, Box<str>), (Taken, u64)>,
    tick: u64,
}

/// Pieces kept per dictionary: a piece is about a kilobyte.
const PIECES_KEPT: usize = 4096;

impl PieceCache {
    /// What `p` gave for `key`, if kept.
    fn get(&mut self, p: Posting, key: &str) -> Option<Taken> {
        self.tick += 1;
        let (piece, used) = self.map.get_mut(&(p, Box::from(key)))?;
        *used = self.tick;
        Some(piece.clone())
    }

    fn put(&mut self, p: Posting, key: &str, taken: Taken) {
        if self.map.len() >= PIECES_KEPT {
            // The least recently used half goes.
            let mut ticks: Vec<u64> = self.map.values().map(|(_, t)| *t).collect();
            let middle = ticks.len() / 2;
            let cut = *ticks.select_nth_unstable(middle).1;
            self.map.retain(|_, (_, t)| *t > cut);
        }
        self.tick += 1;
        self.map.insert((p, Box::from(key)), (taken, self.tick));
    }

    pub(super) fn clear(&mut self) {
        self.map.clear();
    }
}

/// The answer one posting gives for `key`, its entry taken apart once and kept; `how` is what
/// the dictionary's columns say. Its forms are worked out only when `wants_forms` says the
/// answers so far have none for its headword.
fn piece(
    d: &Dictionary,
    p: Posting,
    key: &str,
    wants_forms: &dyn Fn(&str) -> bool,
) -> Option<Answer> {
    let kept = d.pieces().get(p, key);
    let piece = match kept {
        Some(Taken::Nothing) => return None,
        Some(Taken::Piece(piece))
            if piece.forms.is_some() || !wants_forms(&piece.answer.headword) =>
        {
            piece
        }
        _ => {
            let text = d.entry_text(p.entry);
            let fresh = text
                .and_then(|text| match d.store {
                    Store::Ding(_) => ding_piece(d.name(), &text, p, key, wants_forms),
                    Store::Dictd(_) => Some(dictd_piece(d.name(), &text)),
                })
                .map(Arc::new);
            let taken = fresh.clone().map_or(Taken::Nothing, Taken::Piece);
            d.pieces().put(p, key, taken);
            fresh?
        }
    };
    let mut answer = piece.answer.clone();
    answer.forms = piece.forms.clone().unwrap_or_default();
    if answer.plural.is_none() {
        answer.plural = answer
            .forms
            .iter()
            .find_map(|f| f.strip_prefix("pl. "))
            .map(str::to_string);
    }
    Some(answer)
}

fn ding_piece(
    dictionary: &str,
    text: &str,
    p: Posting,
    key: &str,
    wants_forms: &dyn Fn(&str) -> bool,
) -> Option<Piece> {
    let line = ding::parse_line(text)?;
    let head_alts: Vec<ding::Cleaned> = line
        .column(0)?
        .de_alts()
        .into_iter()
        .map(ding::clean)
        .collect();
    if p.kind == Kind::English {
        return Some(english_piece(dictionary, &head_alts, key));
    }
    let kind = ding::line_kind_of_cleaned(&head_alts);
    let col = usize::from(p.column);
    let column = line.column(col)?;
    // A form needs only its own alternative taken apart, once the index says which it is; a
    // sub-entry shows them all.
    let all_alts = col != 0 && (p.alt.is_none() || p.kind != Kind::Form);
    let other_alts: Vec<ding::Cleaned> = if all_alts {
        column.de_alts().into_iter().map(ding::clean).collect()
    } else {
        Vec::new()
    };
    let col_alts: &[ding::Cleaned] = if col == 0 { &head_alts } else { &other_alts };
    let alt = match p.alt {
        Some(a) => usize::from(a),
        None => find_alt(col_alts, col, &head_alts, p.kind, key),
    };
    let form_alt;
    let matched = if col == 0 || all_alts {
        col_alts.get(alt)?
    } else {
        form_alt = ding::clean(column.de_alts().get(alt)?);
        &form_alt
    };
    let (head, head_alt, sense_col, entry_how) = match p.kind {
        Kind::Head | Kind::Keyword | Kind::Phrase | Kind::Abbreviation if col == 0 => {
            let how = match p.kind {
                Kind::Phrase => format!("{}{key}", super::PHRASE_WITH),
                Kind::Abbreviation => format!("abbreviation of {}", matched.bare),
                _ => String::new(),
            };
            (matched, alt, 0, how)
        }
        Kind::Form => {
            let head_alt = alt.min(head_alts.len().checked_sub(1)?);
            let head = &head_alts[head_alt];
            let desc = ding::form_desc(kind, col, matched);
            (head, head_alt, 0, format!("{desc} of {}", head.bare))
        }
        _ => (matched, alt, col, String::new()),
    };
    let de = if sense_col == 0 {
        &head_alts[..]
    } else {
        col_alts
    };
    let en: Vec<ding::Cleaned> = line
        .column(sense_col)?
        .en_alts()
        .into_iter()
        .map(ding::clean_en)
        .collect();
    let tags: Vec<String> = de.iter().flat_map(|c| c.tags.iter().cloned()).collect();
    let mut labels: Vec<String> = Vec::new();
    for l in head.labels.iter().chain(en.iter().flat_map(|c| &c.labels)) {
        if !labels.contains(l) {
            labels.push(l.clone());
        }
    }
    let headword = ding::lemma_display(head);
    let de_display = ding::headword_display(head);
    let sense = Sense {
        de: if de_display == headword {
            String::new()
        } else {
            de_display
        },
        text: en
            .iter()
            .map(|c| c.display.as_str())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        pos: ding::pos_of(&tags, &head.display).to_string(),
        tags: ding::readable_tags(&tags),
        labels,
        synonyms: de
            .iter()
            .filter(|c| c.display != head.display)
            .map(ding::headword_display)
            .collect(),
    };
    let forms = if sense_col != 0 {
        Some(Vec::new())
    } else if wants_forms(&headword) {
        Some(ding_forms(&line, kind, &head_alts, head_alt))
    } else {
        None
    };
    let gender = ding::article(&tags)
        .or(head.article)
        .and_then(|a| match a {
            "der" => Some("m"),
            "die" if !tags.iter().any(|t| t == "pl") => Some("f"),
            "das" => Some("n"),
            _ => None,
        })
        .map(str::to_string);
    Some(Piece {
        answer: Answer {
            headword,
            lemma: head.bare.clone(),
            dictionary: dictionary.to_string(),
            how: entry_how,
            forms: Vec::new(),
            gender,
            plural: None,
            senses: vec![sense],
        },
        forms,
    })
}

/// The answer for an English word (`key`) from a line it translates: the word itself, its
/// sense the line's German headwords (`der; die; das`).
fn english_piece(dictionary: &str, heads: &[ding::Cleaned], key: &str) -> Piece {
    let tags: Vec<String> = heads.iter().flat_map(|c| c.tags.iter().cloned()).collect();
    let mut labels: Vec<String> = Vec::new();
    for l in heads.iter().flat_map(|c| &c.labels) {
        if !labels.contains(l) {
            labels.push(l.clone());
        }
    }
    let text = heads
        .iter()
        .map(ding::headword_display)
        .collect::<Vec<_>>()
        .join("; ");
    let pos = heads
        .first()
        .map_or("", |h| ding::pos_of(&tags, &h.display))
        .to_string();
    Piece {
        answer: Answer {
            headword: key.to_string(),
            lemma: key.to_string(),
            dictionary: dictionary.to_string(),
            how: ENGLISH_WORD.to_string(),
            forms: Vec::new(),
            gender: None,
            plural: None,
            senses: vec![Sense {
                de: String::new(),
                text,
                pos,
                tags: ding::readable_tags(&tags),
                labels,
                synonyms: Vec::new(),
            }],
        },
        forms: Some(Vec::new()),
    }
}

/// The plural a line of `d` lists for a noun `lemma`, among those the rules could make:
/// `Häuser` for `Haus` (on another line of the noun, maybe: `Haus {n}; Zuhause {n}` lists
/// none).
fn listed_plural(
    d: &Dictionary,
    lemma: &str,
    gender: Option<crate::glossary::Gender>,
) -> Option<String> {
    crate::de::noun::noun_forms(lemma, gender, None)
        .into_iter()
        .filter(|f| f.reading == Reading::Plural)
        .find(|f| is_listed_plural(d, &f.form.to_lowercase()))
        .map(|f| f.form)
}

/// Whether a line of `d` lists `key` (lowercase) as a noun's plural: `worte` (`Wort {n} |
/// Worte {pl}`), as well as `wörter`.
fn is_listed_plural(d: &Dictionary, key: &str) -> bool {
    d.index()
        .get(key)
        .any(|x| x.kind == Kind::Form && x.column == 1 && d.info(x, key).class == WordClass::Noun)
}

/// The forms a line lists for its `alt`-th headword: `pl. Bündnisse`; `kündigte an`. Only
/// columns lined up with the headword column count.
fn ding_forms(
    line: &ding::Line<'_>,
    kind: LineKind,
    heads: &[ding::Cleaned],
    alt: usize,
) -> Vec<String> {
    let last_col = match kind {
        LineKind::Noun => 1,
        LineKind::Verb => 4,
        LineKind::Adjective => 2,
        LineKind::Other => return Vec::new(),
    };
    let mut forms = Vec::new();
    for de in line.de_columns().skip(1) {
        if forms.len() == last_col {
            break;
        }
        let alts = ding::Column { de, en: "" }.de_alts();
        let Some(head) = ding::parallel(heads, alts.len(), alt) else {
            break;
        };
        let c = ding::clean(alts[alt]);
        let is_plural = c.tags.iter().any(|t| t == "pl");
        let is_entry = c.tags.iter().any(|t| t != "pl");
        if is_entry || c.display.ends_with(['.', '!', '?']) || c.display.split(' ').count() > 4 {
            break;
        }
        if kind == LineKind::Noun && !(is_plural && ding::same_stem(head, &c)) {
            break;
        }
        // `sein`'s line gives each form with its negation: `ich bin | ich bin nicht`.
        if c.display.ends_with(" nicht") {
            continue;
        }
        forms.push(if is_plural {
            format!("pl. {}", c.display)
        } else {
            c.display
        });
    }
    forms
}

fn dictd_piece(dictionary: &str, text: &str) -> Piece {
    let article = parse_article(text);
    let g = &article.grammar;
    let has = |t: &str| g.iter().any(|x| x == t);
    let (class, genus) = dictd_class(g);
    let pos = class.as_str();
    let headword = if has("pl") {
        format!("die {} (pl.)", article.headword)
    } else if has("masc") {
        format!("der {}", article.headword)
    } else if has("fem") {
        format!("die {}", article.headword)
    } else if has("neut") {
        format!("das {}", article.headword)
    } else {
        article.headword.clone()
    };
    let tags: Vec<String> = g
        .iter()
        .filter_map(|t| match t.as_str() {
            "trans" => Some("transitive".to_string()),
            "intr" => Some("intransitive".to_string()),
            "refl" => Some("reflexive".to_string()),
            _ => None,
        })
        .collect();
    let senses = article
        .senses
        .iter()
        .map(|s| Sense {
            de: String::new(),
            text: s.text.clone(),
            pos: pos.to_string(),
            tags: tags.clone(),
            labels: s.labels.clone(),
            synonyms: article.synonyms.clone(),
        })
        .collect();
    let gender = match genus {
        Genus::M => Some("m".to_string()),
        Genus::F => Some("f".to_string()),
        Genus::N => Some("n".to_string()),
        _ => None,
    };
    Piece {
        answer: Answer {
            headword,
            lemma: article.headword.clone(),
            dictionary: dictionary.to_string(),
            how: String::new(),
            forms: Vec::new(),
            gender,
            plural: None,
            senses,
        },
        forms: Some(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verb_s_forms_leave_out_their_negations() {
        let line = ding::parse_line(
            "sein {vi} | seiend | gewesen | ich bin | ich bin nicht | du bist :: to be | being | been | I am | I am not | you are",
        )
        .expect("a line");
        let heads: Vec<ding::Cleaned> = line
            .column(0)
            .expect("a head")
            .de_alts()
            .into_iter()
            .map(ding::clean)
            .collect();
        let forms = ding_forms(&line, LineKind::Verb, &heads, 0);
        assert_eq!(forms, ["seiend", "gewesen", "ich bin", "du bist"]);
    }

    #[test]
    fn trims_punctuation_around_a_word() {
        assert_eq!(trim_word("„Bündnisses“,"), "Bündnisses");
        assert_eq!(trim_word("NATO-Russland-Rat."), "NATO-Russland-Rat");
        assert_eq!(trim_word("..."), "");
        assert_eq!(trim_word("gibt's"), "gibt");
        assert_eq!(trim_word("geht’s,"), "geht");
    }

    #[test]
    fn a_particle_query_comes_first_and_whole() {
        let (with, (plain, analyzed)) = queries("kündigte", Some("an"));
        let (mut with, joined) = with.expect("with the particle");
        assert_eq!(with[0].key, "kündigte an");
        assert_eq!(with[0].split.as_deref(), Some("an"));
        assert_eq!(joined, "ankündigte");
        candidate_queries(&joined, &mut with);
        assert!(with.iter().any(|q| q.key == "ankündigen" && !q.exact));
        assert_eq!(plain[0].key, "kündigte");
        assert!(plain[0].exact);
        assert_eq!(analyzed, "kündigte");
    }

    #[test]
    fn an_old_spelling_is_looked_up_as_the_word_itself() {
        let (_, (mut plain, analyzed)) = queries("mußte", None);
        let modern = plain.iter().find(|q| q.key == "musste").expect("musste");
        assert!(modern.exact && modern.variant == Some(OLD_SPELLING));
        candidate_queries(&analyzed, &mut plain);
        // What the analyser derives from it must be a form in today's spelling.
        assert!(
            plain
                .iter()
                .filter(|q| !q.exact)
                .all(|q| &*q.form == "mußte" || &*q.form == "musste")
        );
    }

    #[test]
    fn case_fits_by_the_word_s_place() {
        let inside = |word| Context {
            word,
            pos: None,
            sentence_start: false,
            english: false,
        };
        // A lowercase word is no noun: `des` is not `Des`.
        assert!(!inside("des").case_fits(true));
        assert!(inside("des").case_fits(false));
        // A capitalized word inside a sentence is one.
        assert!(inside("Arme").case_fits(true));
        assert!(!inside("Arme").case_fits(false));
        // At a sentence's start, either.
        let start = Context {
            sentence_start: true,
            ..inside("Ein")
        };
        assert!(start.case_fits(true) && start.case_fits(false));
    }

    #[test]
    fn ranks_phrases_last_and_exact_before_derived() {
        let base = Rank {
            phrase: false,
            other_pos: false,
            case_misfit: false,
            derived: false,
            start: 0,
            own_headword: false,
            dict: 0,
            query: 0,
            penalty: 0,
            seq: 0,
        };
        assert_eq!(base, Rank::floor(false, 0, 0));
        let derived = Rank {
            derived: true,
            query: 1,
            ..base
        };
        let phrase = Rank {
            phrase: true,
            ..base
        };
        let misfit = Rank {
            case_misfit: true,
            ..base
        };
        let later_line = Rank { penalty: 3, ..base };
        let mut ranks = vec![phrase, misfit, derived, later_line, base];
        ranks.sort();
        assert_eq!(ranks, [base, later_line, derived, misfit, phrase]);
        // Nothing derived beats an exact hit, whatever the dictionary or query.
        assert!(later_line < Rank::floor(true, 0, 0));
        assert!(derived < Rank::floor(true, 0, 2));
        assert!(derived >= Rank::floor(true, 0, 1));
    }

    #[test]
    fn an_answer_s_main_senses_come_first_its_part_of_speech_leading() {
        let sense = |text: &str, pos: &str| Sense {
            de: String::new(),
            text: text.to_string(),
            pos: pos.to_string(),
            tags: Vec::new(),
            labels: Vec::new(),
            synonyms: Vec::new(),
        };
        let mut answer = Answer {
            headword: "essen".into(),
            lemma: "essen".into(),
            dictionary: "Ding".into(),
            how: String::new(),
            forms: Vec::new(),
            gender: None,
            plural: None,
            senses: vec![
                sense("to dine", "verb"),
                sense("meal", "noun"),
                sense("to eat", "verb"),
                sense("to feed", "verb"),
            ],
        };
        main_senses_first(
            &mut answer,
            &[(false, 9), (false, 0), (false, 2), (true, 0)],
        );
        let order: Vec<&str> = answer.senses.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(order, ["to eat", "meal", "to dine", "to feed"]);
    }

    /// Dictionaries of one Ding file with these lines, and the directory that holds it.
    fn ding(lines: &[&str]) -> (tempfile::TempDir, Dictionaries) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("de-en");
        std::fs::write(&path, format!("# test\n{}\n", lines.join("\n"))).expect("written");
        let source = super::super::Source::from_path(&path).expect("a Ding file");
        let d = Dictionary::open(&source, None, &|_| {}).expect("opens");
        (dir, Dictionaries::from_dictionaries(vec![d]))
    }

    fn first_sense(dicts: &Dictionaries, word: &str) -> (String, String) {
        let answers = dicts.lookup(word, None);
        let first = answers.first().expect("an answer");
        (first.lemma.clone(), first.senses[0].text.clone())
    }

    #[test]
    fn a_verb_line_that_agrees_with_the_form_ranks_with_those_that_list_it() {
        let (_dir, dicts) = ding(&[
            "fahren {vi} | fahrend | gefahren :: to go | going | gone",
            "fahren; befahren {vt} | fahrend; befahrend | gefahren; befahren | fährt; befährt | fuhr; befuhr :: to navigate | navigating | navigated | navigates | navigated",
            "etw. schaffen {vt} (bewerkstelligen) | schaffend | geschafft :: to manage sth. | managing | managed",
            "etw. schaffen; erzeugen {vt} | schaffend; erzeugend | geschaffen; erzeugt | schafft; erzeugt | schuf; erzeugte :: to create sth. | creating | created | creates | created",
        ]);
        assert_eq!(
            first_sense(&dicts, "fuhr"),
            ("fahren".into(), "to go".into())
        );
        // Another paradigm's participle: `geschafft` is no form of the `schuf` verb.
        assert_eq!(
            first_sense(&dicts, "schuf"),
            ("schaffen".into(), "to create sth.".into())
        );
    }

    #[test]
    fn a_nominalised_infinitive_yields_to_a_noun_s_dative_plural() {
        let (_dir, dicts) = ding(&[
            "Köpfen {n} [sport] :: heading",
            "köpfen {vt} | köpfend | geköpft :: to behead | beheading | beheaded",
            "Kopf {m} | Köpfe {pl} :: head | heads",
            "Essen {n} | Essen {pl} :: meal | meals",
            "essen {vt} | essend | gegessen :: to eat | eating | eaten",
            "Esse {f} | Essen {pl} :: chimney | chimneys",
        ]);
        assert_eq!(dicts.lookup_for("Köpfen", None, None)[0].lemma, "Kopf");
        let head = dicts.headword("Köpfen", None).expect("a headword");
        assert_eq!((head.lemma.as_str(), head.pos.as_str()), ("Kopf", "noun"));
        // Not where the word is any case of the plural: `Essen` is the meal.
        assert_eq!(dicts.lookup_for("Essen", None, None)[0].lemma, "Essen");
    }

    #[test]
    fn a_base_verb_s_participle_comes_before_a_ge_verb_s() {
        let (_dir, dicts) = ding(&[
            "gedenken {vi} | gedenkend | gedacht | gedenkt | gedachte :: to remember | remembering | remembered | remembers | remembered",
            "denken {vi} | denkend | gedacht :: to think | thinking | thought",
            "imaginär; gedacht {adj} :: imaginary",
        ]);
        assert_eq!(
            first_sense(&dicts, "gedacht"),
            ("denken".into(), "to think".into())
        );
        let head = dicts.headword("gedacht", None).expect("a headword");
        assert_eq!((head.lemma.as_str(), head.pos.as_str()), ("denken", "verb"));
        // A verb's own forms stay its own.
        assert_eq!(first_sense(&dicts, "gedenkt").0, "gedenken");
    }

    #[test]
    fn a_gender_with_its_plural_comes_before_one_without() {
        // Ding's lines as they are: a slip's gender on a line of its own, first.
        let (_dir, dicts) = ding(&[
            "Licht {f}; Tageslicht {n} [geh.] | etw. ans Licht bringen :: light; light of day [fig.] | to bring sth. to light",
            "Licht {n} (sichtbare Strahlung) [phys.] | Lichter {pl} :: light (visible radiation) | lights",
            "Tau {m} :: dew",
            "Tau {n} | Taue {pl} :: rope | ropes",
            "Kiefer {m} | Kiefer {pl} :: jaw | jaws",
            "Kiefer {f} | Kiefern {pl} :: pine | pines",
        ]);
        let genders = |word: &str| -> Vec<String> {
            dicts
                .lookup_for(word, None, None)
                .iter()
                .map(|a| a.headword.clone())
                .collect()
        };
        assert_eq!(genders("Licht"), ["das Licht", "die Licht"]);
        assert_eq!(genders("Tau"), ["das Tau", "der Tau"]);
        // Both with a plural: the dictionary's order stands.
        assert_eq!(genders("Kiefer"), ["der Kiefer", "die Kiefer"]);
    }

    #[test]
    fn a_word_in_capitals_is_an_acronym_before_a_noun() {
        let (_dir, dicts) = ding(&[
            "Gnu {n} [zool.] | Gnus {pl} :: gnu | gnus",
            "Haus {n} | Häuser {pl} :: house | houses",
        ]);
        assert!(dicts.lookup_for("GNU", None, None).is_empty());
        assert_eq!(dicts.headword("GNU", None), None);
        // Nor an English word at a sentence's start.
        assert!(dicts.lookup_in("GNU", None, None, true).is_empty());
        assert_eq!(dicts.lookup_for("Gnu", None, None)[0].lemma, "Gnu");
        // A longer one may be a word of a heading.
        assert_eq!(dicts.lookup_for("HAUS", None, None)[0].lemma, "Haus");
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("bündnis", "bündnos"), 1);
        assert_eq!(edit_distance("haus", "maus"), 1);
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
