//! The command line: arguments, and the subcommands that print (no terminal UI here).

use crate::glossary::{Glossary, GlossaryError, GlossarySetup};
use crate::link::{Analysis, Linker};
use crate::text::Document;
use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "leser",
    version,
    about = "Read German in the terminal, with a glossary that follows your cursor",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub reader: ReaderArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the links of a text, without the reader.
    Annotate(AnnotateArgs),
    /// Validate a glossary; given texts, report entries that never link.
    Check(CheckArgs),
    /// Export terms for Anki.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Known, learning and new terms of a text, and the share of its words you know.
    Stats(StatsArgs),
    /// Look a word up in the offline dictionaries (Ding, FreeDict), inflected forms included.
    Lookup(LookupArgs),
}

#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The word as it stands in a text; a split verb as two words: `kündigte an`.
    #[arg(required = true, num_args = 1..)]
    pub word: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LookupFormat::Text)]
    pub format: LookupFormat,
    #[command(flatten)]
    pub dicts: DictArgs,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum, PartialEq, Eq)]
pub enum LookupFormat {
    #[default]
    Text,
    Json,
}

/// Which offline dictionaries to use.
#[derive(Debug, Args, Default, Clone)]
pub struct DictArgs {
    /// A dictionary to use besides the ones found at Debian's paths (Ding `de-en` or a dictd
    /// `.index`); may be given more than once.
    #[arg(long = "dict", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A tab-separated file Anki imports as notes (front, back, cloze sentence, tags).
    Anki(AnkiArgs),
}

#[derive(Debug, Args)]
pub struct AnkiArgs {
    /// The text whose terms to export (default: the bundled article).
    pub text: Option<PathBuf>,
    /// Write here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Every term with a status (learning, known, ignored), not only those being learnt.
    #[arg(long, conflicts_with = "all")]
    pub with_status: bool,
    /// Every term linked in the text.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The text (default: the bundled article).
    pub text: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Where the glossary and the learner's data come from.
#[derive(Debug, Args, Default, Clone)]
pub struct DataArgs {
    /// Use this glossary instead of the bundled one (entries you add are saved to it).
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Keep statuses, positions and your glossary here (default: $LESER_DATA_DIR, else the
    /// platform's data dir).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
pub struct ReaderArgs {
    /// The text to read (default: the bundled article).
    pub text: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub dicts: DictArgs,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// The text to annotate (default: the bundled article).
    pub text: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also mark words the glossary does not know but a dictionary does; an optional PATH
    /// names a dictionary besides those at Debian's paths.
    #[arg(long = "dict", value_name = "PATH")]
    #[allow(clippy::option_option)]
    pub dict: Option<Option<PathBuf>>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The glossary to check (default: the bundled one).
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Texts to link against; entries that never link are reported.
    pub texts: Vec<PathBuf>,
}

/// The glossary named on the command line, else the bundled one. Errors are the user's to fix:
/// the first one is the message, with a count of the rest.
pub fn load_glossary(path: Option<&Path>) -> anyhow::Result<Glossary> {
    match path {
        None => Ok(Glossary::bundled()),
        Some(path) => Glossary::load(path).map_err(glossary_error),
    }
}

/// `--glossary FILE` alone, or the bundled glossary with the learner's own laid over it; a
/// broken file is one line naming it.
pub fn load_glossary_setup(data: &DataArgs, data_dir: &Path) -> anyhow::Result<GlossarySetup> {
    GlossarySetup::load(data.glossary.as_deref(), data_dir).map_err(glossary_error)
}

/// A glossary error as one line: the first problem, with a count of the rest.
fn glossary_error(e: GlossaryError) -> anyhow::Error {
    match e {
        GlossaryError::Invalid(diags) => {
            let more = match diags.len() {
                0 | 1 => String::new(),
                n => {
                    let path = diags.first().map_or("", |d| d.path.as_str());
                    format!(" ({} more; run `leser check --glossary {path}`)", n - 1)
                }
            };
            let first = diags.first().map(ToString::to_string).unwrap_or_default();
            anyhow::anyhow!("{first}{more}")
        }
        e => e.into(),
    }
}

/// The data dir from `--data-dir`, `LESER_DATA_DIR` or the platform.
pub fn data_dir(data: &DataArgs) -> anyhow::Result<PathBuf> {
    Ok(crate::learner::resolve_data_dir(data.data_dir.as_deref())?)
}

/// The text named on the command line, else the bundled article; with its translation if found.
pub fn load_text(path: Option<&Path>) -> anyhow::Result<(Document, Option<Document>)> {
    let Some(path) = path else {
        return Ok((Document::bundled(), Document::bundled_translation()));
    };
    let doc = Document::load(path)?;
    let translation = doc
        .translation_path(path)
        .filter(|p| p.exists())
        .and_then(|p| Document::load(&p).ok());
    Ok((doc, translation))
}

/// `leser [TEXT]`: the reader.
pub fn read(args: &ReaderArgs) -> anyhow::Result<ExitCode> {
    let dir = data_dir(&args.data)?;
    let setup = load_glossary_setup(&args.data, &dir)?;
    let (doc, translation) = load_text(args.text.as_deref())?;
    // The error names the file and says what failed, in one line.
    let store = crate::learner::Store::open(&dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let text_key = crate::learner::text_key(&doc, args.text.as_deref());
    // The dictionaries of `lookup`: the config file's, then those named; opened by the reader.
    let mut dictionaries = crate::config::Config::load()?.dictionaries;
    dictionaries.extend(args.dicts.paths.iter().cloned());
    crate::tui::run(crate::tui::Session {
        doc,
        translation,
        setup,
        store,
        text_key,
        dictionaries: Some(crate::tui::DictionarySetup {
            extra: dictionaries,
            cache_dir: Some(dictionary_cache_dir()),
        }),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// One line of `annotate --format jsonl`.
#[derive(serde::Serialize)]
struct JsonLink<'a> {
    term: &'a str,
    spans: Vec<[usize; 2]>,
    line: usize,
    text: String,
    form: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<&'a str>,
    /// `glossary`, or `dictionary` for a word only a dictionary knows (`annotate --dict`).
    source: &'static str,
    /// The chosen entry's gender and part of speech, when it gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pos: Option<&'static str>,
    /// Homographs the sentence did not decide between (der Kiefer, die Kiefer).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alternatives: Vec<JsonAlternative<'a>>,
}

/// Another entry a linked occurrence may be.
#[derive(serde::Serialize)]
struct JsonAlternative<'a> {
    term: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pos: Option<&'static str>,
}

impl<'a> JsonAlternative<'a> {
    fn of(entry: &'a crate::glossary::Entry) -> Self {
        JsonAlternative {
            term: &entry.de,
            gender: entry.gender.map(crate::glossary::Gender::as_str),
            pos: entry.pos.map(crate::glossary::Pos::as_str),
        }
    }
}

/// A word outside the glossary that a dictionary answers: its token and the headword.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryMark {
    pub span: std::ops::Range<usize>,
    pub lemma: String,
    pub how: String,
}

/// The dictionaries at Debian's paths, those in the config file and named ones, their indexes
/// cached in `$LESER_CACHE_DIR` or the platform's cache dir. A broken config file is an error.
pub fn open_dictionaries(extra: &[PathBuf]) -> anyhow::Result<crate::dict::Dictionaries> {
    let mut paths = crate::config::Config::load()?.dictionaries;
    paths.extend(extra.iter().cloned());
    Ok(crate::dict::Dictionaries::discover(
        &paths,
        &dictionary_cache_dir(),
    ))
}

/// `$LESER_CACHE_DIR`, else the platform's cache dir.
pub fn dictionary_cache_dir() -> PathBuf {
    std::env::var_os("LESER_CACHE_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(crate::dict::default_cache_dir)
        .unwrap_or_else(std::env::temp_dir)
}

/// Words no link covers that a dictionary answers, in text order.
pub fn dictionary_marks(
    doc: &Document,
    analysis: &Analysis,
    dicts: &crate::dict::Dictionaries,
) -> Vec<DictionaryMark> {
    analysis
        .words()
        .filter(|&t| analysis.token_link[t].is_none())
        .filter_map(|t| {
            let tok = analysis.tokens[t];
            let word = tok.text(&doc.source);
            let answer = dicts.lookup(word, None).into_iter().next()?;
            Some(DictionaryMark {
                span: tok.start..tok.end,
                lemma: answer.lemma,
                how: answer.how,
            })
        })
        .collect()
}

/// Renders the links of an analysis as `annotate` prints them.
pub fn render_annotations(
    doc: &Document,
    analysis: &Analysis,
    glossary: &Glossary,
    format: Format,
) -> String {
    render_annotations_with(doc, analysis, glossary, &[], format)
}

/// One printed occurrence: a glossary link or a dictionary mark.
struct Record<'a> {
    term: &'a str,
    spans: &'a [std::ops::Range<usize>],
    form: &'a str,
    parts: Vec<&'a str>,
    source: &'static str,
    /// The glossary entry and its alternatives, for a glossary link.
    entry: Option<&'a crate::glossary::Entry>,
    alternatives: &'a [usize],
}

/// [`render_annotations`], with dictionary marks merged in text order.
pub fn render_annotations_with(
    doc: &Document,
    analysis: &Analysis,
    glossary: &Glossary,
    marks: &[DictionaryMark],
    format: Format,
) -> String {
    let mut records: Vec<Record<'_>> = analysis
        .links
        .iter()
        .map(|link| Record {
            term: &glossary.entries[link.entry].de,
            spans: &link.spans,
            form: &link.form,
            parts: link.parts.iter().map(|p| p.text.as_str()).collect(),
            source: "glossary",
            entry: glossary.entries.get(link.entry),
            alternatives: &link.alternatives,
        })
        .collect();
    if !marks.is_empty() {
        records.extend(marks.iter().map(|m| Record {
            term: &m.lemma,
            spans: std::slice::from_ref(&m.span),
            form: &m.how,
            parts: Vec::new(),
            source: "dictionary",
            entry: None,
            alternatives: &[],
        }));
        records.sort_by_key(|r| r.spans.first().map_or(0, |s| s.start));
    }
    let mut out = String::new();
    // Line numbers counted as the records go by, in text order.
    let (mut line, mut counted_to, mut line_start) = (1, 0, 0);
    for r in records {
        let surface = link_surface(&doc.source, r.spans);
        let start = r.spans.first().map_or(0, |s| s.start);
        for (i, b) in doc.source.as_bytes()[counted_to..start].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = counted_to + i + 1;
            }
        }
        counted_to = start;
        match format {
            Format::Jsonl => {
                let record = JsonLink {
                    term: r.term,
                    spans: r.spans.iter().map(|s| [s.start, s.end]).collect(),
                    line,
                    text: surface,
                    form: r.form,
                    parts: r.parts,
                    source: r.source,
                    gender: r
                        .entry
                        .and_then(|e| e.gender)
                        .map(crate::glossary::Gender::as_str),
                    pos: r
                        .entry
                        .and_then(|e| e.pos)
                        .map(crate::glossary::Pos::as_str),
                    alternatives: r
                        .alternatives
                        .iter()
                        .filter_map(|&a| glossary.entries.get(a))
                        .map(JsonAlternative::of)
                        .collect(),
                };
                if let Ok(json) = serde_json::to_string(&record) {
                    out.push_str(&json);
                    out.push('\n');
                }
            }
            Format::Text => {
                let column = doc.source[line_start..start].chars().count() + 1;
                let _ = write!(out, "{line}:{column}\t{surface}\t{}", r.term);
                if !r.form.is_empty() {
                    let _ = write!(out, "\t{}", r.form);
                }
                if r.source == "dictionary" {
                    out.push_str("\t(dictionary)");
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The words of a link as the text has them; parts that stand apart are joined with ` … `.
pub fn link_surface(source: &str, spans: &[std::ops::Range<usize>]) -> String {
    let mut out = String::new();
    let mut prev_end: Option<usize> = None;
    for r in spans {
        if let Some(end) = prev_end {
            let gap = &source[end..r.start];
            if gap.chars().all(char::is_whitespace) {
                out.push_str(gap);
            } else {
                out.push_str(" … ");
            }
        }
        out.push_str(&source[r.clone()]);
        prev_end = Some(r.end);
    }
    out
}

/// `leser annotate`.
pub fn annotate(args: &AnnotateArgs) -> anyhow::Result<ExitCode> {
    let glossary = match &args.data.glossary {
        Some(path) => load_glossary(Some(path))?,
        None => load_glossary_setup(&args.data, &data_dir(&args.data)?)?.glossary,
    };
    let (doc, _) = load_text(args.text.as_deref())?;
    if let Some(notice) = &doc.notice {
        eprintln!("leser: {notice}");
    }
    let linker = Linker::new(glossary);
    let analysis = linker.analyze(&doc);
    let marks = match &args.dict {
        Some(path) => {
            let extra: Vec<PathBuf> = path.iter().cloned().collect();
            let dicts = open_dictionaries(&extra)?;
            for e in dicts.errors() {
                eprintln!("leser: {e}");
            }
            if dicts.is_empty() {
                anyhow::bail!(
                    "no dictionary found: install trans-de-en or dict-freedict-deu-eng, or name one with --dict PATH"
                );
            }
            dictionary_marks(&doc, &analysis, &dicts)
        }
        None => Vec::new(),
    };
    let out = render_annotations_with(&doc, &analysis, linker.glossary(), &marks, args.format);
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `leser export anki`.
pub fn export_anki(args: &AnkiArgs) -> anyhow::Result<ExitCode> {
    use crate::learner::{ExportSelection, Store, anki_tsv};
    let dir = data_dir(&args.data)?;
    let setup = load_glossary_setup(&args.data, &dir)?;
    let (doc, _) = load_text(args.text.as_deref())?;
    let store = Store::open(&dir)?;
    for w in store.warnings() {
        eprintln!("leser: {w}");
    }
    let linker = Linker::new(setup.glossary);
    let analysis = linker.analyze(&doc);
    let which = if args.all {
        ExportSelection::AllLinked
    } else if args.with_status {
        ExportSelection::WithStatus
    } else {
        ExportSelection::Learning
    };
    let tsv = anki_tsv(&doc, &analysis, linker.glossary(), &store, which);
    match &args.out {
        Some(path) => {
            crate::glossary::save::write_replacing(path, tsv.as_bytes())
                .with_context(|| format!("{}: cannot write the export", path.display()))?;
            eprintln!(
                "leser: {} notes written to {}",
                tsv.lines().filter(|l| !l.starts_with('#')).count(),
                path.display()
            );
        }
        None => write_stdout(&tsv)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `leser stats`.
pub fn stats(args: &StatsArgs) -> anyhow::Result<ExitCode> {
    use crate::learner::{Store, text_stats};
    let dir = data_dir(&args.data)?;
    let setup = load_glossary_setup(&args.data, &dir)?;
    let (doc, _) = load_text(args.text.as_deref())?;
    let store = Store::open(&dir)?;
    let linker = Linker::new(setup.glossary);
    let analysis = linker.analyze(&doc);
    let stats = text_stats(&analysis, linker.glossary(), &store);
    write_stdout(&format!("{}\n{}", doc.title(), stats.report()))?;
    Ok(ExitCode::SUCCESS)
}

/// `leser lookup`: exit 1 when nothing is found (the nearest headwords are listed).
pub fn lookup(args: &LookupArgs) -> anyhow::Result<ExitCode> {
    let dicts = open_dictionaries(&args.dicts.paths)?;
    for e in dicts.errors() {
        eprintln!("leser: {e}");
    }
    if dicts.is_empty() {
        anyhow::bail!(
            "no dictionary found: install trans-de-en or dict-freedict-deu-eng, or name one with --dict PATH"
        );
    }
    let word = args.word.join(" ");
    let (report, found) =
        crate::dict::lookup_report(&dicts, &word, args.format == LookupFormat::Json);
    write_stdout(&report)?;
    Ok(if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `leser check`: errors exit 1; a file that cannot be read exits 2.
pub fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let (name, result) = match &args.glossary {
        Some(p) => (p.display().to_string(), Glossary::load(p)),
        None => (
            crate::glossary::BUNDLED_NAME.to_string(),
            crate::glossary::parse(crate::glossary::BUNDLED, crate::glossary::BUNDLED_NAME),
        ),
    };
    let glossary = match result {
        Ok(g) => g,
        Err(GlossaryError::Invalid(diags)) => {
            let mut out = String::new();
            for d in &diags {
                let _ = writeln!(out, "{d}");
            }
            let _ = writeln!(out, "{name}: {} error(s)", diags.len());
            write_stdout(&out)?;
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    let mut out = String::new();
    for w in &glossary.warnings {
        let _ = writeln!(out, "{w} (warning)");
    }
    let linker = Linker::new(glossary);
    if !args.texts.is_empty() {
        let mut used = vec![false; linker.glossary().len()];
        for path in &args.texts {
            let doc = Document::load(path)?;
            for link in linker.analyze(&doc).links {
                used[link.entry] = true;
            }
        }
        for (entry, _) in linker
            .glossary()
            .entries
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
        {
            let _ = writeln!(
                out,
                "{name}:{}: `{}` never links in the given texts",
                entry.line, entry.de
            );
        }
    }
    let _ = writeln!(
        out,
        "{name}: {} entries, no errors",
        linker.glossary().len()
    );
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout; a closed pipe (`leser annotate | head`) is not an error.
fn write_stdout(s: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("cannot write to standard output"),
    }
}
