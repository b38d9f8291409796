//! What the reader asks the dictionaries for a word of a text, and the lookup itself: the
//! word with the particle that ends its clause (`kündigte … an`), whether it opens its
//! sentence, and the use its neighbours give it (`sein Kind`: the possessive). The reader's
//! card and gloss ask this, and so do the answers' tests.

use super::{Answer, Dictionaries};
use crate::de::inflect::PARTICLES;
use crate::de::sentence::split_clauses;
use crate::de::token::{Token, TokenKind};
use crate::link::Analysis;
use std::ops::Range;

/// What the card asks the dictionaries about: a word of the text (with the particle at its
/// clause's end, for a verb that may be split), or a glossary entry's headword.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DictQuery {
    pub word: String,
    /// A separable particle that may belong to the word: `an` for `kündigte … an`.
    pub particle: Option<String>,
    /// The glossary's part of speech whose senses come first: `noun`, `verb`, …
    pub pos: Option<String>,
    /// The word starts its sentence, so its capital says nothing (`Ein` is the article).
    pub sentence_start: bool,
}

/// Where a word of a text stands, as far as its headword goes: whether it opens its sentence
/// (where its capital says nothing) and whether it stands before its noun (where it is first an
/// adjective: see [`crate::de::core::before_noun`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Place {
    /// The word starts its sentence: `Ein` is the article, `Neue` may be neu.
    pub sentence_start: bool,
    /// The word has an adjective's ending and its noun follows: `schönen` in `einen schönen
    /// Garten` is schön, not the verb schönen.
    pub before_noun: bool,
}

impl Place {
    /// A word that opens its sentence (or not), and stands before no noun.
    pub const fn at_start(sentence_start: bool) -> Place {
        Place {
            sentence_start,
            before_noun: false,
        }
    }

    /// The part of speech the place asks for first: `adj` before a noun.
    pub fn pos(self) -> Option<&'static str> {
        self.before_noun.then_some("adj")
    }
}

/// What the dictionaries said about a [`DictQuery`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Looked {
    pub answers: Vec<Answer>,
    /// Whether the answers are the particle verb's (`ankündigen` for `kündigte` + `an`).
    pub with_particle: bool,
}

/// Looks a query up: with its particle first, and only when that finds the particle verb is
/// it kept (a compound is answered through its parts only without a particle).
pub fn look_up(dicts: &Dictionaries, query: &DictQuery) -> Looked {
    let pos = query.pos.as_deref();
    let start = query.sentence_start;
    if let Some(particle) = query.particle.as_deref() {
        let answers = dicts.lookup_in(&query.word, Some(particle), pos, start);
        // Without the particle verb, the answers are the word's own.
        if !has_particle(&query.word, particle)
            && answers.iter().any(|a| has_particle(&a.lemma, particle))
        {
            return Looked {
                answers,
                with_particle: true,
            };
        }
    }
    Looked {
        answers: dicts.lookup_in(&query.word, None, pos, start),
        with_particle: false,
    }
}

/// Whether a word (of a headword) starts with this particle: `ankündigen`, `etw. ankündigen`.
fn has_particle(lemma: &str, particle: &str) -> bool {
    let particle = particle.to_lowercase();
    lemma.split_whitespace().any(|w| {
        let w = w.to_lowercase();
        w.len() > particle.len() && w.starts_with(&particle)
    })
}

/// The query for word token `token` of `analysis` (over `text`): a word capitalized inside its
/// sentence is a noun; any other may be a finite verb whose particle ends the clause
/// (`kündigte … an`), because the linker splits verbs only for glossary entries; a function
/// word whose clause tells its use asks for that use first ([`crate::de::core::pos_in_clause`]),
/// and so does an adjective before its noun ([`crate::de::core::before_noun`]).
/// `None` for a token that is no word.
pub fn word_query(text: &str, analysis: &Analysis, token: usize) -> Option<DictQuery> {
    let tokens = &analysis.tokens;
    let t = tokens.get(token)?;
    if !matches!(t.kind, TokenKind::Word | TokenKind::Abbreviation) {
        return None;
    }
    let word = t.text(text);
    let sentence = analysis
        .sentence_of_token(token)
        .and_then(|s| analysis.sentences.get(s));
    let sentence_start = sentence.is_some_and(|s| {
        crate::de::sentence::opens_sentence(text, tokens, s.tokens.clone(), token)
    });
    let noun = crate::de::is_capitalized(word) && !sentence_start;
    let clause = sentence.and_then(|s| {
        split_clauses(text, tokens, s.tokens.clone())
            .into_iter()
            .find(|c| c.contains(&token))
    });
    let words: Vec<(usize, &str)> = clause
        .map(|c| {
            c.filter(|&i| tokens[i].is_word())
                .map(|i| (i, tokens[i].text(text)))
                .collect()
        })
        .unwrap_or_default();
    let particle = words
        .last()
        .filter(|&&(last, _)| !noun && last > token)
        .map(|(_, w)| w.to_lowercase())
        .filter(|w| PARTICLES.contains(&w.as_str()));
    let pos = if noun {
        Some("noun")
    } else {
        let at = words.iter().position(|&(i, _)| i == token);
        let clause: Vec<&str> = words.iter().map(|&(_, w)| w).collect();
        let opener = sentence.and_then(|s| {
            words.iter().position(|&(i, _)| {
                crate::de::sentence::opens_sentence(text, tokens, s.tokens.clone(), i)
            })
        });
        at.and_then(|at| {
            crate::de::core::pos_in_clause(&clause, at)
                .or_else(|| crate::de::core::before_noun(&clause, at, opener).then_some("adj"))
                .or_else(|| crate::de::core::verb_first(&clause, at, opener).then_some("verb"))
        })
    };
    Some(DictQuery {
        word: word.to_string(),
        particle,
        pos: pos.map(str::to_string),
        sentence_start,
    })
}

/// The place of each word of a clause that a dictionary may answer (its words and
/// abbreviations), in order: `clause` is a token range of `sentence`, as
/// [`crate::de::sentence::split_clauses`] gives it. [`word_query`] asks the same of a word.
pub fn clause_places(
    text: &str,
    tokens: &[Token],
    sentence: Range<usize>,
    clause: Range<usize>,
) -> Vec<(usize, Place)> {
    let opens = |t: usize| crate::de::sentence::opens_sentence(text, tokens, sentence.clone(), t);
    let words: Vec<usize> = clause.clone().filter(|&t| tokens[t].is_word()).collect();
    let texts: Vec<&str> = words.iter().map(|&t| tokens[t].text(text)).collect();
    let opener = words.iter().position(|&t| opens(t));
    let mut at = 0;
    clause
        .filter(|&t| matches!(tokens[t].kind, TokenKind::Word | TokenKind::Abbreviation))
        .map(|t| {
            let word = words.get(at) == Some(&t);
            let place = Place {
                sentence_start: opens(t),
                before_noun: word && crate::de::core::before_noun(&texts, at, opener),
            };
            at += usize::from(word);
            (t, place)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;
    use crate::link::Linker;
    use crate::text::Document;

    /// The query for the first `word` of `text`.
    fn query(text: &str, word: &str) -> DictQuery {
        let doc = Document::parse("t.txt", text.to_string()).expect("a text");
        let analysis = Linker::new(Glossary::default()).analyze(&doc);
        let token = (0..analysis.tokens.len())
            .find(|&t| analysis.tokens[t].text(&doc.source) == word)
            .expect("the word");
        word_query(&doc.source, &analysis, token).expect("a word")
    }

    #[test]
    fn a_word_is_asked_with_its_clause_s_particle_and_its_use() {
        let hielt = query("Er hielt an und kurbelte die Scheibe herunter.", "hielt");
        assert_eq!(hielt.particle.as_deref(), Some("an"));
        assert!(!hielt.sentence_start && hielt.pos.is_none());
        let er = query("Er hielt an und kurbelte die Scheibe herunter.", "Er");
        assert!(er.sentence_start && er.pos.is_none());
        let nase = query("Warum läuft die Nase, während die Füße riechen?", "Nase");
        assert_eq!((nase.pos.as_deref(), nase.particle), (Some("noun"), None));
        let waehrend = query("Warum läuft die Nase, während die Füße riechen?", "während");
        assert_eq!(waehrend.pos.as_deref(), Some("conj"));
        let sein = query("Und auch sein Kind.", "sein");
        assert_eq!(sein.pos.as_deref(), Some("pron"));
        let wie = query("Sie ist wie ein Messer.", "wie");
        assert_eq!(wie.pos.as_deref(), Some("conj"));
    }

    #[test]
    fn an_adjective_before_its_noun_is_asked_for_as_an_adjective() {
        let schoenen = query("Er hat einen schönen Garten.", "schönen");
        assert_eq!(schoenen.pos.as_deref(), Some("adj"));
        let neue = query("Neue Besen kehren gut.", "Neue");
        assert_eq!(
            (neue.pos.as_deref(), neue.sentence_start),
            (Some("adj"), true)
        );
        // After a noun or a subject pronoun, the verb.
        let lieben = query("Die Kinder lieben Tiere.", "lieben");
        assert_eq!(lieben.pos, None);
        let heissen = query("Sie heißen Anna.", "heißen");
        assert_eq!(heissen.pos, None);
        // A function word keeps its own use.
        let einen = query("Er hat einen schönen Garten.", "einen");
        assert_eq!(einen.pos, None);
    }

    #[test]
    fn a_clause_s_places_agree_with_the_word_s_query() {
        let text = "Guten Tag, sagte er. Die heißen Quellen sind leer.";
        let doc = Document::parse("t.txt", text.to_string()).expect("a text");
        let analysis = Linker::new(Glossary::default()).analyze(&doc);
        let mut places = Vec::new();
        for sentence in &analysis.sentences {
            let range = sentence.tokens.clone();
            for clause in split_clauses(&doc.source, &analysis.tokens, range.clone()) {
                places.extend(clause_places(
                    &doc.source,
                    &analysis.tokens,
                    range.clone(),
                    clause,
                ));
            }
        }
        let words: Vec<(&str, Place)> = places
            .iter()
            .map(|&(t, place)| (analysis.tokens[t].text(&doc.source), place))
            .collect();
        let at = |sentence_start, before_noun| Place {
            sentence_start,
            before_noun,
        };
        assert_eq!(
            words,
            [
                ("Guten", at(true, true)),
                ("Tag", at(false, false)),
                ("sagte", at(false, false)),
                ("er", at(false, false)),
                ("Die", at(true, false)),
                ("heißen", at(false, true)),
                ("Quellen", at(false, false)),
                ("sind", at(false, false)),
                ("leer", at(false, false)),
            ]
        );
        for (t, place) in places {
            let q = word_query(&doc.source, &analysis, t).expect("a word");
            assert_eq!(q.sentence_start, place.sentence_start);
            assert_eq!(q.pos.as_deref() == Some("adj"), place.before_noun);
        }
    }

    #[test]
    fn no_query_for_what_is_no_word() {
        let doc = Document::parse("t.txt", "Es kostet 20 Euro.".to_string()).expect("a text");
        let analysis = Linker::new(Glossary::default()).analyze(&doc);
        let number = (0..analysis.tokens.len())
            .find(|&t| analysis.tokens[t].text(&doc.source) == "20")
            .expect("the number");
        assert_eq!(word_query(&doc.source, &analysis, number), None);
    }
}
