//! The form index: every surface form of every entry, lowercased, with what it is and how sure.

use super::{CompoundPart, Linker};
use crate::de::inflect::{
    BaseForms, PARTICLES, Reading, ReadingSet, Sureness, adjective_forms, base_forms, noun_forms,
    separable_split, verb_display,
};
use crate::de::lexicon::{
    INFINITIVE_FIRST_PARTS, IRREGULAR_COMPARISON, adverb_is_adjective, old_spellings,
};
use crate::de::lowercase_into;
use crate::glossary::{Entry, Pos};

/// How a surface form relates to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HitKind {
    /// The token alone is the term (or, for an expression, its verb).
    Whole,
    /// A finite form that needs this particle (an index into [`PARTICLES`]) at the end of its
    /// clause.
    Split(u8),
    /// The whole expression in one token: `spazierengehen`, `kennenlernte`.
    Joined,
}

#[derive(Debug, Clone)]
pub(super) struct Hit {
    pub entry: u32,
    pub kind: HitKind,
    pub readings: ReadingSet,
    /// A noun form guessed from its class loses to the same form of another word.
    pub sureness: Sureness,
    /// A guessed noun form that is also a frequent other word: never at a sentence's start.
    pub common: bool,
}

/// The entries one form belongs to: nearly always one, kept inline.
pub(super) type Hits = smallvec::SmallVec<[Hit; 1]>;

/// Lowercased surface form → entries it is a form of. The forms are kept one after the other
/// in one string, the table holds where each is: one allocation for all keys instead of one a
/// key, and nothing to free key by key.
#[derive(Debug, Clone, Default)]
pub(super) struct FormIndex {
    keys: String,
    table: hashbrown::HashTable<Slot>,
}

#[derive(Debug, Clone)]
struct Slot {
    start: u32,
    len: u32,
    hits: Hits,
}

fn hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(key)
}

impl FormIndex {
    pub fn with_capacity(forms: usize) -> FormIndex {
        FormIndex {
            keys: String::with_capacity(forms * 12),
            table: hashbrown::HashTable::with_capacity(forms),
        }
    }

    fn key<'k>(keys: &'k str, slot: &Slot) -> &'k str {
        &keys[slot.start as usize..(slot.start + slot.len) as usize]
    }

    pub fn get(&self, key: &str) -> Option<&Hits> {
        self.table
            .find(hash(key), |s| Self::key(&self.keys, s) == key)
            .map(|s| &s.hits)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Hits> {
        let keys = &self.keys;
        self.table
            .find_mut(hash(key), |s| Self::key(keys, s) == key)
            .map(|s| &mut s.hits)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The hits of a form, empty ones added if it is new.
    pub fn entry(&mut self, key: &str) -> &mut Hits {
        let keys = &mut self.keys;
        let entry = self.table.entry(
            hash(key),
            |s| Self::key(keys, s) == key,
            |s| hash(Self::key(keys, s)),
        );
        let slot = entry.or_insert_with(|| {
            let start = keys.len() as u32;
            keys.push_str(key);
            Slot {
                start,
                len: key.len() as u32,
                hits: Hits::new(),
            }
        });
        &mut slot.into_mut().hits
    }
}

/// What kind of entry, for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Shape {
    /// One word (noun, verb, adjective, anything).
    Word,
    /// Words before a verb: `zur Kenntnis nehmen` → fixed `zur`, `kenntnis`.
    VerbExpression { fixed: Vec<String> },
    /// A fixed sequence of words: `vor allem`, `ab und zu`.
    Sequence { words: Vec<String> },
}

#[derive(Debug, Clone)]
pub(super) struct EntryInfo {
    pub shape: Shape,
    pub reflexive: bool,
    /// Nouns, names and abbreviations: capitalized in running text.
    pub noun_like: bool,
    /// Adjectives and adverbs: at a sentence's start the capital says nothing (`Gut gemacht!`).
    pub adjective: bool,
    /// An adverb entry linking the forms of the adjective it also is (schnell adv: schnelles):
    /// those with an ending only where an adjective stands, before its noun (im heißen Süden).
    pub adverb_adjective: bool,
    /// A weak masculine noun (der Präsident, den Präsidenten): its headword is nominative only.
    pub weak: bool,
    /// `an|kündigen` for separable verbs; the headword otherwise.
    pub verb_display: Option<String>,
    /// A compound headword whose head has an entry of its own: Spionage + Aktivität (see
    /// [`Linker::headword_compound`]).
    pub compound: std::sync::OnceLock<Option<(String, Vec<CompoundPart>)>>,
}

pub(super) fn is_verb_like(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
        && (word.ends_with("en")
            || word.ends_with("ern")
            || word.ends_with("eln")
            || word == "sein"
            || word == "tun")
}

/// `spazierengehen` → (`spazieren`, `gehen`): an infinitive written together with its verb.
fn infinitive_first_part(verb: &str) -> Option<(&'static str, &str)> {
    INFINITIVE_FIRST_PARTS.iter().find_map(|&first| {
        let rest = verb.strip_prefix(first)?;
        (rest.len() >= 4 && is_verb_like(rest)).then_some((first, rest))
    })
}

/// The forms of the particle-free verbs indexed so far: `kommen` once for ankommen, mitkommen,
/// zurückkommen.
pub(super) type VerbCache = hashbrown::HashMap<String, BaseForms, rustc_hash::FxBuildHasher>;

fn cached<'c>(cache: &'c mut VerbCache, verb: &str) -> &'c BaseForms {
    cache.entry_ref(verb).or_insert_with(|| base_forms(verb))
}

/// `Schluß` and `Schluss`, `Fluß` and `Fluss` compare equal: ß after a short vowel is the old
/// spelling of ss.
pub(super) fn same_spelling(a: &str, b: &str) -> bool {
    a == b || (a.contains('ß') || b.contains('ß')) && a.replace('ß', "ss") == b.replace('ß', "ss")
}

/// How many words of bits [`Linker::noun_heads`] has: 2^17 bits, 16 KB, a few percent of them
/// set by a glossary of a thousand nouns.
pub(super) const NOUN_HEAD_WORDS: usize = 1 << 11;

/// The bit in [`Linker::noun_heads`] of a form `len` bytes long that starts with `start`
/// (its first three bytes, zeros for a shorter form).
fn noun_head(start: [u8; 3], len: usize) -> usize {
    let key = u64::from(u32::from_le_bytes([start[0], start[1], start[2], 0])) | (len as u64) << 24;
    // Fibonacci hashing: the top bits of the product.
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - 17)) as usize
}

/// A form's first three bytes, zeros after its end.
fn first_three(key: &[u8]) -> [u8; 3] {
    let mut start = [0; 3];
    for (s, b) in start.iter_mut().zip(key) {
        *s = *b;
    }
    start
}

/// Whether a lowercased form is one of [`crate::de::lexicon::COMMON_WORDS`].
fn is_common_word(lower: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| crate::de::lexicon::COMMON_WORDS.iter().copied().collect());
    SET.contains(lower)
}

impl Linker {
    pub(super) fn add(&mut self, form: &str, entry: usize, kind: HitKind, reading: Reading) {
        self.add_readings(
            form,
            entry,
            kind,
            std::iter::once(reading).collect(),
            Sureness::Given,
        );
    }

    pub(super) fn add_readings(
        &mut self,
        form: &str,
        entry: usize,
        kind: HitKind,
        readings: ReadingSet,
        sureness: Sureness,
    ) {
        let mut key = std::mem::take(&mut self.key_buf);
        lowercase_into(form, &mut key);
        self.add_key(&key, entry, kind, readings, sureness);
        self.key_buf = key;
    }

    /// [`Linker::add_readings`] for a form already in lower case (a verb's or adjective's).
    fn add_key(
        &mut self,
        key: &str,
        entry: usize,
        kind: HitKind,
        readings: ReadingSet,
        sureness: Sureness,
    ) {
        if self.indexing_noun {
            let bit = noun_head(first_three(key.as_bytes()), key.len());
            self.noun_heads[bit / 64] |= 1 << (bit % 64);
        }
        let common = sureness != Sureness::Given && is_common_word(key);
        let hits = self.forms.entry(key);
        if let Some(h) = hits
            .iter_mut()
            .find(|h| h.entry as usize == entry && h.kind == kind)
        {
            h.readings = h.readings.union(readings);
            if sureness < h.sureness {
                h.sureness = sureness;
                h.common = common;
            }
        } else {
            let contested = hits.iter().any(|h| {
                h.entry as usize != entry
                    && (h.sureness != Sureness::Given || sureness != Sureness::Given)
            });
            hits.push(Hit {
                entry: entry as u32,
                kind,
                readings,
                sureness,
                common,
            });
            if contested {
                self.contested.push(key.to_string());
            }
        }
    }

    /// A guessed noun form gives way to another noun's headword or listed form, and to a surer
    /// form of another noun (Raten is the plural of Rate before it is a guess for Rat). Other
    /// words sharing the form (Fragen, fragen) are told apart by the capital. An old dative
    /// (`im Falle`) stays beside the headword it spells (die Falle): only a dative article
    /// chooses it, and without one the headword, which is surer, wins.
    pub(super) fn settle_guesses(&mut self) {
        let contested = std::mem::take(&mut self.contested);
        for key in &contested {
            let Some(hits) = self.forms.get_mut(key.as_str()) else {
                continue;
            };
            let info = &self.info;
            let mut keep: Vec<bool> = hits
                .iter()
                .map(|h| {
                    h.sureness == Sureness::Given
                        || !hits.iter().any(|o| {
                            o.entry != h.entry
                                && info[o.entry as usize].noun_like
                                && (o.readings.contains(Reading::Headword)
                                    || o.readings.contains(Reading::ListedForm)
                                    || o.sureness < h.sureness)
                        })
                })
                .collect();
            for (h, kept) in hits.iter_mut().zip(keep.iter_mut()) {
                if !*kept && h.readings.contains(Reading::DativeSingular) {
                    // The old dative alone stays, for an article to choose: `im Falle` is
                    // Fall's, `aller Tiefe` Tiefe's.
                    h.readings = std::iter::once(Reading::DativeSingular).collect();
                    *kept = true;
                }
            }
            let mut k = keep.iter();
            hits.retain(|_| *k.next().unwrap_or(&true));
        }
    }

    /// Every form of a verb; `joined` puts a word in front of each non-split one
    /// (`spazieren` + `ging`) and marks it [`HitKind::Joined`].
    fn add_verb(
        &mut self,
        cache: &mut VerbCache,
        verb: &str,
        entry: usize,
        separable: bool,
        joined: Option<&str>,
    ) {
        let kind = if joined.is_some() {
            HitKind::Joined
        } else {
            HitKind::Whole
        };
        let front = joined.unwrap_or("");
        let mut buf = String::new();
        match separable_split(verb, separable) {
            None => {
                for f in cached(cache, verb).iter() {
                    buf.clear();
                    buf.push_str(front);
                    buf.push_str(f.form);
                    self.add_key(&buf, entry, kind, f.readings, Sureness::Given);
                }
                if joined.is_some() {
                    buf.clear();
                    buf.push_str(front);
                    buf.push_str("zu");
                    buf.push_str(verb);
                    let zu = std::iter::once(Reading::ZuInfinitive).collect();
                    self.add_key(&buf, entry, kind, zu, Sureness::Given);
                }
            }
            Some((particle, rest)) => {
                let k = PARTICLES.iter().position(|q| *q == particle).unwrap_or(0) as u8;
                // wiederaufbauen: wieder + the joined forms of aufbauen (aufgebaut, aufzubauen),
                // none of them split.
                let (inner, base) = match separable_split(rest, true) {
                    Some((p, r)) => (Some(p), r),
                    None => (None, rest),
                };
                let split = inner.is_none() && joined.is_none();
                let inner = inner.unwrap_or("");
                for f in cached(cache, base).iter() {
                    if f.finite && split {
                        self.add_key(
                            f.form,
                            entry,
                            HitKind::Split(k),
                            f.readings,
                            Sureness::Given,
                        );
                    }
                    buf.clear();
                    buf.push_str(front);
                    buf.push_str(particle);
                    buf.push_str(inner);
                    buf.push_str(f.form);
                    self.add_key(&buf, entry, kind, f.readings, Sureness::Given);
                }
                buf.clear();
                buf.push_str(front);
                buf.push_str(particle);
                buf.push_str(inner);
                buf.push_str("zu");
                buf.push_str(base);
                let zu = std::iter::once(Reading::ZuInfinitive).collect();
                self.add_key(&buf, entry, kind, zu, Sureness::Given);
            }
        }
    }

    pub(super) fn index_entry(&mut self, i: usize, entry: &Entry, cache: &mut VerbCache) {
        let mut words: Vec<&str> = entry.de.split_whitespace().collect();
        let reflexive = words.len() > 1 && words[0] == "sich";
        if reflexive {
            words.remove(0);
        }
        let separable = entry.separable != Some(false);
        let pos = entry.pos;
        let noun_like = matches!(pos, Some(Pos::Noun | Pos::Name | Pos::Abbr))
            || (pos.is_none() && words.len() == 1 && crate::de::is_capitalized(words[0]));
        self.indexing_noun = noun_like;
        let mut info = EntryInfo {
            shape: Shape::Word,
            reflexive,
            noun_like,
            adjective: false,
            adverb_adjective: false,
            weak: false,
            verb_display: None,
            compound: std::sync::OnceLock::new(),
        };
        match words.as_slice() {
            [] => {}
            [word] => {
                let word = *word;
                self.add(word, i, HitKind::Whole, Reading::Headword);
                self.index_word(i, entry, word, &mut info, separable, cache);
                for old in old_spellings(&word.to_lowercase()) {
                    let old = if noun_like { capitalize(&old) } else { old };
                    self.add(&old, i, HitKind::Whole, Reading::Headword);
                    self.index_word(i, entry, &old, &mut info, separable, cache);
                }
            }
            [fixed @ .., last] if is_verb_like(last) && pos != Some(Pos::Noun) => {
                let fixed: Vec<String> = fixed.iter().map(|w| w.to_lowercase()).collect();
                let first_part = match fixed.as_slice() {
                    [one] if !reflexive => {
                        INFINITIVE_FIRST_PARTS.iter().copied().find(|f| f == one)
                    }
                    _ => None,
                };
                let last = &last.to_lowercase();
                self.add_verb(cache, last, i, separable, None);
                if let Some(first) = first_part {
                    self.add_verb(cache, last, i, separable, Some(first));
                }
                info.verb_display = Some(verb_display(last, separable));
                info.shape = Shape::VerbExpression { fixed };
            }
            _ => {
                let words: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                self.add(&words[0], i, HitKind::Whole, Reading::Headword);
                info.shape = Shape::Sequence { words };
            }
        }
        if let Some(plural) = &entry.plural
            && !plural.contains(' ')
        {
            self.add(plural, i, HitKind::Whole, Reading::Plural);
        }
        for form in &entry.forms {
            if !form.contains(' ') {
                self.add(form, i, HitKind::Whole, Reading::ListedForm);
            }
        }
        self.info.push(info);
        self.indexing_noun = false;
    }

    /// Whether an adverb entry links the inflected and compared forms of the adjective it also
    /// is (schnell: ein schnelles Auto, schneller): not where the glossary has the adjective
    /// itself, whose forms they are (hart adj beside hart adv), and not for a true adverb
    /// (schon, mal, nachts; see [`adverb_is_adjective`]).
    fn adverb_takes_adjective_forms(&self, word: &str) -> bool {
        !self.adjective_headwords.contains(&word.to_lowercase())
            && (IRREGULAR_COMPARISON.iter().any(|c| c.0 == word) || adverb_is_adjective(word))
    }

    /// Whether `lower` may be a noun form: some noun form is as long and starts with the same
    /// three bytes. `start` is its first three bytes.
    pub(super) fn may_be_noun(&self, start: [u8; 3], len: usize) -> bool {
        let bit = noun_head(start, len);
        self.noun_heads[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The forms of a one-word entry (or of an old spelling of it).
    fn index_word(
        &mut self,
        i: usize,
        entry: &Entry,
        word: &str,
        info: &mut EntryInfo,
        separable: bool,
        cache: &mut VerbCache,
    ) {
        let pos = entry.pos;
        let verb = pos == Some(Pos::Verb) || (pos.is_none() && is_verb_like(word));
        if info.noun_like {
            if pos == Some(Pos::Abbr) {
                return;
            }
            for f in noun_forms(word, entry.gender, entry.plural.as_deref()) {
                if f.reading == Reading::ObliqueSingular && f.sureness != Sureness::Possible {
                    info.weak = true;
                }
                self.add_readings(
                    &f.form,
                    i,
                    HitKind::Whole,
                    std::iter::once(f.reading).collect(),
                    f.sureness,
                );
            }
        } else if verb {
            // Verb forms are made and keyed in lower case.
            let word = &word.to_lowercase();
            if let Some((first, rest)) = infinitive_first_part(word) {
                // spazierengehen: `ging spazieren`, `spazieren gegangen`, `spazierenzugehen`.
                self.add_verb(cache, rest, i, separable, None);
                self.add_verb(cache, rest, i, separable, Some(first));
                info.verb_display = Some(format!("{first} {rest}"));
                info.shape = Shape::VerbExpression {
                    fixed: vec![first.to_string()],
                };
            } else {
                self.add_verb(cache, word, i, separable, None);
                info.verb_display = Some(verb_display(word, separable));
            }
        } else if pos == Some(Pos::Adj)
            || (pos.is_none() && !is_verb_like(word))
            || (pos == Some(Pos::Adv) && self.adverb_takes_adjective_forms(word))
        {
            info.adjective = true;
            // The irregular ones (kurz, hoch) link all their forms, as they always have.
            info.adverb_adjective =
                pos == Some(Pos::Adv) && !IRREGULAR_COMPARISON.iter().any(|c| c.0 == word);
            for (form, r) in adjective_forms(word) {
                self.add(&form, i, HitKind::Whole, r);
            }
        } else if pos == Some(Pos::Adv) {
            info.adjective = true;
        }
    }
}

fn capitalize(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
