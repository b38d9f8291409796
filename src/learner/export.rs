//! `leser export anki`: the text's terms as notes Anki imports from a tab-separated file.
//!
//! Columns: Front (the German: article, headword, plural), Back (the English), Sentence (the
//! first sentence the term occurs in, the term as cloze `{{c1::…}}`), Tags (the text's title as
//! a slug, and the status). Fields are HTML (`#html:true`): `&`, `<`, `>` and `"` are written
//! as entities, tabs and line breaks as spaces.

use super::apkg::NoteRecord;
use super::status::Status;
use crate::dict::Dictionaries;
use crate::glossary::{Entry, Glossary, Pos};
use crate::link::Analysis;
use crate::terms::Terms;
use crate::text::{Alignment, Document};
use std::fmt::Write as _;

/// Which terms become notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportSelection {
    /// Terms at learning 1 to 4.
    #[default]
    Learning,
    /// Terms with any status but new (learning, known, ignored).
    WithStatus,
    /// Every term of the text.
    All,
}

impl ExportSelection {
    fn includes(self, status: Status) -> bool {
        match self {
            ExportSelection::Learning => status.is_learning(),
            ExportSelection::WithStatus => status != Status::New,
            ExportSelection::All => true,
        }
    }
}

/// Anki's header lines: tab-separated, HTML fields, named columns, tags in the last one.
pub const ANKI_HEADER: &str =
    "#separator:tab\n#html:true\n#columns:Front\tBack\tSentence\tTags\n#tags column:4\n";

/// What the notes of a text are made from.
#[derive(Debug, Clone, Copy)]
pub struct TextNotes<'a> {
    pub doc: &'a Document,
    /// The text linked with `glossary`.
    pub analysis: &'a Analysis,
    pub glossary: &'a Glossary,
    /// Every word's term, and each term's status (indexed like `terms.keys()`).
    pub terms: &'a Terms,
    pub statuses: &'a [Status],
    /// For terms without a glossary entry: article, plural and senses.
    pub dicts: Option<&'a Dictionaries>,
}

/// One note: a term of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The term's key: its headword.
    pub headword: String,
    /// The headword with its article: `der Diplomat`.
    pub german: String,
    /// The plural, for nouns: `die Diplomaten`.
    pub plural: Option<String>,
    pub english: String,
    /// The first sentence the term occurs in, as plain text, and the byte spans of the term in
    /// it (relative to the sentence).
    pub sentence: String,
    pub cloze_spans: Vec<std::ops::Range<usize>>,
    pub status: Status,
}

/// English senses shown for a term from a dictionary.
const DICTIONARY_SENSES: usize = 3;

/// The notes for a text's terms, in the order the terms first occur.
pub fn notes(src: &TextNotes, which: ExportSelection) -> Vec<Note> {
    let terms = src.terms;
    let mut first: Vec<Option<usize>> = vec![None; terms.keys().len()];
    for (token, id) in terms.term_tokens() {
        first[id].get_or_insert(token);
    }
    let mut out = Vec::new();
    for (id, token) in first.iter().enumerate() {
        let (Some(token), Some(&status)) = (*token, src.statuses.get(id)) else {
            continue;
        };
        if !which.includes(status) {
            continue;
        }
        let headword = terms.keys()[id].clone();
        let link = src.analysis.token_link.get(token).copied().flatten();
        let entry = link
            .and_then(|l| src.analysis.links.get(l))
            .and_then(|l| src.glossary.entries.get(l.entry));
        let (german, plural, english) = match entry {
            Some(entry) => (entry.display_headword(), plural(entry), entry.english()),
            None => from_dictionary(src.dicts, &headword, terms, token),
        };
        let spans: Vec<std::ops::Range<usize>> = match link.and_then(|l| src.analysis.links.get(l))
        {
            Some(link) => link.spans.clone(),
            None => term_spans_in_sentence(src.analysis, terms, token, id),
        };
        let sentence = src
            .analysis
            .sentence_of_token(token)
            .and_then(|s| src.analysis.sentences.get(s));
        let (sentence, cloze_spans) = match sentence {
            Some(s) => (
                src.doc.source[s.range.clone()].to_string(),
                spans
                    .iter()
                    .filter(|r| r.start >= s.range.start && r.end <= s.range.end)
                    .map(|r| r.start - s.range.start..r.end - s.range.start)
                    .collect(),
            ),
            None => (String::new(), Vec::new()),
        };
        out.push(Note {
            headword,
            german,
            plural,
            english,
            sentence,
            cloze_spans,
            status,
        });
    }
    out
}

/// The spans of a term's words in the sentence of its first token (a split verb's two parts).
fn term_spans_in_sentence(
    analysis: &Analysis,
    terms: &Terms,
    token: usize,
    id: usize,
) -> Vec<std::ops::Range<usize>> {
    let Some(sentence) = analysis
        .sentence_of_token(token)
        .and_then(|s| analysis.sentences.get(s))
    else {
        return Vec::new();
    };
    sentence
        .tokens
        .clone()
        .filter(|&t| terms.term_id(t) == Some(id))
        .map(|t| analysis.tokens[t].start..analysis.tokens[t].end)
        .collect()
}

/// German with article, plural and English for a term no glossary entry has, from the first
/// dictionary answer for its headword; the headword alone when there is none.
fn from_dictionary(
    dicts: Option<&Dictionaries>,
    headword: &str,
    terms: &Terms,
    token: usize,
) -> (String, Option<String>, String) {
    let noun = terms
        .form_of_token(token)
        .is_some_and(crate::terms::FormKey::noun_like)
        || crate::de::is_capitalized(headword);
    let pos = noun.then_some("noun");
    // Nothing knew the word: it stands as written in the text (`Mathematikprofessor`).
    let written = terms
        .form_of_token(token)
        .map(|f| f.word.clone())
        .filter(|w| w.to_lowercase() == headword)
        .unwrap_or_else(|| headword.to_string());
    let answers = dicts
        .map(|d| d.lookup_for(headword, None, pos))
        .unwrap_or_default();
    let Some(answer) = answers.iter().find(|a| !a.how.starts_with("part of ")) else {
        // A compound known through its parts: each part's first sense, `mathematics + professor`.
        let mut parts: Vec<(&str, &str)> = Vec::new();
        for a in &answers {
            if let Some(sense) = a.senses.first()
                && !parts.iter().any(|(lemma, _)| *lemma == a.lemma)
            {
                parts.push((&a.lemma, &sense.text));
            }
        }
        let english = parts
            .iter()
            .map(|(_, e)| *e)
            .collect::<Vec<_>>()
            .join(" + ");
        return (written, None, english);
    };
    let plural = answer
        .forms
        .iter()
        .find_map(|f| f.strip_prefix("pl. "))
        .map(|p| format!("die {p}"));
    let mut english: Vec<&str> = Vec::new();
    for sense in &answer.senses {
        if !sense.text.is_empty() && !english.contains(&sense.text.as_str()) {
            english.push(&sense.text);
        }
        if english.len() == DICTIONARY_SENSES {
            break;
        }
    }
    (answer.headword.clone(), plural, english.join("; "))
}

/// The notes as Anki's tab-separated file, after [`ANKI_HEADER`].
pub fn anki_tsv(src: &TextNotes, which: ExportSelection) -> String {
    let text_tag = slug(src.doc.title());
    let mut out = String::from(ANKI_HEADER);
    for note in notes(src, which) {
        let mut front = note.german.clone();
        if let Some(p) = &note.plural {
            front.push_str(", ");
            front.push_str(p);
        }
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{} {}",
            field(&front),
            field(&note.english),
            cloze(&note.sentence, 0..note.sentence.len(), &note.cloze_spans),
            text_tag,
            note.status.tag()
        );
    }
    out
}

/// The notes as records for an Anki package ([`super::apkg`]): the same terms as
/// [`anki_tsv`], in the same order, with the sentence's translation when there is one. IPA
/// and sound are the caller's to add.
pub fn anki_notes(
    src: &TextNotes,
    which: ExportSelection,
    translation: Option<&Document>,
) -> Vec<NoteRecord> {
    let analysis = src.analysis;
    let aligned = translation.map(|t| {
        let sentences = crate::link::segment(&t.source, &t.paragraphs).sentences;
        (
            t,
            Alignment::new(&analysis.sentences, &sentences, &t.paragraphs),
        )
    });
    let mut first: Vec<Option<usize>> = vec![None; src.terms.keys().len()];
    for (token, id) in src.terms.term_tokens() {
        first[id].get_or_insert(token);
    }
    notes(src, which)
        .into_iter()
        .map(|note| {
            let sentence = src
                .terms
                .id(&note.headword)
                .and_then(|id| first[id])
                .and_then(|t| analysis.sentence_of_token(t));
            let sentence_en = aligned
                .as_ref()
                .zip(sentence)
                .and_then(|((t, alignment), s)| t.source.get(alignment.target(s)?))
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default();
            NoteRecord {
                sentence_cloze: cloze_text(
                    &note.sentence,
                    0..note.sentence.len(),
                    &note.cloze_spans,
                ),
                german: note.german,
                plural: note.plural.unwrap_or_default(),
                english: note.english,
                sentence_en,
                text_title: src.doc.title().to_string(),
                status: note.status,
                headword: note.headword,
                ..NoteRecord::default()
            }
        })
        .collect()
}

/// A noun entry's plural with its article: "die Diplomaten".
fn plural(entry: &Entry) -> Option<String> {
    let is_noun = entry.pos.is_none_or(|p| p == Pos::Noun);
    let plural = entry.plural.as_deref().map(str::trim)?;
    if !is_noun || plural.is_empty() || plural == "-" {
        return None;
    }
    Some(if plural.starts_with("die ") {
        plural.to_string()
    } else {
        format!("die {plural}")
    })
}

/// "der Diplomat, die Diplomaten"; "ankündigen".
#[cfg(test)]
fn front(entry: &Entry) -> String {
    let mut s = entry.display_headword();
    if let Some(p) = plural(entry) {
        s.push_str(", ");
        s.push_str(&p);
    }
    s
}

/// Text of `range` with every span inside it as `{{c1::…}}`, as one field.
fn cloze(source: &str, range: std::ops::Range<usize>, spans: &[std::ops::Range<usize>]) -> String {
    field(&cloze_text(source, range, spans))
}

/// Text of `range` with every span inside it as `{{c1::…}}`, as plain text.
fn cloze_text(
    source: &str,
    range: std::ops::Range<usize>,
    spans: &[std::ops::Range<usize>],
) -> String {
    let mut spans: Vec<_> = spans
        .iter()
        .filter(|s| s.start >= range.start && s.end <= range.end && s.start < s.end)
        .cloned()
        .collect();
    spans.sort_by_key(|s| s.start);
    // The markers contain nothing `field` changes, so the whole can be escaped at once.
    let mut raw = String::new();
    let mut pos = range.start;
    for span in spans {
        if span.start < pos {
            continue; // overlapping spans: the first one stands
        }
        let (Some(before), Some(inner)) = (source.get(pos..span.start), source.get(span.clone()))
        else {
            continue;
        };
        raw.push_str(before);
        raw.push_str("{{c1::");
        raw.push_str(inner);
        raw.push_str("}}");
        pos = span.end;
    }
    raw.push_str(source.get(pos..range.end).unwrap_or_default());
    raw.trim().to_string()
}

/// One field: HTML-escaped, every run of whitespace (tab, line break) one space.
pub(super) fn field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// An Anki tag for a title: lowercase letters and digits joined by `-`, at most 60 bytes,
/// cut between words.
pub(super) fn slug(title: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        let extra = word.len() + usize::from(!out.is_empty());
        if !out.is_empty() && out.len() + extra > MAX {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    if out.is_empty() {
        "text".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_verb_is_clozed_in_both_parts() {
        let src = "Im Oktober kündigte die NATO an, acht Diplomaten auszuweisen.";
        let verb = src.find("kündigte").unwrap();
        let particle = src.find("an,").unwrap();
        let s = cloze(
            src,
            0..src.len(),
            &[particle..particle + 2, verb..verb + "kündigte".len()],
        );
        assert_eq!(
            s,
            "Im Oktober {{c1::kündigte}} die NATO {{c1::an}}, acht Diplomaten auszuweisen."
        );
    }

    #[test]
    fn fields_have_no_tabs_or_line_breaks_and_escape_html() {
        assert_eq!(field("a\tb\n c\r\nd"), "a b c d");
        assert_eq!(field("x < y & \"z\""), "x &lt; y &amp; &quot;z&quot;");
        let src = "Er sagte:\n\"<Nein>\"\tund ging.";
        let s = cloze(src, 0..src.len(), std::slice::from_ref(&(3..8)));
        assert_eq!(s, "Er {{c1::sagte}}: &quot;&lt;Nein&gt;&quot; und ging.");
    }

    #[test]
    fn nouns_show_article_and_plural() {
        let diplomat = Entry {
            de: "Diplomat".into(),
            en: vec!["diplomat".into()],
            pos: Some(Pos::Noun),
            gender: Some(crate::glossary::Gender::M),
            plural: Some("Diplomaten".into()),
            ..Entry::default()
        };
        assert_eq!(front(&diplomat), "der Diplomat, die Diplomaten");
        let verb = Entry {
            de: "ankündigen".into(),
            en: vec!["to announce".into()],
            pos: Some(Pos::Verb),
            ..Entry::default()
        };
        assert_eq!(front(&verb), "ankündigen");
    }

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert_eq!(
            slug("Lawrow: „Die Fakten sind, dass die NATO keine Zusammenarbeit mit uns will“"),
            "lawrow-die-fakten-sind-dass-die-nato-keine-zusammenarbeit"
        );
        assert_eq!(slug("Grüße aus Köln"), "grüße-aus-köln");
        assert_eq!(slug("„“"), "text");
    }

    /// A term without a glossary entry: the headword its words are filed under, both parts
    /// of a split verb in the cloze.
    #[test]
    fn exports_a_split_verb_the_glossary_does_not_have() {
        use crate::terms::{FormKey, Found, Sources};
        let src = "Moskau kündigte die Gespräche an.";
        let doc = Document::parse("moskau.txt", src.to_string()).unwrap();
        let glossary = Glossary::default();
        let analysis = crate::link::Linker::new(glossary.clone()).analyze(&doc);
        let mut sources = Sources::default();
        sources.dictionary.insert(
            FormKey {
                word: "kündigte".into(),
                particle: Some("an".into()),
                place: crate::dict::Place::default(),
            },
            Some(Found {
                headword: "ankündigen".into(),
                with_particle: true,
            }),
        );
        let terms = Terms::build(&doc.source, &analysis, &glossary, &sources);
        let mut statuses = vec![Status::New; terms.keys().len()];
        let src_notes = |statuses: &[Status]| {
            let notes = TextNotes {
                doc: &doc,
                analysis: &analysis,
                glossary: &glossary,
                terms: &terms,
                statuses,
                dicts: None,
            };
            anki_tsv(&notes, ExportSelection::Learning)
        };
        assert_eq!(src_notes(&statuses), ANKI_HEADER);
        statuses[terms.id("ankündigen").unwrap()] = Status::Learning(2);
        assert_eq!(
            src_notes(&statuses).strip_prefix(ANKI_HEADER).unwrap(),
            "ankündigen\t\t\
             Moskau {{c1::kündigte}} die Gespräche {{c1::an}}.\tmoskau-txt learning_2\n"
        );
    }
}
