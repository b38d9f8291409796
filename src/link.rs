//! The linker: a text and a glossary in, links out (which entry, which byte spans, what form).
//!
//! `annotate`, `check`, the reader, tests and benches all call [`Linker::analyze`].

mod compound;
mod grammar;
mod index;
mod memo;

use crate::de::inflect::{ADVERB_PARTICLES, PARTICLES, Reading, ReadingSet, Sureness};
use crate::de::sentence::{Clause, clauses_into, split_sentences};
use crate::de::token::{Token, TokenKind, tokenize_into};
use crate::glossary::Glossary;
use crate::text::{BlockKind, Document};
use grammar::{ReadingContext, WordInfo, class};
use index::{EntryInfo, HitKind, Hits, Shape, same_spelling};
use rustc_hash::FxHashMap;
use std::ops::{ControlFlow, Range};

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
    /// Other entries the occurrence may just as well be, when nothing in the sentence decides
    /// (`Kiefer` alone: der Kiefer, jaw, or die Kiefer, pine); `entry` is the first of them.
    pub alternatives: Vec<usize>,
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

/// Tokens and sentences of a text, without links: enough to align a translation.
pub fn segment(text: &str, paragraphs: &[Range<usize>]) -> Analysis {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut sentences = Vec::new();
    for (p, range) in paragraphs.iter().enumerate() {
        segment_paragraph(text, range.clone(), p, 0, &mut tokens, &mut sentences);
    }
    let token_link = vec![None; tokens.len()];
    Analysis {
        tokens,
        sentences,
        links: Vec::new(),
        token_link,
    }
}

/// Appends the tokens and sentences of paragraph `p` (`text[range]`). A sentence's token range
/// indexes `tokens`; `token_base` is added to it (tokens of earlier paragraphs not kept).
fn segment_paragraph(
    text: &str,
    range: Range<usize>,
    p: usize,
    token_base: usize,
    tokens: &mut Vec<Token>,
    sentences: &mut Vec<Sentence>,
) {
    let first = tokens.len();
    tokenize_into(text, range, tokens);
    let mut k = 0;
    let mut push = |toks: Range<usize>| {
        sentences.push(Sentence {
            range: tokens[toks.start].start..tokens[toks.end - 1].end,
            paragraph: p,
            index_in_paragraph: k,
            tokens: token_base + toks.start..token_base + toks.end,
        });
        k += 1;
    };
    for r in split_sentences(text, &tokens[first..]) {
        let toks = first + r.start..first + r.end;
        // Who said it ends at its line's end, sentence end or not: what follows is said anew
        // (`-- Albert Einstein` / `Wird das Geschaute …`).
        // Only a sentence that opens with a dash names who said it.
        let dash = matches!(
            tokens[toks.start].kind,
            TokenKind::ClausePunct | TokenKind::Other
        );
        let names = if dash {
            attribution(text, tokens, toks.clone())
        } else {
            toks.start..toks.start
        };
        if !names.is_empty()
            && names.end < toks.end
            && text[tokens[names.end - 1].end..tokens[names.end].start].contains('\n')
        {
            push(toks.start..names.end);
            push(names.end..toks.end);
        } else {
            push(toks);
        }
    }
}

/// Links texts against one glossary. Build once, analyze many texts.
#[derive(Debug, Clone)]
pub struct Linker {
    glossary: Glossary,
    info: Vec<EntryInfo>,
    /// Lowercased surface form → entries it is a form of.
    forms: index::FormIndex,
    /// Reused while building `forms`.
    key_buf: String,
    /// Forms that two entries share where one of them is a guess, settled once all are in.
    contested: Vec<String>,
    /// Every noun form's first three bytes and length, hashed to a bit: most places a
    /// compound could split are ruled out without a probe of `forms`.
    noun_heads: Vec<u64>,
    /// Set while a noun's forms are indexed.
    indexing_noun: bool,
    /// While indexing: the headwords (lowercase) of the glossary's adjectives, whose forms an
    /// adverb of the same headword leaves to them.
    adjective_headwords: rustc_hash::FxHashSet<String>,
}

/// Links as they are found: `links[..kept]`. Those after are spare, left from an earlier
/// sentence or paragraph whose links were not kept, and lend their buffers to the next ones.
#[derive(Default)]
struct Found {
    links: Vec<Link>,
    kept: usize,
}

impl Found {
    /// The next link, to be filled in.
    fn next(&mut self) -> &mut Link {
        if self.links.len() == self.kept {
            self.links.push(Link {
                entry: 0,
                tokens: Vec::new(),
                spans: Vec::new(),
                sentence: 0,
                form: String::new(),
                parts: Vec::new(),
                alternatives: Vec::new(),
            });
        }
        self.kept += 1;
        &mut self.links[self.kept - 1]
    }
}

/// A possible link before overlaps are resolved.
#[derive(Debug, Clone)]
struct Candidate {
    entry: usize,
    tokens: smallvec::SmallVec<[usize; 4]>,
    form: PendingForm,
    parts: Vec<CompoundPart>,
    /// Higher wins among candidates covering the same number of tokens.
    rank: u32,
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

/// What is known of each token of the sentence being linked, reused from sentence to sentence.
#[derive(Default)]
struct Scratch<'a> {
    /// The distinct forms of the text so far.
    memo: memo::Forms<'a>,
    candidates: Vec<Candidate>,
    clauses: Vec<Clause>,
    /// Whether a token of the sentence is taken by a link, by token index minus the first's.
    used: Vec<bool>,
    /// The first token of the sentence being linked.
    first_token: usize,
    /// The form of each token of the sentence ([`memo::NO_KEY`] for punctuation), by token
    /// index minus `first_token`: its id, class, capital and whether it may link.
    keys: Vec<memo::Key>,
    /// The tokens of the clause being linked that are words, their infos and capitals.
    words: Vec<usize>,
    word_info: Vec<WordInfo>,
    word_capital: Vec<bool>,
    /// Explanations already written, by entry, readings and whether the clause has `ich`.
    forms: FxHashMap<(u32, ReadingSet, bool), String>,
    /// The tokens of the sentence that name who said it (`-- George Bernard Shaw`).
    names: Range<usize>,
    /// Whether the paragraph being linked is verse, whose lines open with a capital.
    verse: bool,
}

impl Linker {
    pub fn new(glossary: Glossary) -> Linker {
        let mut linker = Linker {
            glossary: Glossary::default(),
            info: Vec::with_capacity(glossary.entries.len()),
            // About ten forms an entry (six to eleven in real and synthetic glossaries): sized
            // once instead of rehashing as it grows, no larger, as untouched room still costs.
            forms: index::FormIndex::with_capacity(glossary.entries.len() * 10),
            key_buf: String::new(),
            contested: Vec::new(),
            noun_heads: vec![0; index::NOUN_HEAD_WORDS],
            indexing_noun: false,
            adjective_headwords: glossary
                .entries
                .iter()
                .filter(|e| e.pos == Some(crate::glossary::Pos::Adj))
                .map(|e| e.de.to_lowercase())
                .collect(),
        };
        let mut verbs = index::VerbCache::default();
        for (i, entry) in glossary.entries.iter().enumerate() {
            linker.index_entry(i, entry, &mut verbs);
        }
        linker.adjective_headwords = rustc_hash::FxHashSet::default();
        linker.glossary = glossary;
        linker.settle_guesses();
        linker
    }

    /// A compound headword's parts (Spionage + Aktivität), joined and one by one, when its head
    /// has an entry of its own: worked out when the entry first links.
    fn headword_compound(&self, entry: usize) -> Option<&(String, Vec<CompoundPart>)> {
        let info = &self.info[entry];
        info.compound
            .get_or_init(|| {
                let de = &self.glossary.entries[entry].de;
                if !info.noun_like || de.contains([' ', '-']) {
                    return None;
                }
                self.closed_compound(de, &de.to_lowercase(), 0).map(|c| {
                    (
                        c.parts
                            .iter()
                            .map(|p| p.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" + "),
                        c.parts,
                    )
                })
            })
            .as_ref()
    }

    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// Tokens, sentences and links of a document's body.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        self.analyze_blocks(&doc.source, &doc.linked_paragraphs(), |p| {
            doc.kind(p) == BlockKind::Verse
        })
    }

    /// Same as [`Linker::analyze`], for text already split into paragraphs (byte ranges) of
    /// prose.
    pub fn analyze_paragraphs(&self, text: &str, paragraphs: &[Range<usize>]) -> Analysis {
        self.analyze_blocks(text, paragraphs, |_| false)
    }

    /// Links paragraphs, those for which `verse` is true read as verse: a capital opening a
    /// line there is the line's, as one opening a sentence is the sentence's.
    fn analyze_blocks(
        &self,
        text: &str,
        paragraphs: &[Range<usize>],
        verse: impl Fn(usize) -> bool,
    ) -> Analysis {
        let mut tokens = Vec::with_capacity(text.len() / 6);
        let mut sentences = Vec::new();
        let mut found = Found {
            links: Vec::with_capacity(text.len() / 24),
            kept: 0,
        };
        let mut scratch = Scratch::default();
        scratch.memo.reserve_for(text.len());
        for (p, range) in paragraphs.iter().enumerate() {
            let first_sentence = sentences.len();
            segment_paragraph(text, range.clone(), p, 0, &mut tokens, &mut sentences);
            scratch.verse = verse(p);
            self.link_paragraph(
                text,
                &tokens,
                &sentences[first_sentence..],
                first_sentence,
                &mut scratch,
                &mut found,
            );
        }
        let links = found.links;
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

    /// The links of a document's body, a sentence at a time, in text order, as
    /// [`Linker::analyze`] finds them (token and sentence indices too): for callers that write
    /// links out and need not keep them, such as `annotate`. `each` is called for every
    /// sentence, with or without links, and breaks off by returning [`ControlFlow::Break`].
    pub fn for_each_sentence(
        &self,
        doc: &Document,
        mut each: impl FnMut(&[Link]) -> ControlFlow<()>,
    ) {
        let text = &doc.source;
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        let mut found = Found::default();
        let mut scratch = Scratch::default();
        scratch.memo.reserve_for(text.len());
        let (mut token_base, mut sentence_base) = (0, 0);
        for (p, range) in doc.linked_paragraphs().iter().enumerate() {
            tokens.clear();
            sentences.clear();
            segment_paragraph(text, range.clone(), p, 0, &mut tokens, &mut sentences);
            scratch.verse = doc.kind(p) == BlockKind::Verse;
            for (k, sentence) in sentences.iter().enumerate() {
                found.kept = 0;
                self.link_sentence(
                    text,
                    &tokens,
                    sentence.tokens.clone(),
                    sentence_base + k,
                    &mut scratch,
                    &mut found,
                );
                let links = &mut found.links[..found.kept];
                for link in &mut *links {
                    for t in &mut link.tokens {
                        *t += token_base;
                    }
                }
                if each(links).is_break() {
                    return;
                }
            }
            token_base += tokens.len();
            sentence_base += sentences.len();
        }
    }

    /// Links the sentences of one paragraph, the first of them numbered `first_sentence`,
    /// whose token ranges index `tokens`: its links are added to `links`.
    fn link_paragraph<'a>(
        &'a self,
        text: &'a str,
        tokens: &[Token],
        sentences: &[Sentence],
        first_sentence: usize,
        scratch: &mut Scratch<'a>,
        links: &mut Found,
    ) {
        for (k, sentence) in sentences.iter().enumerate() {
            self.link_sentence(
                text,
                tokens,
                sentence.tokens.clone(),
                first_sentence + k,
                scratch,
                links,
            );
        }
    }

    /// Each token's form: lowercased, classified and looked up once a text. A sentence's at a
    /// time, in one loop whose look-ups into the (large) memo overlap; one look each, as the
    /// table's entry has what every word needs.
    fn sentence_forms<'a>(
        &'a self,
        text: &'a str,
        tokens: &[Token],
        sentence: Range<usize>,
        scratch: &mut Scratch<'a>,
    ) {
        scratch.first_token = sentence.start;
        scratch.keys.clear();
        for token in &tokens[sentence] {
            let key = if token.is_word() || token.kind == TokenKind::Abbreviation {
                scratch.memo.of(self, text, *token)
            } else {
                memo::NO_KEY
            };
            scratch.keys.push(key);
        }
    }

    /// Looks a word up: as written (lowercased), then in reformed spelling (daß → dass,
    /// Photographie → Fotografie).
    fn lookup(&self, lower: &str, buf: &mut String) -> Option<&Hits> {
        if let Some(h) = self.forms.get(lower) {
            return Some(h);
        }
        // Most words have neither ß (C3 9F) nor a p: one quick look for either.
        if !lower.bytes().any(|b| b == 0x9f || b == b'p') {
            return None;
        }
        let (mut eszett, mut ph) = (false, false);
        let mut prev = 0u8;
        for &b in lower.as_bytes() {
            eszett |= prev == 0xc3 && b == 0x9f;
            ph |= prev == b'p' && b == b'h';
            prev = b;
        }
        if !eszett && !ph {
            return None;
        }
        buf.clear();
        buf.push_str(lower);
        if eszett {
            *buf = buf.replace('ß', "ss");
            if let Some(h) = self.forms.get(buf.as_str()) {
                return Some(h);
            }
        }
        if ph {
            *buf = buf.replace("ph", "f");
            return self.forms.get(buf.as_str());
        }
        None
    }

    fn link_sentence<'a>(
        &'a self,
        text: &'a str,
        tokens: &[Token],
        sentence: Range<usize>,
        sentence_index: usize,
        scratch: &mut Scratch<'a>,
        out: &mut Found,
    ) {
        self.sentence_forms(text, tokens, sentence.clone(), scratch);
        // Only a word with entries (or a compound of one) starts a link: a sentence without
        // one needs no clauses.
        if !scratch.keys.iter().any(memo::Key::linkable) {
            return;
        }
        scratch.candidates.clear();
        scratch.names = attribution(text, tokens, sentence.clone());
        let mut clauses = std::mem::take(&mut scratch.clauses);
        clauses_into(text, tokens, sentence.clone(), &mut clauses);
        for clause in &clauses {
            self.clause_candidates(text, tokens, clause, sentence.start, scratch);
        }
        scratch.clauses = clauses;
        self.resolve(tokens, sentence, sentence_index, scratch, out);
    }

    /// Turns a sentence's candidates into links: more tokens win, then rank; a token is taken
    /// once.
    fn resolve<'a>(
        &'a self,
        tokens: &[Token],
        sentence: Range<usize>,
        sentence_index: usize,
        scratch: &mut Scratch<'a>,
        out: &mut Found,
    ) {
        // More tokens win (zurückkommen over kommen), then rank, then earlier; equal ones are
        // next to each other.
        let mut cands = std::mem::take(&mut scratch.candidates);
        cands.sort_by(|a, b| {
            b.tokens
                .len()
                .cmp(&a.tokens.len())
                .then(b.rank.cmp(&a.rank))
                .then(a.tokens.cmp(&b.tokens))
                .then(a.entry.cmp(&b.entry))
        });
        scratch.used.clear();
        scratch.used.resize(sentence.len(), false);
        let first_link = out.kept;
        let mut k = 0;
        while k < cands.len() {
            // Candidates just as good for the same tokens: the alternatives of this one.
            let mut end = k + 1;
            while end < cands.len()
                && cands[end].tokens == cands[k].tokens
                && cands[end].rank == cands[k].rank
            {
                end += 1;
            }
            if cands[k]
                .tokens
                .iter()
                .any(|&t| scratch.used[t - sentence.start])
            {
                k = end;
                continue;
            }
            let c = std::mem::replace(
                &mut cands[k],
                Candidate {
                    entry: 0,
                    tokens: smallvec::SmallVec::new(),
                    form: PendingForm::Text(String::new()),
                    parts: Vec::new(),
                    rank: 0,
                },
            );
            for &t in &c.tokens {
                scratch.used[t - sentence.start] = true;
            }
            let link = out.next();
            link.alternatives.clear();
            link.alternatives.extend(
                cands[k + 1..end]
                    .iter()
                    .map(|c| c.entry)
                    .filter(|&e| e != c.entry),
            );
            link.alternatives.dedup();
            k = end;
            link.form.clear();
            match c.form {
                PendingForm::Text(text) => {
                    link.form = text;
                    link.parts = c.parts;
                }
                PendingForm::Readings { readings, ich } => {
                    let form = scratch
                        .forms
                        .entry((c.entry as u32, readings, ich))
                        .or_insert_with(|| self.describe(c.entry, readings, ich));
                    match self.headword_compound(c.entry) {
                        Some((joined, parts)) => {
                            link.form.push_str(joined);
                            if !form.is_empty() {
                                link.form.push_str(", ");
                                link.form.push_str(form);
                            }
                            link.parts.clone_from(parts);
                        }
                        None => {
                            link.form.push_str(form);
                            link.parts = c.parts;
                        }
                    }
                }
            }
            link.entry = c.entry;
            link.spans.clear();
            link.spans
                .extend(c.tokens.iter().map(|&t| tokens[t].start..tokens[t].end));
            link.tokens.clear();
            link.tokens.extend_from_slice(&c.tokens);
            link.sentence = sentence_index;
        }
        cands.clear();
        scratch.candidates = cands;
        // Sentences come in text order, so sorting each sentence's links orders them all.
        out.links[first_link..out.kept]
            .sort_unstable_by_key(|l| l.spans.first().map_or(0, |r| r.start));
    }

    fn clause_candidates<'a>(
        &'a self,
        text: &'a str,
        tokens: &[Token],
        clause: &Clause,
        sentence_start: usize,
        scratch: &mut Scratch<'a>,
    ) {
        let Scratch {
            candidates: found,
            memo,
            keys,
            words,
            word_info: infos,
            word_capital: capitals,
            first_token: first,
            names,
            verse,
            ..
        } = scratch;
        let verse = *verse;
        let first = *first;
        // A clause without a word that may link has no candidates.
        if !clause.iter().any(|part| {
            keys[part.start - first..part.end - first]
                .iter()
                .any(memo::Key::linkable)
        }) {
            return;
        }
        words.clear();
        infos.clear();
        capitals.clear();
        let mut clause_classes = 0u32;
        for part in clause {
            for i in part.clone() {
                if tokens[i].is_word() {
                    words.push(i);
                    let info = keys[i - first].info;
                    infos.push(info);
                    capitals.push(keys[i - first].capital());
                    clause_classes |= info.class;
                }
            }
        }
        let words = &*words;
        let infos = &*infos;
        let capitals = &*capitals;
        let memo = &*memo;
        let lower = |i: usize| memo.lower(keys[i - first].id());
        // The lowercased word at a position in the clause.
        let lowers = |k: usize| memo.lower(keys[words[k] - first].id());
        let info_of = |i: usize| keys[i - first].info;
        let capital = |i: usize| keys[i - first].capital();
        let Some(&last_word) = words.last() else {
            return;
        };
        let subordinate = info_of(words[0]).class & class::SUBORDINATOR != 0;
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
        let subject_persons = grammar::pronoun_persons(clause_classes);
        // Reading sets the rules below test against.
        let finite = finite_readings();
        let indicative = ReadingSet::finite_of(&crate::de::inflect::Person::ALL);
        let mut finite_or_infinitive = finite;
        finite_or_infinitive.insert(Reading::Headword);
        // Whether the clause ends in a separable particle (`gab seine Schuld zu`).
        let particle_last = || !capital(last_word) && ends_in_particle(lower(last_word));
        for (wpos, &i) in words.iter().enumerate() {
            // Most words have no entry: their forms are not looked at.
            if !keys[i - first].linkable() {
                continue;
            }
            // Who said it (`-- Georg Christoph Lichtenberg`) is a name, not a Berg.
            if names.contains(&i) && capital(i) {
                continue;
            }
            if in_code(text.as_bytes(), tokens[i]) {
                continue;
            }
            let capitalized = capital(i);
            // A capitalized word right after a first name or Dr. is a name: Otto Hahn, Albert
            // Einstein.
            let after_name = capitalized
                && i > sentence_start
                && keys[i - 1 - first].info.class & (class::FIRST_NAME | class::TITLE) != 0;
            let form = memo.get(keys[i - first].id());
            let Some(hits) = form.hits else {
                if let Some(c) = form.compound()
                    && !after_name
                {
                    found.push(memo.compound(c, i));
                }
                continue;
            };
            ctx.clause_first = wpos == 0;
            ctx.clause_last = i == last_word;
            ctx.early = wpos <= 1;
            let prev = if wpos > 0 { infos[wpos - 1].class } else { 0 };
            ctx.after_zu = prev & class::ZU != 0;
            ctx.after_singular_article = prev & class::SINGULAR_ARTICLE != 0;
            ctx.bare = prev & (class::DETERMINER | class::SINGULAR_ARTICLE) == 0;
            ctx.before_capitalized = words
                .get(wpos + 1)
                .is_some_and(|&w| w == i + 1 && capital(w));
            // The capital says nothing at the start of a sentence or a quotation.
            let sentence_initial = i == sentence_start
                || (wpos == 0
                    && (sentence_start..i).all(|t| !tokens[t].is_word())
                    && i > sentence_start)
                || i.checked_sub(1).is_some_and(|p| {
                    p >= sentence_start
                        && (tokens[p].kind == TokenKind::OpenQuote
                            || text[tokens[p].start..tokens[p].end] == *":")
                })
                // A line of verse opens with a capital, unless an article before it makes
                // the word a noun (`ist kein / Unterschied`).
                || (verse
                    && capitalized
                    && prev & (class::DETERMINER | class::SINGULAR_ARTICLE | class::PREPOSITION)
                        == 0
                    && opens_line(text, tokens, sentence_start, i));
            let next_is_pronoun = infos
                .get(wpos + 1)
                .is_some_and(|c| c.class & class::SUBJECT_PRONOUN != 0);
            let next_capitalized = capitals.get(wpos + 1).copied().unwrap_or(false);
            // A pronoun right after the first word: a verb opens the sentence (Sage mir, Hüte
            // dich, Treffen sich zwei, Werfen Sie).
            let before_pronoun = words.get(wpos + 1) == Some(&(i + 1))
                && infos[wpos + 1].class & (class::SUBJECT_PRONOUN | class::REFLEXIVE) != 0;
            // A strong verb's finite form where a finite verb stands is that verb's: `ich weiß`
            // is wissen, not weiß (white) or weißen (to whitewash, imperative).
            let strong_form = (!capitalized || sentence_initial)
                && hits.iter().any(|h| {
                    self.info[h.entry as usize].adjective
                        || h.readings.minus(indicative).len() == h.readings.len()
                })
                && crate::de::strong::is_strong_finite(lowers(wpos));
            let adjective_there = strong_form && predicative_place(words, infos, lowers, wpos);
            let strong_finite = strong_form && !adjective_there;
            // Where an adjective stands, the adjective: `was ist weiß`, not wissen.
            let adjective_wins =
                adjective_there && hits.iter().any(|h| self.info[h.entry as usize].adjective);
            let attributive = ctx.before_capitalized
                && !capitalized
                && (wpos == 0 || prev & (class::DETERMINER | class::PREPOSITION) != 0);
            let mut before = None;
            let mut before_known = false;
            for hit in hits {
                let entry = hit.entry as usize;
                let info = &self.info[entry];
                let glossary_entry = &self.glossary.entries[entry];
                if hit.common && sentence_initial {
                    continue;
                }
                if after_name && glossary_entry.pos != Some(crate::glossary::Pos::Name) {
                    continue;
                }
                let mut readings = ctx.filter(hit.readings);
                if adjective_wins && !info.adjective {
                    continue;
                }
                // An adjective that is also a verb's finite form, where the verb stands: `ich
                // weiß`, `wer viel weiß` (wissen), not `sein Leib ist weiß`.
                if strong_finite
                    && hit.kind == HitKind::Whole
                    && (info.adjective
                        || hit.readings.minus(indicative).len() == hit.readings.len())
                {
                    continue;
                }
                // A finite verb whose clause ends in a separable particle is that particle's
                // verb (`gab … zu` is zugeben, not geben; `wo kommen sie her`): a verb without
                // it does not link.
                if hit.kind == HitKind::Whole
                    && (!capitalized || sentence_initial)
                    && (!subordinate || wpos == 1)
                    && last_word > i
                    && readings.minus(finite).len() < readings.len()
                    && readings.minus(finite_or_infinitive).is_empty()
                    && particle_last()
                {
                    continue;
                }
                // An adverb's adjective forms with an ending link where an adjective stands (im
                // heißen Süden), not where a verb of the same form does (Wie heißen Sie?).
                if info.adverb_adjective
                    && !capitalized
                    && readings.iter().all(|r| r == Reading::AdjInflected)
                    && !adjective_slot(words, infos, lowers, capitals, wpos)
                {
                    continue;
                }
                // Case tells nouns from other words, except at the start of a sentence.
                let case_rank: u32 = match (info.noun_like, capitalized, sentence_initial) {
                    (true, true, false) | (false, false, _) => 2,
                    (true, true, true) => {
                        if before_pronoun {
                            continue;
                        }
                        u32::from(!next_is_pronoun)
                    }
                    (false, true, true) => {
                        // Gut gemacht! Gute Nacht! An adjective starts the sentence.
                        let adjective_start = info.adjective
                            && (readings.contains(Reading::Headword)
                                || (next_capitalized
                                    && (readings.contains(Reading::AdjInflected)
                                        || readings.contains(Reading::Comparative)
                                        || readings.contains(Reading::Superlative))));
                        // Gehen zwei durch die Wüste. Kommt ein Mann in die Bar: a finite verb
                        // first, its subject's article after it, and no auxiliary that would be
                        // the clause's verb (not `Macht der Gewohnheit ist …`).
                        let verb_first = !info.adjective
                            && wpos == 0
                            && infos.get(1).is_some_and(|c| {
                                c.class & class::DETERMINER != 0
                                    && c.class & class::PREPOSITION == 0
                            })
                            && clause_classes & class::AUXILIARY == 0
                            && readings.iter().any(Reading::is_finite);
                        if next_is_pronoun || adjective_start || verb_first {
                            2
                        } else {
                            0
                        }
                    }
                    (false, true, false) => {
                        // Inside a sentence a capital makes a noun: of a verb only what can be
                        // one (das Schreiben, die Reisenden), not a finite form (der
                        // Unterschied, das Gebet, die Gaben).
                        if !info.adjective {
                            readings = hit.readings.minus(finite_readings());
                            if readings.is_empty() {
                                continue;
                            }
                        }
                        1
                    }
                    (true, false, _) => {
                        // A lowercase word is no noun, unless the headword itself is lowercase.
                        if crate::de::is_capitalized(&glossary_entry.de) {
                            continue;
                        }
                        1
                    }
                };
                // Nouns: does the article in front agree (die Kiefer, der Kiefer)?
                let agreement: u32 = if info.noun_like && hit.kind == HitKind::Whole {
                    if !before_known {
                        before = grammar::before_noun(infos, lowers, capitals, wpos);
                        before_known = true;
                    }
                    u32::from(grammar::agreement(
                        before,
                        grammar::noun_slots(glossary_entry.gender, hit.readings, info.weak),
                    ))
                } else {
                    1
                };
                let sureness: u32 = match hit.sureness {
                    Sureness::Given => 2,
                    Sureness::Likely => 1,
                    Sureness::Possible => 0,
                };
                let mut toks: smallvec::SmallVec<[usize; 4]> = match hit.kind {
                    HitKind::Whole | HitKind::Joined => smallvec::smallvec![i],
                    HitKind::Split(particle) => {
                        let particle = PARTICLES[particle as usize];
                        if subordinate
                            || last_word <= i
                            || lower(last_word) != particle
                            || (ADVERB_PARTICLES.contains(&particle) && wpos + 2 == words.len())
                        {
                            continue;
                        }
                        smallvec::smallvec![i, last_word]
                    }
                };
                match &info.shape {
                    Shape::Word => {}
                    Shape::VerbExpression { fixed } => {
                        if hit.kind != HitKind::Joined {
                            let Some(at) =
                                find_expression(words, fixed, lowers, capitals, infos, &toks)
                            else {
                                continue;
                            };
                            toks.extend(at);
                        }
                    }
                    Shape::Sequence { words: seq } => {
                        let matches = words.len() >= wpos + seq.len()
                            && seq
                                .iter()
                                .enumerate()
                                .all(|(k, s)| same_spelling(lowers(wpos + k), s));
                        if !matches {
                            continue;
                        }
                        toks = words[wpos..wpos + seq.len()].iter().copied().collect();
                    }
                }
                // A reflexive entry needs a reflexive pronoun of its subject's person (ich
                // erinnere mich, er erinnert sich; not sie ärgert uns).
                if info.reflexive {
                    let verb = grammar::verb_persons(readings, subject_persons, ctx.after_zu);
                    let persons = match (subject_persons, verb) {
                        (0, v) => v,
                        (s, v) if s & v != 0 => s & v,
                        (_, v) => v,
                    };
                    let Some(r) = (0..words.len()).find_map(|k| {
                        (infos[k].class & class::REFLEXIVE != 0
                            && !toks.contains(&words[k])
                            && grammar::reflexive_person(lowers(k)) & persons != 0)
                            .then_some(words[k])
                    }) else {
                        continue;
                    };
                    toks.push(r);
                }
                toks.sort_unstable();
                toks.dedup();
                // Between an article and a noun, or opening a clause before one, an adjective is
                // likelier than a finite verb: der liebe Gott, gleiche Weise (not lieben, gleichen).
                // Between an article (or preposition) and its noun a verb is only a participle:
                // `die gleichen Ansichten`, `im gleichen Boot` (not gleichen).
                if ctx.before_capitalized
                    && !capitalized
                    && infos[wpos + 1].class & (class::SUBJECT_PRONOUN | class::REFLEXIVE) == 0
                    && !info.adjective
                    && !info.noun_like
                    && prev & (class::DETERMINER | class::PREPOSITION) != 0
                    && !hit.readings.iter().any(|r| {
                        matches!(
                            r,
                            Reading::PastParticipleAdj
                                | Reading::PresentParticiple
                                | Reading::AdjInflected
                        )
                    })
                {
                    continue;
                }
                // With haben or werden a participle is the verb's: `die Pakete wurden
                // entfernt` is entfernen, not the adjective entfernt (distant).
                // Only where the participle stands: last in its clause, or before the
                // auxiliary that ends it (`entfernt werden`); not `wird bestimmt der Sieger`.
                let participle_with_auxiliary = clause_classes & class::HABEN_WERDEN != 0
                    && info.verb_display.is_some()
                    && readings.contains(Reading::PastParticiple);
                let closes_clause = || {
                    (wpos + 1..words.len()).all(|k| {
                        infos[k].class & (class::AUXILIARY | class::ZU) != 0
                            || MODALS.contains(&lowers(k))
                    })
                };
                // An adjective spelt as a participle (ver-, be-, ge- …, -t or -en) where a
                // participle with haben stands is the verb's, which the glossary lacks: `hat den
                // Schlüssel verloren` is verlieren, not the adjective verloren. With werden it may
                // be the adjective (`bekannt werden`, `wird berühmt`).
                if info.adjective
                    && info.verb_display.is_none()
                    && !capitalized
                    && clause_classes & class::HABEN != 0
                    && looks_like_participle(lowers(wpos))
                    && closes_clause()
                {
                    continue;
                }
                let fit: u32 = if participle_with_auxiliary && closes_clause() {
                    2
                } else if participle_with_auxiliary
                    && readings.iter().all(|r| r == Reading::PastParticiple)
                    && infos.get(wpos + 1).is_some_and(|c| {
                        c.class & (class::DETERMINER | class::SINGULAR_ARTICLE) != 0
                            && c.class & class::PREPOSITION == 0
                    })
                    // Not a preposition with its article (`weit gebracht im Leben`).
                    && !matches!(
                        lowers(wpos + 1),
                        "zum" | "zur" | "im" | "am" | "vom" | "beim" | "ins" | "ans" | "aufs"
                            | "fürs" | "ums" | "durchs"
                    )
                {
                    // A participle stands at the end of the clause its auxiliary opens: `das
                    // wird bestimmt der Sieger` is the adverb bestimmt.
                    0
                } else if attributive {
                    if readings.iter().any(|r| {
                        matches!(
                            r,
                            Reading::AdjInflected
                                | Reading::Comparative
                                | Reading::Superlative
                                | Reading::PastParticipleAdj
                                | Reading::PresentParticiple
                        )
                    }) {
                        2
                    } else {
                        u32::from(!readings.iter().all(Reading::is_finite))
                    }
                } else {
                    1
                };
                let rank = case_rank << 12 | agreement << 8 | fit << 6 | sureness << 4 | 1;
                found.push(Candidate {
                    entry,
                    tokens: toks,
                    form: PendingForm::Readings {
                        readings,
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
            // müde, weise: an adjective's headword in -e is not described as an inflected form.
            if matches!(r, Reading::Headword) && readings.len() > 1
                || (matches!(r, Reading::Plural | Reading::AdjInflected)
                    && readings.contains(Reading::Headword))
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
}

/// Whether the word at `wpos` of a clause stands where an adjective with an ending does: right
/// before its noun or another such adjective (`im heißen Süden`, `kalte Hände`, `die ewigen
/// leeren Vorübungen`), not after a subject pronoun nor before a pronoun (`Wie heißen Sie?`,
/// `sie heißen sich`), nor at the end of its clause (`was es heißen soll`).
fn adjective_slot<'a>(
    words: &[usize],
    infos: &[WordInfo],
    lowers: impl Fn(usize) -> &'a str,
    capitals: &[bool],
    wpos: usize,
) -> bool {
    const PRONOUN: u32 = class::SUBJECT_PRONOUN | class::SIE | class::REFLEXIVE;
    // A lowercase word with an adjective's ending that is no function word.
    let inflected = |k: usize| {
        let w = lowers(k);
        !capitals[k]
            && infos[k].class == 0
            && crate::de::core::has_adjective_ending(w)
            && crate::de::core::lookup(w).is_empty()
    };
    let after_subject = wpos > 0 && infos[wpos - 1].class & PRONOUN != 0;
    let before_noun = words.get(wpos + 1).is_some_and(|&next| {
        next == words[wpos] + 1
            && ((capitals[wpos + 1] && infos[wpos + 1].class & PRONOUN == 0) || inflected(wpos + 1))
    });
    !after_subject && before_noun
}

/// Articles that a fixed expression may have in another form: `eine Rolle spielen`, `spielt keine
/// Rolle`.
const EXPRESSION_ARTICLES: &[&str] = &[
    "ein", "eine", "einen", "einem", "einer", "der", "die", "das", "den", "dem",
];

/// Where an expression's fixed words stand in the clause: in order, with up to two adjectives,
/// adverbs or articles inserted between them (`spielt eine wichtige Rolle`), an article in
/// another form, a part in the old spelling (`Schluß machen`). Token indices, not counting
/// `taken` (the verb).
/// The tokens after a dash that opens a sentence right after another's end, up to the first
/// that cannot be part of a name: who said it, `-- Johann Wolfgang von Goethe`. Empty when the
/// sentence opens otherwise.
fn attribution(text: &str, tokens: &[Token], sentence: Range<usize>) -> Range<usize> {
    const PARTICLES: &[&str] = &[
        "von", "van", "vom", "zu", "de", "der", "den", "di", "da", "del", "du", "la", "le", "y",
        "ten", "ter",
    ];
    let is_dash = |t: &Token| {
        matches!(t.kind, TokenKind::ClausePunct | TokenKind::Other)
            && t.text(text)
                .chars()
                .all(|c| matches!(c, '-' | '–' | '—' | '―'))
    };
    // After what was said: a list's dash (`- Mehl`) follows a colon, a comma or nothing.
    let opens = |k: usize| {
        k > 0
            && matches!(
                tokens[k - 1].kind,
                TokenKind::SentenceEnd | TokenKind::CloseQuote
            )
    };
    // The sentence splitter ends a sentence before such a dash: it opens the next one.
    let dash = sentence.start;
    if sentence.is_empty() || !is_dash(&tokens[dash]) || !opens(dash) {
        return dash..dash;
    }
    let mut end = dash + 1;
    // Dashes may come as one token or several (`--`).
    while end < sentence.end && is_dash(&tokens[end]) {
        end += 1;
    }
    let start = end;
    while end < sentence.end {
        // A name ends its line: what follows is the next saying (`-- Albert Einstein` and
        // then `Wird das Geschaute …`, the splitter having seen no sentence end).
        if end > start && text[tokens[end - 1].end..tokens[end].start].contains('\n') {
            break;
        }
        let t = &tokens[end];
        let word = t.text(text);
        let part = match t.kind {
            TokenKind::Word => crate::de::is_capitalized(word) || PARTICLES.contains(&word),
            // Initials: `J. R. R. Tolkien`; a nickname: `Volker 'Yegg' Paulsen`.
            TokenKind::Abbreviation => crate::de::is_capitalized(word),
            TokenKind::OpenQuote | TokenKind::CloseQuote => true,
            _ => false,
        };
        if !part {
            break;
        }
        end += 1;
    }
    // A name ends its line or sentence, or is followed by what is said of it: `(zu
    // Eckermann)`, `, Sudelbücher`. Not `– Das Wetter ist schön`.
    let ends_there = end == sentence.end
        || text[tokens[end - 1].end..tokens[end].start].contains('\n')
        || matches!(tokens[end].text(text), "(" | "," | "[" | ":")
        // `-- Albert Einstein.`, not the answer to a riddle (`- Ein Fluchtsalat.`, `- Urlaub.`).
        || (tokens[end].kind == TokenKind::SentenceEnd
            && end + 1 == sentence.end
            && end - start >= 2
            && !matches!(
                tokens[start].text(text),
                "Ein" | "Eine" | "Einer" | "Der" | "Die" | "Das" | "Den" | "Dem" | "Des"
            ));
    let first_is_name = start < end && crate::de::is_capitalized(tokens[start].text(text));
    if ends_there && first_is_name && end - start <= 6 {
        start..end
    } else {
        sentence.start..sentence.start
    }
}

/// Whether a word is a name in code, not a word of the text: joined to letters or digits by
/// an underscore (`AUTO_DEBSIGN`, `meine_Pakete`; not the emphasis of `in _Ruhe_`), a
/// variable (`$DEBFULLNAME`) or given a value (`DEBFULLNAME="…"`).
fn in_code(text: &[u8], t: Token) -> bool {
    let before = &text[..t.start];
    let after = &text[t.end..];
    let joined = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
    matches!(before, [.., b'$'])
        || matches!(after, [b'=', ..])
        || (matches!(before, [.., b'_']) && joined(before.len().checked_sub(2).map(|k| &before[k])))
        || (matches!(after, [b'_', ..]) && joined(after.get(1)))
}

/// Whether a word is spelt as a past participle: a ge- or an inseparable prefix, and -t or
/// -en (`verloren`, `beschäftigt`, `gefallen`; not `satt`, `recht`, `gern`).
fn looks_like_participle(word: &str) -> bool {
    let prefixed = ["ge", "be", "ver", "er", "ent", "zer", "emp", "miss"]
        .iter()
        .any(|p| {
            word.strip_prefix(p)
                .is_some_and(|rest| rest.chars().nth(2).is_some())
        });
    prefixed && (word.ends_with('t') || word.ends_with("en"))
}

/// Forms of the modal verbs and lassen, which may follow a participle at the end of its
/// clause (`erklärt werden können`).
const MODALS: &[&str] = &[
    "kann", "kannst", "können", "könnt", "konnte", "konnten", "könnte", "könnten", "muss", "muß",
    "musst", "mußt", "müssen", "müsst", "musste", "mußte", "mussten", "mußten", "müsste", "müßte",
    "müssten", "müßten", "soll", "sollst", "sollen", "sollt", "sollte", "sollten", "will",
    "willst", "wollen", "wollt", "wollte", "wollten", "darf", "darfst", "dürfen", "dürft",
    "durfte", "durften", "dürfte", "dürften", "mag", "magst", "mögen", "möchte", "möchten",
    "lassen", "lässt", "läßt", "ließ", "ließen",
];

/// The finite readings: present, past, both subjunctives, imperative.
/// Whether token `i` is the first word of its line: no word stands between it and the line
/// end before it (a dash or quotation mark may).
fn opens_line(text: &str, tokens: &[Token], sentence_start: usize, i: usize) -> bool {
    let line_start = text[..tokens[i].start].rfind('\n').map_or(0, |n| n + 1);
    tokens[sentence_start..i]
        .iter()
        .rev()
        .take_while(|t| t.start >= line_start)
        .all(|t| !t.is_word())
}

fn finite_readings() -> ReadingSet {
    let mut finite = ReadingSet::finite_of(&crate::de::inflect::Person::ALL);
    finite.insert(Reading::Imperative);
    finite
}

/// Whether a clause's last word is a separable particle that makes its finite verb another
/// verb. Adverbs that are particles too (`gleich`, `wieder`, `weiter`, `zusammen`) often stand there
/// alone (`er lacht wieder`), and the few verbs that `über` and `unter` separate from mostly
/// mean what their parts say (`legt die Decke über`).
fn ends_in_particle(last: &str) -> bool {
    PARTICLES.contains(&last)
        && !ADVERB_PARTICLES.contains(&last)
        && !matches!(last, "wieder" | "weiter" | "zusammen" | "über" | "unter")
}

/// Whether the word at `wpos` of a clause stands where an adjective does, not a finite verb:
/// beside a form of sein or werden (`sein Leib ist weiß`, `nicht weiß werden`), beside another
/// colour or in a pair (`schwarz auf weiß`, `weiß und rot`).
fn predicative_place<'a>(
    words: &[usize],
    infos: &[WordInfo],
    lowers: impl Fn(usize) -> &'a str,
    wpos: usize,
) -> bool {
    const COLOURS: &[&str] = &[
        "schwarz", "rot", "blau", "grün", "gelb", "grau", "braun", "rosa", "weiß",
    ];
    let after_copula =
        (wpos.saturating_sub(2)..wpos).any(|k| infos[k].class & class::AUXILIARY != 0);
    let copula_after = infos
        .get(wpos + 1)
        .is_some_and(|i| i.class & class::AUXILIARY != 0);
    let pair_after = words.len() > wpos + 1 && matches!(lowers(wpos + 1), "und" | "oder");
    let pair_before = wpos >= 2
        && matches!(lowers(wpos - 1), "und" | "oder" | "auf" | "bis")
        && COLOURS.contains(&lowers(wpos - 2));
    after_copula || copula_after || pair_after || pair_before
}

fn find_expression<'a>(
    words: &[usize],
    fixed: &[String],
    lower: impl Fn(usize) -> &'a str,
    capital: &[bool],
    infos: &[WordInfo],
    taken: &[usize],
) -> Option<smallvec::SmallVec<[usize; 4]>> {
    let matches = |k: usize, f: &str| {
        !taken.contains(&words[k])
            && (same_spelling(lower(k), f)
                || (EXPRESSION_ARTICLES.contains(&f) && infos[k].class & class::DETERMINER != 0))
    };
    let first = fixed.first()?;
    'start: for start in 0..words.len() {
        if !matches(start, first) {
            continue;
        }
        let mut at: smallvec::SmallVec<[usize; 4]> = smallvec::smallvec![words[start]];
        let mut k = start;
        for f in &fixed[1..] {
            let mut gap = 0;
            loop {
                k += 1;
                if k >= words.len() || gap > 2 {
                    continue 'start;
                }
                if matches(k, f) {
                    break;
                }
                // Only small words stand inside an expression: no nouns, no verbs of their own.
                if capital[k] || taken.contains(&words[k]) {
                    continue 'start;
                }
                gap += 1;
            }
            at.push(words[k]);
        }
        return Some(at);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_a_sentence_at_a_time_as_the_whole_analysis_has_them() {
        let linker = Linker::new(Glossary::bundled());
        let doc = Document::bundled();
        let whole = linker.analyze(&doc).links;
        let mut streamed = Vec::new();
        let mut calls = 0;
        linker.for_each_sentence(&doc, |links| {
            calls += 1;
            streamed.extend_from_slice(links);
            ControlFlow::Continue(())
        });
        assert!(whole.len() > 50);
        assert_eq!(streamed, whole);
        assert_eq!(calls, linker.analyze(&doc).sentences.len());
        let mut after_break = 0;
        linker.for_each_sentence(&doc, |_| {
            after_break += 1;
            ControlFlow::Break(())
        });
        assert_eq!(after_break, 1);
    }

    #[test]
    fn a_capital_sharp_s_does_not_split_a_compound_inside_a_letter() {
        let glossary = crate::glossary::parse(
            "[[term]]\nde = \"Aktivität\"\nen = \"activity\"\npos = \"noun\"\ngender = \"f\"\n",
            "g.toml",
        )
        .unwrap();
        let linkers = [Linker::new(glossary), Linker::new(Glossary::bundled())];
        for (linker, text) in linkers.iter().flat_map(|l| {
            [
                "NATO-Russland-RatesẞSpionageaktivitäten„",
                "Die GROẞSPIONAGEAKTIVITÄTEN.",
                "Die ẞẞẞ-Spionageaktivitäten.",
                "Die İİİSpionageaktivitäten.",
                "Die RatesßẞSpionageaktivitäten.",
                "Die ȺȺSpionageaktivitäten und KİNDERAKTİVİTÄTEN.",
            ]
            .map(|t| (l, t))
        }) {
            let doc = Document::parse("t.txt", text.to_string()).unwrap();
            for link in linker.analyze(&doc).links {
                for s in &link.spans {
                    assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                }
                for p in &link.parts {
                    assert!(!p.text.is_empty(), "{text}: {:?}", link.parts);
                }
            }
        }
    }

    #[test]
    fn a_capital_opening_a_line_of_verse_is_the_line_s() {
        let glossary = crate::glossary::parse(
            "[[term]]\nde = \"unterscheiden\"\nen = \"to distinguish\"\npos = \"verb\"\n",
            "test",
        )
        .expect("glossary parses");
        let linker = Linker::new(glossary);
        let linked = |text: &str| {
            let doc = Document::parse("t", text.to_string()).expect("text parses");
            let analysis = linker.analyze(&doc);
            analysis
                .links
                .iter()
                .map(|l| text[l.spans[0].clone()].to_string())
                .collect::<Vec<_>>()
        };
        // A verb opening a line of verse links.
        let verse = "Sie fragten lang und fragten viel,\nUnterscheiden sie das Spiel?";
        assert_eq!(linked(verse), ["Unterscheiden"]);
        // Inside a line, or after an article on the line before, a capital makes a noun.
        assert!(linked("Sie fragten lang und fragten viel,\nob es Unterschiede gibt.").is_empty());
        assert!(linked("Ein Unterschied, der nichts gibt, ist kein\nUnterschied.").is_empty());
        // Prose broken into lines is no verse: the capital still makes a noun.
        let prose = "Ein Unterschied, der dem Verstand nichts gibt, ist kein Unterschied, sagt man \
                     ihm, und er glaubt es auch, denn er hat es oft genug gehört und gelesen. Dass \
                     sie es sagten,\nUnterschied das eine vom anderen nicht.";
        assert!(linked(prose).is_empty());
    }

    #[test]
    fn names_in_code_are_told_from_words_set_off_by_underscores() {
        let text = "$HOME AUTO_DEBSIGN=no in _Ruhe_ x_1 Wort= _a";
        let tokens = crate::de::token::tokenize(text);
        let code: Vec<(&str, bool)> = tokens
            .iter()
            .filter(|t| t.is_word())
            .map(|&t| (t.text(text), in_code(text.as_bytes(), t)))
            .collect();
        assert_eq!(
            code,
            [
                ("HOME", true),
                ("AUTO", true),
                ("DEBSIGN", true),
                ("no", false),
                ("in", false),
                ("Ruhe", false),
                ("x", true),
                ("Wort", true),
                ("a", false),
            ]
        );
    }

    #[test]
    fn a_name_after_a_dash_that_follows_what_was_said_is_who_said_it() {
        // The names of every sentence of `text`, as the linker splits it.
        let names = |text: &str| {
            let whole = 0..text.len();
            let a = segment(text, std::slice::from_ref(&whole));
            a.sentences
                .iter()
                .flat_map(|s| &a.tokens[attribution(text, &a.tokens, s.tokens.clone())])
                .map(|t| t.text(text))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            names("Ich glaube nicht an Zufall.\n\t\t-- George Bernard Shaw"),
            "George Bernard Shaw"
        );
        assert_eq!(
            names(
                "Wenn man alt ist, denkt man anders. -- Johann Wolfgang von Goethe (zu Eckermann)"
            ),
            "Johann Wolfgang von Goethe"
        );
        assert_eq!(
            names("Legt euch doch alle hin. -- Volker 'Yegg' Paulsen, 1995"),
            "Volker ' Yegg ' Paulsen"
        );
        // A list's dash, a dash before a sentence, a dash inside one.
        assert_eq!(names("Zutaten:\n- Mehl\n- Zucker"), "");
        assert_eq!(names("Er kam. – Das Wetter ist schön."), "");
        assert_eq!(names("Er kam – Goethe war schon da."), "");
    }
}
