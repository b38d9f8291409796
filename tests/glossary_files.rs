//! Every glossary under `tests/fixtures/glossary/` loads as its own header comments say.
//!
//! A file states what it expects in comment lines at its top: `# expect: L:C: message` for each
//! error (invalid files), `# warning: L:C: message` for each warning (valid files). The test
//! requires exactly those diagnostics, no more.

use leser::glossary::{Diagnostic, Glossary, GlossaryError};
use std::path::{Path, PathBuf};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/glossary")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// The `# tag: ...` lines of the comment block that opens the file.
fn stated(path: &Path, tag: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let prefix = format!("# {tag}: ");
    text.lines()
        .take_while(|line| line.starts_with('#'))
        .filter_map(|line| line.strip_prefix(&prefix))
        .map(str::to_string)
        .collect()
}

/// `line:column: message`, checking the path part on the way.
fn render(path: &Path, diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.path, path.display().to_string());
            format!("{}:{}: {}", d.line, d.column, d.message)
        })
        .collect()
}

#[test]
fn valid_glossaries_load_with_exactly_the_stated_warnings() {
    let files = fixtures("valid");
    assert!(files.len() >= 3, "only {} valid fixtures", files.len());
    let mut warned = 0;
    for path in &files {
        let glossary = Glossary::load(path).unwrap_or_else(|e| panic!("{e}"));
        let expected = stated(path, "warning");
        warned += expected.len();
        assert_eq!(
            render(path, &glossary.warnings),
            expected,
            "{}",
            path.display()
        );
        for entry in &glossary.entries {
            assert!(!entry.de.is_empty() && !entry.en.is_empty(), "{entry:?}");
            assert!(entry.line > 0, "{entry:?}");
        }
    }
    assert!(
        warned > 0,
        "some valid fixture must show the unknown-key warning"
    );
}

#[test]
fn full_fixture_fills_every_field() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/glossary/valid/full.toml");
    let glossary = Glossary::load(&path).unwrap();
    let diplomat = &glossary.entries[0];
    assert_eq!(diplomat.line, 3);
    assert_eq!(diplomat.display_headword(), "der Diplomat");
    assert_eq!(diplomat.en, ["diplomat", "envoy"]);
    assert_eq!(diplomat.plural.as_deref(), Some("Diplomaten"));
    assert_eq!(diplomat.forms, ["Diplomaten", "Diplomatin"]);
    assert!(diplomat.note.is_some() && diplomat.example.is_some() && diplomat.example_en.is_some());
    assert_eq!(diplomat.separable, Some(false));
    let lines: Vec<usize> = glossary.entries.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 15, 21, 26, 31, 36]);
}

#[test]
fn invalid_glossaries_report_exactly_the_stated_errors() {
    let files = fixtures("invalid");
    assert!(files.len() >= 10, "only {} invalid fixtures", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let expected = stated(path, "expect");
        assert!(
            !expected.is_empty(),
            "{} states no `# expect:` line",
            path.display()
        );
        let found = match Glossary::load(path) {
            Ok(_) => vec!["(loaded without errors)".to_string()],
            Err(GlossaryError::Invalid(diagnostics)) => render(path, &diagnostics),
            Err(other) => vec![other.to_string()],
        };
        if found != expected {
            failures.push(format!(
                "{}\n  expected:\n    {}\n  found:\n    {}",
                path.display(),
                expected.join("\n    "),
                found.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn invalid_message_lists_every_error_with_its_path() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/glossary/invalid/several_problems.toml");
    let message = Glossary::load(&path).unwrap_err().to_string();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), stated(&path, "expect").len());
    for (line, expected) in lines.iter().zip(stated(&path, "expect")) {
        assert_eq!(*line, format!("{}:{expected}", path.display()));
    }
}
