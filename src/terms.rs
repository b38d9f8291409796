//! Every word of a text is a term. A word's term is the headword a learner files it under:
//! the glossary entry it links to; else the headword the learner filed the form under before,
//! the core lexicon's or the dictionaries' (`ging` → gehen, `Stühlen` → Stuhl, `kündigte … an`
//! → ankündigen); else the word itself in lower case. Numbers, punctuation and the words of a
//! URL are no terms.
//!
//! A status belongs to the term, so marking `ging` known marks `gehen`, `geht` and `gegangen`
//! known wherever they stand.

use crate::de::inflect::PARTICLES;
use crate::de::sentence::split_clauses;
use crate::dict::query::clause_places;
use crate::dict::{Dictionaries, Place};
use crate::glossary::Glossary;
use crate::link::Analysis;
use rustc_hash::FxHashMap;

/// A word as the resolution sees it: how it is written, where it stands (opening its sentence,
/// where a capital says nothing; before its noun, where it is an adjective), and the separable
/// particle that ends its clause, if any.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FormKey {
    pub word: String,
    pub particle: Option<String>,
    pub place: Place,
}

impl FormKey {
    /// The key a learner's filing of this form is kept under: the word in lower case, with
    /// its particle for a split verb (`kündigte … an`).
    pub fn filing_key(&self) -> String {
        let word = self.word.to_lowercase();
        match &self.particle {
            Some(p) => format!("{word} … {p}"),
            None => word,
        }
    }

    /// Whether the word is capitalized where a capital means a noun (or a name).
    pub fn noun_like(&self) -> bool {
        !self.place.sentence_start && crate::de::is_capitalized(&self.word)
    }
}

/// Where a word's headword came from, first to last in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// A glossary entry links the word.
    Glossary,
    /// The learner filed this form under the headword when marking it.
    Filed,
    /// The core lexicon of function words.
    Core,
    /// An offline dictionary.
    Dictionary,
    /// Nothing knew it: the word itself, in lower case.
    Word,
}

/// A headword found for a form, and whether it is the particle verb (`ankündigen` for
/// `kündigte` + `an`), so that the particle belongs to the term too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub headword: String,
    pub with_particle: bool,
}

/// What resolves a form to its headword, apart from the glossary: the learner's filings, the
/// core lexicon and what the dictionaries said (computed elsewhere, maybe in the background).
#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// Filing key ([`FormKey::filing_key`]) → headword.
    pub filed: FxHashMap<String, String>,
    /// Form → what the dictionaries answered (`None`: they know nothing of it).
    pub dictionary: FxHashMap<FormKey, Option<Found>>,
}

impl Sources {
    /// The headword of a form and where it came from; `None` when only the word itself is left.
    pub fn resolve(&self, form: &FormKey) -> Option<(Found, Origin)> {
        if let Some(term) = self.filed.get(&form.filing_key()) {
            let found = Found {
                headword: term.clone(),
                with_particle: form.particle.is_some(),
            };
            return Some((found, Origin::Filed));
        }
        if let Some(h) = core_headword(form) {
            let found = Found {
                headword: h,
                with_particle: false,
            };
            return Some((found, Origin::Core));
        }
        if let Some(Some(found)) = self.dictionary.get(form) {
            return Some((found.clone(), Origin::Dictionary));
        }
        None
    }
}

/// What the dictionaries give as the headword of a form (their index's answer, cheap enough
/// for every form of a book): for a form with a particle, the particle verb when the
/// dictionaries know it (`kündigte` + `an`: ankündigen).
pub fn dictionary_headword(dicts: &Dictionaries, form: &FormKey) -> Option<Found> {
    let found = |particle: Option<&str>| {
        dicts
            .headword_in(&form.word, particle, form.place)
            .map(|h| h.lemma)
            .filter(|h| !h.is_empty())
    };
    if let Some(particle) = form.particle.as_deref()
        && let Some(headword) = found(Some(particle))
        && lemma_has_particle(&headword, particle)
        && !lemma_has_particle(&form.word, particle)
    {
        return Some(Found {
            headword,
            with_particle: true,
        });
    }
    found(None).map(|headword| Found {
        headword,
        with_particle: false,
    })
}

/// The dictionaries' headwords for `forms`, each asked once.
pub fn ask_dictionaries(dicts: &Dictionaries, forms: &[FormKey]) -> Vec<(FormKey, Option<Found>)> {
    forms
        .iter()
        .map(|f| (f.clone(), dictionary_headword(dicts, f)))
        .collect()
}

/// Every word's term in a text: the glossary's links, the forms the learner filed (filing
/// key → headword), the core lexicon and the dictionaries' headwords (each form asked once;
/// none when `dicts` is empty).
pub fn text_terms(
    text: &str,
    analysis: &Analysis,
    glossary: &Glossary,
    filed: impl IntoIterator<Item = (String, String)>,
    dicts: &Dictionaries,
) -> Terms {
    let mut sources = Sources {
        filed: filed.into_iter().collect(),
        ..Sources::default()
    };
    let mut terms = Terms::build(text, analysis, glossary, &sources);
    if !dicts.is_empty() {
        let forms = terms.unasked(&sources, 0);
        sources.dictionary.extend(ask_dictionaries(dicts, &forms));
        terms.resolve(analysis, glossary, &sources);
    }
    terms
}

/// Whether a headword starts with the particle: `ankündigen`, `etw. ankündigen`.
fn lemma_has_particle(lemma: &str, particle: &str) -> bool {
    lemma.split_whitespace().any(|w| {
        let w = w.to_lowercase();
        w.len() > particle.len() && w.starts_with(particle)
    })
}

/// The core lexicon's headword for a form. Inside a sentence a capital makes a noun, which
/// is the dictionaries' (`am Morgen`), unless the form is a polite pronoun (`Sie`, `Ihnen`);
/// a verb whose clause ends in a particle may be a particle verb (`hat … vor`), which is the
/// dictionaries' too.
fn core_headword(form: &FormKey) -> Option<String> {
    let entry =
        crate::de::core::entry_in_text(&form.word, form.noun_like(), form.particle.is_some())?;
    Some(entry.headword.to_string())
}

/// No term: [`Terms::term_of_token`] is `None` for this token.
const NONE: u32 = u32::MAX;

/// The terms of one analysed text: for every token its term, and each term's key once.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    /// Distinct term keys (headwords), in order of first occurrence.
    keys: Vec<String>,
    key_ids: FxHashMap<String, u32>,
    /// Per key: where its headword came from (the first occurrence's origin).
    origins: Vec<Origin>,
    /// Per token: index into `keys`, or [`NONE`].
    token_term: Vec<u32>,
    /// Per token: index into `forms` for a word that is no glossary link, or [`NONE`].
    token_form: Vec<u32>,
    /// Distinct forms of the words no glossary entry links.
    forms: Vec<FormKey>,
    /// Per form: where its headword came from.
    form_origin: Vec<Origin>,
    /// Word token → the particle token that ends its clause.
    particle_token: FxHashMap<usize, usize>,
    /// Per form: its term, and whether the term is a particle verb that takes the particle.
    form_term: Vec<u32>,
    form_particle: Vec<bool>,
    /// Per key: how many tokens are of it (the running words it counts for).
    occurrences: Vec<u32>,
    /// The tokens of each form: those of form `f` are
    /// `form_tokens[form_token_start[f]..form_token_start[f + 1]]`.
    form_token_start: Vec<u32>,
    form_tokens: Vec<u32>,
    /// Form → its index in `forms`.
    form_ids: FxHashMap<FormKey, u32>,
    /// Filing key ([`FormKey::filing_key`]) → the forms filed by it.
    filing_forms: FxHashMap<String, Vec<u32>>,
}

impl Terms {
    /// The terms of `analysis` (linked with `glossary`) over `text`, with `sources` for the
    /// words no entry links.
    pub fn build(text: &str, analysis: &Analysis, glossary: &Glossary, sources: &Sources) -> Terms {
        let forms = Forms::collect(text, analysis);
        let mut terms = Terms {
            token_form: forms.token_form,
            forms: forms.keys,
            particle_token: forms.particle_token,
            ..Terms::default()
        };
        terms.index_forms();
        terms.resolve(analysis, glossary, sources);
        terms
    }

    /// Each form's tokens, index and filing key, so that a changed answer or filing touches
    /// only its own forms' tokens.
    fn index_forms(&mut self) {
        let mut start = vec![0u32; self.forms.len() + 1];
        for &f in &self.token_form {
            if f != NONE {
                start[f as usize + 1] += 1;
            }
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut tokens = vec![0u32; start.last().map_or(0, |&n| n as usize)];
        for (t, &f) in self.token_form.iter().enumerate() {
            if f != NONE {
                tokens[next[f as usize] as usize] = t as u32;
                next[f as usize] += 1;
            }
        }
        self.form_token_start = start;
        self.form_tokens = tokens;
        self.form_ids = self
            .forms
            .iter()
            .enumerate()
            .map(|(i, f)| (f.clone(), i as u32))
            .collect();
        self.filing_forms.clear();
        for (i, f) in self.forms.iter().enumerate() {
            self.filing_forms
                .entry(f.filing_key())
                .or_default()
                .push(i as u32);
        }
    }

    /// Resolves the words again with changed sources (the same analysis and glossary).
    pub fn resolve(&mut self, analysis: &Analysis, glossary: &Glossary, sources: &Sources) {
        let n = analysis.tokens.len();
        self.keys.clear();
        self.key_ids.clear();
        self.origins.clear();
        self.token_term.clear();
        self.token_term.resize(n, NONE);
        for link in &analysis.links {
            let Some(entry) = glossary.entries.get(link.entry) else {
                continue;
            };
            let id = self.intern(&entry.de, Origin::Glossary);
            for &t in &link.tokens {
                if let Some(slot) = self.token_term.get_mut(t) {
                    *slot = id;
                }
            }
        }
        let resolved: Vec<Option<(Found, Origin)>> =
            self.forms.iter().map(|f| sources.resolve(f)).collect();
        self.form_origin = resolved
            .iter()
            .map(|r| r.as_ref().map_or(Origin::Word, |(_, o)| *o))
            .collect();
        // Each distinct form's term once; then every token only indexes.
        let mut lower = String::new();
        self.form_term = Vec::with_capacity(self.forms.len());
        self.form_particle = Vec::with_capacity(self.forms.len());
        for (f, r) in resolved.iter().enumerate() {
            let (id, particle) = match r {
                Some((found, origin)) => {
                    (self.intern(&found.headword, *origin), found.with_particle)
                }
                None => {
                    crate::de::lowercase_into(&self.forms[f].word, &mut lower);
                    (self.intern(&lower, Origin::Word), false)
                }
            };
            self.form_term.push(id);
            self.form_particle.push(particle);
        }
        for t in 0..n.min(self.token_form.len()) {
            let f = self.token_form[t];
            if f == NONE || self.token_term[t] != NONE {
                continue;
            }
            let id = self.form_term[f as usize];
            if self.form_particle[f as usize]
                && let Some(&p) = self.particle_token.get(&t)
                && self.token_term[p] == NONE
            {
                self.token_term[p] = id;
            }
            self.token_term[t] = id;
        }
        self.occurrences = vec![0; self.keys.len()];
        for &id in &self.token_term {
            if id != NONE {
                self.occurrences[id as usize] += 1;
            }
        }
    }

    /// Per key (indexed like [`Terms::keys`]): how many tokens are of it.
    pub fn occurrences(&self) -> &[u32] {
        &self.occurrences
    }

    /// Resolves every form again with changed sources, like [`Terms::resolve`], but touches
    /// only the tokens whose form's term changed. A headword left with no token stays in
    /// [`Terms::keys`] with no occurrences.
    pub fn refresh(&mut self, sources: &Sources) {
        self.refresh_forms(sources, 0..self.forms.len());
    }

    /// Resolves again the forms filed by these filing keys (the learner's filings that
    /// changed): their tokens only.
    pub fn refile<'a>(
        &mut self,
        sources: &Sources,
        filing_keys: impl IntoIterator<Item = &'a str>,
    ) {
        let mut forms: Vec<usize> = filing_keys
            .into_iter()
            .filter_map(|k| self.filing_forms.get(k))
            .flatten()
            .map(|&f| f as usize)
            .collect();
        forms.sort_unstable();
        forms.dedup();
        self.refresh_forms(sources, forms);
    }

    /// Resolves again these forms (the dictionaries just answered them): their tokens only.
    pub fn answered<'a>(
        &mut self,
        sources: &Sources,
        forms: impl IntoIterator<Item = &'a FormKey>,
    ) {
        let ids: Vec<usize> = forms
            .into_iter()
            .filter_map(|f| self.form_ids.get(f))
            .map(|&f| f as usize)
            .collect();
        self.refresh_forms(sources, ids);
    }

    fn refresh_forms(&mut self, sources: &Sources, forms: impl IntoIterator<Item = usize>) {
        let mut lower = String::new();
        let mut changed = Vec::new();
        for f in forms {
            let Some(form) = self.forms.get(f) else {
                continue;
            };
            let resolved = sources.resolve(form);
            let origin = resolved.as_ref().map_or(Origin::Word, |(_, o)| *o);
            let (id, particle) = match resolved {
                Some((found, origin)) => {
                    (self.intern(&found.headword, origin), found.with_particle)
                }
                None => {
                    crate::de::lowercase_into(&self.forms[f].word, &mut lower);
                    (self.intern(&lower, Origin::Word), false)
                }
            };
            self.form_origin[f] = origin;
            if (id, particle) != (self.form_term[f], self.form_particle[f]) {
                changed.push((f, self.form_term[f], self.form_particle[f]));
                self.form_term[f] = id;
                self.form_particle[f] = particle;
            }
        }
        if changed.is_empty() {
            return;
        }
        self.occurrences.resize(self.keys.len(), 0);
        for (f, old_id, old_particle) in changed {
            let range = self.form_token_start[f] as usize..self.form_token_start[f + 1] as usize;
            for i in range {
                let t = self.form_tokens[i] as usize;
                self.retoken(t, f, old_id, old_particle);
            }
        }
    }

    /// Gives token `t` of form `f` its form's new term (it had `old_id`), and the clause's
    /// particle with it when the new term takes it.
    fn retoken(&mut self, t: usize, f: usize, old_id: u32, old_particle: bool) {
        let new_id = self.form_term[f];
        // A token another verb took as its particle keeps that verb's term.
        if self.token_term[t] == old_id {
            self.set_term(t, new_id);
        }
        let Some(&p) = self.particle_token.get(&t) else {
            return;
        };
        let own = |terms: &Terms| {
            terms
                .token_form
                .get(p)
                .filter(|&&pf| pf != NONE)
                .map_or(NONE, |&pf| terms.form_term[pf as usize])
        };
        if old_particle && self.token_term[p] == old_id {
            // The particle is its own word again.
            self.set_term(p, own(self));
        }
        let free = self.token_term[p] == NONE || self.token_term[p] == own(self);
        if self.form_particle[f] && free {
            self.set_term(p, new_id);
        }
    }

    /// Gives a token another term, keeping the counts.
    fn set_term(&mut self, token: usize, id: u32) {
        let before = self.token_term[token];
        if before == id {
            return;
        }
        if before != NONE {
            self.occurrences[before as usize] -= 1;
        }
        if id != NONE {
            self.occurrences[id as usize] += 1;
        }
        self.token_term[token] = id;
    }

    fn intern(&mut self, key: &str, origin: Origin) -> u32 {
        if let Some(&id) = self.key_ids.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.keys.push(key.to_string());
        self.key_ids.insert(key.to_string(), id);
        self.origins.push(origin);
        id
    }

    /// Every term of the text, each once, in order of first occurrence.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// A term key's index in [`Terms::keys`].
    pub fn id(&self, key: &str) -> Option<usize> {
        self.key_ids.get(key).map(|&i| i as usize)
    }

    /// The term a token belongs to (both parts of a split verb belong to one).
    pub fn term_of_token(&self, token: usize) -> Option<&str> {
        self.term_id(token).map(|i| self.keys[i].as_str())
    }

    /// The index in [`Terms::keys`] of a token's term.
    pub fn term_id(&self, token: usize) -> Option<usize> {
        match self.token_term.get(token) {
            Some(&i) if i != NONE => Some(i as usize),
            _ => None,
        }
    }

    /// Where a term's headword came from.
    pub fn origin(&self, id: usize) -> Origin {
        self.origins.get(id).copied().unwrap_or(Origin::Word)
    }

    /// The form of a word that no glossary entry links.
    pub fn form_of_token(&self, token: usize) -> Option<&FormKey> {
        match self.token_form.get(token) {
            Some(&f) if f != NONE => self.forms.get(f as usize),
            _ => None,
        }
    }

    /// Each distinct form with the index of its term in [`Terms::keys`].
    pub fn forms_with_terms(&self) -> impl Iterator<Item = (&FormKey, usize)> {
        self.forms
            .iter()
            .zip(&self.form_term)
            .map(|(f, &id)| (f, id as usize))
    }

    /// Distinct forms of the words no glossary entry links, in text order.
    pub fn forms(&self) -> &[FormKey] {
        &self.forms
    }

    /// Forms the dictionaries have not been asked about yet (not filed, not in the core
    /// lexicon, not in `sources.dictionary`), the ones from `first_token` on first.
    pub fn unasked(&self, sources: &Sources, first_token: usize) -> Vec<FormKey> {
        let mut order: Vec<u32> = Vec::new();
        let mut seen = vec![false; self.forms.len()];
        let tokens = (first_token..self.token_form.len()).chain(0..first_token);
        for t in tokens {
            let f = self.token_form[t];
            if f == NONE || seen[f as usize] {
                continue;
            }
            seen[f as usize] = true;
            order.push(f);
        }
        order
            .into_iter()
            .map(|f| &self.forms[f as usize])
            .filter(|f| !sources.dictionary.contains_key(*f) && sources.resolve(f).is_none())
            .cloned()
            .collect()
    }

    /// The forms of this text filed under a term, as (filing key, term) pairs, for keeping
    /// with a status: those the glossary links or only the word itself names need none.
    pub fn filings_of(&self, term: &str) -> Vec<(String, String)> {
        let Some(id) = self.key_ids.get(term).copied() else {
            return Vec::new();
        };
        // By the forms' own terms: a particle belongs to its verb's term but is not filed so.
        self.forms
            .iter()
            .enumerate()
            .filter(|&(f, _)| {
                self.form_term.get(f) == Some(&id)
                    && !matches!(self.form_origin[f], Origin::Word | Origin::Filed)
            })
            .map(|(_, form)| (form.filing_key(), term.to_string()))
            .collect()
    }

    /// Word tokens that belong to a term, in order.
    pub fn term_tokens(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.token_term
            .iter()
            .enumerate()
            .filter(|(_, i)| **i != NONE)
            .map(|(t, i)| (t, *i as usize))
    }
}

/// The forms of a text's words that no glossary entry links.
struct Forms {
    keys: Vec<FormKey>,
    token_form: Vec<u32>,
    /// Word token → the particle token that ends its clause.
    particle_token: FxHashMap<usize, usize>,
}

impl Forms {
    fn collect(text: &str, analysis: &Analysis) -> Forms {
        let tokens = &analysis.tokens;
        // Keyed by the form written out (word, particle, place) in a reused buffer, so
        // a form seen before costs one hash probe and no allocation.
        let mut ids: FxHashMap<String, u32> =
            FxHashMap::with_capacity_and_hasher(tokens.len() / 6, rustc_hash::FxBuildHasher);
        let mut buf = String::new();
        let mut lower = String::new();
        let mut forms = Forms {
            keys: Vec::new(),
            token_form: vec![NONE; tokens.len()],
            particle_token: FxHashMap::default(),
        };
        let linked = |t: usize| analysis.token_link.get(t).copied().flatten().is_some();
        for sentence in &analysis.sentences {
            for clause in split_clauses(text, tokens, sentence.tokens.clone()) {
                // The separable particle that ends the clause, if no entry took it.
                let particle = clause
                    .clone()
                    .rev()
                    .find(|&t| tokens[t].is_word())
                    .filter(|&l| !linked(l) && tokens[l].end - tokens[l].start <= 12)
                    .and_then(|l| {
                        crate::de::lowercase_into(tokens[l].text(text), &mut lower);
                        particle_set().get(lower.as_str()).map(|p| (l, *p))
                    });
                let places = clause_places(text, tokens, sentence.tokens.clone(), clause);
                for (t, place) in places {
                    let token = tokens[t];
                    if linked(t)
                        || in_url(text, token.start, token.end)
                        || speaker_label(text, token.start, token.end)
                    {
                        continue;
                    }
                    let word = token.text(text);
                    let noun = !place.sentence_start && crate::de::is_capitalized(word);
                    let particle = match particle {
                        Some((l, p)) if l > t && !noun => {
                            forms.particle_token.insert(t, l);
                            Some(p)
                        }
                        _ => None,
                    };
                    buf.clear();
                    buf.push_str(word);
                    buf.push('\0');
                    buf.push_str(particle.unwrap_or(""));
                    buf.push(if place.sentence_start { '^' } else { '-' });
                    buf.push(if place.before_noun { 'a' } else { '-' });
                    let id = match ids.get(buf.as_str()) {
                        Some(&id) => id,
                        None => {
                            let id = forms.keys.len() as u32;
                            forms.keys.push(FormKey {
                                word: word.to_string(),
                                particle: particle.map(str::to_string),
                                place,
                            });
                            ids.insert(buf.clone(), id);
                            id
                        }
                    };
                    forms.token_form[t] = id;
                }
            }
        }
        forms
    }
}

/// The separable particles, for a hash probe instead of a scan.
fn particle_set() -> &'static rustc_hash::FxHashSet<&'static str> {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| PARTICLES.iter().copied().collect());
    &SET
}

/// Whether a token stands inside a URL or an e-mail address (its run of non-space text looks
/// like one): such words are no terms.
/// Whether a token is a dialogue's speaker label of one capital letter, alone at the start of
/// its line before a colon (`F: Wie …`, `A: Man …`): the letter is no word to learn.
fn speaker_label(text: &str, start: usize, end: usize) -> bool {
    let letter = &text[start..end];
    let mut chars = letter.chars();
    let one_capital = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    one_capital
        && text[end..].starts_with(':')
        && text[..start]
            .rsplit('\n')
            .next()
            .is_some_and(|line| line.trim().is_empty())
}

fn in_url(text: &str, start: usize, end: usize) -> bool {
    // Looked at within a bounded reach, so a long line without spaces stays linear.
    const REACH: usize = 256;
    // Most words stand between spaces and punctuation: a URL's words touch `/ : . @`
    // followed by more of it.
    let bytes = text.as_bytes();
    let joined = |i: usize| matches!(bytes.get(i), Some(b'/' | b':' | b'.' | b'@'));
    let next_is_text = bytes.get(end + 1).is_some_and(|b| !b.is_ascii_whitespace());
    let inside = bytes[start..end]
        .iter()
        .any(|b| matches!(b, b'/' | b':' | b'.' | b'@'));
    if !(inside || (start > 0 && joined(start - 1)) || (joined(end) && next_is_text)) {
        return false;
    }
    let mut from = start.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let before = &text[from..start];
    let before = before
        .rfind(char::is_whitespace)
        .map_or(before, |i| before[i..].trim_start());
    let after = &text[end..to];
    let after = after
        .find(char::is_whitespace)
        .map_or(after, |i| &after[..i]);
    let run = format!("{before}{}{after}", &text[start..end]).to_ascii_lowercase();
    run.contains("://")
        || run.starts_with("www.")
        || run.starts_with("mailto:")
        || (run.contains('@') && run.rsplit('@').next().is_some_and(|d| d.contains('.')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse;
    use crate::link::Linker;
    use crate::text::Document;

    fn terms_of(text: &str, glossary: &str, sources: &Sources) -> (Document, Analysis, Terms) {
        let doc = Document::parse("t.txt", text.to_string()).unwrap();
        let linker = Linker::new(parse(glossary, "g.toml").unwrap());
        let analysis = linker.analyze(&doc);
        let terms = Terms::build(&doc.source, &analysis, linker.glossary(), sources);
        (doc, analysis, terms)
    }

    fn term_at(doc: &Document, analysis: &Analysis, terms: &Terms, word: &str) -> Option<String> {
        let t = analysis
            .tokens
            .iter()
            .position(|t| t.text(&doc.source) == word)
            .unwrap_or_else(|| panic!("{word} not in the text"));
        terms.term_of_token(t).map(str::to_string)
    }

    const DIPLOMAT: &str =
        "[[term]]\nde = \"Diplomat\"\nen = \"diplomat\"\npos = \"noun\"\ngender = \"m\"\n";

    #[test]
    fn every_word_is_a_term_and_numbers_and_punctuation_are_not() {
        let (doc, a, terms) = terms_of(
            "Der Diplomat kam 2021 nach Berlin.",
            DIPLOMAT,
            &Sources::default(),
        );
        assert_eq!(
            term_at(&doc, &a, &terms, "Diplomat").as_deref(),
            Some("Diplomat")
        );
        assert_eq!(term_at(&doc, &a, &terms, "kam").as_deref(), Some("kam"));
        assert_eq!(
            term_at(&doc, &a, &terms, "Berlin").as_deref(),
            Some("berlin")
        );
        assert_eq!(term_at(&doc, &a, &terms, "2021"), None);
        assert_eq!(term_at(&doc, &a, &terms, "."), None);
        assert_eq!(terms.keys().len(), 5);
    }

    #[test]
    fn the_dictionary_s_headword_files_every_form_under_one_term() {
        let mut sources = Sources::default();
        for w in ["ging", "geht"] {
            sources.dictionary.insert(
                FormKey {
                    word: w.to_string(),
                    particle: None,
                    place: Place::default(),
                },
                Some(Found {
                    headword: "gehen".to_string(),
                    with_particle: false,
                }),
            );
        }
        let (doc, a, terms) = terms_of("Er ging, sie geht.", "", &sources);
        assert_eq!(term_at(&doc, &a, &terms, "ging").as_deref(), Some("gehen"));
        assert_eq!(term_at(&doc, &a, &terms, "geht").as_deref(), Some("gehen"));
        assert_eq!(
            terms.filings_of("gehen"),
            [
                ("ging".to_string(), "gehen".to_string()),
                ("geht".to_string(), "gehen".to_string())
            ]
        );
    }

    /// Every token's term and every term's count, as strings: what two `Terms` must agree on.
    fn token_terms(terms: &Terms, tokens: usize) -> (Vec<Option<String>>, Vec<(String, u32)>) {
        let per_token = (0..tokens)
            .map(|t| terms.term_of_token(t).map(str::to_string))
            .collect();
        let mut counts: Vec<(String, u32)> = terms
            .keys()
            .iter()
            .cloned()
            .zip(terms.occurrences().iter().copied())
            .filter(|(_, c)| *c > 0)
            .collect();
        counts.sort();
        (per_token, counts)
    }

    #[test]
    fn refreshing_with_new_sources_gives_what_a_new_build_gives() {
        let text = "Er kündigte den Besuch an. Sie ging, er geht an. Er gab mir das Buch, sie gibt es an. \
                    Kündigte er es an? Ging sie?";
        let found = |h: &str, p: bool| {
            Some(Found {
                headword: h.to_string(),
                with_particle: p,
            })
        };
        let form = |w: &str, p: Option<&str>| FormKey {
            word: w.to_string(),
            particle: p.map(str::to_string),
            place: Place::default(),
        };
        let mut steps = vec![Sources::default()];
        let mut s = Sources::default();
        s.dictionary
            .insert(form("kündigte", Some("an")), found("ankündigen", true));
        s.dictionary
            .insert(form("ging", None), found("gehen", false));
        steps.push(s.clone());
        s.filed
            .insert("geht … an".to_string(), "angehen".to_string());
        s.dictionary
            .insert(form("geht", Some("an")), found("gehen", false));
        steps.push(s.clone());
        s.filed.insert("gab".to_string(), "geben".to_string());
        s.filed
            .insert("gibt … an".to_string(), "angeben".to_string());
        s.dictionary
            .insert(form("kündigte", Some("an")), found("kündigen", false));
        steps.push(s.clone());
        steps.push(Sources::default());
        let (doc, analysis, mut terms) = terms_of(text, DIPLOMAT, &steps[0]);
        // The same changes told form by form: the filings and answers that changed.
        let mut told = terms.clone();
        let linker = Linker::new(parse(DIPLOMAT, "g.toml").unwrap());
        for (i, sources) in steps.iter().enumerate() {
            terms.refresh(sources);
            let before = &steps[i.saturating_sub(1)];
            let filings: Vec<&str> = before
                .filed
                .keys()
                .chain(sources.filed.keys())
                .filter(|k| before.filed.get(*k) != sources.filed.get(*k))
                .map(String::as_str)
                .collect();
            told.refile(sources, filings);
            let answers: Vec<&FormKey> = before
                .dictionary
                .keys()
                .chain(sources.dictionary.keys())
                .filter(|k| before.dictionary.get(*k) != sources.dictionary.get(*k))
                .collect();
            told.answered(sources, answers);
            let fresh = Terms::build(&doc.source, &analysis, linker.glossary(), sources);
            let n = analysis.tokens.len();
            assert_eq!(token_terms(&terms, n), token_terms(&fresh, n), "step {i}");
            assert_eq!(
                token_terms(&told, n),
                token_terms(&fresh, n),
                "step {i}, told"
            );
        }
        // The split verbs took their particles where their headword has it.
        terms.refresh(&steps[1]);
        assert_eq!(
            term_at(&doc, &analysis, &terms, "an").as_deref(),
            Some("ankündigen")
        );
    }

    #[test]
    fn a_split_verb_without_an_entry_is_one_term_with_its_particle() {
        let mut sources = Sources::default();
        sources.dictionary.insert(
            FormKey {
                word: "kündigte".to_string(),
                particle: Some("an".to_string()),
                place: Place::default(),
            },
            Some(Found {
                headword: "ankündigen".to_string(),
                with_particle: true,
            }),
        );
        let (doc, a, terms) = terms_of("Er kündigte den Besuch an.", "", &sources);
        assert_eq!(
            term_at(&doc, &a, &terms, "kündigte").as_deref(),
            Some("ankündigen")
        );
        assert_eq!(
            term_at(&doc, &a, &terms, "an").as_deref(),
            Some("ankündigen")
        );
        assert_eq!(
            terms.filings_of("ankündigen"),
            [("kündigte … an".to_string(), "ankündigen".to_string())]
        );
    }

    #[test]
    fn a_filed_form_keeps_its_headword_without_dictionaries() {
        let mut sources = Sources::default();
        sources
            .filed
            .insert("ging".to_string(), "gehen".to_string());
        let (doc, a, terms) = terms_of("Sie ging nach Hause.", "", &sources);
        assert_eq!(term_at(&doc, &a, &terms, "ging").as_deref(), Some("gehen"));
        let id = terms.id("gehen").unwrap();
        assert_eq!(terms.origin(id), Origin::Filed);
    }

    #[test]
    fn function_words_are_filed_under_the_core_lexicon_s_headword() {
        let (doc, a, terms) = terms_of(
            "Die Frau gab dem Mann das Buch. Ich bin froh, Sie hat es.",
            "",
            &Sources::default(),
        );
        assert_eq!(term_at(&doc, &a, &terms, "Die").as_deref(), Some("der"));
        assert_eq!(term_at(&doc, &a, &terms, "dem").as_deref(), Some("der"));
        assert_eq!(term_at(&doc, &a, &terms, "bin").as_deref(), Some("sein"));
        // A noun is no function word: left to the dictionaries (here none: the word).
        assert_eq!(term_at(&doc, &a, &terms, "Frau").as_deref(), Some("frau"));
    }

    #[test]
    fn words_of_a_url_are_no_terms() {
        let (doc, a, terms) = terms_of(
            "Siehe https://example.org/anekdoten/witze oder www.beispiel.de heute.",
            "",
            &Sources::default(),
        );
        assert_eq!(term_at(&doc, &a, &terms, "anekdoten"), None);
        // The tokenizer may keep `www.beispiel.de` whole or not: no part of it is a term.
        for (t, token) in a.tokens.iter().enumerate() {
            let text = token.text(&doc.source);
            if text.contains("beispiel") || text == "www" || text == "de" {
                assert_eq!(terms.term_of_token(t), None, "{text}");
            }
        }
        assert_eq!(term_at(&doc, &a, &terms, "Siehe").as_deref(), Some("siehe"));
        assert_eq!(term_at(&doc, &a, &terms, "heute").as_deref(), Some("heute"));
    }

    #[test]
    fn a_speaker_s_letter_is_no_term() {
        let (doc, a, terms) = terms_of(
            "F: Wie erschießt man einen Elefanten?\nA: Mit einem Gewehr.\n\nDas A und O: Vitamin A: gut.",
            "",
            &Sources::default(),
        );
        let letters: Vec<Option<String>> = a
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| matches!(t.text(&doc.source), "F" | "A"))
            .map(|(k, _)| terms.term_of_token(k).map(str::to_string))
            .collect();
        // The two labels are none; `A` inside a line is a word.
        assert_eq!(letters[..2], [None, None]);
        assert!(letters[2..].iter().all(Option::is_some), "{letters:?}");
        assert_eq!(term_at(&doc, &a, &terms, "Wie").as_deref(), Some("wie"));
    }

    #[test]
    fn unasked_forms_start_at_the_given_token_and_skip_known_ones() {
        let mut sources = Sources::default();
        sources.filed.insert("rot".to_string(), "rot".to_string());
        let (_, a, terms) = terms_of("rot grün blau", "", &sources);
        let words: Vec<usize> = a.words().collect();
        let unasked = terms.unasked(&sources, words[2]);
        let names: Vec<&str> = unasked.iter().map(|f| f.word.as_str()).collect();
        assert_eq!(names, ["blau", "grün"]);
    }
}
