//! The linker: a text and a glossary in, links out (which entry, which byte spans, what form).
//!
//! `annotate`, `check`, the reader, tests and benches all call [`Linker::analyze`].

use crate::de::inflect::{
    ADVERB_PARTICLES, PARTICLES, Reading, ReadingSet, Sureness, adjective_forms, noun_forms,
    verb_display, verb_forms,
};
use crate::de::lowercase_into;
use crate::de::sentence::{split_clauses, split_sentences};
use crate::de::token::{Token, TokenKind, tokenize_into};
use crate::glossary::{Entry, Glossary, Pos};
use crate::text::Document;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// One sentence of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the document's source.
    pub range: Range<usize>,
    /// Index of the paragraph it stands in.
    pub paragraph: usize,
    /// Its position inside that paragraph (0-based).
    pub index_in_paragraph: usize,
    /// Its tokens, as an index range into [`Analysis::tokens`].
    pub tokens: Range<usize>,
}

/// A part of a closed compound: `Spionage` in `Spionageaktivitäten`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompoundPart {
    /// As written in the compound (linking element removed, capitalized): `Spionage`.
    pub text: String,
    /// The entry for it, if the glossary has one.
    pub entry: Option<usize>,
}

/// One linked occurrence of a glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Index into the glossary's entries.
    pub entry: usize,
    /// The tokens that make up this occurrence, in text order (a split verb has two).
    pub tokens: Vec<usize>,
    /// Byte spans into the document's source, one per part.
    pub spans: Vec<Range<usize>>,
    /// Index into [`Analysis::sentences`].
    pub sentence: usize,
    /// How the form in the text relates to the headword: "genitive singular",
    /// "zu-infinitive of aus|weisen".
    pub form: String,
    /// For a closed compound linked through its head: its parts.
    pub parts: Vec<CompoundPart>,
}

/// A text's tokens, sentences and links.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// In text order (by first span).
    pub links: Vec<Link>,
    /// For each token, the index of the link it belongs to.
    pub token_link: Vec<Option<usize>>,
}

impl Analysis {
    /// The sentence a token stands in.
    pub fn sentence_of_token(&self, token: usize) -> Option<usize> {
        self.sentences
            .binary_search_by(|s| {
                if s.tokens.end <= token {
                    std::cmp::Ordering::Less
                } else if s.tokens.start > token {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .ok()
    }

    /// Indices of word tokens, in order.
    pub fn words(&self) -> impl Iterator<Item = usize> + '_ {
        self.tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == TokenKind::Word)
            .map(|(i, _)| i)
    }

    /// How many links each entry has in this text.
    pub fn occurrences(&self, entry: usize) -> usize {
        self.links.iter().filter(|l| l.entry == entry).count()
    }
}

/// How a surface form relates to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HitKind {
    /// The token alone is the term (or, for an expression, its verb).
    Whole,
    /// A finite form that needs this particle (an index into [`PARTICLES`]) at the end of its
    /// clause.
    Split(u8),
}

#[derive(Debug, Clone)]
struct Hit {
    entry: u32,
    kind: HitKind,
    readings: ReadingSet,
    /// A noun form guessed from its class loses to the same form of another word.
    sureness: Sureness,
    /// A guessed noun form that is also a frequent other word: never at a sentence's start.
    common: bool,
}

/// The entries one form belongs to: nearly always one, kept inline.
type Hits = smallvec::SmallVec<[Hit; 1]>;

/// What kind of entry, for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// One word (noun, verb, adjective, anything).
    Word,
    /// Words before a verb: `zur Kenntnis nehmen` → fixed `zur`, `kenntnis`.
    VerbExpression { fixed: Vec<String> },
    /// A fixed sequence of words: `vor allem`, `seit langem`.
    Sequence { words: Vec<String> },
}

#[derive(Debug, Clone)]
struct EntryInfo {
    shape: Shape,
    reflexive: bool,
    /// Nouns, names and abbreviations: capitalized in running text.
    noun_like: bool,
    /// `an|kündigen` for separable verbs; the headword otherwise.
    verb_display: Option<String>,
    /// A compound headword whose head has an entry of its own: Spionage + Aktivität.
    compound: Option<(String, Vec<CompoundPart>)>,
}

/// A possible link before overlaps are resolved.
#[derive(Debug, Clone)]
struct Candidate {
    entry: usize,
    tokens: Vec<usize>,
    form: PendingForm,
    parts: Vec<CompoundPart>,
    /// Higher wins among candidates covering the same number of tokens.
    rank: u8,
}

/// A candidate's explanation, written only if the candidate becomes a link.
#[derive(Debug, Clone)]
enum PendingForm {
    /// From the entry's readings (and its compound parts, if its headword has them).
    Readings {
        readings: ReadingSet,
        ich: bool,
    },
    Text(String),
}

/// Tokens and sentences of a text, without links: enough to align a translation.
pub fn segment(text: &str, paragraphs: &[Range<usize>]) -> Analysis {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut sentences = Vec::new();
    for (p, range) in paragraphs.iter().enumerate() {
        let first = tokens.len();
        tokenize_into(text, range.clone(), &mut tokens);
        for (k, r) in split_sentences(text, &tokens[first..])
            .into_iter()
            .enumerate()
        {
            let toks = first + r.start..first + r.end;
            sentences.push(Sentence {
                range: tokens[toks.start].start..tokens[toks.end - 1].end,
                paragraph: p,
                index_in_paragraph: k,
                tokens: toks,
            });
        }
    }
    let token_link = vec![None; tokens.len()];
    Analysis {
        tokens,
        sentences,
        links: Vec::new(),
        token_link,
    }
}

/// Links texts against one glossary. Build once, analyze many texts.
#[derive(Debug, Clone)]
pub struct Linker {
    glossary: Glossary,
    info: Vec<EntryInfo>,
    /// Lowercased surface form → entries it is a form of.
    forms: hashbrown::HashMap<String, Hits, rustc_hash::FxBuildHasher>,
    /// Reused while building `forms`.
    key_buf: String,
    /// Forms that two entries share where one of them is a guess, settled once all are in.
    contested: Vec<String>,
}

const REFLEXIVE_PRONOUNS: &[&str] = &["sich", "mich", "dich", "uns", "euch"];
const SUBJECT_PRONOUNS: &[&str] = &["ich", "du", "er", "sie", "es", "wir", "ihr", "man"];

fn is_verb_like(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
        && (word.ends_with("en")
            || word.ends_with("ern")
            || word.ends_with("eln")
            || word == "sein"
            || word == "tun")
}

impl Linker {
    pub fn new(glossary: Glossary) -> Linker {
        let mut linker = Linker {
            glossary: Glossary::default(),
            info: Vec::with_capacity(glossary.entries.len()),
            // About 40 forms an entry: sized once instead of rehashing as it grows.
            forms: hashbrown::HashMap::with_capacity_and_hasher(
                glossary.entries.len() * 40,
                rustc_hash::FxBuildHasher,
            ),
            key_buf: String::new(),
            contested: Vec::new(),
        };
        for (i, entry) in glossary.entries.iter().enumerate() {
            linker.index_entry(i, entry);
        }
        linker.glossary = glossary;
        linker.settle_guesses();
        for i in 0..linker.info.len() {
            let de = &linker.glossary.entries[i].de;
            if linker.info[i].noun_like && !de.contains([' ', '-']) {
                let compound = linker.closed_compound(de, &de.to_lowercase(), 0).map(|c| {
                    (
                        c.parts
                            .iter()
                            .map(|p| p.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" + "),
                        c.parts,
                    )
                });
                linker.info[i].compound = compound;
            }
        }
        linker
    }

    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    fn add(&mut self, form: &str, entry: usize, kind: HitKind, reading: Reading) {
        self.add_readings(
            form,
            entry,
            kind,
            std::iter::once(reading).collect(),
            Sureness::Given,
        );
    }

    fn add_readings(
        &mut self,
        form: &str,
        entry: usize,
        kind: HitKind,
        readings: ReadingSet,
        sureness: Sureness,
    ) {
        let mut key = std::mem::take(&mut self.key_buf);
        lowercase_into(form, &mut key);
        let common = sureness != Sureness::Given && is_common_word(&key);
        // entry_ref allocates the key only when the form is new.
        let hits = self.forms.entry_ref(key.as_str()).or_default();
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
                self.contested.push(key.clone());
            }
        }
        self.key_buf = key;
    }

    /// A guessed noun form gives way to another noun's headword or listed form, and to a surer
    /// form of another noun (Raten is the plural of Rate before it is a guess for Rat). Other
    /// words sharing the form (Fragen, fragen) are told apart by the capital.
    fn settle_guesses(&mut self) {
        let contested = std::mem::take(&mut self.contested);
        for key in &contested {
            let Some(hits) = self.forms.get_mut(key.as_str()) else {
                continue;
            };
            let info = &self.info;
            let keep: Vec<bool> = hits
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
            let mut k = keep.iter();
            hits.retain(|_| *k.next().unwrap_or(&true));
        }
    }

    fn add_verb(&mut self, verb: &str, entry: usize, separable: bool) {
        // A verb's forms repeat (kommt: 3rd singular, 2nd plural, imperative); merging them here
        // leaves one probe of the big table per distinct form.
        let mut forms = verb_forms(verb, separable);
        forms
            .sort_unstable_by(|a, b| (a.split_particle, &a.form).cmp(&(b.split_particle, &b.form)));
        let mut i = 0;
        while i < forms.len() {
            let mut readings = ReadingSet::default();
            let mut j = i;
            while j < forms.len()
                && forms[j].form == forms[i].form
                && forms[j].split_particle == forms[i].split_particle
            {
                readings.insert(forms[j].reading);
                j += 1;
            }
            let kind = forms[i]
                .split_particle
                .and_then(|p| PARTICLES.iter().position(|q| *q == p))
                .map_or(HitKind::Whole, |k| HitKind::Split(k as u8));
            self.add_readings(&forms[i].form, entry, kind, readings, Sureness::Given);
            i = j;
        }
    }

    fn index_entry(&mut self, i: usize, entry: &Entry) {
        let mut words: Vec<&str> = entry.de.split_whitespace().collect();
        let reflexive = words.len() > 1 && words[0] == "sich";
        if reflexive {
            words.remove(0);
        }
        let separable = entry.separable != Some(false);
        let pos = entry.pos;
        let noun_like = matches!(pos, Some(Pos::Noun | Pos::Name | Pos::Abbr))
            || (pos.is_none() && words.len() == 1 && crate::de::is_capitalized(words[0]));
        let mut info = EntryInfo {
            shape: Shape::Word,
            reflexive,
            noun_like,
            verb_display: None,
            compound: None,
        };
        match words.as_slice() {
            [] => {}
            [word] => {
                let word = *word;
                self.add(word, i, HitKind::Whole, Reading::Headword);
                let verb = pos == Some(Pos::Verb) || (pos.is_none() && is_verb_like(word));
                if noun_like {
                    if pos != Some(Pos::Abbr) {
                        for f in noun_forms(word, entry.gender, entry.plural.as_deref()) {
                            self.add_readings(
                                &f.form,
                                i,
                                HitKind::Whole,
                                std::iter::once(f.reading).collect(),
                                f.sureness,
                            );
                        }
                    }
                } else if verb {
                    self.add_verb(word, i, separable);
                    info.verb_display = Some(verb_display(word, separable));
                } else if pos == Some(Pos::Adj) || (pos.is_none() && !is_verb_like(word)) {
                    for (form, r) in adjective_forms(word) {
                        self.add(&form, i, HitKind::Whole, r);
                    }
                }
            }
            [fixed @ .., last] if is_verb_like(last) && pos != Some(Pos::Noun) => {
                self.add_verb(last, i, separable);
                info.verb_display = Some(verb_display(last, separable));
                info.shape = Shape::VerbExpression {
                    fixed: fixed.iter().map(|w| w.to_lowercase()).collect(),
                };
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
    }

    /// Tokens, sentences and links of a document's body.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        self.analyze_paragraphs(&doc.source, &doc.paragraphs)
    }

    /// Same as [`Linker::analyze`], for text already split into paragraphs (byte ranges).
    pub fn analyze_paragraphs(&self, text: &str, paragraphs: &[Range<usize>]) -> Analysis {
        let Analysis {
            tokens, sentences, ..
        } = segment(text, paragraphs);
        let mut links = Vec::with_capacity(tokens.len() / 4);
        let mut scratch = Scratch::default();
        for (s, sentence) in sentences.iter().enumerate() {
            self.link_sentence(
                text,
                &tokens,
                sentence.tokens.clone(),
                s,
                &mut scratch,
                &mut links,
            );
        }
        let mut token_link = vec![None; tokens.len()];
        for (i, l) in links.iter().enumerate() {
            for &t in &l.tokens {
                token_link[t] = Some(i);
            }
        }
        Analysis {
            tokens,
            sentences,
            links,
            token_link,
        }
    }

    /// Looks a word up: as written (lowercased), then in reformed spelling (daß → dass).
    fn lookup(&self, lower: &str, buf: &mut String) -> Option<&Hits> {
        if let Some(h) = self.forms.get(lower) {
            return Some(h);
        }
        if lower.contains('ß') {
            buf.clear();
            buf.push_str(lower);
            *buf = buf.replace('ß', "ss");
            return self.forms.get(buf.as_str());
        }
        None
    }

    fn link_sentence(
        &self,
        text: &str,
        tokens: &[Token],
        sentence: Range<usize>,
        sentence_index: usize,
        scratch: &mut Scratch,
        out: &mut Vec<Link>,
    ) {
        let clauses = split_clauses(text, tokens, sentence.clone());
        scratch.candidates.clear();
        let first_word = sentence.clone().find(|&i| tokens[i].is_word());
        for clause in &clauses {
            self.clause_candidates(text, tokens, clause.clone(), first_word, scratch);
        }
        // More tokens win (zurückkommen over kommen), then rank, then earlier.
        let mut cands = std::mem::take(&mut scratch.candidates);
        cands.sort_by(|a, b| {
            b.tokens
                .len()
                .cmp(&a.tokens.len())
                .then(b.rank.cmp(&a.rank))
                .then(a.tokens[0].cmp(&b.tokens[0]))
        });
        scratch.used.clear();
        let first_link = out.len();
        for c in cands.drain(..) {
            if c.tokens.iter().any(|t| scratch.used.contains(t)) {
                continue;
            }
            scratch.used.extend(c.tokens.iter().copied());
            let (form, parts) = match c.form {
                PendingForm::Text(text) => (text, c.parts),
                PendingForm::Readings { readings, ich } => {
                    let form = scratch
                        .forms
                        .entry((c.entry as u32, readings, ich))
                        .or_insert_with(|| self.describe(c.entry, readings, ich))
                        .clone();
                    match &self.info[c.entry].compound {
                        Some((joined, parts)) if form.is_empty() => (joined.clone(), parts.clone()),
                        Some((joined, parts)) => (format!("{joined}, {form}"), parts.clone()),
                        None => (form, c.parts),
                    }
                }
            };
            out.push(Link {
                entry: c.entry,
                spans: c
                    .tokens
                    .iter()
                    .map(|&t| tokens[t].start..tokens[t].end)
                    .collect(),
                tokens: c.tokens,
                sentence: sentence_index,
                form,
                parts,
            });
        }
        scratch.candidates = cands;
        // Sentences come in text order, so sorting each sentence's links orders them all.
        out[first_link..].sort_unstable_by_key(|l| l.spans.first().map_or(0, |r| r.start));
    }

    fn clause_candidates(
        &self,
        text: &str,
        tokens: &[Token],
        clause: Range<usize>,
        sentence_first_word: Option<usize>,
        scratch: &mut Scratch,
    ) {
        let Scratch {
            candidates: found,
            lower: pool,
            words,
            classes,
            ..
        } = scratch;
        // Lowercased words of the clause, for particles, pronouns and expressions; the strings
        // are reused from clause to clause.
        if pool.len() < clause.len() {
            pool.resize_with(clause.len(), String::new);
        }
        words.clear();
        classes.clear();
        let mut clause_classes = 0u16;
        for (k, i) in clause.clone().enumerate() {
            pool[k].clear();
            if tokens[i].is_word() {
                lowercase_into(tokens[i].text(text), &mut pool[k]);
                words.push(i);
                let class = word_class(&pool[k]);
                classes.push(class);
                clause_classes |= class;
            }
        }
        let pool = &*pool;
        let words = &*words;
        let classes = &*classes;
        let lower = |i: usize| pool[i - clause.start].as_str();
        let Some(&last_word) = words.last() else {
            return;
        };
        let subordinate = classes[0] & class::SUBORDINATOR != 0;
        let mut ctx = ReadingContext {
            ich: clause_classes & class::ICH != 0,
            du: clause_classes & class::DU != 0,
            ihr: clause_classes & class::IHR != 0,
            auxiliary: clause_classes & class::AUXILIARY != 0,
            subordinate,
            clause_first: false,
            clause_last: false,
            early: false,
            after_zu: false,
            before_capitalized: false,
            after_singular_article: false,
            bare: false,
        };
        let mut buf = String::new();
        for (wpos, &i) in words.iter().enumerate() {
            let surface = tokens[i].text(text);
            let Some(hits) = self.lookup(lower(i), &mut buf) else {
                if let Some(c) = self.compound_candidate(text, tokens[i], i, lower(i), &mut buf) {
                    found.push(c);
                }
                continue;
            };
            let capitalized = crate::de::is_capitalized(surface);
            ctx.clause_first = wpos == 0;
            ctx.clause_last = i == last_word;
            ctx.early = wpos <= 1;
            let prev = if wpos > 0 { classes[wpos - 1] } else { 0 };
            ctx.after_zu = prev & class::ZU != 0;
            ctx.after_singular_article = prev & class::SINGULAR_ARTICLE != 0;
            ctx.bare = prev & (class::DETERMINER | class::SINGULAR_ARTICLE) == 0;
            ctx.before_capitalized = words
                .get(wpos + 1)
                .is_some_and(|&w| w == i + 1 && crate::de::is_capitalized(tokens[w].text(text)));
            let sentence_initial = Some(i) == sentence_first_word;
            let next_is_pronoun = classes
                .get(wpos + 1)
                .is_some_and(|c| c & class::SUBJECT_PRONOUN != 0);
            for hit in hits {
                let entry = hit.entry as usize;
                let info = &self.info[entry];
                if hit.common && sentence_initial {
                    continue;
                }
                // Case tells nouns from other words, except at the start of a sentence.
                let case_rank = match (info.noun_like, capitalized, sentence_initial) {
                    (true, true, false) | (false, false, _) => 2,
                    (true, true, true) => u8::from(!next_is_pronoun),
                    (false, true, true) => u8::from(next_is_pronoun) * 2,
                    (false, true, false) => 1,
                    (true, false, _) => {
                        // A lowercase word is no noun, unless the headword itself is lowercase.
                        if crate::de::is_capitalized(&self.glossary.entries[entry].de) {
                            continue;
                        }
                        1
                    }
                };
                let readings = hit.readings;
                let mut toks = match hit.kind {
                    HitKind::Whole => vec![i],
                    HitKind::Split(particle) => {
                        let particle = PARTICLES[particle as usize];
                        if subordinate
                            || last_word <= i
                            || lower(last_word) != particle
                            || (ADVERB_PARTICLES.contains(&particle)
                                && words.iter().position(|&w| w == last_word)
                                    == words.iter().position(|&w| w == i).map(|p| p + 1))
                        {
                            continue;
                        }
                        vec![i, last_word]
                    }
                };
                match &info.shape {
                    Shape::Word => {}
                    Shape::VerbExpression { fixed } => {
                        let Some(at) = find_sequence(words, fixed, |w| lower(w)) else {
                            continue;
                        };
                        toks.extend_from_slice(&words[at..at + fixed.len()]);
                    }
                    Shape::Sequence { words: seq } => {
                        let pos = words.iter().position(|&w| w == i).unwrap_or(0);
                        let matches = words.len() >= pos + seq.len()
                            && seq.iter().zip(&words[pos..]).all(|(s, &w)| lower(w) == s);
                        if !matches {
                            continue;
                        }
                        toks = words[pos..pos + seq.len()].to_vec();
                    }
                }
                // A reflexive entry takes its pronoun along; without one it yields to a
                // non-reflexive entry for the same word (`verlässt` is verlassen).
                let mut rank = case_rank * 2 + 1;
                if info.reflexive {
                    if let Some(&r) = words
                        .iter()
                        .zip(classes)
                        .find(|&(&w, c)| c & class::REFLEXIVE != 0 && !toks.contains(&w))
                        .map(|(w, _)| w)
                    {
                        toks.push(r);
                    } else {
                        rank -= 1;
                    }
                }
                toks.sort_unstable();
                toks.dedup();
                found.push(Candidate {
                    entry,
                    tokens: toks,
                    form: PendingForm::Readings {
                        readings: ctx.filter(readings),
                        ich: ctx.ich,
                    },
                    parts: Vec::new(),
                    rank,
                });
            }
        }
    }

    /// The card's explanation of a form: "genitive singular", "zu-infinitive of aus|weisen".
    fn describe(&self, entry: usize, readings: ReadingSet, has_ich: bool) -> String {
        let mut parts: Vec<String> = Vec::new();
        if readings.contains(Reading::Headword) && readings.contains(Reading::Plural) {
            parts.push("singular or plural".to_string());
        }
        for r in readings.iter() {
            if matches!(r, Reading::Headword) && readings.len() > 1
                || (matches!(r, Reading::Plural) && readings.contains(Reading::Headword))
            {
                continue;
            }
            let mut d = r.describe();
            if d.contains("1st/3rd person singular") {
                let person = if has_ich {
                    "1st person singular"
                } else {
                    "3rd person singular"
                };
                d = d.replace("1st/3rd person singular", person);
            }
            if !parts.contains(&d) {
                parts.push(d);
            }
        }
        let mut s = parts.join("; ");
        if s == "headword" {
            return String::new();
        }
        if let Some(display) = &self.info[entry].verb_display
            && readings.iter().any(Reading::is_verbal)
        {
            s = format!("{s} of {display}");
        }
        s
    }

    /// A word the glossary does not know as a whole: a hyphenated compound links through its
    /// last part, a closed compound through its head noun (`Spionageaktivitäten` → Aktivität).
    fn compound_candidate(
        &self,
        text: &str,
        token: Token,
        index: usize,
        lower: &str,
        buf: &mut String,
    ) -> Option<Candidate> {
        let surface = token.text(text);
        if !crate::de::is_capitalized(surface) {
            return None;
        }
        if let Some(dash) = lower.rfind('-') {
            let last = &lower[dash + 1..];
            let surface_last = &surface[dash + 1..];
            let Some(hit) = self
                .lookup(last, buf)
                .and_then(|hits| hits.iter().find(|h| self.info[h.entry as usize].noun_like))
            else {
                // UN-Sicherheitsrat: the last part is itself a closed compound.
                let mut c = self.closed_compound(surface_last, last, index)?;
                if let PendingForm::Text(form) = &mut c.form {
                    *form = format!("{}-{form}", &surface[..dash]);
                }
                return Some(c);
            };
            let parts = surface
                .split('-')
                .map(|p| CompoundPart {
                    text: p.to_string(),
                    entry: self.noun_entry(&p.to_lowercase()),
                })
                .collect();
            let form = self.compound_form(surface.split('-').collect::<Vec<_>>().join(" + "), hit);
            return Some(Candidate {
                entry: hit.entry as usize,
                tokens: vec![index],
                form: PendingForm::Text(form),
                parts,
                rank: 1,
            });
        }
        self.closed_compound(surface, lower, index)
    }

    /// "Spionage + Aktivität, plural": a compound's parts, then what its head's form is.
    fn compound_form(&self, parts: String, head: &Hit) -> String {
        let reading = self.describe(head.entry as usize, head.readings, false);
        if reading.is_empty() {
            parts
        } else {
            format!("{parts}, {reading}")
        }
    }

    /// `Spionageaktivitäten` → Aktivität: the longest head that is a noun form. A head of three
    /// letters (Rat) needs a modifier that ends like one (Sicherheits-rat, not Demok-rat).
    fn closed_compound(&self, surface: &str, lower: &str, index: usize) -> Option<Candidate> {
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        for k in 3..chars.len().saturating_sub(2) {
            let at = chars[k].0;
            let head = &lower[at..];
            let Some(hits) = self.forms.get(head) else {
                continue;
            };
            let Some(hit) = hits.iter().find(|h| self.info[h.entry as usize].noun_like) else {
                continue;
            };
            let modifier = &surface[..at];
            let (modifier_text, modifier_entry) = self.modifier(modifier);
            let short_head = chars.len() - k < 4;
            if short_head && modifier_entry.is_none() && !lower[..at].ends_with(['s', 'n', 'e']) {
                continue;
            }
            let head_entry = &self.glossary.entries[hit.entry as usize];
            let form = self.compound_form(format!("{modifier_text} + {}", head_entry.de), hit);
            return Some(Candidate {
                entry: hit.entry as usize,
                tokens: vec![index],
                form: PendingForm::Text(form),
                parts: vec![
                    CompoundPart {
                        text: modifier_text,
                        entry: modifier_entry,
                    },
                    CompoundPart {
                        text: head_entry.de.clone(),
                        entry: Some(hit.entry as usize),
                    },
                ],
                rank: 0,
            });
        }
        None
    }

    /// A compound's modifier without its linking element (`Mitglieds` → `Mitglied`), with its
    /// entry when the glossary has one.
    fn modifier(&self, modifier: &str) -> (String, Option<usize>) {
        let lower = modifier.to_lowercase();
        for link in ["", "s", "es", "n", "en", "e", "er"] {
            if let Some(stem) = lower.strip_suffix(link)
                && stem.len() >= 3
                && let Some(e) = self.noun_entry(stem)
            {
                return (self.glossary.entries[e].de.clone(), Some(e));
            }
        }
        // Unknown: drop a linking -s- after typical suffixes (Sicherheits-, Mitglieds-).
        let text = [
            "ungs", "heits", "keits", "schafts", "ions", "täts", "lings", "s",
        ]
        .iter()
        .find(|suffix| {
            lower.ends_with(*suffix) && lower.len() > suffix.len() + 2 && !lower.ends_with("ss")
        })
        .map_or(modifier, |_| &modifier[..modifier.len() - 1]);
        (text.to_string(), None)
    }

    fn noun_entry(&self, lower: &str) -> Option<usize> {
        self.forms
            .get(lower)?
            .iter()
            .find(|h| self.info[h.entry as usize].noun_like)
            .map(|h| h.entry as usize)
    }
}

/// Whether a lowercased form is one of [`crate::de::lexicon::COMMON_WORDS`].
fn is_common_word(lower: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| crate::de::lexicon::COMMON_WORDS.iter().copied().collect());
    SET.contains(lower)
}

/// Where `seq` occurs as consecutive words of the clause.
fn find_sequence<'a>(
    words: &[usize],
    seq: &[String],
    lower: impl Fn(usize) -> &'a str,
) -> Option<usize> {
    if seq.is_empty() {
        return Some(0);
    }
    (0..=words.len().saturating_sub(seq.len()))
        .find(|&at| seq.iter().zip(&words[at..]).all(|(s, &w)| lower(w) == s))
        .filter(|&at| at + seq.len() <= words.len())
}

/// What a closed-class word can tell the linker, as bits.
mod class {
    pub const ICH: u16 = 1;
    pub const DU: u16 = 1 << 1;
    pub const IHR: u16 = 1 << 2;
    pub const AUXILIARY: u16 = 1 << 3;
    pub const SUBORDINATOR: u16 = 1 << 4;
    pub const SUBJECT_PRONOUN: u16 = 1 << 5;
    pub const REFLEXIVE: u16 = 1 << 6;
    pub const SINGULAR_ARTICLE: u16 = 1 << 7;
    pub const DETERMINER: u16 = 1 << 8;
    pub const ZU: u16 = 1 << 9;
}

/// The closed-class roles of a lowercased word (one hash lookup instead of list scans).
fn word_class(lower: &str) -> u16 {
    static CLASSES: std::sync::LazyLock<FxHashMap<&'static str, u16>> =
        std::sync::LazyLock::new(|| {
            let mut m: FxHashMap<&'static str, u16> = FxHashMap::default();
            let lists: [(&[&'static str], u16); 7] = [
                (AUXILIARIES, class::AUXILIARY),
                (crate::de::sentence::SUBORDINATORS, class::SUBORDINATOR),
                (SUBJECT_PRONOUNS, class::SUBJECT_PRONOUN),
                (REFLEXIVE_PRONOUNS, class::REFLEXIVE),
                (SINGULAR_ARTICLES, class::SINGULAR_ARTICLE),
                (DETERMINERS, class::DETERMINER),
                (&["zu"], class::ZU),
            ];
            for (words, bit) in lists {
                for w in words {
                    *m.entry(w).or_default() |= bit;
                }
            }
            *m.entry("ich").or_default() |= class::ICH;
            *m.entry("du").or_default() |= class::DU;
            *m.entry("ihr").or_default() |= class::IHR;
            m
        });
    if lower.len() > 8 {
        return 0;
    }
    CLASSES.get(lower).copied().unwrap_or(0)
}

/// Articles and pronouns that only stand before a singular noun in an oblique case.
const SINGULAR_ARTICLES: &[&str] = &[
    "des", "dem", "eines", "einem", "einen", "dieses", "diesem", "jedes", "jedem", "jeden",
    "seines", "seinem", "seinen", "ihres", "ihrem", "unseres", "unserem", "keines", "keinem",
];

/// Other determiners: after them a noun may be singular or plural.
const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "ein", "eine", "einer", "diese", "dieser", "diesen", "jene",
    "seine", "seiner", "ihre", "ihrer", "ihren", "unsere", "unserer", "unseren", "keine", "keiner",
    "keinen", "alle", "allen", "aller", "viele", "vielen", "einige", "einigen", "mehrere",
    "beiden", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "zum",
    "zur", "im", "am", "vom", "beim", "ins",
];

/// Forms of haben, sein and werden that make a participle likely.
const AUXILIARIES: &[&str] = &[
    "hat", "habe", "haben", "hast", "habt", "hatte", "hatten", "hätte", "hätten", "ist", "sind",
    "bin", "bist", "seid", "sei", "seien", "war", "waren", "wäre", "wären", "wird", "werden",
    "wurde", "wurden", "würde", "würden", "worden", "gewesen", "sein", "wirst", "werde",
];

/// What a clause says about the word being explained, to pick among its possible readings.
#[derive(Debug, Clone, Copy)]
struct ReadingContext {
    ich: bool,
    du: bool,
    ihr: bool,
    auxiliary: bool,
    subordinate: bool,
    clause_first: bool,
    clause_last: bool,
    /// First or second word of its clause: where a main clause has its finite verb.
    early: bool,
    after_zu: bool,
    before_capitalized: bool,
    /// The word before is a singular article (des, dem, einen): a noun after it is singular.
    after_singular_article: bool,
    /// No determiner or number before the noun (`mit Journalisten`): plural is likelier.
    bare: bool,
}

impl ReadingContext {
    /// The readings this clause supports; all of them when it supports none.
    fn filter(&self, readings: ReadingSet) -> ReadingSet {
        use crate::de::inflect::Person;
        let person_ok = |p: Person| match p {
            Person::S1 => self.ich,
            Person::S2 => self.du,
            Person::P2 => self.ihr,
            _ => true,
        };
        let infinitive_context =
            self.after_zu || (self.clause_last && !self.subordinate && !self.clause_first);
        let has_infinitive = readings.contains(Reading::Infinitive);
        let adjective =
            readings.contains(Reading::PastParticipleAdj) && self.before_capitalized && !self.early;
        let participle = readings.contains(Reading::PastParticiple) && self.auxiliary;
        let keep = |r: &Reading| match *r {
            Reading::Present(p)
            | Reading::Past(p)
            | Reading::SubjunctiveI(p)
            | Reading::SubjunctiveII(p) => {
                let crowded_out = (has_infinitive && infinitive_context) || adjective || participle;
                person_ok(p) && !crowded_out
            }
            Reading::Infinitive => infinitive_context,
            Reading::Imperative => self.clause_first && !self.ich,
            Reading::PastParticiple => self.auxiliary || self.clause_last || !self.early,
            Reading::PastParticipleAdj => self.before_capitalized,
            Reading::ObliqueSingular => !self.bare,
            Reading::Plural | Reading::DativePlural => !self.after_singular_article,
            _ => true,
        };
        let kept: ReadingSet = readings.iter().filter(keep).collect();
        if kept.is_empty() { readings } else { kept }
    }
}

/// Buffers reused across sentences.
#[derive(Default)]
struct Scratch {
    candidates: Vec<Candidate>,
    used: Vec<usize>,
    lower: Vec<String>,
    words: Vec<usize>,
    /// [`word_class`] of each of `words`.
    classes: Vec<u16>,
    /// Explanations already written, by entry, readings and whether the clause has `ich`.
    forms: FxHashMap<(u32, ReadingSet, bool), String>,
}
