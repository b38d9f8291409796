//! The linker against a table of German sentences: `tests/fixtures/linking/cases.toml`, linked
//! with `tests/fixtures/linking/glossary.toml` (headwords only, no listed forms), and once more
//! with every `plural` and `forms` taken out, as a learner's quick glossary has them.

use leser::glossary::Glossary;
use leser::link::Linker;
use leser::text::Document;
use std::fmt::Write as _;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    sentence: String,
    words: Vec<String>,
    term: Option<String>,
    #[serde(default)]
    note: String,
    /// The case needs the entry's `plural` (an irregular one no class rule makes).
    #[serde(default)]
    needs_plural: bool,
    /// For homographs: the gender of the entry the link must have chosen.
    gender: Option<String>,
    /// Nothing in the sentence decides between homographs: the link offers alternatives.
    #[serde(default)]
    ambiguous: bool,
}

/// Byte ranges of `words` in `sentence`: each the first whole-word occurrence after the previous.
fn locate(sentence: &str, words: &[String]) -> Option<Vec<std::ops::Range<usize>>> {
    let tokens = leser::de::token::tokenize(sentence);
    let mut out = Vec::new();
    let mut from = 0;
    for w in words {
        let tok = tokens
            .iter()
            .find(|t| t.start >= from && &sentence[t.start..t.end] == w)?;
        out.push(tok.start..tok.end);
        from = tok.end;
    }
    Some(out)
}

fn fixtures() -> (Glossary, Cases) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/linking");
    let glossary = Glossary::load(&dir.join("glossary.toml")).expect("fixture glossary loads");
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string(dir.join("cases.toml")).expect("cases.toml"))
            .expect("cases.toml parses");
    (glossary, cases)
}

#[test]
fn linking_table() {
    let (glossary, cases) = fixtures();
    assert!(cases.case.len() >= 150, "only {} cases", cases.case.len());
    let failures = run(&Linker::new(glossary), &cases, |_| true);
    assert!(failures.is_empty(), "linking table failures:\n{failures}");
}

#[test]
fn linking_table_without_plurals_or_forms() {
    let (mut glossary, cases) = fixtures();
    for e in &mut glossary.entries {
        e.plural = None;
        e.forms.clear();
    }
    let failures = run(&Linker::new(glossary), &cases, |c| !c.needs_plural);
    assert!(
        failures.is_empty(),
        "linking table failures without plurals:\n{failures}"
    );
}

/// The cases `keep` selects that the linker gets wrong, described.
fn run(linker: &Linker, cases: &Cases, keep: impl Fn(&Case) -> bool) -> String {
    let mut failures = String::new();
    for (n, case) in cases.case.iter().enumerate() {
        if !keep(case) {
            continue;
        }
        let doc = Document::parse("case", case.sentence.clone()).expect("sentence parses");
        let analysis = linker.analyze(&doc);
        let Some(spans) = locate(&case.sentence, &case.words) else {
            let _ = writeln!(
                failures,
                "#{n}: words {:?} not found in: {}",
                case.words, case.sentence
            );
            continue;
        };
        let linked: Vec<String> = analysis
            .links
            .iter()
            .map(|l| {
                let words: Vec<&str> = l.spans.iter().map(|r| &case.sentence[r.clone()]).collect();
                let entry = &linker.glossary().entries[l.entry];
                format!(
                    "{} → {}{}{} ({})",
                    words.join(" … "),
                    entry.de,
                    entry
                        .gender
                        .map_or(String::new(), |g| format!(" {}", g.as_str())),
                    if l.alternatives.is_empty() {
                        ""
                    } else {
                        " or another"
                    },
                    l.form
                )
            })
            .collect();
        let covering = analysis
            .links
            .iter()
            .find(|l| l.spans.iter().any(|r| spans.contains(r)));
        let ok = match (&case.term, covering) {
            (None, None) => true,
            (None, Some(_)) | (Some(_), None) => false,
            (Some(term), Some(link)) => {
                let entry = &linker.glossary().entries[link.entry];
                entry.de == *term
                    && link.spans == spans
                    && case.gender.as_ref().is_none_or(|g| {
                        entry.gender.map(leser::glossary::Gender::as_str) == Some(g.as_str())
                    })
                    && case.ambiguous != link.alternatives.is_empty()
            }
        };
        if !ok {
            let _ = writeln!(
                failures,
                "#{n} {}\n    sentence: {}\n    expected: {:?} → {}\n    linked:   {}",
                case.note,
                case.sentence,
                case.words,
                case.term.as_deref().unwrap_or("(no link)"),
                if linked.is_empty() {
                    "(nothing)".to_string()
                } else {
                    linked.join("; ")
                }
            );
        }
    }
    failures
}
