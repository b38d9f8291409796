//! What `leser lookup WORD` prints, as text or JSON.

use super::{Answer, Dictionaries};
use crate::de::core;
use serde::Serialize;
use std::fmt::Write;

/// Suggestions printed when nothing is found.
const NEAREST: usize = 8;

#[derive(Serialize)]
struct Report<'a> {
    word: &'a str,
    particle: Option<&'a str>,
    found: bool,
    answers: &'a [Answer],
    nearest: Vec<String>,
}

/// The answer to `leser lookup WORD`, and whether anything was found (exit 1 when not).
/// `word` may name a split verb as `kündigte an`; a phrase headword (`zur Kenntnis nehmen`)
/// is looked up whole first.
pub fn lookup_report(dicts: &Dictionaries, word: &str, json: bool) -> (String, bool) {
    let word = word.trim();
    let split = word.rsplit_once(' ').filter(|(_, p)| {
        crate::de::analyze::SEPARABLE_PARTICLES.contains(&p.to_lowercase().as_str())
    });
    // A word on its own: its capital says nothing about it, as at a sentence's start.
    let look = |w: &str, p: Option<&str>| dicts.lookup_in(w, p, None, true);
    let (answers, particle) = match split.map(|(verb, p)| (look(verb, Some(p)), p)) {
        Some((answers, p)) if !answers.is_empty() => (answers, Some(p)),
        _ => (look(word, None), None),
    };
    let found = !answers.is_empty();
    let nearest = if found {
        Vec::new()
    } else {
        dicts.nearest(word, NEAREST)
    };
    let out = if json {
        let report = Report {
            word: split
                .filter(|_| particle.is_some())
                .map_or(word, |(verb, _)| verb),
            particle,
            found,
            answers: &answers,
            nearest,
        };
        // Serializing plain strings and vectors cannot fail.
        serde_json::to_string(&report).unwrap_or_default() + "\n"
    } else {
        // A core answer is about the word itself, the verb of a split verb.
        let looked_up = split
            .filter(|_| particle.is_some())
            .map_or(word, |(verb, _)| verb);
        text_report(dicts, word, looked_up, &answers, &nearest)
    };
    (out, found)
}

fn text_report(
    dicts: &Dictionaries,
    word: &str,
    looked_up: &str,
    answers: &[Answer],
    nearest: &[String],
) -> String {
    let mut out = String::new();
    if dicts.is_empty() && answers.is_empty() {
        out.push_str(
            "no dictionary found: install trans-de-en (Ding) or dict-freedict-deu-eng, or name one with --dict\n",
        );
        return out;
    }
    if answers.is_empty() {
        let _ = writeln!(out, "{word}: not in the dictionaries");
        if !nearest.is_empty() {
            let _ = writeln!(out, "nearest: {}", nearest.join(", "));
        }
        return out;
    }
    for (i, a) in answers.iter().enumerate() {
        if core::is_core(a) {
            // One line each, `dem: dative singular of der (masculine or neuter): the, to the`,
            // the source once after the last.
            let _ = writeln!(out, "{}", core::summary(looked_up, a));
            if let Some(note) = core::note(a) {
                let _ = writeln!(out, "  {note}");
            }
            if !answers.get(i + 1).is_some_and(core::is_core) {
                let _ = writeln!(out, "  [{}]", a.dictionary);
            }
            continue;
        }
        if i > 0 {
            out.push('\n');
        }
        let _ = write!(out, "{}", a.headword);
        if !a.forms.is_empty() {
            let _ = write!(out, " ({})", a.forms.join(", "));
        }
        let _ = writeln!(out, "  [{}]", a.dictionary);
        if !a.how.is_empty() {
            let _ = writeln!(out, "  {word}: {}", a.how);
        }
        for (n, s) in a.senses.iter().enumerate() {
            let _ = write!(out, "  {}. ", n + 1);
            if !s.de.is_empty() {
                let _ = write!(out, "{}: ", s.de);
            }
            let _ = write!(out, "{}", s.text);
            let grammar: Vec<&str> = std::iter::once(s.pos.as_str())
                .chain(s.tags.iter().map(String::as_str))
                .filter(|t| !t.is_empty())
                .collect();
            if !grammar.is_empty() {
                let _ = write!(out, "  ({})", grammar.join(", "));
            }
            for l in &s.labels {
                let _ = write!(out, " [{l}]");
            }
            if !s.synonyms.is_empty() {
                let _ = write!(out, "  = {}", s.synonyms.join("; "));
            }
            out.push('\n');
        }
    }
    out
}
