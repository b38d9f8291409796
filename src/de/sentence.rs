//! Sentences and clauses over tokens.

use super::token::{Token, TokenKind};
use std::ops::Range;

/// Splits a paragraph's tokens into sentences; returns token index ranges (relative to `tokens`).
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind == TokenKind::SentenceEnd && !is_ordinal_period(text, tokens, i) {
            let mut end = i + 1;
            while end < tokens.len() && tokens[end].kind == TokenKind::CloseQuote {
                end += 1;
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
    CLAUSE_CONJUNCTIONS.contains(&word)
}

/// Subordinating conjunctions: the finite verb of their clause stands at its end, joined to its
/// particle (`dass sie morgen anruft`).
pub const SUBORDINATORS: &[&str] = &[
    "als", "bevor", "bis", "damit", "dass", "daß", "falls", "indem", "nachdem", "ob", "obwohl",
    "seit", "seitdem", "sobald", "sodass", "sofern", "solange", "während", "weil", "wenn",
];

/// Splits a sentence's tokens (index range into `tokens`) into clauses at punctuation and
/// clause-starting conjunctions; returns token index ranges.
pub fn split_clauses(text: &str, tokens: &[Token], sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    let mut quoted_phrase_end = 0;
    for i in sentence.clone() {
        let t = tokens[i];
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
            TokenKind::Word => i > start && is_clause_conjunction(t.text(text)),
            _ => false,
        };
        if boundary {
            if i > start {
                out.push(start..i);
            }
            // A conjunction belongs to the clause it opens; punctuation to none.
            start = if t.kind == TokenKind::Word { i } else { i + 1 };
        }
    }
    if start < sentence.end {
        out.push(start..sentence.end);
    }
    out
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
    use crate::de::token::tokenize;

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
}
