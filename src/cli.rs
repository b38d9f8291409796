//! The command line: arguments, and the subcommands that print (no terminal UI here).

use crate::dict::Place;
use crate::glossary::{Glossary, GlossaryError, GlossarySetup};
use crate::link::{Analysis, Linker};
use crate::text::{Document, terminal_safe, terminal_safe_lines};
use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::Write as _;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

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
    #[command(subcommand, subcommand_required = true, arg_required_else_help = false)]
    Export(ExportCommand),
    /// Known, learning and new terms of a text, and the share of its words you know.
    Stats(StatsArgs),
    /// Look a word up in the offline dictionaries (Ding, FreeDict), inflected forms included.
    Lookup(LookupArgs),
    /// Speak German through espeak-ng, write it to a WAV file, or print its IPA.
    Say(SayArgs),
    /// Bring texts into the library: EPUB, HTML (a saved web page), Markdown, plain text.
    Import(ImportArgs),
    /// The library: every text, what you know of it, your progress over the weeks.
    Library(LibraryArgs),
}

#[derive(Debug, Args)]
pub struct SayArgs {
    /// The German to speak.
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// Write the speech to this WAV file instead of playing it.
    #[arg(long, value_name = "FILE")]
    pub wav: Option<PathBuf>,
    /// Print the pronunciation in IPA, the stressed syllables marked, instead of speaking.
    #[arg(long)]
    pub ipa: bool,
}

#[derive(Debug, Args, Default)]
pub struct LibraryArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub dicts: DictArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The files to import.
    #[arg(required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// The title to give the text (one file only).
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// The text's English translation, paragraph by paragraph (one file only).
    #[arg(long, value_name = "FILE")]
    pub translation: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
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
    /// An Anki package (.apkg) that imports in one step, with sound; or a tab-separated file
    /// (--format tsv).
    Anki(AnkiArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum AnkiFormat {
    /// An Anki package: note type, decks, sound.
    Apkg,
    /// Tab-separated notes (front, back, cloze sentence, tags).
    Tsv,
}

#[derive(Debug, Args)]
pub struct AnkiArgs {
    /// The text whose terms to export (default: the bundled article).
    pub text: Option<PathBuf>,
    /// Write here instead of standard output (`-` is standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Every term with a status (learning, known, ignored), not only those being learnt.
    #[arg(long, conflicts_with = "all")]
    pub with_status: bool,
    /// Every term of the text, whatever its status.
    #[arg(long)]
    pub all: bool,
    /// What to write (default: a package when --out names a file, unless it ends in .tsv or
    /// .txt; tab-separated text on standard output).
    #[arg(long, value_enum)]
    pub format: Option<AnkiFormat>,
    /// Leave the sound out of the package (a smaller file).
    #[arg(long)]
    pub no_audio: bool,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub dicts: DictArgs,
}

impl AnkiArgs {
    /// The format asked for, or the one `--out` implies.
    pub fn format(&self) -> AnkiFormat {
        if let Some(format) = self.format {
            return format;
        }
        let text_file = self
            .out
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("txt"));
        let stdout = self.out.as_deref() == Some(Path::new("-"));
        if self.out.is_none() || text_file || stdout {
            AnkiFormat::Tsv
        } else {
            AnkiFormat::Apkg
        }
    }
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The text (default: every text of the library, and the reading of the last weeks).
    pub text: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub dicts: DictArgs,
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
    #[arg(long, value_name = "FILE", conflicts_with = "data_dir")]
    pub glossary: Option<PathBuf>,
    /// Check your own glossary: `glossary.toml` in this data dir.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
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

/// The text named on the command line, else the bundled article. Its translation is not read:
/// see [`load_translation`].
pub fn load_text(path: Option<&Path>) -> anyhow::Result<Document> {
    match path {
        Some(path) => Ok(Document::load(path)?),
        None => Ok(Document::bundled()),
    }
}

/// A text to read: [`load_text`], except that a web page or an EPUB book is read as
/// `leser import` would save it (its text, not its markup). `annotate` keeps [`load_text`],
/// whose offsets are the file's.
pub fn load_readable(path: Option<&Path>) -> anyhow::Result<Document> {
    let Some(path) = path else {
        return load_text(None);
    };
    match crate::import::kind_of(path) {
        Some(crate::import::Kind::Html | crate::import::Kind::Epub) => {
            let converted = crate::import::convert_file(path)?;
            // Read as the file it would be saved as (`.md` or `.txt`), named as it is.
            let name = path.display().to_string();
            let mut doc = converted.document(&format!("{name}.{}", converted.extension()))?;
            doc.name = name;
            Ok(doc)
        }
        _ => load_text(Some(path)),
    }
}

/// The translation of a text loaded from `path` (`None`: the bundled article), read only by
/// what shows it. A translation named but unreadable (a FIFO, too large, not there while the
/// front matter names it) is left out, and the reason added to the text's notice.
pub fn load_translation(doc: &mut Document, path: Option<&Path>) -> Option<Document> {
    let Some(path) = path else {
        return Document::bundled_translation();
    };
    let translation = doc.translation_path(path)?;
    let named = doc.meta.translation.is_some();
    if !named && !translation.exists() {
        return None;
    }
    match Document::load(&translation) {
        Ok(t) => Some(t),
        Err(e) => {
            let why = format!("translation not shown: {e}");
            doc.notice = Some(match doc.notice.take() {
                Some(notice) => format!("{notice} · {why}"),
                None => why,
            });
            None
        }
    }
}

/// What the screens open things with, from the command line and the config file.
fn opener(data: &DataArgs, dicts: &DictArgs) -> anyhow::Result<crate::tui::Opener> {
    let dir = data_dir(data)?;
    // The dictionaries of `lookup`: the config file's, then those named; opened by the reader.
    let config = crate::config::Config::load()?;
    let keymap = config.keymap();
    let mut dictionaries = config.dictionaries;
    dictionaries.extend(dicts.paths.iter().cloned());
    Ok(crate::tui::Opener {
        data_dir: dir,
        glossary: data.glossary.clone(),
        dictionaries: Some(crate::tui::DictionarySetup {
            extra: dictionaries,
            cache_dir: Some(dictionary_cache_dir()),
        }),
        speech: Some(crate::speech::SpeechSetup {
            rate: config.speech_rate,
            cache_dir: Some(dictionary_cache_dir()),
        }),
        keymap,
        palette: config.colors,
    })
}

/// `leser [TEXT]`: the reader, on TEXT, else on the text read last (the bundled article the
/// first time).
pub fn read(args: &ReaderArgs) -> anyhow::Result<ExitCode> {
    use crate::tui::library::Target;
    let opener = opener(&args.data, &args.dicts)?;
    let target = match &args.text {
        Some(path) => Target::File(path.clone()),
        None => opener.last_target(),
    };
    // Errors (a missing file, a broken glossary) are one line, before the terminal is taken.
    let session = opener.session(&target, true)?;
    crate::tui::run(opener, crate::tui::First::Reader(Box::new(session)))?;
    Ok(ExitCode::SUCCESS)
}

/// `leser library`: the library screen.
pub fn library(args: &LibraryArgs) -> anyhow::Result<ExitCode> {
    let opener = opener(&args.data, &args.dicts)?;
    // A broken library or glossary is reported before the terminal is taken.
    crate::learner::Library::open(&opener.data_dir)?;
    load_glossary_setup(&args.data, &opener.data_dir)?;
    crate::tui::run(opener, crate::tui::First::Library)?;
    Ok(ExitCode::SUCCESS)
}

/// A word outside the glossary that a dictionary answers: its token (and the particle of a
/// split verb: `kündigte` … `an`), and the headword.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryMark {
    pub spans: smallvec::SmallVec<[std::ops::Range<usize>; 2]>,
    pub headword: Arc<MarkedHeadword>,
}

/// What a mark says about its word, shared by the marks of the same form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedHeadword {
    pub lemma: String,
    /// `noun`, `verb`, …
    pub pos: String,
    /// How the word relates to the headword: `simple past, 1st/3rd person singular of gehen`.
    pub how: String,
    /// Its records' JSON before the spans and after the text, written once: a form has
    /// hundreds of records in a book.
    json: std::sync::OnceLock<(Vec<u8>, Vec<u8>)>,
}

impl MarkedHeadword {
    pub fn new(lemma: String, pos: String, how: String) -> MarkedHeadword {
        MarkedHeadword {
            lemma,
            pos,
            how,
            json: std::sync::OnceLock::new(),
        }
    }

    /// The JSON of a record of this headword up to its spans, and after its text.
    fn json(&self) -> &(Vec<u8>, Vec<u8>) {
        self.json.get_or_init(|| {
            let (mut head, mut tail) = (OutBuf::default(), OutBuf::default());
            head.put(b"{\"term\":");
            json_string(&mut head, &self.lemma);
            head.put(b",\"spans\":[");
            json_form(&mut tail, &self.how);
            tail.put(b",\"source\":\"dictionary\"");
            if !self.pos.is_empty() {
                tail.put(b",\"pos\":");
                json_string(&mut tail, &self.pos);
            }
            tail.put(b"}\n");
            (head.as_slice().to_vec(), tail.as_slice().to_vec())
        })
    }
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
type Named = Option<Arc<MarkedHeadword>>;

/// What was asked about a word (its particle, its place), and the answer.
type Asked = (Option<&'static str>, Place, Named);

/// What the dictionaries said about each distinct word form (with its particle and place),
/// asked once: a book has a few tens of thousands of forms in hundreds of thousands of words.
struct Answered<'d> {
    dicts: &'d crate::dict::Dictionaries,
    /// By word, then by particle and place.
    known: rustc_hash::FxHashMap<Box<str>, Vec<Asked>>,
}

impl Answered<'_> {
    /// The answer kept for a word; one not looked up yet (none, once [`Answered::look_up_all`]
    /// ran) is looked up, not kept.
    fn known(&self, word: &str, particle: Option<&'static str>, place: Place) -> Named {
        if let Some(asked) = self.known.get(word)
            && let Some((_, _, named)) =
                asked.iter().find(|(p, s, _)| *p == particle && *s == place)
        {
            return named.clone();
        }
        if let Some(core) = core_named(word, particle, place) {
            return Some(core);
        }
        self.dicts
            .headword_and_form(word, particle, place)
            .map(|(h, how)| Arc::new(MarkedHeadword::new(h.lemma, h.pos, how)))
    }

    fn get(&mut self, word: &str, particle: Option<&'static str>, place: Place) -> Named {
        if let Some(named) = self
            .known
            .get(word)
            .and_then(|asked| asked.iter().find(|(p, s, _)| *p == particle && *s == place))
        {
            return named.2.clone();
        }
        let named = core_named(word, particle, place).or_else(|| {
            self.dicts
                .headword_and_form(word, particle, place)
                .map(|(h, how)| Arc::new(MarkedHeadword::new(h.lemma, h.pos, how)))
        });
        self.known
            .entry(Box::from(word))
            .or_default()
            .push((particle, place, named.clone()));
        named
    }
}

/// The core lexicon's answer for a word, which comes before the dictionaries' (as on the
/// reader's cards): `einer` is the article, not a comparative of `ein`.
fn core_named(word: &str, particle: Option<&'static str>, place: Place) -> Named {
    let noun_like = !place.sentence_start && crate::de::is_capitalized(word);
    let entry = crate::de::core::entry_in_text(word, noun_like, particle.is_some())?;
    Some(Arc::new(MarkedHeadword::new(
        entry.headword.to_string(),
        entry.pos.to_string(),
        entry.function.to_string(),
    )))
}

/// Hands `consume` the words no link covers that a dictionary answers, in text order, while
/// they are worked out. A verb whose separable particle ends its clause is marked with it when
/// that makes a verb the dictionaries know (`kündigte` … `an`: `ankündigen`). The distinct word
/// forms are looked up first, then the marks of a block of sentences at a time, the next block
/// while `consume` takes the last, on as many threads as there are cores.
pub fn with_dictionary_marks<R>(
    doc: &Document,
    analysis: &Analysis,
    dicts: &crate::dict::Dictionaries,
    consume: impl FnOnce(DictionaryMarks) -> R,
) -> R {
    let mut answered = Answered {
        dicts,
        known: rustc_hash::FxHashMap::default(),
    };
    answered.look_up_all(doc, analysis);
    let answered = &answered;
    rayon::in_place_scope(|s| {
        // One block waits while the next is worked out: a book's marks are never all held
        // at once.
        let (blocks, marks) = std::sync::mpsc::sync_channel(1);
        s.spawn(move |_| {
            for block in analysis.sentences.chunks(MARK_BLOCK) {
                let block: Vec<Vec<DictionaryMark>> = block
                    .par_iter()
                    .map(|sentence| sentence_marks(doc, analysis, sentence, answered))
                    .collect();
                // The consumer stopped (a closed pipe): nothing more is wanted.
                if blocks.send(block).is_err() {
                    break;
                }
            }
        });
        consume(DictionaryMarks {
            blocks: marks.into_iter(),
            block: Vec::new().into_iter().flatten(),
        })
    })
}

/// The dictionary marks of a text in order, as [`with_dictionary_marks`] works them out.
pub struct DictionaryMarks {
    blocks: std::sync::mpsc::IntoIter<Vec<Vec<DictionaryMark>>>,
    block: std::iter::Flatten<std::vec::IntoIter<Vec<DictionaryMark>>>,
}

impl Iterator for DictionaryMarks {
    type Item = DictionaryMark;

    fn next(&mut self) -> Option<DictionaryMark> {
        loop {
            if let Some(mark) = self.block.next() {
                return Some(mark);
            }
            self.block = self.blocks.next()?.into_iter().flatten();
        }
    }
}

/// Sentences whose marks are worked out together: enough to share among threads, few enough
/// that a book's marks are not all held at once.
const MARK_BLOCK: usize = 4096;

impl Answered<'_> {
    /// Looks every distinct word form of the text up, in parallel.
    fn look_up_all(&mut self, doc: &Document, analysis: &Analysis) {
        type Asks<'t> = (
            rustc_hash::FxHashSet<(&'t str, Place)>,
            rustc_hash::FxHashSet<(&'t str, &'static str, Place)>,
        );
        let text = doc.source.as_str();
        // The distinct forms, gathered on every core: working out each word's place is a
        // good part of the whole.
        let (plain, split): Asks<'_> = analysis
            .sentences
            .par_iter()
            .fold(Asks::default, |(mut plain, mut split), sentence| {
                for w in sentence_words(doc, analysis, sentence) {
                    let word = analysis.tokens[w.token].text(text);
                    plain.insert((word, w.place));
                    if let Some((_, p)) = w.particle {
                        split.insert((word, p, w.place));
                    }
                }
                (plain, split)
            })
            .reduce(Asks::default, |(mut plain, mut split), (p, s)| {
                plain.extend(p);
                split.extend(s);
                (plain, split)
            });
        let plain: Vec<(&str, Option<&'static str>, Place)> =
            plain.into_iter().map(|(w, s)| (w, None, s)).collect();
        let plain = self.keep_core_answers(plain);
        self.look_up_in_parallel(&plain);
        // With its particle, only what may be a verb: `kündigte` … `an`, not `Alles` … `bei`.
        let split: Vec<(&str, Option<&'static str>, Place)> = split
            .into_iter()
            .filter(|&(w, _, place)| may_be_verb(&self.get(w, None, place)))
            .map(|(w, p, place)| (w, Some(p), place))
            .collect();
        let split = self.keep_core_answers(split);
        self.look_up_in_parallel(&split);
    }

    /// Keeps the core lexicon's answers, which come before the dictionaries' (each distinct
    /// form's worked out once, not each word's); gives back the queries it does not answer.
    fn keep_core_answers<'w>(
        &mut self,
        queries: Vec<(&'w str, Option<&'static str>, Place)>,
    ) -> Vec<(&'w str, Option<&'static str>, Place)> {
        let mut rest = Vec::with_capacity(queries.len());
        for (word, particle, place) in queries {
            match core_named(word, particle, place) {
                Some(core) => self.known.entry(Box::from(word)).or_default().push((
                    particle,
                    place,
                    Some(core),
                )),
                None => rest.push((word, particle, place)),
            }
        }
        rest
    }

    /// Looks `queries` up on as many threads as there are cores, and keeps the answers.
    fn look_up_in_parallel(&mut self, queries: &[(&str, Option<&'static str>, Place)]) {
        let dicts = self.dicts;
        let found: Vec<Option<(crate::dict::Headword, String)>> = queries
            .par_iter()
            .map(|&(w, p, place)| dicts.headword_and_form(w, p, place))
            .collect();
        for (&(word, particle, place), answer) in queries.iter().zip(found) {
            let named = answer.map(|(h, how)| Arc::new(MarkedHeadword::new(h.lemma, h.pos, how)));
            self.known
                .entry(Box::from(word))
                .or_default()
                .push((particle, place, named));
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
    /// Whether it opens its sentence, and whether it stands before its noun.
    place: Place,
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
    let mut words = Vec::new();
    for clause in crate::de::sentence::split_clauses(text, tokens, sentence.tokens.clone()) {
        let last = clause.clone().rev().find(|&t| tokens[t].is_word());
        let particle = last.filter(|&l| unlinked(l)).and_then(|l| {
            let word = tokens[l].text(text).to_lowercase();
            PARTICLES.iter().find(|p| **p == word).map(|p| (l, *p))
        });
        let places =
            crate::dict::query::clause_places(text, tokens, sentence.tokens.clone(), clause);
        for (t, place) in places.into_iter().filter(|&(t, _)| unlinked(t)) {
            let noun = crate::de::is_capitalized(tokens[t].text(text)) && !place.sentence_start;
            words.push(MarkableWord {
                token: t,
                place,
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
    answered: &Answered<'_>,
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
            .filter(|_| may_be_verb(&answered.known(word, None, w.place)))
            .and_then(|(l, p)| {
                let named = answered.known(word, Some(p), w.place)?;
                makes_particle_verb(&named.lemma, word, p).then_some((l, named))
            });
        let mut spans = smallvec::smallvec![tokens[t].start..tokens[t].end];
        let named = match split {
            Some((l, named)) => {
                claimed.push(l);
                spans.push(tokens[l].start..tokens[l].end);
                Some(named)
            }
            None => answered.known(word, None, w.place),
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
    parts: &'a [crate::link::CompoundPart],
    source: &'static str,
    pos: &'a str,
    /// The glossary entry (an index into the glossary) and its alternatives, for a glossary
    /// link.
    entry: Option<usize>,
    alternatives: &'a [usize],
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
    let mut writer = AnnotationWriter::new(doc, glossary, format);
    loop {
        let link_first = match (links.peek(), marks.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(l), Some(m)) => start_of(&l.spans) <= start_of(&m.spans),
        };
        if link_first {
            let Some(link) = links.next() else { break };
            writer.write(out, &Record::of_link(link, glossary))?;
        } else {
            let Some(mark) = marks.next() else { break };
            writer.write_mark(out, &mark)?;
        }
    }
    writer.finish(out)
}

/// Links a document and writes its links as `annotate` prints them (without dictionaries),
/// each paragraph's as they are found: the links of a whole book are never all kept.
pub fn write_links(
    out: &mut impl std::io::Write,
    doc: &Document,
    linker: &Linker,
    format: Format,
) -> std::io::Result<()> {
    let mut writer = AnnotationWriter::new(doc, linker.glossary(), format);
    let mut written = Ok(());
    linker.for_each_sentence(doc, |links| {
        written = links
            .iter()
            .try_for_each(|link| writer.write(out, &Record::of_link(link, linker.glossary())));
        if written.is_ok() {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    });
    written.and_then(|()| writer.finish(out))
}

fn start_of(spans: &[std::ops::Range<usize>]) -> usize {
    spans.first().map_or(0, |s| s.start)
}

impl<'a> Record<'a> {
    fn of_link(link: &'a crate::link::Link, glossary: &'a Glossary) -> Record<'a> {
        Record {
            term: &glossary.entries[link.entry].de,
            spans: &link.spans,
            form: &link.form,
            parts: &link.parts,
            source: "glossary",
            pos: "",
            entry: Some(link.entry),
            alternatives: &link.alternatives,
        }
    }
}

/// Bytes gathered for writing, with room kept past their end: a short piece is copied as a
/// whole block of sixteen bytes (what lies past the piece is written over by the next one),
/// which costs less than a copy of just its length. A piece kept for later records is an
/// `OutBuf` too, so that it can be copied in blocks.
#[derive(Debug, Clone, Default)]
struct OutBuf {
    /// All initialized; the bytes gathered are the first `len`, and [`OutBuf::SLACK`] more
    /// follow once anything is.
    bytes: Vec<u8>,
    len: usize,
}

impl OutBuf {
    const BLOCK: usize = 16;
    /// What is kept free past the bytes gathered, beyond what a piece asks for.
    const SLACK: usize = 64;

    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    fn clear(&mut self) {
        self.len = 0;
    }

    /// A cursor over the free room, `n` bytes and the slack at least; what is written through
    /// it counts once [`OutBuf::commit`] is called with it.
    #[inline]
    fn cursor(&mut self, n: usize) -> Cursor<'_> {
        if self.bytes.len() < self.len + n + Self::SLACK {
            self.grow(n);
        }
        Cursor {
            room: &mut self.bytes[self.len..],
            at: 0,
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self, n: usize) {
        let grown = (self.len + n + Self::SLACK).max(2 * self.bytes.len());
        self.bytes.resize(grown, 0);
    }

    #[inline]
    fn put(&mut self, piece: &[u8]) {
        let mut c = self.cursor(piece.len());
        c.put(piece);
        self.len += c.at;
    }

    #[inline]
    fn put_byte(&mut self, b: u8) {
        let mut c = self.cursor(1);
        c.put_byte(b);
        self.len += c.at;
    }
}

/// Writes into the room an [`OutBuf`] keeps.
struct Cursor<'b> {
    room: &'b mut [u8],
    at: usize,
}

impl Cursor<'_> {
    #[inline]
    fn put(&mut self, piece: &[u8]) {
        self.room[self.at..self.at + piece.len()].copy_from_slice(piece);
        self.at += piece.len();
    }

    #[inline]
    fn put_byte(&mut self, b: u8) {
        self.room[self.at] = b;
        self.at += 1;
    }

    /// A JSON string (the room must hold six bytes for each of its own and two): quotes,
    /// backslashes and control characters escaped. Byte by byte: what needs escaping is
    /// ASCII, and no byte of a longer UTF-8 character looks like it.
    #[inline]
    fn put_json_string(&mut self, s: &[u8]) {
        self.put_byte(b'"');
        if needs_json_escape(s) {
            for &b in s {
                match b {
                    b'"' => self.put(b"\\\""),
                    b'\\' => self.put(b"\\\\"),
                    b'\n' => self.put(b"\\n"),
                    b'\t' => self.put(b"\\t"),
                    b'\r' => self.put(b"\\r"),
                    b if b < b' ' => self.put(&[
                        b'\\',
                        b'u',
                        b'0',
                        b'0',
                        HEX[usize::from(b >> 4)],
                        HEX[usize::from(b & 0xf)],
                    ]),
                    b => self.put_byte(b),
                }
            }
        } else {
            // Most strings: copied whole.
            self.put(s);
        }
        self.put_byte(b'"');
    }

    /// The first `len` (at most sixteen) bytes of `block`.
    #[inline]
    fn put_short(&mut self, block: &[u8; 16], len: usize) {
        self.room[self.at..self.at + 16].copy_from_slice(block);
        self.at += len.min(16);
    }

    /// A kept piece, sixteen bytes at a time (the room must hold sixteen more).
    #[inline]
    fn put_blocks(&mut self, piece: &OutBuf) {
        let mut from = 0;
        while from < piece.len {
            let to = self.at + from;
            self.room[to..to + 16].copy_from_slice(&piece.bytes[from..from + 16]);
            from += 16;
        }
        self.at += piece.len;
    }

    /// A number in decimal, without the formatting machinery: a record has three or more.
    /// Below 10^8 its digits are worked out side by side in one word, which is written whole
    /// and counted to its digits.
    #[inline]
    fn put_number(&mut self, n: usize) {
        let Ok(small @ 0..100_000_000) = u32::try_from(n) else {
            self.put(itoa::Buffer::new().format(n).as_bytes());
            return;
        };
        // Four digits a lane, then two, then one a byte; the first digit in the first byte.
        let v = u64::from(small / 10_000) | (u64::from(small % 10_000) << 32);
        let hundreds = ((v * 10_486) >> 20) & 0x0000_007f_0000_007f;
        let v = hundreds | ((v - hundreds * 100) << 16);
        let tens = ((v * 103) >> 10) & 0x000f_000f_000f_000f;
        let digits = tens | ((v - tens * 10) << 8);
        // The leading zeros are the low zero bytes; zero itself keeps one digit.
        let zeros = (digits.trailing_zeros() / 8).min(7);
        let ascii = (digits + u64::from_le_bytes([b'0'; 8])) >> (8 * zeros);
        self.room[self.at..self.at + 8].copy_from_slice(&ascii.to_le_bytes());
        self.at += 8 - zeros as usize;
    }
}

/// What a glossary entry's records share, written once: an entry has hundreds of records in
/// a book.
#[derive(Debug, Clone, Default)]
struct EntryJson {
    /// Up to the spans.
    head: OutBuf,
    /// The source, gender and part of speech.
    tail: OutBuf,
}

impl EntryJson {
    fn new(r: &Record<'_>, glossary: &Glossary) -> EntryJson {
        let (mut head, mut tail) = (OutBuf::default(), OutBuf::default());
        json_head(&mut head, r);
        json_tail(&mut tail, r, glossary);
        EntryJson { head, tail }
    }
}

/// Writes records in text order. Offsets, lines and columns are the file's (before line ends
/// and Markdown were read), counted as the records go by.
struct AnnotationWriter<'a> {
    doc: &'a Document,
    glossary: &'a Glossary,
    format: Format,
    position: TextPosition,
    /// Whether the document's text is the file's as it is (no line ends or Markdown read), so
    /// that its offsets need no mapping.
    source_is_file: bool,
    /// A record's spans in the file, when they are mapped.
    file_spans: Vec<std::ops::Range<usize>>,
    /// Records not yet written: they go out [`AnnotationWriter::BATCH`] bytes at a time.
    buf: OutBuf,
    /// By glossary entry.
    entry_json: Vec<Option<EntryJson>>,
    /// A text record as it is put together.
    text: String,
}

impl<'a> AnnotationWriter<'a> {
    /// How many bytes of records are gathered before they are written: a book has hundreds
    /// of thousands of records of a hundred bytes or so.
    const BATCH: usize = 1 << 16;

    fn new(doc: &'a Document, glossary: &'a Glossary, format: Format) -> Self {
        let mut buf = OutBuf::default();
        buf.grow(Self::BATCH + 4096);
        AnnotationWriter {
            doc,
            glossary,
            format,
            position: TextPosition {
                lines_only: format == Format::Jsonl,
                ..TextPosition::default()
            },
            source_is_file: doc.source_is_file(),
            file_spans: Vec::new(),
            buf,
            entry_json: Vec::new(),
            text: String::new(),
        }
    }

    /// A word's line and column, and its spans in the file: the spans given when the
    /// document's offsets are the file's, else the mapped ones, left in `file_spans`.
    fn place<'s>(
        &'s mut self,
        spans: &'s [std::ops::Range<usize>],
    ) -> (usize, usize, &'s [std::ops::Range<usize>]) {
        let doc = self.doc;
        if self.source_is_file {
            let (line, column) = self.position.advance(&doc.source, start_of(spans));
            return (line, column, spans);
        }
        let start = doc.file_offset(start_of(spans));
        let (line, column) = self.position.advance(doc.file_text(), start);
        self.file_spans.clear();
        self.file_spans
            .extend(spans.iter().map(|s| doc.file_range(s.clone())));
        (line, column, &self.file_spans)
    }

    /// A dictionary's mark; in JSON, with what its headword's records share written once.
    fn write_mark(
        &mut self,
        out: &mut impl std::io::Write,
        mark: &DictionaryMark,
    ) -> std::io::Result<()> {
        let h = &mark.headword;
        if self.format != Format::Jsonl {
            return self.write(
                out,
                &Record {
                    term: &h.lemma,
                    spans: &mark.spans,
                    form: &h.how,
                    parts: &[],
                    source: "dictionary",
                    pos: &h.pos,
                    entry: None,
                    alternatives: &[],
                },
            );
        }
        let surface = surface(&self.doc.source, &mark.spans);
        let (line, _, spans) = self.place(&mark.spans);
        let spans = spans.to_vec();
        let (head, tail) = h.json();
        let buf = &mut self.buf;
        buf.put(head);
        json_spans(buf, &spans, line);
        json_string(buf, &surface);
        buf.put(tail);
        self.spill(out)
    }

    /// Writes the records gathered once they fill a batch.
    fn spill(&mut self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        if self.buf.len < Self::BATCH {
            return Ok(());
        }
        self.finish(out)
    }

    /// Writes the records gathered.
    fn finish(&mut self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(self.buf.as_slice())?;
        self.buf.clear();
        Ok(())
    }

    fn write(&mut self, out: &mut impl std::io::Write, r: &Record<'_>) -> std::io::Result<()> {
        match (self.format, r.entry) {
            (Format::Jsonl, Some(e)) => self.write_entry_json(r, e),
            (Format::Jsonl, None) => {
                let surface = surface(&self.doc.source, r.spans);
                let glossary = self.glossary;
                let (line, _, _) = self.place(r.spans);
                let spans = Self::file_spans(self.source_is_file, &self.file_spans, r.spans);
                json_record(&mut self.buf, r, spans, line, &surface, glossary);
            }
            (Format::Text, _) => {
                let surface = surface(&self.doc.source, r.spans);
                let (line, column, _) = self.place(r.spans);
                // For reading in a terminal: the glossary's words made safe there.
                let text = &mut self.text;
                text.clear();
                let _ = write!(
                    text,
                    "{line}:{column}\t{}\t{}",
                    terminal_safe(&surface),
                    terminal_safe(r.term)
                );
                if !r.form.is_empty() {
                    let _ = write!(text, "\t{}", terminal_safe(r.form));
                }
                if r.source == "dictionary" {
                    text.push_str("\t(dictionary)");
                }
                text.push('\n');
                self.buf.put(text.as_bytes());
            }
        }
        self.spill(out)
    }

    /// The spans in the file of the record last placed, whose spans in the text are `spans`.
    fn file_spans<'s>(
        source_is_file: bool,
        file_spans: &'s [std::ops::Range<usize>],
        spans: &'s [std::ops::Range<usize>],
    ) -> &'s [std::ops::Range<usize>] {
        if source_is_file { spans } else { file_spans }
    }

    /// A glossary link's JSON record, with what its entry's records share written once, all
    /// through one cursor with room for the record at its longest. The text of one word, when
    /// it is short and needs no escape, is copied from the document as a block.
    fn write_entry_json(&mut self, r: &Record<'_>, e: usize) {
        let glossary = self.glossary;
        let doc = self.doc;
        let (line, _) = if self.source_is_file {
            self.position.advance(&doc.source, start_of(r.spans))
        } else {
            let (line, column, _) = self.place(r.spans);
            (line, column)
        };
        let spans = Self::file_spans(self.source_is_file, &self.file_spans, r.spans);
        if self.entry_json.len() <= e {
            self.entry_json.resize(e + 1, None);
        }
        let shared = self.entry_json[e].get_or_insert_with(|| EntryJson::new(r, glossary));
        let source = doc.source.as_bytes();
        let joined;
        let (text, block) = match r.spans {
            [one] => (
                &source[one.clone()],
                source
                    .get(one.start..one.start + 16)
                    .and_then(<[u8]>::first_chunk::<16>),
            ),
            spans => {
                joined = link_surface(&doc.source, spans);
                (joined.as_bytes(), None)
            }
        };
        let parts: usize = r.parts.iter().map(|p| 6 * p.text.len() + 3).sum();
        let most = shared.head.len
            + shared.tail.len
            + 2 * OutBuf::BLOCK
            + 48 * spans.len()
            + 64
            + 6 * (text.len() + r.form.len())
            + parts;
        let buf = &mut self.buf;
        let mut c = buf.cursor(most);
        c.put_blocks(&shared.head);
        cursor_spans(&mut c, spans, line);
        match block {
            Some(block) if text.len() <= 16 && !short_needs_json_escape(block, text.len()) => {
                c.put_byte(b'"');
                c.put_short(block, text.len());
                c.put_byte(b'"');
            }
            _ => c.put_json_string(text),
        }
        c.put(b",\"form\":");
        c.put_json_string(r.form.as_bytes());
        if let [first, rest @ ..] = r.parts {
            c.put(b",\"parts\":[");
            c.put_json_string(first.text.as_bytes());
            for p in rest {
                c.put_byte(b',');
                c.put_json_string(p.text.as_bytes());
            }
            c.put_byte(b']');
        }
        c.put_blocks(&shared.tail);
        if r.alternatives.is_empty() {
            c.put(b"}\n");
            buf.len += c.at;
        } else {
            buf.len += c.at;
            json_end(buf, r, glossary);
        }
    }
}

/// One line of `annotate --format jsonl`: `term`, `spans`, `line`, `text`, `form`, `parts`
/// (when there are), `source` (`glossary`, or `dictionary` for a word only a dictionary
/// knows), `pos` (a dictionary word's part of speech, when known). Written by hand: a book
/// has hundreds of thousands of them.
fn json_record(
    buf: &mut OutBuf,
    r: &Record<'_>,
    spans: &[std::ops::Range<usize>],
    line: usize,
    surface: &str,
    glossary: &Glossary,
) {
    json_head(buf, r);
    json_spans(buf, spans, line);
    json_string(buf, surface);
    json_form(buf, r.form);
    json_parts(buf, r.parts);
    json_tail(buf, r, glossary);
    json_end(buf, r, glossary);
}

/// A record's JSON up to its spans: the same for every record of an entry.
fn json_head(buf: &mut OutBuf, r: &Record<'_>) {
    buf.put(b"{\"term\":");
    json_string(buf, r.term);
    buf.put(b",\"spans\":[");
}

/// The spans and line of a record, up to its text.
fn json_spans(buf: &mut OutBuf, spans: &[std::ops::Range<usize>], line: usize) {
    let mut c = buf.cursor(64 * (spans.len() + 1));
    cursor_spans(&mut c, spans, line);
    buf.len += c.at;
}

/// [`json_spans`] through a cursor with room for them.
#[inline]
fn cursor_spans(c: &mut Cursor<'_>, spans: &[std::ops::Range<usize>], line: usize) {
    for (i, s) in spans.iter().enumerate() {
        if i > 0 {
            c.put_byte(b',');
        }
        c.put_byte(b'[');
        c.put_number(s.start);
        c.put_byte(b',');
        c.put_number(s.end);
        c.put_byte(b']');
    }
    c.put(b"],\"line\":");
    c.put_number(line);
    c.put(b",\"text\":");
}

/// A record's form, with the comma before it.
fn json_form(buf: &mut OutBuf, form: &str) {
    buf.put(b",\"form\":");
    json_string(buf, form);
}

/// The parts of a closed compound, when there are.
fn json_parts(buf: &mut OutBuf, parts: &[crate::link::CompoundPart]) {
    if let [first, rest @ ..] = parts {
        buf.put(b",\"parts\":[");
        json_string(buf, &first.text);
        for p in rest {
            buf.put_byte(b',');
            json_string(buf, &p.text);
        }
        buf.put_byte(b']');
    }
}

/// The source, gender and part of speech: the same for every record of an entry.
fn json_tail(buf: &mut OutBuf, r: &Record<'_>, glossary: &Glossary) {
    let entry = r.entry.and_then(|e| glossary.entries.get(e));
    buf.put(b",\"source\":");
    json_string(buf, r.source);
    // A glossary entry's gender and part of speech; a dictionary word's part of speech.
    if let Some(gender) = entry.and_then(|e| e.gender) {
        buf.put(b",\"gender\":");
        json_string(buf, gender.as_str());
    }
    let pos: &str = match entry.and_then(|e| e.pos) {
        Some(p) => p.as_str(),
        None => r.pos,
    };
    if !pos.is_empty() {
        buf.put(b",\"pos\":");
        json_string(buf, pos);
    }
}

/// The alternatives, if any, and the end of the record.
fn json_end(buf: &mut OutBuf, r: &Record<'_>, glossary: &Glossary) {
    // Homographs the sentence did not decide between (der Kiefer, die Kiefer).
    if !r.alternatives.is_empty()
        && r.alternatives
            .iter()
            .any(|&a| glossary.entries.get(a).is_some())
    {
        buf.put(b",\"alternatives\":[");
        for (i, e) in r
            .alternatives
            .iter()
            .filter_map(|&a| glossary.entries.get(a))
            .enumerate()
        {
            if i > 0 {
                buf.put_byte(b',');
            }
            buf.put(b"{\"term\":");
            json_string(buf, &e.de);
            if let Some(g) = e.gender {
                buf.put(b",\"gender\":");
                json_string(buf, g.as_str());
            }
            if let Some(p) = e.pos {
                buf.put(b",\"pos\":");
                json_string(buf, p.as_str());
            }
            buf.put_byte(b'}');
        }
        buf.put_byte(b']');
    }
    buf.put(b"}\n");
}

/// A JSON string: quotes, backslashes and control characters escaped.
fn json_string(buf: &mut OutBuf, s: &str) {
    let mut c = buf.cursor(6 * s.len() + 2);
    c.put_json_string(s.as_bytes());
    buf.len += c.at;
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn escaped_in_json(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < b' '
}

/// Whether a string has a byte JSON escapes, eight bytes at a time (see
/// [`json_escapes_in`]); a string of eight bytes or more ends with the eight bytes before its
/// end, which may overlap those looked at already.
fn needs_json_escape(bytes: &[u8]) -> bool {
    if bytes.len() < 8 {
        return bytes.iter().any(|&b| escaped_in_json(b));
    }
    let word = |w: &[u8; 8]| json_escapes_in(u64::from_le_bytes(*w)) != 0;
    bytes
        .chunks_exact(8)
        .filter_map(<[u8]>::first_chunk::<8>)
        .any(word)
        || bytes.last_chunk::<8>().is_some_and(word)
}

/// Whether the first `len` bytes of `block` hold one JSON escapes.
fn short_needs_json_escape(block: &[u8; 16], len: usize) -> bool {
    let kept = |n: usize| if n >= 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
    let (low, high) = block.split_at(8);
    let word = |w: &[u8]| w.first_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w));
    (json_escapes_in(word(low)) & kept(len))
        | (json_escapes_in(word(high)) & kept(len.saturating_sub(8)))
        != 0
}

/// The bytes of a word of eight (the first in the low byte) that JSON escapes, each marked by
/// its high bit: below a space, or a quote or a backslash. A borrow only passes on upwards
/// from a marked byte, so a byte may be marked wrongly only above one marked rightly: whether
/// any is, among the first so many, is exact.
fn json_escapes_in(x: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x;
    (below(x, b' ')
        | below(x ^ (ONES * u64::from(b'"')), 1)
        | below(x ^ (ONES * u64::from(b'\\')), 1))
        & HIGH
}

/// Line and column of offsets visited in text order, each byte looked at once: a text of one
/// long line with many links costs no more than one of many lines.
#[derive(Debug, Default)]
struct TextPosition {
    /// Where counting got to, and the line (0-based) and column (in characters, 0-based) there.
    offset: usize,
    line: usize,
    column: usize,
    /// Whether columns are counted: JSON records give the line only.
    lines_only: bool,
    /// Bytes looked at, for the test that counting stays linear.
    scanned: usize,
}

impl TextPosition {
    /// 1-based line and column of `offset`, at or after the last one asked about (the column
    /// is 1 when only lines are counted).
    fn advance(&mut self, source: &str, offset: usize) -> (usize, usize) {
        let offset = offset.clamp(self.offset, source.len());
        let from = self.offset;
        self.scanned += offset - from;
        self.offset = offset;
        if self.lines_only {
            self.line += count_newlines(source.as_bytes(), from..offset);
            return (self.line + 1, 1);
        }
        // The lines, then the characters after the last line end: a byte that is no UTF-8
        // continuation byte starts a character.
        let bytes = &source.as_bytes()[from..offset];
        let tail = match memchr::memrchr(b'\n', bytes) {
            None => bytes,
            Some(last) => {
                self.line += count_newlines(bytes, 0..last + 1);
                self.column = 0;
                &bytes[last + 1..]
            }
        };
        self.column += count_bytes(tail, |b| b & 0xc0 != 0x80);
        (self.line + 1, self.column + 1)
    }
}

/// Which bytes of a block [`count_newlines`] counts, by how many of its first ones it leaves
/// out (1 for a byte counted).
static BLOCK_MASKS: [[u8; 32]; 32] = {
    let mut masks = [[0; 32]; 32];
    let mut skip = 0;
    while skip < 32 {
        let mut i = skip;
        while i < 32 {
            masks[skip][i] = 1;
            i += 1;
        }
        skip += 1;
    }
    masks
};

/// How many line ends `bytes[range]` holds. Between two records there are some forty bytes:
/// 32 at a time from the end back, the first block of the range read as the 32 bytes that end
/// it with those before the range masked out. A long stretch goes to `memchr`.
fn count_newlines(bytes: &[u8], range: std::ops::Range<usize>) -> usize {
    let std::ops::Range { start, mut end } = range;
    if end.saturating_sub(start) >= 256 {
        return memchr::memchr_iter(b'\n', &bytes[start..end]).count();
    }
    let mut n = 0;
    while end > start {
        let block = end
            .checked_sub(32)
            .and_then(|at| bytes.get(at..end))
            .and_then(<[u8]>::first_chunk::<32>);
        let Some(block) = block else {
            // Less than a block from the start of the text.
            return n + memchr::memchr_iter(b'\n', &bytes[start..end]).count();
        };
        let mask = &BLOCK_MASKS[(start + 32).saturating_sub(end)];
        let mut found = 0u8;
        for (&b, &m) in block.iter().zip(mask) {
            found += u8::from(b == b'\n') & m;
        }
        n += usize::from(found);
        end -= 32;
    }
    n
}

/// How many bytes match: counted in blocks small enough for a byte-wide sum, which the
/// compiler turns into vector instructions.
fn count_bytes(bytes: &[u8], matches: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            let n: u8 = block.iter().map(|&b| u8::from(matches(b))).sum();
            usize::from(n)
        })
        .sum()
}

/// A word's text as a record gives it: one word as it is, split parts joined.
fn surface<'s>(source: &'s str, spans: &[std::ops::Range<usize>]) -> std::borrow::Cow<'s, str> {
    match spans {
        [one] => std::borrow::Cow::Borrowed(&source[one.clone()]),
        spans => std::borrow::Cow::Owned(link_surface(source, spans)),
    }
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
    let doc = load_text(args.text.as_deref())?;
    if let Some(text) = &doc.notice {
        notice(text);
    }
    let linker = Linker::new(glossary);
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let Some(dict) = &args.dict else {
        let written = write_links(&mut stdout, &doc, &linker, args.format);
        return finish_stdout(written.and_then(|()| stdout.flush()));
    };
    let analysis = linker.analyze(&doc);
    let extra: Vec<PathBuf> = dict.iter().cloned().collect();
    let dicts = open_dictionaries(&extra)?;
    for e in dicts.errors() {
        notice(&e.to_string());
    }
    for w in dicts.warnings() {
        notice(&w);
    }
    if dicts.is_empty() {
        anyhow::bail!(
            "no dictionary found: install trans-de-en or dict-freedict-deu-eng, or name one with --dict PATH"
        );
    }
    let written = with_dictionary_marks(&doc, &analysis, &dicts, |marks| {
        write_annotations(
            &mut stdout,
            &doc,
            &analysis,
            linker.glossary(),
            marks,
            args.format,
        )
    })
    .and_then(|()| stdout.flush());
    // The process ends here: what a book's lookups keep (entries taken apart, chunks
    // inflated, the analysis) is left to the system rather than freed piece by piece.
    std::mem::forget((dicts, analysis, doc));
    finish_stdout(written)
}

/// The end of writing to stdout: a closed pipe (`leser annotate | head`) is not an error.
fn finish_stdout(written: std::io::Result<()>) -> anyhow::Result<ExitCode> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r.context("cannot write to standard output")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The forms the learner filed, by filing key, as [`crate::terms::Sources`] takes them.
fn filed_forms(store: &crate::learner::Store) -> rustc_hash::FxHashMap<String, String> {
    store
        .filings()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect()
}

/// A text with its glossary, store, dictionaries and every word's term, for `stats` and
/// `export`.
struct OpenText {
    doc: Document,
    analysis: Analysis,
    linker: Linker,
    dicts: crate::dict::Dictionaries,
    terms: crate::terms::Terms,
    statuses: Vec<crate::learner::Status>,
}

fn open_text(text: Option<&Path>, data: &DataArgs, dicts: &DictArgs) -> anyhow::Result<OpenText> {
    let dir = data_dir(data)?;
    let setup = load_glossary_setup(data, &dir)?;
    let doc = load_readable(text)?;
    let store = crate::learner::Store::open(&dir)?;
    for w in store.warnings() {
        notice(w);
    }
    let dicts = open_dictionaries(&dicts.paths)?;
    let linker = Linker::new(setup.glossary);
    let analysis = linker.analyze(&doc);
    let terms = crate::terms::text_terms(
        &doc.source,
        &analysis,
        linker.glossary(),
        filed_forms(&store),
        &dicts,
    );
    let statuses = crate::learner::term_statuses(&terms, |t| store.status(t));
    Ok(OpenText {
        doc,
        analysis,
        linker,
        dicts,
        terms,
        statuses,
    })
}

/// `leser export anki`.
pub fn export_anki(args: &AnkiArgs) -> anyhow::Result<ExitCode> {
    use crate::learner::{ExportSelection, TextNotes, anki_tsv};
    let package_path = match (args.format(), &args.out) {
        (AnkiFormat::Apkg, None) => anyhow::bail!(
            "an Anki package is a file: name it with --out FILE.apkg (or use --format tsv)"
        ),
        (AnkiFormat::Apkg, Some(path)) => Some(path),
        (AnkiFormat::Tsv, _) => None,
    };
    let open = open_text(args.text.as_deref(), &args.data, &args.dicts)?;
    let which = if args.all {
        ExportSelection::All
    } else if args.with_status {
        ExportSelection::WithStatus
    } else {
        ExportSelection::Learning
    };
    let src = TextNotes {
        doc: &open.doc,
        analysis: &open.analysis,
        glossary: open.linker.glossary(),
        terms: &open.terms,
        statuses: &open.statuses,
        dicts: (!open.dicts.is_empty()).then_some(&open.dicts),
    };
    if let Some(path) = package_path {
        // The sentences' English, where the text has a translation.
        let mut doc = open.doc.clone();
        let translation = load_translation(&mut doc, args.text.as_deref());
        let notes = crate::learner::anki_notes(&src, which, translation.as_ref());
        return export_package(path, notes, !args.no_audio);
    }
    let tsv = anki_tsv(&src, which);
    match args.out.as_deref().filter(|p| *p != Path::new("-")) {
        Some(path) => {
            crate::glossary::save::write_replacing(path, tsv.as_bytes())
                .with_context(|| format!("{}: cannot write the export", path.display()))?;
            notice(&format!(
                "{} notes written to {}",
                tsv.lines().filter(|l| !l.starts_with('#')).count(),
                path.display()
            ));
        }
        None => write_stdout(&tsv)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the notes as an Anki package, with their IPA and (unless `audio` is false) their
/// sound from espeak-ng; without espeak-ng, without both, and says so.
fn export_package(
    path: &Path,
    mut notes: Vec<crate::learner::NoteRecord>,
    audio: bool,
) -> anyhow::Result<ExitCode> {
    use crate::speech::{Espeak, IpaCache};
    let rate = crate::config::Config::load()?.speech_rate;
    let mut missing = None;
    let mut sound_failures = 0;
    match Espeak::find(rate) {
        Ok(espeak) => {
            let mut cache = match espeak.version() {
                Ok(version) => IpaCache::open(&dictionary_cache_dir(), &version),
                Err(_) => IpaCache::in_memory(),
            };
            let headwords: Vec<String> = notes.iter().map(|n| n.headword.clone()).collect();
            // A note without IPA is still a note.
            if let Ok(ipa) = cache.resolve(&espeak, &headwords) {
                for (note, ipa) in notes.iter_mut().zip(ipa) {
                    note.ipa = ipa.unwrap_or_default();
                }
            }
            if audio {
                let texts: Vec<&str> = notes.iter().map(|n| n.german.as_str()).collect();
                let sounds = espeak.wav_many(&texts);
                for (note, wav) in notes.iter_mut().zip(sounds) {
                    sound_failures += usize::from(wav.is_none());
                    note.audio = wav;
                }
            }
        }
        Err(e) => missing = Some(e),
    }
    let summary = crate::learner::write_apkg(path, &notes, export_time())?;
    let mut report = format!(
        "leser: {} notes ({} cards) in {} written to {}",
        summary.notes,
        summary.cards,
        plural(summary.decks - 1, "deck", "decks"),
        path.display()
    );
    match (&missing, audio) {
        (Some(e), _) => {
            let _ = write!(report, ", without IPA and sound: {e}");
        }
        (None, true) => {
            let _ = write!(
                report,
                ", with {}",
                plural(summary.media, "sound", "sounds")
            );
            if sound_failures > 0 {
                let _ = write!(report, " ({sound_failures} could not be made)");
            }
        }
        (None, false) => report.push_str(", without sound (--no-audio)"),
    }
    eprintln!("{report}");
    Ok(ExitCode::SUCCESS)
}

/// "1 deck", "3 decks".
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The time an export gives its notes: `SOURCE_DATE_EPOCH` when set (reproducible packages),
/// else now; in seconds since 1970.
fn export_time() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs().try_into().unwrap_or(i64::MAX))
        })
}

/// `leser stats`: one text's counts, or without TEXT every text of the library and the
/// reading of the last weeks.
pub fn stats(args: &StatsArgs) -> anyhow::Result<ExitCode> {
    if args.text.is_none() {
        let dir = data_dir(&args.data)?;
        let setup = load_glossary_setup(&args.data, &dir)?;
        return library_stats(args, &dir, setup.glossary);
    }
    let open = open_text(args.text.as_deref(), &args.data, &args.dicts)?;
    let stats = crate::learner::text_stats(&open.terms, &open.statuses);
    write_stdout(&format!(
        "{}\n{}",
        terminal_safe(open.doc.title()),
        stats.report()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `leser import`: each file converted and copied into the library; one line for each. A file
/// that cannot be imported is named with the reason, the others are imported all the same, and
/// the exit status is 2.
pub fn import(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    use crate::learner::{Imported, Library};
    if args.files.len() > 1 && (args.title.is_some() || args.translation.is_some()) {
        anyhow::bail!("--title and --translation go with one file at a time");
    }
    let dir = data_dir(&args.data)?;
    let mut library = Library::open(&dir)?;
    let translation = match &args.translation {
        Some(path) => Some(crate::import::convert_file(path)?),
        None => None,
    };
    let mut failed = false;
    let mut out = String::new();
    for path in &args.files {
        match library.import_file(path, args.title.as_deref(), translation.as_ref()) {
            Ok(Imported::Added(entry)) => {
                let chapters = match entry.chapters {
                    0 => String::new(),
                    1 => ", 1 chapter".to_string(),
                    n => format!(", {n} chapters"),
                };
                let _ = writeln!(
                    out,
                    "imported \"{}\": {} words{chapters}, as {}",
                    entry.title,
                    entry.words,
                    dir.join(&entry.file).display()
                );
            }
            Ok(Imported::Already(entry)) => {
                let _ = writeln!(
                    out,
                    "{}: already in the library as \"{}\" ({})",
                    path.display(),
                    entry.title,
                    dir.join(&entry.file).display()
                );
            }
            Err(e) => {
                eprintln!("leser: {e}");
                failed = true;
            }
        }
    }
    write_stdout(&out)?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Every text of the library with its figures, then the reading of the last four weeks.
fn library_stats(args: &StatsArgs, dir: &Path, glossary: Glossary) -> anyhow::Result<ExitCode> {
    use crate::learner::Store;
    use crate::learner::library::{date_of, day_of, now_secs};
    use crate::tui::library::Target;
    use crate::tui::library::figures::Counting;
    let opener = crate::tui::Opener {
        data_dir: dir.to_path_buf(),
        glossary: args.data.glossary.clone(),
        dictionaries: None,
        speech: None,
        keymap: crate::tui::keymap::Keymap::default(),
        palette: crate::tui::ui::theme::Palette::default(),
    };
    let (rows, progress) = opener.rows()?;
    let store = Store::open(dir)?;
    let linker = Linker::new(glossary);
    let dicts = open_dictionaries(&args.dicts.paths)?;
    let filed = filed_forms(&store);
    let counting = Counting {
        linker: &linker,
        filed: &filed,
        dicts: &dicts,
    };
    let percent =
        |s: Option<f64>| s.map_or_else(|| "–".to_string(), |s| format!("{}%", (s * 100.0).floor()));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<40} {:>8} {:>5} {:>6} {:>6}",
        "text", "words", "read", "known", "new"
    );
    for row in &rows {
        let doc = match &row.target {
            Target::Bundled => Document::bundled(),
            Target::File(path) => Document::load(path)?,
        };
        let figures = counting.figures(&doc, &store);
        let title = crate::tui::ui::truncate(&row.title, 40);
        let pad = 40usize.saturating_sub(unicode_width::UnicodeWidthStr::width(title.as_ref()));
        let _ = writeln!(
            out,
            "{title}{} {:>8} {:>5} {:>6} {:>6}",
            " ".repeat(pad),
            figures.words,
            percent(row.read),
            percent(Some(figures.known_share())),
            figures.new_terms
        );
    }
    let today = day_of(now_secs());
    let days = progress.last_days(today, 28);
    let sum = |f: fn(&crate::learner::Day) -> u64| days.iter().map(f).sum::<u64>();
    let _ = writeln!(
        out,
        "\nlast 4 weeks: {} words read, {} new words met, {} marked known; {} terms known now",
        sum(|d| d.words_read),
        sum(|d| d.new_met),
        sum(|d| d.marked_known),
        progress.known_now
    );
    let known = progress.known_by_day(today, 28);
    let _ = writeln!(
        out,
        "{:<10} {:>10} {:>8} {:>12} {:>11}",
        "day", "words read", "new met", "marked known", "known terms"
    );
    for (d, (_, k)) in days.iter().zip(&known) {
        if d.words_read + d.new_met + d.marked_known == 0 {
            continue;
        }
        let secs = u64::try_from(d.day).unwrap_or(0) * 86_400;
        let _ = writeln!(
            out,
            "{:<10} {:>10} {:>8} {:>12} {:>11}",
            date_of(secs),
            d.words_read,
            d.new_met,
            d.marked_known,
            k
        );
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `leser lookup`: exit 1 when nothing is found (the nearest headwords are listed).
pub fn lookup(args: &LookupArgs) -> anyhow::Result<ExitCode> {
    let dicts = open_dictionaries(&args.dicts.paths)?;
    for e in dicts.errors() {
        notice(&e.to_string());
    }
    let word = args.word.join(" ");
    for w in dicts.warnings() {
        notice(&w);
    }
    if dicts.is_empty() {
        // The core lexicon answers function words without any dictionary.
        if crate::de::core::lookup(&word).is_empty() {
            anyhow::bail!(
                "no dictionary found: install trans-de-en or dict-freedict-deu-eng, or name one with --dict PATH"
            );
        }
        eprintln!(
            "leser: no dictionary found (answering from the core lexicon): install trans-de-en or dict-freedict-deu-eng, or name one with --dict PATH"
        );
    }
    let (report, found) =
        crate::dict::lookup_report(&dicts, &word, args.format == LookupFormat::Json);
    write_stdout(&report)?;
    Ok(if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `leser say`: exit 1 when espeak-ng is missing or cannot speak.
pub fn say(args: &SayArgs) -> anyhow::Result<ExitCode> {
    use crate::speech::Espeak;
    let rate = crate::config::Config::load()?.speech_rate;
    let text = args.text.join(" ");
    let result = Espeak::find(rate).and_then(|espeak| {
        if args.ipa {
            let ipa = espeak.ipa(&text)?;
            let _ = write_stdout(&format!("{ipa}\n"));
        }
        if let Some(path) = &args.wav {
            let wav = espeak.wav(&text)?;
            return Ok(Some((path, wav)));
        }
        if !args.ipa {
            espeak.speak_and_wait(&text)?;
        }
        Ok(None)
    });
    match result {
        Ok(Some((path, wav))) => {
            crate::glossary::save::write_atomically(path, &wav)
                .with_context(|| format!("{}: cannot write the sound", path.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        Ok(None) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("leser: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

/// `leser check`: errors exit 1; a file that cannot be read exits 2. Errors and warnings are
/// listed together, in the order of the file.
pub fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let path = match (&args.glossary, &args.data_dir) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(dir)) => Some(dir.join("glossary.toml")),
        (None, None) => None,
    };
    let (name, (result, warnings)) = match &path {
        Some(p) => {
            let name = p.display().to_string();
            if args.data_dir.is_some() && !p.exists() {
                write_stdout(&format!(
                    "{}: no glossary of your own yet (it is made when you add an entry)\n",
                    terminal_safe(&name)
                ))?;
                return Ok(ExitCode::SUCCESS);
            }
            let text = crate::text::read_regular(p)
                .map_err(|source| GlossaryError::Io {
                    path: name.clone(),
                    source,
                })
                .and_then(|bytes| {
                    String::from_utf8(bytes)
                        .map_err(|_| GlossaryError::NotUtf8 { path: name.clone() })
                })?;
            let parsed = crate::glossary::parse_with_warnings(&text, &name);
            (name, parsed)
        }
        None => (
            crate::glossary::BUNDLED_NAME.to_string(),
            crate::glossary::parse_with_warnings(
                crate::glossary::BUNDLED,
                crate::glossary::BUNDLED_NAME,
            ),
        ),
    };
    let glossary = match result {
        Ok(g) => g,
        Err(GlossaryError::Invalid(errors)) => {
            let mut all: Vec<(&crate::glossary::Diagnostic, bool)> = errors
                .iter()
                .map(|d| (d, false))
                .chain(warnings.iter().map(|d| (d, true)))
                .collect();
            all.sort_by_key(|(d, _)| (d.line, d.column));
            let mut out = String::new();
            for (d, warning) in all {
                let _ = writeln!(out, "{d}{}", if warning { " (warning)" } else { "" });
            }
            let _ = write!(out, "{}: {} error(s)", terminal_safe(&name), errors.len());
            match warnings.len() {
                0 => out.push('\n'),
                n => {
                    let _ = writeln!(out, ", {n} warning(s)");
                }
            }
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
            linker.for_each_sentence(&doc, |links| {
                for link in links {
                    used[link.entry] = true;
                }
                ControlFlow::Continue(())
            });
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
                "{}:{}: `{}` never links in the given texts",
                terminal_safe(&name),
                entry.line,
                terminal_safe(&entry.de)
            );
        }
    }
    let _ = writeln!(
        out,
        "{}: {} entries, no errors",
        terminal_safe(&name),
        linker.glossary().len()
    );
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// A command-line mistake as one line, not clap's usage block: what was wrong or is missing,
/// and the usage of the command it concerns.
pub fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = e.to_string();
    let first = text
        .lines()
        .next()
        .unwrap_or("bad usage")
        .trim_start_matches("error: ");
    let usage = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Usage: "))
        .map(str::to_string);
    let names = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v
            .iter()
            .filter(|s| *s != "help")
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::String(s)) => s.clone(),
        _ => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::MissingRequiredArgument => format!("missing {}", names(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand => {
            let command = names(ContextKind::InvalidSubcommand);
            format!(
                "`{command}` needs one of: {}",
                names(ContextKind::ValidSubcommand)
            )
        }
        _ => first.to_string(),
    };
    match usage {
        Some(usage) => format!("{message} (usage: {usage})"),
        None => format!("{message} (see leser --help)"),
    }
}

/// An error and its causes as one message. An error whose text already has its cause's (as
/// `path: cannot read the text: No such file or directory` does) is not followed by it again.
pub fn error_message(e: &anyhow::Error) -> String {
    let mut out = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !out.contains(&cause) {
            out.push_str(": ");
            out.push_str(&cause);
        }
    }
    out
}

/// A message for the user on stderr, `leser: ` before each line, whatever it quotes made safe
/// for the terminal.
pub fn notice(message: &str) {
    for line in terminal_safe_lines(message).lines() {
        eprintln!("leser: {line}");
    }
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

    /// The fixture dictionary, its index built in memory.
    fn fixture_dictionaries() -> crate::dict::Dictionaries {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict/ding-de-en.txt");
        let source = crate::dict::Source::from_path(&path).expect("the Ding fixture");
        let dict =
            crate::dict::Dictionary::open(&source, None, &|_| {}).expect("the fixture opens");
        crate::dict::Dictionaries::from_dictionaries(vec![dict])
    }

    #[test]
    fn dictionary_marks_come_in_text_order_across_blocks_and_stop_when_no_longer_wanted() {
        // More sentences than a block holds, so that blocks are worked out while earlier ones
        // are taken.
        let sentence = "Die Aktivität endet. Das Bündnis hält. ";
        let text = sentence.repeat(MARK_BLOCK + 10);
        let doc = Document::parse("t.txt", text).expect("a text");
        // No glossary: the dictionary marks every noun.
        let linker = Linker::new(Glossary::default());
        let analysis = linker.analyze(&doc);
        let dicts = fixture_dictionaries();
        let marks: Vec<DictionaryMark> =
            with_dictionary_marks(&doc, &analysis, &dicts, Iterator::collect);
        // One block's marks, worked out alone, are those of every block.
        let mut answered = Answered {
            dicts: &dicts,
            known: rustc_hash::FxHashMap::default(),
        };
        answered.look_up_all(&doc, &analysis);
        let alone: Vec<DictionaryMark> = analysis
            .sentences
            .iter()
            .flat_map(|s| sentence_marks(&doc, &analysis, s, &answered))
            .collect();
        assert_eq!(marks.len(), alone.len());
        let starts =
            |m: &[DictionaryMark]| -> Vec<usize> { m.iter().map(|m| m.spans[0].start).collect() };
        assert_eq!(starts(&marks), starts(&alone));
        assert!(starts(&marks).is_sorted(), "marks out of text order");
        let aktivitaet = marks
            .iter()
            .filter(|m| m.headword.lemma == "Aktivität")
            .count();
        assert_eq!(aktivitaet, MARK_BLOCK + 10);
        // A consumer that stops early (a closed pipe) ends the work.
        let first: Vec<DictionaryMark> =
            with_dictionary_marks(&doc, &analysis, &dicts, |m| m.take(3).collect());
        assert_eq!(starts(&first), starts(&marks[..3]));
    }

    #[test]
    fn an_error_names_its_cause_once() {
        let io = std::io::Error::from(std::io::ErrorKind::NotFound);
        let e = anyhow::Error::from(crate::text::TextError::Io {
            path: "a.txt".into(),
            source: io,
        });
        assert_eq!(
            error_message(&e),
            "a.txt: cannot read the text: entity not found"
        );
        let e = anyhow::anyhow!("disk full").context("cannot write to standard output");
        assert_eq!(
            error_message(&e),
            "cannot write to standard output: disk full"
        );
    }

    #[test]
    fn positions_count_lines_and_characters_once() {
        let source = "ab\nÄrger über\n\nx";
        let mut p = TextPosition::default();
        assert_eq!(p.advance(source, 0), (1, 1));
        assert_eq!(p.advance(source, 1), (1, 2));
        let ueber = source.find("über").unwrap();
        assert_eq!(p.advance(source, ueber), (2, 7));
        assert_eq!(p.advance(source, source.len() - 1), (4, 1));
        assert_eq!(p.scanned, source.len() - 1);
        let mut lines = TextPosition {
            lines_only: true,
            ..TextPosition::default()
        };
        let lines: Vec<usize> = [0, 1, ueber, source.len() - 1]
            .iter()
            .map(|&at| lines.advance(source, at).0)
            .collect();
        assert_eq!(lines, [1, 1, 2, 4]);
    }

    #[test]
    fn a_web_page_is_read_as_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("seite.html");
        std::fs::write(
            &page,
            "<html><head><title>Hunde</title></head><body><h1>Hunde</h1>\
             <p>Der Hund <b>bellt</b> laut.</p></body></html>",
        )
        .unwrap();
        let doc = load_readable(Some(&page)).unwrap();
        assert!(
            doc.source.contains("Der Hund bellt laut."),
            "{}",
            doc.source
        );
        assert!(!doc.source.contains('<'), "{}", doc.source);
        // annotate reads the file's text where the file has it, its markup blanked.
        let in_place = load_text(Some(&page)).unwrap();
        assert_eq!(
            in_place.file_text(),
            std::fs::read_to_string(&page).unwrap()
        );
        let at = in_place.file_text().find("Der Hund").unwrap();
        assert_eq!(&in_place.source[at..at + 8], "Der Hund");
        assert!(!in_place.source.contains("<p>"), "{}", in_place.source);
    }

    #[test]
    fn records_of_many_batches_are_written_whole_and_in_order() {
        // Some 5,000 records of 100 bytes or more: several batches, and a last one part full.
        let text = "Der Diplomat sprach mit dem Rat.\n\n".repeat(5001);
        let doc = Document::parse("many.txt", text).unwrap();
        let glossary = crate::glossary::parse(
            "[[term]]\nde = \"Diplomat\"\nen = \"diplomat\"\npos = \"noun\"\n",
            "g.toml",
        )
        .unwrap();
        let linker = Linker::new(glossary);
        let mut streamed = Vec::new();
        write_links(&mut streamed, &doc, &linker, Format::Jsonl).unwrap();
        assert!(
            streamed.len() > 4 * AnnotationWriter::BATCH,
            "{}",
            streamed.len()
        );
        let streamed = String::from_utf8(streamed).unwrap();
        let lines: Vec<&str> = streamed.lines().collect();
        assert_eq!(lines.len(), 5001);
        for (k, line) in lines.iter().enumerate() {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(record["line"], 2 * k + 1, "{line}");
        }
        let analysis = linker.analyze(&doc);
        let rendered = render_annotations(&doc, &analysis, linker.glossary(), Format::Jsonl);
        assert_eq!(rendered, streamed);
    }

    #[test]
    fn annotating_one_long_line_scans_it_once() {
        let line = "Der Diplomat sprach mit dem Rat. ".repeat(2000);
        let doc = Document::parse("long.txt", line).unwrap();
        let glossary = crate::glossary::parse(
            "[[term]]\nde = \"Diplomat\"\nen = \"diplomat\"\npos = \"noun\"\n",
            "g.toml",
        )
        .unwrap();
        let linker = Linker::new(glossary);
        let analysis = linker.analyze(&doc);
        let out = render_annotations(&doc, &analysis, linker.glossary(), Format::Text);
        assert_eq!(out.lines().count(), 2000);
        let last = out.lines().last().unwrap();
        let expected = format!("1:{}\t", 1999 * 33 + 5);
        assert!(last.starts_with(&expected), "{last}");
        let mut p = TextPosition::default();
        for link in &analysis.links {
            p.advance(&doc.source, link.spans[0].start);
        }
        assert!(p.scanned < doc.source.len(), "{} bytes scanned", p.scanned);
    }

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
            let mut buf = OutBuf::default();
            json_string(&mut buf, s);
            let back: String = serde_json::from_slice(buf.as_slice()).expect("valid JSON");
            assert_eq!(back, s);
        }
    }

    #[test]
    fn numbers_are_written_as_decimals() {
        let mut buf = OutBuf::default();
        let numbers = [
            0,
            7,
            10,
            99,
            100,
            1_000,
            10_001,
            123_456,
            9_999_999,
            10_000_000,
            99_999_999,
            100_000_000,
            usize::MAX,
        ];
        for &n in &numbers {
            let mut c = buf.cursor(32);
            c.put_number(n);
            c.put_byte(b' ');
            buf.len += c.at;
        }
        let expected: Vec<String> = numbers.iter().map(|n| format!("{n} ")).collect();
        assert_eq!(String::from_utf8_lossy(buf.as_slice()), expected.concat());
    }

    #[test]
    fn escapes_are_found_wherever_they_stand() {
        for len in 0..=20 {
            for at in 0..len {
                for special in [b'"', b'\\', b'\n', 0x1f] {
                    let mut word = vec![b'a'; len];
                    word[at] = special;
                    assert!(needs_json_escape(&word), "{word:?}");
                    let mut block = [b'x'; 16];
                    if len <= 16 {
                        block[..len].copy_from_slice(&word);
                        assert!(short_needs_json_escape(&block, len), "{word:?}");
                    }
                }
            }
            // Umlauts, and what lies past the word, are no reason to escape.
            let word = "äöüß€„“".as_bytes();
            assert!(!needs_json_escape(&word[..len.min(word.len())]));
            let mut block = [b'"'; 16];
            block[..len.min(16)].copy_from_slice(&[b'a'; 16][..len.min(16)]);
            assert!(!short_needs_json_escape(&block, len.min(16)));
        }
    }

    #[test]
    fn line_ends_are_counted_in_any_stretch() {
        let text = "ab\ncd\r\n\nÄrger über\n\nx\n".repeat(9);
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            for end in start..=bytes.len() {
                let naive = bytes[start..end].split(|&b| b == b'\n').count() - 1;
                assert_eq!(count_newlines(bytes, start..end), naive, "{start}..{end}");
            }
        }
    }

    #[test]
    fn records_give_the_file_offsets_and_lines_whatever_the_line_ends() {
        let glossary = crate::glossary::parse(
            "[[term]]\nde = \"Diplomat\"\nen = \"diplomat\"\npos = \"noun\"\n",
            "g.toml",
        )
        .unwrap();
        let linker = Linker::new(glossary);
        let records = |name: &str, text: &str| -> Vec<serde_json::Value> {
            let doc = Document::parse(name, text.to_string()).unwrap();
            let mut out = Vec::new();
            write_links(&mut out, &doc, &linker, Format::Jsonl).unwrap();
            String::from_utf8(out)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect()
        };
        let lf = "Der Diplomat sprach.\n\nDer \"Diplomat\" ging.\n";
        assert!(
            Document::parse("lf.txt", lf.into())
                .unwrap()
                .source_is_file()
        );
        let crlf = lf.replace('\n', "\r\n");
        assert!(
            !Document::parse("crlf.txt", crlf.clone())
                .unwrap()
                .source_is_file()
        );
        let md = format!("# Titel\n\n*{}*", lf.replace('\n', " "));
        for (name, text) in [("lf.txt", lf.to_string()), ("crlf.txt", crlf), ("n.md", md)] {
            let records = records(name, &text);
            assert_eq!(records.len(), 2, "{name}");
            for r in &records {
                let (start, end) = (
                    r["spans"][0][0].as_u64().unwrap(),
                    r["spans"][0][1].as_u64().unwrap(),
                );
                let (start, end) = (
                    usize::try_from(start).unwrap(),
                    usize::try_from(end).unwrap(),
                );
                assert_eq!(&text[start..end], "Diplomat", "{name}");
                assert_eq!(r["text"], "Diplomat");
                let line = text[..start].matches('\n').count() + 1;
                assert_eq!(r["line"], line, "{name}");
            }
        }
    }

    #[test]
    fn a_json_record_has_its_fields_in_order() {
        let spans = [0..4, 10..12];
        let parts = ["kündigte", "an"].map(|text| crate::link::CompoundPart {
            text: text.to_string(),
            entry: None,
        });
        let r = Record {
            term: "ankündigen",
            spans: &spans,
            form: "simple past",
            parts: &parts,
            source: "glossary",
            pos: "",
            entry: None,
            alternatives: &[],
        };
        let mut buf = OutBuf::default();
        json_record(
            &mut buf,
            &r,
            r.spans,
            3,
            "kündigte … an",
            &Glossary::default(),
        );
        assert_eq!(
            String::from_utf8_lossy(buf.as_slice()),
            "{\"term\":\"ankündigen\",\"spans\":[[0,4],[10,12]],\"line\":3,\
             \"text\":\"kündigte … an\",\"form\":\"simple past\",\
             \"parts\":[\"kündigte\",\"an\"],\"source\":\"glossary\"}\n"
        );
        let r = Record {
            parts: &[],
            source: "dictionary",
            pos: "verb",
            ..r
        };
        buf.clear();
        json_record(&mut buf, &r, r.spans, 1, "x", &Glossary::default());
        let v: serde_json::Value = serde_json::from_slice(buf.as_slice()).expect("valid JSON");
        assert_eq!(v["pos"], "verb");
        assert!(v.get("parts").is_none());
    }
}
