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
use std::rc::Rc;

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

/// A word outside the glossary that a dictionary answers: its token (and the particle of a
/// split verb: `kündigte` … `an`), and the headword.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryMark {
    pub spans: smallvec::SmallVec<[std::ops::Range<usize>; 2]>,
    pub headword: Rc<MarkedHeadword>,
}

/// What a mark says about its word, shared by the marks of the same form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedHeadword {
    pub lemma: String,
    /// `noun`, `verb`, …
    pub pos: String,
    /// How the word relates to the headword: `simple past, 1st/3rd person singular of gehen`.
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

/// A word's headword, as its marks share it.
type Named = Option<Rc<MarkedHeadword>>;

/// What was asked about a word (its particle, whether it starts a sentence), and the answer.
type Asked = (Option<&'static str>, bool, Named);

/// What the dictionaries said about each distinct word form (with its particle and place),
/// asked once: a book has a few tens of thousands of forms in hundreds of thousands of words.
struct Answered<'d> {
    dicts: &'d crate::dict::Dictionaries,
    /// By word, then by particle and place.
    known: rustc_hash::FxHashMap<Box<str>, Vec<Asked>>,
}

impl Answered<'_> {
    fn get(&mut self, word: &str, particle: Option<&'static str>, sentence_start: bool) -> Named {
        if let Some(named) = self.known.get(word).and_then(|asked| {
            asked
                .iter()
                .find(|(p, s, _)| *p == particle && *s == sentence_start)
        }) {
            return named.2.clone();
        }
        let named = self
            .dicts
            .headword_and_form(word, particle, sentence_start)
            .map(|(h, how)| {
                Rc::new(MarkedHeadword {
                    lemma: h.lemma,
                    pos: h.pos,
                    how,
                })
            });
        self.known.entry(Box::from(word)).or_default().push((
            particle,
            sentence_start,
            named.clone(),
        ));
        named
    }
}

/// Words no link covers that a dictionary answers, in text order, worked out a sentence at a
/// time as they are asked for. A verb whose separable particle ends its clause is marked with
/// it when that makes a verb the dictionaries know (`kündigte` … `an`: `ankündigen`). The
/// distinct word forms are looked up first, on as many threads as there are cores.
pub fn dictionary_marks<'a>(
    doc: &'a Document,
    analysis: &'a Analysis,
    dicts: &'a crate::dict::Dictionaries,
) -> impl Iterator<Item = DictionaryMark> + 'a {
    let mut answered = Answered {
        dicts,
        known: rustc_hash::FxHashMap::default(),
    };
    answered.look_up_all(doc, analysis);
    analysis
        .sentences
        .iter()
        .flat_map(move |sentence| sentence_marks(doc, analysis, sentence, &mut answered))
}

impl Answered<'_> {
    /// Looks every distinct word form of the text up, in parallel.
    fn look_up_all(&mut self, doc: &Document, analysis: &Analysis) {
        let text = doc.source.as_str();
        let mut plain: rustc_hash::FxHashSet<(&str, bool)> = rustc_hash::FxHashSet::default();
        let mut split: rustc_hash::FxHashSet<(&str, &'static str, bool)> =
            rustc_hash::FxHashSet::default();
        for sentence in &analysis.sentences {
            for w in sentence_words(doc, analysis, sentence) {
                let word = analysis.tokens[w.token].text(text);
                plain.insert((word, w.start));
                if let Some((_, p)) = w.particle {
                    split.insert((word, p, w.start));
                }
            }
        }
        let plain: Vec<(&str, Option<&'static str>, bool)> =
            plain.into_iter().map(|(w, s)| (w, None, s)).collect();
        self.look_up_in_parallel(&plain);
        // With its particle, only what may be a verb: `kündigte` … `an`, not `Alles` … `bei`.
        let split: Vec<(&str, Option<&'static str>, bool)> = split
            .into_iter()
            .filter(|&(w, _, start)| may_be_verb(&self.get(w, None, start)))
            .map(|(w, p, start)| (w, Some(p), start))
            .collect();
        self.look_up_in_parallel(&split);
    }

    /// Looks `queries` up on as many threads as there are cores, and keeps the answers.
    fn look_up_in_parallel(&mut self, queries: &[(&str, Option<&'static str>, bool)]) {
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .clamp(1, 8);
        let chunk = queries.len().div_ceil(threads).max(1);
        let dicts = self.dicts;
        let found: Vec<Vec<Option<(crate::dict::Headword, String)>>> = std::thread::scope(|s| {
            let workers: Vec<_> = queries
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|&(w, p, start)| dicts.headword_and_form(w, p, start))
                            .collect()
                    })
                })
                .collect();
            workers
                .into_iter()
                // A worker that panicked answers nothing; its words are looked up again.
                .map(|w| w.join().unwrap_or_default())
                .collect()
        });
        for (part, answers) in queries.chunks(chunk).zip(found) {
            for (&(word, particle, start), answer) in part.iter().zip(answers) {
                let named = answer.map(|(h, how)| {
                    Rc::new(MarkedHeadword {
                        lemma: h.lemma,
                        pos: h.pos,
                        how,
                    })
                });
                self.known
                    .entry(Box::from(word))
                    .or_default()
                    .push((particle, start, named));
            }
        }
    }
}

/// Whether a word's own headword leaves it to be a verb whose particle ends the clause: it
/// is a verb, or nobody knows it alone.
fn may_be_verb(named: &Named) -> bool {
    named.as_ref().is_none_or(|h| h.pos == "verb")
}

/// A word of a sentence a dictionary may mark.
struct MarkableWord {
    token: usize,
    /// The first word of its sentence.
    start: bool,
    /// The separable particle that ends its clause, after it, with its token.
    particle: Option<(usize, &'static str)>,
}

/// The words of a sentence no link covers, in order.
fn sentence_words(
    doc: &Document,
    analysis: &Analysis,
    sentence: &crate::link::Sentence,
) -> Vec<MarkableWord> {
    use crate::de::inflect::PARTICLES;
    let tokens = &analysis.tokens;
    let text = doc.source.as_str();
    let unlinked = |t: usize| tokens[t].is_word() && analysis.token_link[t].is_none();
    let first_word = sentence.tokens.clone().find(|&t| tokens[t].is_word());
    let mut words = Vec::new();
    for clause in crate::de::sentence::split_clauses(text, tokens, sentence.tokens.clone()) {
        let last = clause.clone().rev().find(|&t| tokens[t].is_word());
        let particle = last.filter(|&l| unlinked(l)).and_then(|l| {
            let word = tokens[l].text(text).to_lowercase();
            PARTICLES.iter().find(|p| **p == word).map(|p| (l, *p))
        });
        for t in clause.filter(|&t| unlinked(t)) {
            let start = Some(t) == first_word;
            let noun = crate::de::is_capitalized(tokens[t].text(text)) && !start;
            words.push(MarkableWord {
                token: t,
                start,
                particle: particle.filter(|&(l, _)| l > t && !noun),
            });
        }
    }
    words
}

fn sentence_marks(
    doc: &Document,
    analysis: &Analysis,
    sentence: &crate::link::Sentence,
    answered: &mut Answered<'_>,
) -> Vec<DictionaryMark> {
    let tokens = &analysis.tokens;
    let text = doc.source.as_str();
    let mut marks = Vec::new();
    let mut claimed: Vec<usize> = Vec::new();
    for w in sentence_words(doc, analysis, sentence) {
        let t = w.token;
        if claimed.contains(&t) {
            continue;
        }
        let word = tokens[t].text(text);
        let split = w
            .particle
            .filter(|_| may_be_verb(&answered.get(word, None, w.start)))
            .and_then(|(l, p)| {
                let named = answered.get(word, Some(p), w.start)?;
                makes_particle_verb(&named.lemma, word, p).then_some((l, named))
            });
        let mut spans = smallvec::smallvec![tokens[t].start..tokens[t].end];
        let named = match split {
            Some((l, named)) => {
                claimed.push(l);
                spans.push(tokens[l].start..tokens[l].end);
                Some(named)
            }
            None => answered.get(word, None, w.start),
        };
        if let Some(headword) = named {
            marks.push(DictionaryMark { spans, headword });
        }
    }
    marks.sort_by_key(|m| m.spans.first().map_or(0, |s| s.start));
    marks
}

/// Whether a headword found with a particle is the particle verb (`ankündigen`), not the word
/// on its own.
fn makes_particle_verb(lemma: &str, word: &str, particle: &str) -> bool {
    let starts = |w: &str| {
        let w = w.to_lowercase();
        w.len() > particle.len() && w.starts_with(particle)
    };
    !starts(word) && lemma.split_whitespace().any(starts)
}

/// Renders the links of an analysis as `annotate` prints them.
pub fn render_annotations(
    doc: &Document,
    analysis: &Analysis,
    glossary: &Glossary,
    format: Format,
) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_annotations(
        &mut out,
        doc,
        analysis,
        glossary,
        std::iter::empty(),
        format,
    );
    String::from_utf8_lossy(&out).into_owned()
}

/// One printed occurrence: a glossary link or a dictionary mark.
struct Record<'a> {
    term: &'a str,
    spans: &'a [std::ops::Range<usize>],
    form: &'a str,
    parts: Vec<&'a str>,
    source: &'static str,
    pos: &'a str,
}

/// Writes the links of an analysis as `annotate` prints them, with dictionary marks merged
/// in text order, a record at a time: what is written is not kept.
pub fn write_annotations(
    out: &mut impl std::io::Write,
    doc: &Document,
    analysis: &Analysis,
    glossary: &Glossary,
    marks: impl Iterator<Item = DictionaryMark>,
    format: Format,
) -> std::io::Result<()> {
    let mut links = analysis.links.iter().peekable();
    let mut marks = marks.peekable();
    let start_of = |spans: &[std::ops::Range<usize>]| spans.first().map_or(0, |s| s.start);
    // Line numbers counted as the records go by, in text order.
    let (mut line, mut counted_to, mut line_start) = (1, 0, 0);
    let mut buf = String::new();
    loop {
        let link_first = match (links.peek(), marks.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(l), Some(m)) => start_of(&l.spans) <= start_of(&m.spans),
        };
        let mark;
        let r = if link_first {
            let Some(link) = links.next() else { break };
            Record {
                term: &glossary.entries[link.entry].de,
                spans: &link.spans,
                form: &link.form,
                parts: link.parts.iter().map(|p| p.text.as_str()).collect(),
                source: "glossary",
                pos: "",
            }
        } else {
            let Some(m) = marks.next() else { break };
            mark = m;
            Record {
                term: &mark.headword.lemma,
                spans: &mark.spans,
                form: &mark.headword.how,
                parts: Vec::new(),
                source: "dictionary",
                pos: &mark.headword.pos,
            }
        };
        // One word is the text as it is; split parts are joined.
        let surface: std::borrow::Cow<'_, str> = match r.spans {
            [one] => std::borrow::Cow::Borrowed(&doc.source[one.clone()]),
            spans => std::borrow::Cow::Owned(link_surface(&doc.source, spans)),
        };
        let start = start_of(r.spans);
        for (i, b) in doc.source.as_bytes()[counted_to..start].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = counted_to + i + 1;
            }
        }
        counted_to = start;
        buf.clear();
        match format {
            Format::Jsonl => json_record(&mut buf, &r, line, &surface),
            Format::Text => {
                let column = doc.source[line_start..start].chars().count() + 1;
                let _ = write!(buf, "{line}:{column}\t{surface}\t{}", r.term);
                if !r.form.is_empty() {
                    let _ = write!(buf, "\t{}", r.form);
                }
                if r.source == "dictionary" {
                    buf.push_str("\t(dictionary)");
                }
                buf.push('\n');
            }
        }
        out.write_all(buf.as_bytes())?;
    }
    Ok(())
}

/// One line of `annotate --format jsonl`: `term`, `spans`, `line`, `text`, `form`, `parts`
/// (when there are), `source` (`glossary`, or `dictionary` for a word only a dictionary
/// knows), `pos` (a dictionary word's part of speech, when known). Written by hand: a book
/// has hundreds of thousands of them.
fn json_record(buf: &mut String, r: &Record<'_>, line: usize, surface: &str) {
    buf.push_str("{\"term\":");
    json_string(buf, r.term);
    buf.push_str(",\"spans\":[");
    for (i, s) in r.spans.iter().enumerate() {
        if i > 0 {
            buf.push(',');
        }
        let _ = write!(buf, "[{},{}]", s.start, s.end);
    }
    let _ = write!(buf, "],\"line\":{line},\"text\":");
    json_string(buf, surface);
    buf.push_str(",\"form\":");
    json_string(buf, r.form);
    if !r.parts.is_empty() {
        buf.push_str(",\"parts\":[");
        for (i, p) in r.parts.iter().enumerate() {
            if i > 0 {
                buf.push(',');
            }
            json_string(buf, p);
        }
        buf.push(']');
    }
    buf.push_str(",\"source\":");
    json_string(buf, r.source);
    if !r.pos.is_empty() {
        buf.push_str(",\"pos\":");
        json_string(buf, r.pos);
    }
    buf.push_str("}\n");
}

/// A JSON string: quotes, backslashes and control characters escaped.
fn json_string(buf: &mut String, s: &str) {
    buf.push('"');
    let mut rest = s;
    while let Some(i) = rest.find(|c: char| c == '"' || c == '\\' || c < ' ') {
        buf.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or_default();
        match c {
            '"' => buf.push_str("\\\""),
            '\\' => buf.push_str("\\\\"),
            '\n' => buf.push_str("\\n"),
            '\t' => buf.push_str("\\t"),
            '\r' => buf.push_str("\\r"),
            c => {
                let _ = write!(buf, "\\u{:04x}", u32::from(c));
            }
        }
        rest = &rest[i + c.len_utf8()..];
    }
    buf.push_str(rest);
    buf.push('"');
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
    let dicts = match &args.dict {
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
            Some(dicts)
        }
        None => None,
    };
    let marks = dicts
        .iter()
        .flat_map(|dicts| dictionary_marks(&doc, &analysis, dicts));
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = write_annotations(
        &mut stdout,
        &doc,
        &analysis,
        linker.glossary(),
        marks,
        args.format,
    )
    .and_then(|()| stdout.flush());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r.context("cannot write to standard output")?,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_escape_what_json_must() {
        for s in [
            "plain",
            "„Anführung“ and \"quotes\"",
            "back\\slash",
            "tab\there\nnew line\r",
            "\u{1}\u{1f}",
            "",
        ] {
            let mut buf = String::new();
            json_string(&mut buf, s);
            let back: String = serde_json::from_str(&buf).expect("valid JSON");
            assert_eq!(back, s);
        }
    }

    #[test]
    fn a_json_record_has_its_fields_in_order() {
        let spans = [0..4, 10..12];
        let r = Record {
            term: "ankündigen",
            spans: &spans,
            form: "simple past",
            parts: vec!["kündigte", "an"],
            source: "glossary",
            pos: "",
        };
        let mut buf = String::new();
        json_record(&mut buf, &r, 3, "kündigte … an");
        assert_eq!(
            buf,
            "{\"term\":\"ankündigen\",\"spans\":[[0,4],[10,12]],\"line\":3,\
             \"text\":\"kündigte … an\",\"form\":\"simple past\",\
             \"parts\":[\"kündigte\",\"an\"],\"source\":\"glossary\"}\n"
        );
        let r = Record {
            parts: Vec::new(),
            source: "dictionary",
            pos: "verb",
            ..r
        };
        buf.clear();
        json_record(&mut buf, &r, 1, "x");
        let v: serde_json::Value = serde_json::from_str(&buf).expect("valid JSON");
        assert_eq!(v["pos"], "verb");
        assert!(v.get("parts").is_none());
    }
}
