//! Opening what the screens show: a text as a reading [`Session`], the library with its rows
//! and cached figures. Files are read here, never in the screens' state.

use super::dictionary::DictionarySetup;
use super::library::figures::{FiguresJob, load_cache};
use super::library::{LibraryState, Row, Target};
use super::session::Session;
use crate::glossary::GlossarySetup;
use crate::learner::library::{bundled_key, now_secs};
use crate::learner::{Library, Progress, Store, path_key, text_key};
use crate::text::Document;
use ratatui::layout::Size;
use std::path::PathBuf;

/// What every screen opens things with: the data dir, the glossary flag, the dictionaries.
#[derive(Debug, Clone)]
pub struct Opener {
    pub data_dir: PathBuf,
    /// `--glossary FILE`.
    pub glossary: Option<PathBuf>,
    pub dictionaries: Option<DictionarySetup>,
    /// Speech and IPA through espeak-ng; `None` has none.
    pub speech: Option<crate::speech::SpeechSetup>,
    /// The keys and colours to read with (`config.toml`'s, else the defaults).
    pub keymap: super::keymap::Keymap,
    pub palette: super::theme::Palette,
}

impl Opener {
    /// The text read last, if it is still there; else the bundled article.
    pub fn last_target(&self) -> Target {
        let Ok(library) = Library::open(&self.data_dir) else {
            return Target::Bundled;
        };
        match library.last() {
            Some(key) if !key.starts_with("bundled:") && std::path::Path::new(key).is_file() => {
                Target::File(PathBuf::from(key))
            }
            _ => Target::Bundled,
        }
    }

    /// A reading session on a text, noted in the library as opened now. `dictionaries`: open
    /// them (in the background) for this session.
    pub fn session(&self, target: &Target, dictionaries: bool) -> anyhow::Result<Session> {
        let setup = GlossarySetup::load(self.glossary.as_deref(), &self.data_dir)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let path = match target {
            Target::Bundled => None,
            Target::File(p) => Some(p.as_path()),
        };
        let mut doc = crate::cli::load_readable(path)?;
        let translation = crate::cli::load_translation(&mut doc, path);
        let store = Store::open(&self.data_dir).map_err(|e| anyhow::anyhow!("{e}"))?;
        let text_key = text_key(&doc, path);
        // The library remembers the text read last; a library that cannot be written is no
        // reason not to read.
        if let Ok(mut library) = Library::open(&self.data_dir) {
            let _ = library.mark_opened(&text_key);
        }
        Ok(Session {
            doc,
            translation,
            setup,
            store,
            text_key,
            dictionaries: if dictionaries {
                self.dictionaries.clone()
            } else {
                None
            },
            speech: self.speech.clone(),
            keymap: self.keymap.clone(),
            palette: self.palette.clone(),
        })
    }

    /// The library screen, with last time's figures, and the job that counts them again.
    pub fn library(&self, viewport: Size) -> anyhow::Result<(LibraryState, FiguresJob)> {
        let (rows, progress) = self.rows()?;
        let state = LibraryState::new(rows, progress, viewport, now_secs());
        // The rows on top first.
        let texts = state
            .visible()
            .map(|r| (r.key.clone(), r.target.clone()))
            .collect();
        let glossary = GlossarySetup::load(self.glossary.as_deref(), &self.data_dir)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .glossary;
        let job = FiguresJob::spawn(
            texts,
            glossary,
            self.data_dir.clone(),
            self.dictionaries.clone(),
        );
        Ok((state, job))
    }

    /// The library's texts (the bundled article first) with last time's figures, and the
    /// reading over the days.
    pub fn rows(&self) -> anyhow::Result<(Vec<Row>, Progress)> {
        let library = Library::open(&self.data_dir)?;
        let store = Store::open(&self.data_dir).map_err(|e| anyhow::anyhow!("{e}"))?;
        let cache = load_cache(&self.data_dir);
        let read_share = |key: &str, body: [usize; 2]| {
            let offset = store.position(key)?;
            let len = body[1].saturating_sub(body[0]).max(1);
            Some((offset.saturating_sub(body[0]) as f64 / len as f64).clamp(0.0, 1.0))
        };
        let bundled = Document::bundled();
        let key = bundled_key();
        let mut rows = vec![Row {
            read: read_share(&key, [bundled.body.start, bundled.body.end]),
            figures: cache.get(&key).copied(),
            opened: library.opened(&key),
            target: Target::Bundled,
            file: None,
            title: bundled.title().to_string(),
            author: bundled.meta.author.clone(),
            words: crate::learner::library::count_words(&bundled),
            chapters: bundled.chapters().len(),
            key,
        }];
        for entry in library.entries() {
            let path = library.path_of(entry);
            let doc_key = path_key(&path);
            rows.push(Row {
                read: read_share(&doc_key, entry.body),
                figures: cache.get(&doc_key).copied(),
                opened: library.opened(&doc_key),
                target: Target::File(path),
                file: Some(entry.file.clone()),
                title: entry.title.clone(),
                author: entry.author.clone(),
                words: entry.words,
                chapters: entry.chapters,
                key: doc_key,
            });
        }
        Ok((rows, store.progress()))
    }

    /// Imports a file into the library: what to tell the learner.
    pub fn import(&self, path: &str) -> anyhow::Result<String> {
        use crate::learner::Imported;
        use crate::tui::strings::library as strings;
        let path = expand_home(path);
        let mut library = Library::open(&self.data_dir)?;
        Ok(match library.import_file(&path, None, None)? {
            Imported::Added(entry) => strings::imported(&entry.title, entry.words),
            Imported::Already(entry) => strings::already(&entry.title),
        })
    }

    /// Takes a text out of the library (its statuses stay).
    pub fn remove(&self, file: &str) -> anyhow::Result<Option<String>> {
        let mut library = Library::open(&self.data_dir)?;
        Ok(library.remove(file)?.map(|e| e.title))
    }
}

/// `~/x` is `$HOME/x`.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Completes a typed path: the directories and importable files it can go on to, and the path
/// extended as far as they agree (a directory with its `/`).
pub fn complete_path(typed: &str) -> (String, Vec<String>) {
    let (dir_part, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let dir = if dir_part.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(dir_part)
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (typed.to_string(), Vec::new());
    };
    let mut choices: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let is_dir = e.file_type().ok()?.is_dir();
            if is_dir {
                return Some(format!("{dir_part}{name}/"));
            }
            crate::import::kind_of(&e.path()).map(|_| format!("{dir_part}{name}"))
        })
        .collect();
    choices.sort();
    let path = match choices.as_slice() {
        [] => typed.to_string(),
        [one] => one.clone(),
        [first, rest @ ..] => {
            let mut common = first.len();
            for c in rest {
                common = common.min(
                    first
                        .char_indices()
                        .zip(c.chars())
                        .find(|((_, a), b)| a != b)
                        .map_or(first.len().min(c.len()), |((i, _), _)| i),
                );
            }
            first[..common].to_string()
        }
    };
    (path, choices)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_extends_to_what_the_files_share() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["roman-1.epub", "roman-2.epub", "roman.jpg", "notizen.md"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("romane")).unwrap();
        let base = format!("{}/", dir.path().display());
        let (path, choices) = complete_path(&format!("{base}ro"));
        assert_eq!(path, format!("{base}roman"));
        assert_eq!(
            choices,
            [
                format!("{base}roman-1.epub"),
                format!("{base}roman-2.epub"),
                format!("{base}romane/")
            ]
        );
        let (path, _) = complete_path(&format!("{base}no"));
        assert_eq!(path, format!("{base}notizen.md"));
    }
}
