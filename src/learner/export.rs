//! `leser export anki`: the text's terms as notes Anki imports from a tab-separated file.
//!
//! Columns: Front (the German: article, headword, plural), Back (the English), Sentence (the
//! first sentence the term occurs in, the term as cloze `{{c1::…}}`), Tags (the text's title as
//! a slug, and the status). Fields are HTML (`#html:true`): `&`, `<`, `>` and `"` are written
//! as entities, tabs and line breaks as spaces.

use super::stats::term_of;
use super::status::Status;
use super::store::Store;
use crate::glossary::{Entry, Glossary, Pos};
use crate::link::{Analysis, Link};
use crate::text::Document;
use rustc_hash::FxHashSet;
use std::fmt::Write as _;

/// Which terms become notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportSelection {
    /// Terms at learning 1 to 4.
    #[default]
    Learning,
    /// Terms with any status but new (learning, known, ignored).
    WithStatus,
    /// Every term linked in the text.
    AllLinked,
}

impl ExportSelection {
    fn includes(self, status: Status) -> bool {
        match self {
            ExportSelection::Learning => status.is_learning(),
            ExportSelection::WithStatus => status != Status::New,
            ExportSelection::AllLinked => true,
        }
    }
}

/// Anki's header lines: tab-separated, HTML fields, named columns, tags in the last one.
pub const ANKI_HEADER: &str =
    "#separator:tab\n#html:true\n#columns:Front\tBack\tSentence\tTags\n#tags column:4\n";

/// The notes for a text's terms, one line each, in the order the terms first occur, after
/// [`ANKI_HEADER`]. `glossary` is the one `analysis` was linked with.
pub fn anki_tsv(
    doc: &Document,
    analysis: &Analysis,
    glossary: &Glossary,
    store: &Store,
    which: ExportSelection,
) -> String {
    let text_tag = slug(doc.title());
    let mut out = String::from(ANKI_HEADER);
    let mut seen = FxHashSet::default();
    for link in &analysis.links {
        let (Some(term), Some(entry)) = (term_of(glossary, link), glossary.entries.get(link.entry))
        else {
            continue;
        };
        if !seen.insert(term) {
            continue;
        }
        let status = store.status(term);
        if !which.includes(status) {
            continue;
        }
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{} {}",
            field(&front(entry)),
            field(&entry.english()),
            cloze_sentence(doc, analysis, link),
            text_tag,
            status.tag()
        );
    }
    out
}

/// "der Diplomat, die Diplomaten"; "ankündigen".
fn front(entry: &Entry) -> String {
    let mut s = entry.display_headword();
    let is_noun = entry.pos.is_none_or(|p| p == Pos::Noun);
    if let Some(plural) = entry.plural.as_deref().map(str::trim)
        && is_noun
        && !plural.is_empty()
        && plural != "-"
    {
        s.push_str(", ");
        if !plural.starts_with("die ") {
            s.push_str("die ");
        }
        s.push_str(plural);
    }
    s
}

/// The sentence of a link, each of its spans wrapped as cloze 1: `Die NATO {{c1::kündigte}}
/// … {{c1::an}}`.
fn cloze_sentence(doc: &Document, analysis: &Analysis, link: &Link) -> String {
    let Some(sentence) = analysis.sentences.get(link.sentence) else {
        return String::new();
    };
    cloze(&doc.source, sentence.range.clone(), &link.spans)
}

/// Text of `range` with every span inside it as `{{c1::…}}`, as one field.
fn cloze(source: &str, range: std::ops::Range<usize>, spans: &[std::ops::Range<usize>]) -> String {
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
    field(raw.trim())
}

/// One field: HTML-escaped, every run of whitespace (tab, line break) one space.
fn field(s: &str) -> String {
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
fn slug(title: &str) -> String {
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
    use crate::link::Sentence;

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

    /// The cloze through `anki_tsv`, on an analysis built by hand with a split verb.
    #[test]
    fn exports_a_hand_built_split_verb_link() {
        let src = "Moskau kündigte die Gespräche an.";
        let doc = Document::parse("moskau.txt", src.to_string()).unwrap();
        let glossary = crate::glossary::parse(
            "[[term]]\nde = \"ankündigen\"\nen = [\"to announce\", \"to give notice of\"]\npos = \"verb\"\n",
            "g.toml",
        )
        .unwrap();
        let verb = src.find("kündigte").unwrap();
        let particle = src.rfind("an").unwrap();
        let analysis = Analysis {
            tokens: Vec::new(),
            sentences: vec![Sentence {
                range: 0..src.len(),
                paragraph: 0,
                index_in_paragraph: 0,
                tokens: 0..0,
            }],
            links: vec![Link {
                entry: 0,
                tokens: Vec::new(),
                spans: vec![verb..verb + "kündigte".len(), particle..particle + 2],
                sentence: 0,
                form: "past, split".into(),
                parts: Vec::new(),
                alternatives: Vec::new(),
            }],
            token_link: Vec::new(),
        };
        let d = tempfile::tempdir().unwrap();
        let mut store = Store::open(d.path()).unwrap();
        assert_eq!(
            anki_tsv(
                &doc,
                &analysis,
                &glossary,
                &store,
                ExportSelection::Learning
            ),
            ANKI_HEADER
        );
        store.set_status("ankündigen", Status::Learning(2)).unwrap();
        let tsv = anki_tsv(
            &doc,
            &analysis,
            &glossary,
            &store,
            ExportSelection::Learning,
        );
        assert_eq!(
            tsv.strip_prefix(ANKI_HEADER).unwrap(),
            "ankündigen\tto announce; to give notice of\t\
             Moskau {{c1::kündigte}} die Gespräche {{c1::an}}.\tmoskau-txt learning_2\n"
        );
    }
}
