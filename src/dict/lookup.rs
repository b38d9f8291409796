//! From a word in a text to dictionary answers: the word itself, the split verb it belongs to,
//! the headwords its form may come from, and for a compound its parts.

use super::dictd::parse_article;
use super::ding::{self, LineKind};
use super::index::{Kind, Posting};
use super::{Answer, Dictionaries, Dictionary, Entry, Sense, Store};
use crate::de::analyze::{lemma_candidates, split_compound};
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::ControlFlow;
use std::sync::Arc;

/// Phrase headwords shown for one verb and dictionary: `sein` is in thousands.
const MAX_PHRASES: usize = 4;
/// Answers for one word, at most.
const MAX_ANSWERS: usize = 24;

/// A key to look up and how it relates to the word in the text.
#[derive(Debug, Clone)]
struct Query {
    key: String,
    /// `zu-infinitive`; empty for the word itself.
    how: String,
    /// The headword `how` leads to: `ausweisen`.
    lemma: String,
}

impl Query {
    fn exact(word: &str) -> Query {
        Query {
            key: word.to_lowercase(),
            how: String::new(),
            lemma: word.to_string(),
        }
    }
}

/// The queries for a word (with its split particle, if the linker found one): those that
/// include the particle, and those without.
fn queries(word: &str, particle: Option<&str>) -> (Vec<Query>, Vec<Query>) {
    let mut with_particle = Vec::new();
    if let Some(p) = particle {
        let p = p.to_lowercase();
        // Ding lists split forms whole: `kündigte an`.
        with_particle.push(Query::exact(&format!("{} {p}", word.to_lowercase())));
        // Otherwise join them (`ankündigte`) and analyze the joined word.
        let joined = format!("{p}{}", word.to_lowercase());
        with_particle.push(Query::exact(&joined));
        with_particle.extend(lemma_candidates(&joined).into_iter().map(|c| Query {
            key: c.lemma.to_lowercase(),
            how: c.desc,
            lemma: c.lemma,
        }));
    }
    let mut plain = vec![Query::exact(word)];
    plain.extend(lemma_candidates(word).into_iter().map(|c| Query {
        key: c.lemma.to_lowercase(),
        how: c.desc,
        lemma: c.lemma,
    }));
    (with_particle, plain)
}

/// Strips what surrounds a word in a text: quotes, punctuation, a possessive apostrophe.
fn trim_word(word: &str) -> &str {
    word.trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .trim_matches('-')
}

impl Dictionaries {
    /// Every dictionary's answers for `word`, `particle` being a split verb's particle the
    /// linker found (`kündigte` + `an` answers `ankündigen`, not `kündigen`). A compound
    /// nobody knows is answered through its parts.
    pub fn lookup(&self, word: &str, particle: Option<&str>) -> Vec<Answer> {
        self.lookup_for(word, particle, None)
    }

    /// [`Dictionaries::lookup`], with the senses of part of speech `pos` (the glossary's
    /// words: noun, verb, adj, …) first. Without `pos`, a capitalized word puts nouns first.
    /// The core lexicon's answers for function words come first (see
    /// [`crate::de::core::with_core_answers`]), also when no dictionary is open.
    pub fn lookup_for(&self, word: &str, particle: Option<&str>, pos: Option<&str>) -> Vec<Answer> {
        let found = self.repaired(|| self.lookup_once(word, particle, pos));
        crate::de::core::with_core_answers(word, particle, pos, found)
    }

    /// `f`'s result, or when it found a bad part of an index, `f`'s result once the index is
    /// rebuilt: what a bad shard gave is not trusted.
    fn repaired<T>(&self, f: impl Fn() -> T) -> T {
        let result = f();
        let mut rebuilt = false;
        for d in &self.dicts {
            rebuilt |= d.repair();
        }
        if rebuilt { f() } else { result }
    }

    fn lookup_once(&self, word: &str, particle: Option<&str>, pos: Option<&str>) -> Vec<Answer> {
        let word = trim_word(word);
        if word.is_empty() {
            return Vec::new();
        }
        let mut answers = self.lookup_word(word, particle);
        if answers.is_empty() && particle.is_none() {
            answers = self.lookup_compound(word);
        }
        order_by_pos(&mut answers, word, pos);
        answers
    }

    fn lookup_word(&self, word: &str, particle: Option<&str>) -> Vec<Answer> {
        let (with_particle, plain) = queries(word, particle);
        let mut answers = Vec::new();
        if !with_particle.is_empty() {
            for d in &self.dicts {
                collect(d, &with_particle, &mut answers);
            }
            if !answers.is_empty() {
                return answers;
            }
        }
        for d in &self.dicts {
            collect(d, &plain, &mut answers);
        }
        answers
    }

    fn lookup_compound(&self, word: &str) -> Vec<Answer> {
        let Some(parts) = split_compound(word, |p| self.knows_word(p)) else {
            return Vec::new();
        };
        let joined = parts.join(" + ");
        let mut answers = Vec::new();
        for part in &parts {
            for mut a in self.lookup_word(part, None) {
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

    /// Whether any dictionary has `key` (case does not matter).
    fn contains(&self, key: &str) -> bool {
        let key = key.to_lowercase();
        self.dicts.iter().any(|d| d.index().contains(&key))
    }

    /// Whether any dictionary has `word` as a headword or form, for splitting compounds (the
    /// verbs of phrases do not count).
    fn knows_word(&self, word: &str) -> bool {
        let key = word.to_lowercase();
        self.dicts
            .iter()
            .any(|d| d.index().get(&key).any(|p| p.kind != Kind::Phrase))
    }

    /// Whether [`Dictionaries::lookup`] would answer, for marking words (`annotate --dict`):
    /// index lookups only, no entry is read, so a form that only looks like one of a
    /// headword's (`Weisen` for the verb `weisen`) counts too.
    pub fn has_answer(&self, word: &str, particle: Option<&str>) -> bool {
        !crate::de::core::lookup(word).is_empty()
            || self.repaired(|| self.has_answer_once(word, particle))
    }

    fn has_answer_once(&self, word: &str, particle: Option<&str>) -> bool {
        let word = trim_word(word);
        if word.is_empty() {
            return false;
        }
        let (with_particle, plain) = queries(word, particle);
        if with_particle
            .iter()
            .chain(&plain)
            .any(|q| self.contains(&q.key))
        {
            return true;
        }
        particle.is_none() && split_compound(word, |p| self.knows_word(p)).is_some()
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
        add(one, &mut keys);
        if keys.len() < n {
            add(two, &mut keys);
        }
        for d in &self.dicts {
            add(d.index().keys_with_prefix(&lower, n * 4), &mut keys);
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
            if let Some(piece) = piece(d, p, &Query::exact(key), &[]) {
                return piece.lemma;
            }
        }
        key.to_string()
    }
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

/// Answers of one dictionary for `queries`, merged into `answers` (same dictionary, headword
/// and relation: one answer with several senses).
fn collect(d: &Dictionary, queries: &[Query], answers: &mut Vec<Answer>) {
    let mut seen: FxHashSet<Entry> = FxHashSet::default();
    // One noun and one other lemma candidate at most: later ones are mostly noise
    // (`Bündnisses` is `Bündnis`, not `Bündnisse` minus an -s).
    let mut noun_hit = false;
    let mut other_hit = false;
    for q in queries {
        let mut postings: Vec<Posting> = d.index().get(&q.key).collect();
        if postings.is_empty() {
            continue;
        }
        let is_candidate = !q.how.is_empty();
        let noun = crate::de::is_capitalized(&q.lemma);
        if is_candidate && ((noun && noun_hit) || (!noun && other_hit)) {
            continue;
        }
        postings.sort_by_key(|p| p.kind);
        let mut phrases = 0;
        for p in postings {
            if p.kind == Kind::Phrase {
                phrases += 1;
                if phrases > MAX_PHRASES {
                    break;
                }
            }
            if seen.contains(&p.entry) {
                continue;
            }
            let Some(piece) = piece(d, p, q, answers) else {
                continue;
            };
            seen.insert(p.entry);
            if is_candidate {
                if noun {
                    noun_hit = true;
                } else {
                    other_hit = true;
                }
            }
            merge(answers, piece);
            if answers.len() >= MAX_ANSWERS {
                return;
            }
        }
    }
}

/// A lemma candidate names a noun when capitalized and no noun when not; an entry of the
/// other kind is a false friend (`gewiesen` is `weisen`, not the plural of `Weise`).
fn case_fits(q: &Query, matched: &str) -> bool {
    q.how.is_empty() || crate::de::is_capitalized(&q.lemma) == crate::de::is_capitalized(matched)
}

fn merge(answers: &mut Vec<Answer>, piece: Answer) {
    if let Some(a) = answers.iter_mut().find(|a| {
        a.dictionary == piece.dictionary && a.headword == piece.headword && a.how == piece.how
    }) {
        if a.forms.is_empty() {
            a.forms = piece.forms;
        }
        for s in piece.senses {
            if !a.senses.contains(&s) {
                a.senses.push(s);
            }
        }
    } else {
        answers.push(piece);
    }
}

/// Combines how the query relates to its key with how the key relates to the entry.
fn combine_how(q: &Query, entry_how: &str) -> String {
    match (q.how.is_empty(), entry_how.is_empty()) {
        (true, _) => entry_how.to_string(),
        (false, true) => format!("{} of {}", q.how, q.lemma),
        (false, false) => format!("{} of {}, {entry_how}", q.how, q.lemma),
    }
}

/// What one posting of a key gives, whatever the word looked up: the answer with `how`
/// saying how the key relates to the entry (`simple past of ankündigen`).
#[derive(Debug)]
pub(super) struct Piece {
    answer: Answer,
    /// The entry's forms; `None` when they were not needed (another entry of the same answer
    /// had them) and so not worked out.
    forms: Option<Vec<String>>,
    /// The matched alternative, bare, whose case must fit a lemma candidate's; `None` for a
    /// phrase, whose case never matters.
    matched: Option<String>,
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

/// The answer one posting gives for `q`, its entry taken apart once and kept. Its forms are
/// worked out only when `answers` has no answer it would join that has them already.
fn piece(d: &Dictionary, p: Posting, q: &Query, answers: &[Answer]) -> Option<Answer> {
    let wants_forms = |headword: &str, entry_how: &str| {
        let how = combine_how(q, entry_how);
        !answers.iter().any(|a| {
            a.dictionary == d.name()
                && a.headword == headword
                && a.how == how
                && !a.forms.is_empty()
        })
    };
    let kept = d.pieces().get(p, &q.key);
    let piece = match kept {
        Some(Taken::Nothing) => return None,
        Some(Taken::Piece(piece))
            if piece.forms.is_some() || !wants_forms(&piece.answer.headword, &piece.answer.how) =>
        {
            piece
        }
        _ => {
            let text = d.entry_text(p.entry);
            let fresh = text
                .and_then(|text| match d.store {
                    Store::Ding(_) => ding_piece(d.name(), &text, p, &q.key, &wants_forms),
                    Store::Dictd(_) => Some(dictd_piece(d.name(), &text)),
                })
                .map(Arc::new);
            let taken = fresh.clone().map_or(Taken::Nothing, Taken::Piece);
            d.pieces().put(p, &q.key, taken);
            fresh?
        }
    };
    if let Some(matched) = &piece.matched
        && !case_fits(q, matched)
    {
        return None;
    }
    let mut answer = piece.answer.clone();
    answer.how = combine_how(q, &piece.answer.how);
    answer.forms = piece.forms.clone().unwrap_or_default();
    Some(answer)
}

fn ding_piece(
    dictionary: &str,
    text: &str,
    p: Posting,
    key: &str,
    wants_forms: &dyn Fn(&str, &str) -> bool,
) -> Option<Piece> {
    let line = ding::parse_line(text)?;
    let head_alts: Vec<ding::Cleaned> = line
        .column(0)?
        .de_alts()
        .into_iter()
        .map(ding::clean)
        .collect();
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
        None => {
            let mut alt = None;
            ding::cleaned_column_keys(col_alts, kind, col, &head_alts, |found, k, a| {
                if alt.is_none() && k == p.kind && found == key {
                    alt = Some(a);
                }
            });
            alt.unwrap_or(0)
        }
    };
    let form_alt;
    let matched = if col == 0 || all_alts {
        col_alts.get(alt)?
    } else {
        form_alt = ding::clean(column.de_alts().get(alt)?);
        &form_alt
    };
    let case_of = (p.kind != Kind::Phrase).then(|| matched.bare.clone());
    let (head, head_alt, sense_col, entry_how) = match p.kind {
        Kind::Head | Kind::Keyword | Kind::Phrase if col == 0 => {
            let how = if p.kind == Kind::Phrase {
                format!("phrase with {key}")
            } else {
                String::new()
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
    } else if wants_forms(&headword, &entry_how) {
        Some(ding_forms(&line, kind, &head_alts, head_alt))
    } else {
        None
    };
    Some(Piece {
        answer: Answer {
            headword,
            lemma: head.bare.clone(),
            dictionary: dictionary.to_string(),
            how: entry_how,
            forms: Vec::new(),
            senses: vec![sense],
        },
        forms,
        matched: case_of,
    })
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
    for de in line.de_columns().skip(1).take(last_col) {
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
    let pos = if has("n") || has("pl") {
        "noun"
    } else if has("v") {
        "verb"
    } else if has("adj") {
        "adj"
    } else if has("adv") {
        "adv"
    } else if has("prep") {
        "prep"
    } else if has("conj") {
        "conj"
    } else {
        ""
    };
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
    Piece {
        answer: Answer {
            headword,
            lemma: article.headword.clone(),
            dictionary: dictionary.to_string(),
            how: String::new(),
            forms: Vec::new(),
            senses,
        },
        forms: Some(Vec::new()),
        matched: Some(article.headword),
    }
}

/// Puts answers and senses of the wanted part of speech first (stable: the dictionary's order
/// stays otherwise). Without `pos`, the word's capital says noun or not.
fn order_by_pos(answers: &mut [Answer], word: &str, pos: Option<&str>) {
    let fits = |sense_pos: &str| match pos {
        Some(p) => sense_pos == p,
        None => (sense_pos == "noun") == crate::de::is_capitalized(word),
    };
    for a in answers.iter_mut() {
        a.senses.sort_by_key(|s| !fits(&s.pos));
    }
    answers.sort_by_key(|a| !a.senses.iter().any(|s| fits(&s.pos)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_punctuation_around_a_word() {
        assert_eq!(trim_word("„Bündnisses“,"), "Bündnisses");
        assert_eq!(trim_word("NATO-Russland-Rat."), "NATO-Russland-Rat");
        assert_eq!(trim_word("..."), "");
    }

    #[test]
    fn a_particle_query_comes_first_and_whole() {
        let (with, plain) = queries("kündigte", Some("an"));
        assert_eq!(with[0].key, "kündigte an");
        assert!(with.iter().any(|q| q.key == "ankündigen"));
        assert_eq!(plain[0].key, "kündigte");
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("bündnis", "bündnos"), 1);
        assert_eq!(edit_distance("haus", "maus"), 1);
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
