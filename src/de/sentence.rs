//! Sentences and clauses over tokens.

use super::token::{Token, TokenKind};
use std::ops::Range;

/// Splits a paragraph's tokens into sentences; returns token index ranges (relative to `tokens`).
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let paren = |t: &Token| (t.kind == TokenKind::Other).then(|| text.as_bytes()[t.start]);
    // Parentheses open before `counted`, counted only where a sentence end meets one.
    let (mut open, mut counted) = (0usize, 0);
    while i < tokens.len() {
        if tokens[i].kind == TokenKind::SentenceEnd && !is_ordinal_period(text, tokens, i) {
            let mut end = i + 1;
            while end < tokens.len() && tokens[end].kind == TokenKind::CloseQuote {
                end += 1;
            }
            // What ends inside a parenthesis ends with it, and the sentence may go on after it
            // (`ruft … (siehe „Was sind Skripte?“) des Pakets auf`).
            if tokens.get(end).and_then(paren) == Some(b')') {
                for t in &tokens[counted..i] {
                    match paren(t) {
                        Some(b'(') => open += 1,
                        Some(b')') => open = open.saturating_sub(1),
                        _ => {}
                    }
                }
                counted = i;
                if open > 0 {
                    open -= 1;
                    counted = end + 1;
                    end += 1;
                }
            }
            if continues_sentence(text, tokens.get(end)) {
                i = end;
                continue;
            }
            out.push(start..end);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// `am 3. November`: a period right after a number, followed by a word, is an ordinal's.
fn is_ordinal_period(text: &str, tokens: &[Token], i: usize) -> bool {
    i > 0
        && tokens[i - 1].kind == TokenKind::Number
        && tokens[i - 1].end == tokens[i].start
        && text[tokens[i].start..tokens[i].end] == *"."
        && tokens.get(i + 1).is_some_and(Token::is_word)
}

/// After `?`/`!`/`.` and closing quotes, a comma or a lowercase word goes on with the sentence:
/// `„Kommst du?“, fragte er.`
fn continues_sentence(text: &str, next: Option<&Token>) -> bool {
    match next {
        Some(t) if t.kind == TokenKind::ClausePunct => true,
        Some(t) if t.kind == TokenKind::Word => {
            t.text(text).chars().next().is_some_and(char::is_lowercase)
        }
        _ => false,
    }
}

/// Conjunctions that start a new clause even without a comma before them. Subordinating
/// conjunctions follow a comma in German, so punctuation already ends the clause before them;
/// words like `als`, `wie`, `denn`, `aber` are too often prepositions or adverbs to split on.
pub const CLAUSE_CONJUNCTIONS: &[&str] = &["und", "oder", "sondern", "sowie"];

pub fn is_clause_conjunction(word: &str) -> bool {
    // A look at the first letter spares most words the list.
    matches!(word.as_bytes().first(), Some(b'u' | b'o' | b's'))
        && CLAUSE_CONJUNCTIONS.contains(&word)
}

/// Subordinating conjunctions: the finite verb of their clause stands at its end, joined to its
/// particle (`dass sie morgen anruft`).
pub const SUBORDINATORS: &[&str] = &[
    "als", "bevor", "bis", "damit", "dass", "daß", "falls", "indem", "nachdem", "ob", "obwohl",
    "seit", "seitdem", "sobald", "sodass", "sofern", "solange", "während", "weil", "wenn",
];

/// Whether the word at token `t` stands where German capitalizes any word, so that its capital
/// says nothing about it being a noun: first in its sentence (`sentence`, an index range into
/// `tokens`), or a capitalized word first after a colon (`Stilblüten: Ich habe …`,
/// `Er sagte: „Das …`).
pub fn opens_sentence(text: &str, tokens: &[Token], sentence: Range<usize>, t: usize) -> bool {
    for before in tokens[sentence.start.min(t)..t].iter().rev() {
        if before.is_word() {
            return false;
        }
        if before.text(text) == ":" {
            return tokens
                .get(t)
                .is_some_and(|w| crate::de::is_capitalized(w.text(text)));
        }
    }
    true
}

/// Splits a sentence's tokens (index range into `tokens`) into clauses at punctuation and
/// clause-starting conjunctions; returns token index ranges.
pub fn split_clauses(text: &str, tokens: &[Token], sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut marked = MarkedClauses::new();
    let _ = marked_clauses(text, tokens, sentence, &mut marked);
    marked.into_iter().map(|c| c.range).collect()
}

/// A clause: one range of tokens, or two when an inserted clause stands inside it
/// (`Er kündigte, wie erwartet, seinen Rücktritt an`: `Er kündigte` + `seinen Rücktritt an`).
pub type Clause = smallvec::SmallVec<[Range<usize>; 2]>;

/// The clauses of a sentence, a clause interrupted by an inserted comma clause as one.
pub fn clauses(text: &str, tokens: &[Token], sentence: Range<usize>) -> Vec<Clause> {
    let mut out = Vec::new();
    clauses_into(text, tokens, sentence, &mut out);
    out
}

/// [`clauses`] into a reused buffer.
pub fn clauses_into(text: &str, tokens: &[Token], sentence: Range<usize>, out: &mut Vec<Clause>) {
    out.clear();
    let mut marked = MarkedClauses::new();
    let parenthesis = marked_clauses(text, tokens, sentence.clone(), &mut marked);
    // The clause that clause i continues (after an inserted one), if any: it is found two
    // clauses before, so one slot holds it for the even clauses and one for the odd.
    let mut joined_to: [Option<usize>; 2] = [None; 2];
    for (i, c) in marked.iter().enumerate() {
        if let Some(outer) = joined_to[i % 2].take() {
            out[outer].push(c.range.clone());
            continue;
        }
        out.push(smallvec::smallvec![c.range.clone()]);
        if let (Some(inserted), Some(rest)) = (marked.get(i + 1), marked.get(i + 2))
            && interrupts(text, tokens, c, inserted, rest)
        {
            joined_to[i % 2] = Some(out.len() - 1);
        }
    }
    if parenthesis {
        join_around_parentheses(text, tokens, sentence, out);
    }
}

/// A clause goes on after a parenthesis inside it when it ends in its verb's particle:
/// `ruft diese Option das Skript (siehe Abschnitt 7.6) des Pakets auf` is one clause, the
/// parenthesis's clauses apart.
fn join_around_parentheses(
    text: &str,
    tokens: &[Token],
    sentence: Range<usize>,
    out: &mut Vec<Clause>,
) {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut opened = 0;
    for i in sentence {
        let t = &tokens[i];
        if t.kind != TokenKind::Other || t.end != t.start + 1 {
            continue;
        }
        match bytes[t.start] {
            b'(' => {
                if depth == 0 {
                    opened = i;
                }
                depth += 1;
            }
            b')' if depth > 0 => {
                depth -= 1;
                if depth > 0 {
                    continue;
                }
                let before = out
                    .iter()
                    .position(|c| c.last().is_some_and(|r| r.end == opened));
                let after = out
                    .iter()
                    .position(|c| c.first().is_some_and(|r| r.start == i + 1));
                if let (Some(b), Some(a)) = (before, after)
                    && b < a
                    && out[a].len() == 1
                    && words_of(text, tokens, &out[a][0])
                        .next_back()
                        .is_some_and(|w| PARTICLE_SET.contains(w))
                {
                    let rest = out.remove(a);
                    out[b].extend(rest);
                }
            }
            _ => {}
        }
    }
}

/// A clause and whether a comma ends it.
struct Marked {
    range: Range<usize>,
    comma_after: bool,
}

/// The clauses of a sentence as [`marked_clauses`] finds them.
type MarkedClauses = smallvec::SmallVec<[Marked; 8]>;

/// The words of a range of tokens.
fn words_of<'a>(
    text: &'a str,
    tokens: &'a [Token],
    r: &Range<usize>,
) -> impl DoubleEndedIterator<Item = &'a str> + 'a {
    tokens[r.clone()]
        .iter()
        .filter(|t| t.is_word())
        .map(move |t| t.text(text))
}

/// A short list of words (up to 64), asked for in any ASCII case and only up to 12 bytes long.
/// Each length and each first byte name, as bits, the words that have them, so that most
/// words are turned away before any comparison.
struct WordSet {
    words: &'static [&'static str],
    by_len: [u64; 13],
    by_first: [u64; 32],
}

impl WordSet {
    const fn new(words: &'static [&'static str]) -> WordSet {
        assert!(words.len() <= 64);
        let mut by_len = [0; 13];
        let mut by_first = [0; 32];
        let mut i = 0;
        while i < words.len() {
            let word = words[i].as_bytes();
            if !word.is_empty() && word.len() < by_len.len() {
                by_len[word.len()] |= 1 << i;
                by_first[first_bucket(word[0])] |= 1 << i;
            }
            i += 1;
        }
        WordSet {
            words,
            by_len,
            by_first,
        }
    }

    /// The words that may be `word` in some ASCII case, as bits.
    fn candidates(&self, word: &str) -> u64 {
        match (self.by_len.get(word.len()), word.as_bytes().first()) {
            (Some(len), Some(&b)) => len & self.by_first[first_bucket(b)],
            _ => 0,
        }
    }

    /// The indices of the words that are `word` in some ASCII case.
    fn matches<'a>(&'a self, word: &'a str) -> impl Iterator<Item = usize> + 'a {
        let mut bits = self.candidates(word);
        std::iter::from_fn(move || {
            while bits != 0 {
                let k = bits.trailing_zeros() as usize;
                // The lowest bit cleared.
                bits &= bits - 1;
                if self.words[k].eq_ignore_ascii_case(word) {
                    return Some(k);
                }
            }
            None
        })
    }

    /// Whether `word` is one of the words in any ASCII case.
    fn contains(&self, word: &str) -> bool {
        self.matches(word).next().is_some()
    }
}

/// A first byte's bucket in [`WordSet`]: ASCII case folded, 32 buckets (a letter has its own).
const fn first_bucket(b: u8) -> usize {
    (b.to_ascii_lowercase() & 31) as usize
}

static PARTICLE_SET: WordSet = WordSet::new(super::lexicon::PARTICLES);
static SUBORDINATOR_SET: WordSet = WordSet::new(SUBORDINATORS);
static CONJUNCTION_SET: WordSet = WordSet::new(CLAUSE_CONJUNCTIONS);
static INSERTION_OPENER_SET: WordSet = WordSet::new(INSERTION_OPENERS);
static DETERMINER_SET: WordSet = WordSet::new(DETERMINERS);

/// Whether `inserted`, between commas, interrupts `outer`, which goes on in `rest`: an inserted
/// `wie erwartet` or a short aside, with the main clause's particle (`an`) at the end of `rest`.
fn interrupts(
    text: &str,
    tokens: &[Token],
    outer: &Marked,
    inserted: &Marked,
    rest: &Marked,
) -> bool {
    if !outer.comma_after || !inserted.comma_after {
        return false;
    }
    let Some(rest_last) = words_of(text, tokens, &rest.range).next_back() else {
        return false;
    };
    if !PARTICLE_SET.contains(rest_last) {
        return false;
    }
    let (Some(first), Some(inserted_first), Some(rest_first)) = (
        words_of(text, tokens, &outer.range).next(),
        words_of(text, tokens, &inserted.range).next(),
        words_of(text, tokens, &rest.range).next(),
    ) else {
        return false;
    };
    let opens_clause = |w: &str| {
        SUBORDINATOR_SET.contains(w)
            || CONJUNCTION_SET.contains(w)
            || INSERTION_OPENER_SET.contains(w)
    };
    let aside = words_of(text, tokens, &inserted.range).nth(3).is_none()
        || SUBORDINATOR_SET.contains(inserted_first)
        || INSERTION_OPENER_SET.contains(inserted_first);
    aside && !opens_clause(first) && !opens_clause(rest_first)
}

/// Words that open an inserted clause besides the subordinating conjunctions.
const INSERTION_OPENERS: &[&str] = &["wie", "so", "um", "ohne", "statt", "anstatt", "falls"];

/// Pairs joined by `und` that are one adverbial, not two clauses: `ab und zu`, `hin und wieder`.
const BINOMIALS: &[(&str, &str)] = &[
    ("ab", "an"),
    ("ab", "zu"),
    ("auf", "ab"),
    ("dann", "wann"),
    ("durch", "durch"),
    ("ganz", "gar"),
    ("hie", "da"),
    ("hier", "da"),
    ("hin", "her"),
    ("hin", "wieder"),
    ("hin", "zurück"),
    ("kreuz", "quer"),
    ("kurz", "gut"),
    ("mehr", "mehr"),
    ("nach", "nach"),
    ("recht", "schlecht"),
    ("samt", "sonders"),
    ("vor", "zurück"),
    ("weit", "breit"),
];

/// The first words of [`BINOMIALS`], in their order.
const BINOMIAL_FIRST_WORDS: [&str; BINOMIALS.len()] = {
    let mut firsts = [""; BINOMIALS.len()];
    let mut i = 0;
    while i < BINOMIALS.len() {
        firsts[i] = BINOMIALS[i].0;
        i += 1;
    }
    firsts
};
static BINOMIAL_FIRSTS: WordSet = WordSet::new(&BINOMIAL_FIRST_WORDS);

/// Determiners that open a noun phrase: `Tür und das Fenster` joins two nouns.
const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "kein", "keine", "keinen", "keinem", "keiner", "sein", "seine", "seinen", "seinem", "seiner",
    "ihre", "ihren", "ihrem", "ihrer", "mein", "meine", "meinen", "meinem", "meiner", "dein",
    "deine", "deinen", "unser", "unsere", "unseren", "alle", "allen",
];

/// Whether the conjunction at `i` joins two words rather than two clauses: `Tür und Fenster`,
/// `ab und zu`.
fn joins_words(text: &str, tokens: &[Token], i: usize, sentence: &Range<usize>) -> bool {
    let word_at = |k: usize| {
        tokens
            .get(k)
            .filter(|t| t.is_word() && sentence.contains(&k))
            .map(|t| t.text(text))
    };
    let (Some(prev), Some(next)) = (word_at(i.wrapping_sub(1)), word_at(i + 1)) else {
        return false;
    };
    if BINOMIAL_FIRSTS
        .matches(prev)
        .any(|k| BINOMIALS[k].1.eq_ignore_ascii_case(next))
    {
        return true;
    }
    let capitalized = super::is_capitalized;
    let prev_is_noun = capitalized(prev) && i - 1 > sentence.start;
    prev_is_noun
        && (capitalized(next)
            || (DETERMINER_SET.contains(next) && word_at(i + 2).is_some_and(capitalized)))
}

/// Clauses as ranges into `out`, split at punctuation and at conjunctions that join clauses.
/// Whether a parenthesis opened in the sentence.
fn marked_clauses(
    text: &str,
    tokens: &[Token],
    sentence: Range<usize>,
    out: &mut MarkedClauses,
) -> bool {
    out.clear();
    let mut parenthesis = false;
    let bytes = text.as_bytes();
    // A token of one byte, that byte: punctuation is looked at without slicing the text.
    let single = |t: &Token| (t.end == t.start + 1).then(|| bytes[t.start]);
    let mut start = sentence.start;
    let mut quoted_phrase_end = 0;
    let mut i = sentence.start;
    loop {
        // Most tokens are passed over in a loop of their own.
        i += tokens[i..sentence.end]
            .iter()
            .take_while(|t| inside_clause(bytes, t))
            .count();
        let Some(t) = tokens[..sentence.end].get(i) else {
            break;
        };
        if t.kind == TokenKind::OpenQuote {
            quoted_phrase_end = quoted_phrase(tokens, i, sentence.end).unwrap_or(0);
        }
        let boundary = match t.kind {
            // A quoted word or short phrase ("katastrophal") is part of its clause.
            TokenKind::OpenQuote | TokenKind::CloseQuote if i <= quoted_phrase_end => false,
            TokenKind::ClausePunct
            | TokenKind::SentenceEnd
            | TokenKind::OpenQuote
            | TokenKind::CloseQuote => true,
            // The conjunctions start with u, o or s: most words are passed over at their
            // first byte.
            TokenKind::Word => {
                i > start
                    && matches!(bytes[t.start], b'u' | b'o' | b's')
                    && is_clause_conjunction(t.text(text))
                    && !joins_words(text, tokens, i, &sentence)
            }
            // A parenthesis is a clause of its own.
            TokenKind::Other => {
                let b = single(t);
                parenthesis |= b == Some(b'(');
                matches!(b, Some(b'(' | b')' | b'[' | b']'))
            }
            _ => false,
        };
        if boundary {
            if i > start {
                out.push(Marked {
                    range: start..i,
                    comma_after: single(t) == Some(b','),
                });
            }
            // A conjunction belongs to the clause it opens; punctuation to none.
            start = if t.kind == TokenKind::Word { i } else { i + 1 };
        }
        i += 1;
    }
    if start < sentence.end {
        out.push(Marked {
            range: start..sentence.end,
            comma_after: false,
        });
    }
    parenthesis
}

/// Whether token `t` neither ends nor opens a clause wherever it stands: a number, an
/// abbreviation, or a word that is no conjunction (they start with u, o or s).
fn inside_clause(bytes: &[u8], t: &Token) -> bool {
    match t.kind {
        TokenKind::Word => bytes
            .get(t.start)
            .is_some_and(|b| !matches!(b, b'u' | b'o' | b's')),
        TokenKind::Number | TokenKind::Abbreviation => true,
        _ => false,
    }
}

/// The closing quote of a short quotation (up to three words, no punctuation) opened at `open`.
fn quoted_phrase(tokens: &[Token], open: usize, end: usize) -> Option<usize> {
    let mut words = 0;
    for (i, t) in tokens.iter().enumerate().take(end).skip(open + 1) {
        match t.kind {
            TokenKind::Word | TokenKind::Number | TokenKind::Abbreviation => words += 1,
            TokenKind::CloseQuote => return (words > 0).then_some(i),
            _ => return None,
        }
        if words > 3 {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capital_after_a_colon_opens_a_sentence() {
        let text = "Stilblüten aus Schreiben: Ich habe 20 Meter umgefahren. Er sagte: „Das geht.“ Hinweis: des Weiteren";
        let tokens = crate::de::token::tokenize(text);
        let at = |word: &str| {
            tokens
                .iter()
                .position(|t| t.text(text) == word)
                .expect("the word")
        };
        let opens = |word: &str| opens_sentence(text, &tokens, 0..tokens.len(), at(word));
        assert!(opens("Stilblüten"));
        assert!(opens("Ich"));
        assert!(opens("Das"));
        assert!(!opens("Schreiben"));
        assert!(!opens("Meter"));
        assert!(!opens("habe"));
        // A lowercase word after a colon keeps its case's meaning.
        assert!(!opens("des"));
        // Within a later sentence's range, its first word.
        let er = at("Er");
        assert!(opens_sentence(text, &tokens, er..tokens.len(), er));
    }
    use crate::de::token::tokenize;

    #[test]
    fn a_sentence_ends_inside_a_parenthesis_only_with_it() {
        assert_eq!(
            sentences("Sie ruft das Skript (siehe „Was sind Skripte?“) des Pakets auf. Gut."),
            [
                "Sie ruft das Skript (siehe „Was sind Skripte?“) des Pakets auf.",
                "Gut."
            ]
        );
        assert_eq!(
            sentences("Erst dies. (Das ist gut. Das ist schlecht.) Danach kommt es."),
            [
                "Erst dies.",
                "(Das ist gut.",
                "Das ist schlecht.)",
                "Danach kommt es."
            ]
        );
        // A parenthesis never closed holds no sentence back.
        assert_eq!(
            sentences("Ein Smiley :-( Dann das. Und dies."),
            ["Ein Smiley :-( Dann das.", "Und dies."]
        );
    }

    #[test]
    fn a_clause_goes_on_after_a_parenthesis_to_its_particle() {
        let text = "Jeder Befehl gibt seinen Status (Exit-Status, Variable) als Wert zurück.";
        let tokens = tokenize(text);
        let clauses = clauses(text, &tokens, 0..tokens.len());
        let words = |c: &Clause| -> Vec<&str> {
            c.iter()
                .flat_map(|r| tokens[r.clone()].iter())
                .filter(|t| t.is_word())
                .map(|t| t.text(text))
                .collect()
        };
        let first = words(&clauses[0]);
        assert_eq!(first.first(), Some(&"Jeder"));
        assert_eq!(first.last(), Some(&"zurück"));
        assert!(!first.contains(&"Variable"));
        // The parenthesis's own clauses stay apart.
        assert!(clauses.iter().skip(1).any(|c| words(c) == ["Variable"]));
    }

    #[test]
    fn a_word_set_knows_its_words_in_any_ascii_case_and_no_others() {
        let sets: [(&WordSet, &[&str]); 6] = [
            (&PARTICLE_SET, crate::de::lexicon::PARTICLES),
            (&SUBORDINATOR_SET, SUBORDINATORS),
            (&CONJUNCTION_SET, CLAUSE_CONJUNCTIONS),
            (&INSERTION_OPENER_SET, INSERTION_OPENERS),
            (&DETERMINER_SET, DETERMINERS),
            (&BINOMIAL_FIRSTS, &BINOMIAL_FIRST_WORDS),
        ];
        let others = [
            "",
            "x",
            "Über",
            "ÜBER",
            "zusammenx",
            "abcdefghijklm",
            "@n",
            "{b",
        ];
        for (set, list) in sets {
            let mut words: Vec<String> = others.iter().map(ToString::to_string).collect();
            for w in list {
                words.push(w.to_string());
                words.push(w.to_ascii_uppercase());
                words.push(format!("{w}e"));
                words.push(w.chars().skip(1).collect());
            }
            for w in &words {
                let expected = w.len() <= 12 && list.iter().any(|l| l.eq_ignore_ascii_case(w));
                assert_eq!(set.contains(w), expected, "{w:?}");
            }
        }
    }

    fn sentences(text: &str) -> Vec<String> {
        let toks = tokenize(text);
        split_sentences(text, &toks)
            .into_iter()
            .map(|r| text[toks[r.start].start..toks[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn splits_quoted_sentences_of_the_article() {
        let s = sentences(
            "\"Als es noch Treffen gab, wollten sie belehren.\" \"Jedes Mal verlangten sie es. Ihr Interesse bestand darin.\"",
        );
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[0].ends_with(".\""));
        assert!(s[1].starts_with("\"Jedes"));
    }

    #[test]
    fn abbreviations_and_ordinals_do_not_end_a_sentence() {
        let s = sentences("Er kam z. B. am 3. November mit Dr. Weber. Dann ging er.");
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn question_inside_quotes_goes_on_after_a_comma() {
        let s = sentences("„Kommst du?“, fragte er. Sie nickte.");
        assert_eq!(s, ["„Kommst du?“, fragte er.", "Sie nickte."]);
    }

    #[test]
    fn clauses_end_at_commas_and_conjunctions() {
        let text = "Er macht die Tür auf und hat keine Mütze auf, weil es \"warm\" ist.";
        let toks = tokenize(text);
        let clauses: Vec<String> = split_clauses(text, &toks, 0..toks.len())
            .into_iter()
            .map(|r| text[toks[r.start].start..toks[r.end - 1].end].to_string())
            .collect();
        assert_eq!(
            clauses,
            [
                "Er macht die Tür auf",
                "und hat keine Mütze auf",
                "weil es \"warm\" ist"
            ]
        );
    }

    fn clause_texts(text: &str) -> Vec<Vec<String>> {
        let toks = tokenize(text);
        clauses(text, &toks, 0..toks.len())
            .into_iter()
            .map(|c| {
                c.into_iter()
                    .map(|r| text[toks[r.start].start..toks[r.end - 1].end].to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn an_inserted_comma_clause_does_not_end_the_clause_around_it() {
        assert_eq!(
            clause_texts("Er kündigte, wie erwartet, seinen Rücktritt an."),
            [
                vec!["Er kündigte", "seinen Rücktritt an"],
                vec!["wie erwartet"]
            ]
        );
        assert_eq!(
            clause_texts("Er kam, als sie ging, die Treppe herauf."),
            [vec!["Er kam", "die Treppe herauf"], vec!["als sie ging"]]
        );
        // Without a particle at its end, what follows the second comma is a clause of its own.
        assert_eq!(
            clause_texts("Er sagte, wie erwartet, die Sitzung sei beendet.").len(),
            3
        );
    }

    #[test]
    fn und_between_two_nouns_or_in_ab_und_zu_joins_words() {
        assert_eq!(
            clause_texts("Er macht Tür und Fenster auf."),
            [vec!["Er macht Tür und Fenster auf"]]
        );
        assert_eq!(
            clause_texts("Sie kommt ab und zu vorbei."),
            [vec!["Sie kommt ab und zu vorbei"]]
        );
        assert_eq!(clause_texts("Er lacht und sie weint.").len(), 2);
    }
}
