//! The glossary: `glossary.toml` as entries, loaded with `path:line:column` diagnostics.

mod fast;
mod load;
pub mod save;

pub use load::{GlossaryError, parse, parse_with_warnings};

use std::fmt;
use std::path::{Path, PathBuf};

/// Part of speech, as written in the `pos` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    Noun,
    Verb,
    Adj,
    Adv,
    Prep,
    Conj,
    Phrase,
    Name,
    Abbr,
}

impl Pos {
    pub const ALL: [Pos; 9] = [
        Pos::Noun,
        Pos::Verb,
        Pos::Adj,
        Pos::Adv,
        Pos::Prep,
        Pos::Conj,
        Pos::Phrase,
        Pos::Name,
        Pos::Abbr,
    ];

    /// The key's spelling in `glossary.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Pos::Noun => "noun",
            Pos::Verb => "verb",
            Pos::Adj => "adj",
            Pos::Adv => "adv",
            Pos::Prep => "prep",
            Pos::Conj => "conj",
            Pos::Phrase => "phrase",
            Pos::Name => "name",
            Pos::Abbr => "abbr",
        }
    }

    pub fn from_key(s: &str) -> Option<Pos> {
        Pos::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The word a card shows for it.
    pub fn describe(self) -> &'static str {
        match self {
            Pos::Noun => "noun",
            Pos::Verb => "verb",
            Pos::Adj => "adjective",
            Pos::Adv => "adverb",
            Pos::Prep => "preposition",
            Pos::Conj => "conjunction",
            Pos::Phrase => "expression",
            Pos::Name => "name",
            Pos::Abbr => "abbreviation",
        }
    }
}

/// Grammatical gender of a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    M,
    F,
    N,
}

impl Gender {
    pub fn from_key(s: &str) -> Option<Gender> {
        match s {
            "m" => Some(Gender::M),
            "f" => Some(Gender::F),
            "n" => Some(Gender::N),
            _ => None,
        }
    }

    /// The key's spelling in `glossary.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::M => "m",
            Gender::F => "f",
            Gender::N => "n",
        }
    }

    /// The definite article in the nominative singular.
    pub fn article(self) -> &'static str {
        match self {
            Gender::M => "der",
            Gender::F => "die",
            Gender::N => "das",
        }
    }
}

/// One `[[term]]` table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// Headword: noun in nominative singular, verb in infinitive, or an expression.
    pub de: String,
    /// English senses, at least one.
    pub en: Vec<String>,
    pub pos: Option<Pos>,
    pub gender: Option<Gender>,
    pub plural: Option<String>,
    /// Extra surface forms that link to this entry.
    pub forms: Vec<String>,
    pub note: Option<String>,
    pub example: Option<String>,
    pub example_en: Option<String>,
    /// `Some(false)` turns off separable-particle detection.
    pub separable: Option<bool>,
    /// 1-based line of the `[[term]]` header in its file.
    pub line: usize,
}

impl Entry {
    /// "der Diplomat", "ankündigen": the headword as a card or export shows it.
    pub fn display_headword(&self) -> String {
        match self.gender {
            Some(g) if self.pos.is_none_or(|p| p == Pos::Noun) => {
                format!("{} {}", g.article(), self.de)
            }
            _ => self.de.clone(),
        }
    }

    pub fn english(&self) -> String {
        self.en.join("; ")
    }
}

/// A problem found in a glossary file, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::terminal_safe;
        // Path and message quote the file: a value may hold escape sequences.
        write!(
            f,
            "{}:{}:{}: {}",
            terminal_safe(&self.path),
            self.line,
            self.column,
            terminal_safe(&self.message)
        )
    }
}

/// A loaded glossary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// Problems that do not stop loading (an unknown key).
    pub warnings: Vec<Diagnostic>,
}

/// The glossary bundled with leser, for the bundled article.
pub const BUNDLED: &str = include_str!("../../glossary.toml");
pub const BUNDLED_NAME: &str = "glossary.toml";

impl Glossary {
    /// Reads and parses a glossary file.
    pub fn load(path: &Path) -> Result<Glossary, GlossaryError> {
        let name = path.display().to_string();
        let bytes = crate::text::read_regular(path).map_err(|source| GlossaryError::Io {
            path: name.clone(),
            source,
        })?;
        let text =
            String::from_utf8(bytes).map_err(|_| GlossaryError::NotUtf8 { path: name.clone() })?;
        parse(&text, &name)
    }

    /// The glossary compiled into the binary.
    pub fn bundled() -> Glossary {
        parse(BUNDLED, BUNDLED_NAME).unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Lays `user` over this glossary: a user entry with the same headword and part of speech
    /// (and gender, when it gives one: der and die Kiefer are two words) replaces the entry
    /// here, the others are added after.
    pub fn overlay(&mut self, user: Glossary) {
        for entry in user.entries {
            match self.entries.iter_mut().find(|e| {
                e.de == entry.de
                    && e.pos == entry.pos
                    && (entry.gender.is_none() || e.gender == entry.gender)
            }) {
                Some(existing) => *existing = entry,
                None => self.entries.push(entry),
            }
        }
        self.warnings.extend(user.warnings);
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The glossary a session works with, and the file where entries the learner adds are saved.
#[derive(Debug, Clone)]
pub struct GlossarySetup {
    pub glossary: Glossary,
    /// `--glossary FILE`, else `glossary.toml` in the data dir, laid over the bundled glossary.
    pub user_path: PathBuf,
    /// Whether `user_path` is the whole glossary (`--glossary`) or an overlay.
    pub replaces_bundled: bool,
}

impl GlossarySetup {
    /// `--glossary FILE` alone, or the bundled glossary with the learner's own laid over it.
    pub fn load(flag: Option<&Path>, data_dir: &Path) -> Result<GlossarySetup, GlossaryError> {
        let (user_path, replaces_bundled) = match flag {
            Some(p) => (p.to_path_buf(), true),
            None => (data_dir.join("glossary.toml"), false),
        };
        let mut setup = GlossarySetup {
            glossary: Glossary::default(),
            user_path,
            replaces_bundled,
        };
        setup.glossary = setup.reload()?;
        Ok(setup)
    }

    /// Reads the files again (after an entry was added or edited).
    pub fn reload(&self) -> Result<Glossary, GlossaryError> {
        if self.replaces_bundled {
            return Glossary::load(&self.user_path);
        }
        let mut glossary = Glossary::bundled();
        if self.user_path.exists() {
            glossary.overlay(Glossary::load(&self.user_path)?);
        }
        Ok(glossary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_entries_replace_and_extend_the_base() {
        let mut base = parse(
            "[[term]]\nde = \"Rat\"\nen = \"council\"\npos = \"noun\"\n",
            "base.toml",
        )
        .unwrap();
        let user = parse(
            "[[term]]\nde = \"Rat\"\nen = \"advice\"\npos = \"noun\"\n\n[[term]]\nde = \"ersatzweise\"\nen = \"as a substitute\"\npos = \"adv\"\n",
            "user.toml",
        )
        .unwrap();
        base.overlay(user);
        assert_eq!(base.len(), 2);
        assert_eq!(base.entries[0].en, ["advice"]);
        assert_eq!(base.entries[1].de, "ersatzweise");
    }

    #[test]
    fn a_user_homograph_of_another_gender_is_added() {
        let mut base = parse(
            "[[term]]\nde = \"Kiefer\"\nen = \"jaw\"\npos = \"noun\"\ngender = \"m\"\n",
            "base.toml",
        )
        .unwrap();
        let user = parse(
            "[[term]]\nde = \"Kiefer\"\nen = \"pine\"\npos = \"noun\"\ngender = \"f\"\n",
            "user.toml",
        )
        .unwrap();
        base.overlay(user);
        assert_eq!(base.len(), 2);
        assert_eq!(base.entries[0].en, ["jaw"]);
    }
}
