//! Parsing `glossary.toml` with diagnostics that name line and column.
//!
//! The file is read with toml's spanned tree (`DeTable`), so every problem can point at the exact
//! key, value or `[[term]]` header it concerns, and all problems are collected in one pass.

use super::{Diagnostic, Entry, Gender, Glossary, Pos};
use rustc_hash::FxHashMap;
use std::fmt;
use std::ops::Range;
use thiserror::Error;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

#[derive(Debug, Error)]
pub enum GlossaryError {
    #[error("{path}: cannot read the glossary: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the glossary is not UTF-8 text")]
    NotUtf8 { path: String },
    /// Every error found, sorted by position.
    #[error("{}", Lines(.0))]
    Invalid(Vec<Diagnostic>),
}

/// Diagnostics one per line, for error messages.
pub(crate) struct Lines<'a>(pub(crate) &'a [Diagnostic]);

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Keys a `[[term]]` table may have; anything else is warned about and ignored.
pub(crate) const TERM_KEYS: [&str; 10] = [
    "de",
    "en",
    "pos",
    "gender",
    "plural",
    "forms",
    "note",
    "example",
    "example_en",
    "separable",
];

/// Parses glossary text; `path` names the file in diagnostics.
///
/// Errors make the whole file invalid and are all returned together; unknown keys only warn.
pub fn parse(src: &str, path: &str) -> Result<Glossary, GlossaryError> {
    if let Some(entries) = super::fast::parse(src) {
        return Ok(Glossary {
            entries,
            warnings: Vec::new(),
        });
    }
    parse_thoroughly(src, path)
}

/// [`parse`] through the full TOML parser, collecting every problem with its place.
pub(super) fn parse_thoroughly(src: &str, path: &str) -> Result<Glossary, GlossaryError> {
    parse_fully_with_warnings(src, path).0
}

/// [`parse`], with the warnings also when there are errors (`leser check` shows both); when
/// the glossary loads, its warnings are in it and the list is empty. A plain glossary, which
/// has neither, is read the quick way.
pub fn parse_with_warnings(
    src: &str,
    path: &str,
) -> (Result<Glossary, GlossaryError>, Vec<Diagnostic>) {
    if let Some(entries) = super::fast::parse(src) {
        let glossary = Glossary {
            entries,
            warnings: Vec::new(),
        };
        return (Ok(glossary), Vec::new());
    }
    parse_fully_with_warnings(src, path)
}

/// [`parse_with_warnings`] through the full TOML parser.
fn parse_fully_with_warnings(
    src: &str,
    path: &str,
) -> (Result<Glossary, GlossaryError>, Vec<Diagnostic>) {
    let (doc, syntax_errors) = DeTable::parse_recoverable(src);
    let mut check = Checker::new(src, path);

    let mut syntax_offsets = Vec::with_capacity(syntax_errors.len());
    for error in &syntax_errors {
        let span = error.span().unwrap_or(src.len()..src.len());
        syntax_offsets.push(span.start);
        check.error(span.start, syntax_message(src, error.message(), &span));
    }

    let entries = check.document(doc.get_ref(), &syntax_offsets);

    let Checker {
        mut errors,
        mut warnings,
        ..
    } = check;
    warnings.sort_by_key(|d| (d.line, d.column));
    if errors.is_empty() {
        (Ok(Glossary { entries, warnings }), Vec::new())
    } else {
        errors.sort_by_key(|d| (d.line, d.column));
        (Err(GlossaryError::Invalid(errors)), warnings)
    }
}

/// The parser's message, naming the key when it is a duplicate.
fn syntax_message(src: &str, message: &str, span: &Range<usize>) -> String {
    match src.get(span.clone()) {
        Some(key) if message == "duplicate key" && !key.is_empty() => {
            format!("duplicate key `{key}`")
        }
        _ => message.to_string(),
    }
}

/// "a string", "an integer": a TOML type as a message names it.
fn a_type(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn one_of(keys: impl IntoIterator<Item = &'static str>) -> String {
    keys.into_iter().collect::<Vec<_>>().join(", ")
}

/// Byte offset -> 1-based line and character column.
struct LineIndex<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(src: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { src, starts }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        // A span never splits a character, but stay safe if one did.
        let mut end = offset;
        while !self.src.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.src[start..end].chars().count() + 1;
        (line, column)
    }
}

/// What makes two entries the same: headword, part of speech, gender and plural.
pub(super) type DuplicateKey = (String, Option<Pos>, Option<Gender>, Option<String>);

/// What was learnt from one `[[term]]` table.
struct CheckedEntry {
    entry: Entry,
    /// Where `de` is, when `de` and `pos` are both usable for the duplicate check.
    headword_at: Option<usize>,
}

struct Checker<'a> {
    path: &'a str,
    lines: LineIndex<'a>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn new(src: &'a str, path: &'a str) -> Self {
        Checker {
            path,
            lines: LineIndex::new(src),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn diagnostic(&self, offset: usize, message: String) -> Diagnostic {
        let (line, column) = self.lines.position(offset);
        Diagnostic {
            path: self.path.to_string(),
            line,
            column,
            message,
        }
    }

    fn error(&mut self, offset: usize, message: String) {
        let d = self.diagnostic(offset, message);
        self.errors.push(d);
    }

    fn warn(&mut self, offset: usize, message: String) {
        let d = self.diagnostic(offset, message);
        self.warnings.push(d);
    }

    fn unknown_key(&mut self, key: &Spanned<std::borrow::Cow<'_, str>>) {
        self.warn(
            key.span().start,
            format!("unknown key `{}` (ignored)", key.get_ref()),
        );
    }

    fn document(&mut self, doc: &DeTable<'_>, syntax_offsets: &[usize]) -> Vec<Entry> {
        let mut tables = Vec::new();
        for (key, value) in doc {
            if key.get_ref() == "term" {
                match self.term_tables(value) {
                    Some(found) => tables = found,
                    // After a syntax error the recovered tree may be malformed: report only the syntax.
                    None if !syntax_offsets.is_empty() => {}
                    None => self.error(
                        value.span().start,
                        format!(
                            "`term` must be an array of tables written as `[[term]]` headers, found {}",
                            self.found_for_term(value)
                        ),
                    ),
                }
            } else {
                self.unknown_key(key);
            }
        }

        let mut entries = Vec::with_capacity(tables.len());
        // Homographs differ in part of speech, gender or plural (der/die Kiefer, die Bank with
        // Bänke and with Banken); only the same all over is a duplicate.
        let mut first_line: FxHashMap<DuplicateKey, usize> = FxHashMap::default();
        for (i, (header, table)) in tables.iter().enumerate() {
            // An entry containing a syntax error was recovered by guesswork: its own checks would
            // only echo that error, so they are dropped.
            let region_end = tables.get(i + 1).map_or(usize::MAX, |(next, _)| next.start);
            let broken = syntax_offsets
                .iter()
                .any(|&o| (header.start..region_end).contains(&o));
            let (errors_before, warnings_before) = (self.errors.len(), self.warnings.len());
            let checked = self.entry(header, table);
            if broken {
                self.errors.truncate(errors_before);
                self.warnings.truncate(warnings_before);
                continue;
            }
            if let Some(at) = checked.headword_at {
                let e = &checked.entry;
                let key = (e.de.clone(), e.pos, e.gender, e.plural.clone());
                if let Some(&line) = first_line.get(&key) {
                    let mut tags: Vec<&str> = e.pos.iter().map(|p| p.as_str()).collect();
                    tags.extend(e.gender.map(Gender::as_str));
                    let what = if tags.is_empty() {
                        format!("`{}`", e.de)
                    } else {
                        format!("`{}` ({})", e.de, tags.join(", "))
                    };
                    self.error(
                        at,
                        format!("duplicate headword {what}: first defined at line {line}"),
                    );
                } else {
                    first_line.insert(key, checked.entry.line);
                }
            }
            entries.push(checked.entry);
        }
        entries
    }

    /// The `[[term]]` tables with their header spans, or `None` when `term` is anything else.
    fn term_tables<'v, 'i>(
        &self,
        value: &'v Spanned<DeValue<'i>>,
    ) -> Option<Vec<(Range<usize>, &'v DeTable<'i>)>> {
        let DeValue::Array(array) = value.get_ref() else {
            return None;
        };
        let mut tables = Vec::with_capacity(array.len());
        for item in array {
            match item.get_ref() {
                // An element of `[[term]]` is spanned by its header; an inline table by its `{`.
                DeValue::Table(table) if self.lines.src[item.span()].starts_with("[[") => {
                    tables.push((item.span(), table));
                }
                _ => return None,
            }
        }
        (!tables.is_empty()).then_some(tables)
    }

    fn found_for_term(&self, value: &Spanned<DeValue<'_>>) -> &'static str {
        match value.get_ref() {
            DeValue::Array(_) => "an inline array",
            DeValue::Table(_) if self.lines.src[value.span()].starts_with('[') => {
                "a `[term]` table"
            }
            DeValue::Table(_) => "an inline table",
            other => a_type(other),
        }
    }

    fn entry(&mut self, header: &Range<usize>, table: &DeTable<'_>) -> CheckedEntry {
        let mut entry = Entry {
            line: self.lines.position(header.start).0,
            ..Entry::default()
        };
        let mut de_at = None;
        let mut pos_ok = true;
        let mut has_en = false;

        for (key, value) in table {
            match key.get_ref().as_ref() {
                "de" => {
                    if let Some(de) = self.text(value, "de") {
                        entry.de = de;
                        de_at = Some(value.span().start);
                    }
                }
                "en" => {
                    has_en = true;
                    if let Some(en) = self.text_list(value, "en", true) {
                        entry.en = en;
                    }
                }
                "pos" => {
                    entry.pos = self.choice(
                        value,
                        "pos",
                        Pos::from_key,
                        &one_of(Pos::ALL.map(Pos::as_str)),
                    );
                    pos_ok = entry.pos.is_some();
                }
                "gender" => {
                    entry.gender = self.choice(value, "gender", Gender::from_key, "m, f, n");
                }
                "plural" => entry.plural = self.text(value, "plural"),
                "forms" => entry.forms = self.text_list(value, "forms", false).unwrap_or_default(),
                "note" => entry.note = self.text(value, "note"),
                "example" => entry.example = self.text(value, "example"),
                "example_en" => entry.example_en = self.text(value, "example_en"),
                "separable" => match value.get_ref() {
                    DeValue::Boolean(b) => entry.separable = Some(*b),
                    other => self.error(
                        value.span().start,
                        format!(
                            "`separable` must be a boolean (true or false), found {}",
                            a_type(other)
                        ),
                    ),
                },
                _ => self.unknown_key(key),
            }
        }

        if !table.contains_key("de") {
            self.error(
                header.start,
                "missing required key `de` (the German headword)".to_string(),
            );
        }
        if !has_en {
            self.error(
                header.start,
                "missing required key `en` (a string or an array of strings)".to_string(),
            );
        }
        CheckedEntry {
            entry,
            headword_at: de_at.filter(|_| pos_ok),
        }
    }

    /// A non-empty string.
    fn text(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) if s.trim().is_empty() => {
                self.error(value.span().start, format!("`{key}` must not be empty"));
                None
            }
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.error(
                    value.span().start,
                    format!("`{key}` must be a string, found {}", a_type(other)),
                );
                None
            }
        }
    }

    /// A non-empty string or an array of them; `needs_one` rejects an empty array.
    fn text_list(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        needs_one: bool,
    ) -> Option<Vec<String>> {
        match value.get_ref() {
            DeValue::String(_) => self.text(value, key).map(|s| vec![s]),
            DeValue::Array(items) => {
                if needs_one && items.is_empty() {
                    self.error(
                        value.span().start,
                        format!("`{key}` must not be an empty array (give at least one string)"),
                    );
                    return None;
                }
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for item in items {
                    match item.get_ref() {
                        DeValue::String(s) if s.trim().is_empty() => {
                            self.error(
                                item.span().start,
                                format!("`{key}` must not contain an empty string"),
                            );
                            ok = false;
                        }
                        DeValue::String(s) => out.push(s.to_string()),
                        other => {
                            self.error(
                                item.span().start,
                                format!(
                                    "`{key}` must be a string or an array of strings, found {} in the array",
                                    a_type(other)
                                ),
                            );
                            ok = false;
                        }
                    }
                }
                ok.then_some(out)
            }
            other => {
                self.error(
                    value.span().start,
                    format!(
                        "`{key}` must be a string or an array of strings, found {}",
                        a_type(other)
                    ),
                );
                None
            }
        }
    }

    /// A string from a closed set, such as `pos` or `gender`.
    fn choice<T>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        from_key: impl Fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Option<T> {
        match value.get_ref() {
            DeValue::String(s) => {
                let found = from_key(s);
                if found.is_none() {
                    self.error(
                        value.span().start,
                        format!("unknown `{key}` value \"{s}\", expected one of: {allowed}"),
                    );
                }
                found
            }
            other => {
                self.error(
                    value.span().start,
                    format!(
                        "`{key}` must be a string (one of: {allowed}), found {}",
                        a_type(other)
                    ),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(src: &str) -> Vec<String> {
        match parse(src, "g.toml") {
            Ok(g) => panic!("expected errors, got {} entries", g.len()),
            Err(GlossaryError::Invalid(ds)) => ds
                .iter()
                .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
                .collect(),
            Err(e) => panic!("unexpected error {e}"),
        }
    }

    #[test]
    fn empty_file_is_an_empty_glossary() {
        let g = parse("", "g.toml").unwrap();
        assert!(g.is_empty());
        assert!(g.warnings.is_empty());
    }

    #[test]
    fn reads_an_entry_with_its_header_line() {
        let src = "# Lawrow\n\n[[term]]\nde = \"ausweisen\"\nen = [\"to expel\", \"to identify\"]\npos = \"verb\"\n";
        let g = parse(src, "g.toml").unwrap();
        assert_eq!(g.entries.len(), 1);
        let e = &g.entries[0];
        assert_eq!(e.de, "ausweisen");
        assert_eq!(e.en, ["to expel", "to identify"]);
        assert_eq!(e.pos, Some(Pos::Verb));
        assert_eq!(e.line, 3);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "[[term]]\nde = \"Übung\" x\nen = \"exercise\"\n";
        assert_eq!(
            errors(src),
            ["2:14: unexpected key or value, expected newline, `#`"]
        );

        let src = "[[term]]\nde = \"Übung\"\nen = \"exercise\"\nnote = \"ä\" # ü\npos = 3\n";
        assert_eq!(
            errors(src),
            [
                "5:7: `pos` must be a string (one of: noun, verb, adj, adv, prep, conj, phrase, name, abbr), found an integer"
            ]
        );
        let src = "[[term]]\nde = \"Übung\"\nen = [\"exercise\", 7]\n";
        assert_eq!(
            errors(src),
            ["3:19: `en` must be a string or an array of strings, found an integer in the array"]
        );
        let src = "[[term]]\nde = \"Äöü\"\nen = [\"ü\", 7]\n";
        assert_eq!(
            errors(src),
            ["3:12: `en` must be a string or an array of strings, found an integer in the array"]
        );
    }

    #[test]
    fn a_syntax_error_does_not_hide_problems_in_other_entries() {
        let src = "[[term]]\nde = \"a\"\nen = \n\n[[term]]\nde = \"b\"\n";
        assert_eq!(
            errors(src),
            [
                "3:6: string values must be quoted, expected literal string",
                "5:1: missing required key `en` (a string or an array of strings)",
            ]
        );
    }

    #[test]
    fn duplicate_key_names_the_key() {
        let src = "[[term]]\nde = \"a\"\nen = \"b\"\nen = \"c\"\n";
        assert_eq!(errors(src), ["4:1: duplicate key `en`"]);
    }

    #[test]
    fn same_headword_with_another_pos_is_not_a_duplicate() {
        let src = "[[term]]\nde = \"an\"\nen = \"at\"\npos = \"prep\"\n\n[[term]]\nde = \"an\"\nen = \"on\"\npos = \"adv\"\n";
        assert_eq!(parse(src, "g.toml").unwrap().len(), 2);
    }

    #[test]
    fn the_quick_reader_reads_what_the_full_parser_reads() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<std::path::PathBuf> = vec![
            root.join("glossary.toml"),
            root.join("tests/fixtures/linking/glossary.toml"),
        ];
        let valid = root.join("tests/fixtures/glossary/valid");
        files.extend(
            std::fs::read_dir(&valid)
                .unwrap()
                .map(|e| e.unwrap().path()),
        );
        let invalid = root.join("tests/fixtures/glossary/invalid");
        files.extend(
            std::fs::read_dir(&invalid)
                .unwrap()
                .map(|e| e.unwrap().path()),
        );
        let mut quick = 0;
        for path in &files {
            let src = std::fs::read_to_string(path).unwrap();
            let thorough = parse_thoroughly(&src, "g.toml");
            match super::super::fast::parse(&src) {
                Some(entries) => {
                    quick += 1;
                    let g = thorough.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                    assert!(g.warnings.is_empty(), "{}", path.display());
                    assert_eq!(entries, g.entries, "{}", path.display());
                }
                None => assert!(
                    thorough.map_or(true, |g| !g.warnings.is_empty())
                        || path.ends_with("inline_header_spacing.toml"),
                    "{} is plain but was not read quickly",
                    path.display()
                ),
            }
        }
        assert!(quick >= 4, "only {quick} files read quickly");
    }

    #[test]
    fn homographs_differ_in_gender_or_plural() {
        let src = "[[term]]\nde = \"Kiefer\"\nen = \"jaw\"\npos = \"noun\"\ngender = \"m\"\n\n\
                   [[term]]\nde = \"Kiefer\"\nen = \"pine\"\npos = \"noun\"\ngender = \"f\"\n\n\
                   [[term]]\nde = \"Bank\"\nen = \"bench\"\npos = \"noun\"\ngender = \"f\"\nplural = \"Bänke\"\n\n\
                   [[term]]\nde = \"Bank\"\nen = \"bank\"\npos = \"noun\"\ngender = \"f\"\nplural = \"Banken\"\n";
        assert_eq!(parse(src, "g.toml").unwrap().len(), 4);
    }

    #[test]
    fn same_headword_gender_and_pos_is_a_duplicate() {
        let src = "[[term]]\nde = \"Tau\"\nen = \"dew\"\npos = \"noun\"\ngender = \"m\"\n\n\
                   [[term]]\nde = \"Tau\"\nen = \"rope\"\npos = \"noun\"\ngender = \"m\"\n";
        assert_eq!(
            errors(src),
            ["8:6: duplicate headword `Tau` (noun, m): first defined at line 1"]
        );
    }

    #[test]
    fn invalid_display_lists_every_error() {
        let err = parse("[[term]]\n[[term]]\nde = 1\nen = \"x\"\n", "g.toml").unwrap_err();
        assert_eq!(
            err.to_string(),
            "g.toml:1:1: missing required key `de` (the German headword)\n\
             g.toml:1:1: missing required key `en` (a string or an array of strings)\n\
             g.toml:3:6: `de` must be a string, found an integer"
        );
    }
}
