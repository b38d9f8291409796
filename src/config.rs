//! The user's configuration file, `config.toml` in the platform's config dir
//! (`~/.config/leser/config.toml`), or the file named by `LESER_CONFIG`.
//!
//! ```toml
//! dictionaries = ["/usr/share/trans/de-en", "~/dict/my-ding.txt"]
//! speech_rate = 140
//!
//! [keys]                      # the reader's actions, each a key or a list of keys
//! next_term = ["Right", "x"]
//! [keys.search]               # a mode's own actions
//! search_submit = "Enter"
//!
//! [colors]                    # a name, a 256-colour number or #rrggbb
//! learning_1 = "#ff8800"
//! ```

use crate::tui::keymap::{
    Key, KeySetting, Keymap, Mode, action_by_name, action_name, action_names,
};
use crate::tui::theme::Palette;
use ratatui::style::Color;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use thiserror::Error;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Names the config file instead of the platform's default.
pub const CONFIG_ENV: &str = "LESER_CONFIG";

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the configuration: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// What the config file may say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Dictionaries to use besides those found at Debian's paths; `~/` is the home directory.
    pub dictionaries: Vec<PathBuf>,
    /// `[keys]`: keys of the learner's own for the reader's actions.
    pub keys: Vec<KeySetting>,
    /// `[colors]`: the reader's colours.
    pub colors: Palette,
    /// How fast espeak-ng speaks, in words per minute (80 to 450; espeak-ng's default is 175).
    pub speech_rate: Option<u32>,
}

fn speech_rate<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    use serde::Deserialize;
    let rate = u32::deserialize(d)?;
    if crate::speech::RATES.contains(&rate) {
        Ok(Some(rate))
    } else {
        Err(serde::de::Error::custom(format!(
            "speech_rate must be between {} and {} words per minute",
            crate::speech::RATES.start(),
            crate::speech::RATES.end()
        )))
    }
}

/// The file's keys and their types; `[keys]` and `[colors]` are then read with their places.
#[derive(Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ConfigFile {
    dictionaries: Vec<PathBuf>,
    keys: Option<toml::Table>,
    colors: Option<toml::Table>,
    #[serde(deserialize_with = "speech_rate")]
    speech_rate: Option<u32>,
}

impl Config {
    /// Where the config file is looked for.
    pub fn path() -> Option<PathBuf> {
        match std::env::var_os(CONFIG_ENV).filter(|p| !p.is_empty()) {
            Some(p) => Some(PathBuf::from(p)),
            None => directories::ProjectDirs::from("", "", "leser")
                .map(|d| d.config_dir().join("config.toml")),
        }
    }

    /// The config file's settings; none when there is no file.
    pub fn load() -> Result<Config, ConfigError> {
        match Config::path() {
            Some(path) if path.exists() => Config::load_from(&path),
            _ => Ok(Config::default()),
        }
    }

    pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
        let name = path.display().to_string();
        let bytes = crate::text::read_regular(path).map_err(|source| ConfigError::Io {
            path: name.clone(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|_| ConfigError::Io {
            path: name.clone(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"),
        })?;
        Config::parse(&text, &name)
    }

    pub fn parse(text: &str, name: &str) -> Result<Config, ConfigError> {
        let at = |offset: usize, message: String| {
            let offset = offset.min(text.len());
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            ConfigError::Invalid {
                path: name.to_string(),
                line: text[..offset].matches('\n').count() + 1,
                column: text[line_start..offset].chars().count() + 1,
                message,
            }
        };
        let file: ConfigFile = toml::from_str(text)
            .map_err(|e| at(e.span().map_or(0, |s| s.start), e.message().to_string()))?;
        let mut config = Config {
            dictionaries: file.dictionaries,
            speech_rate: file.speech_rate,
            ..Config::default()
        };
        let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
        for p in &mut config.dictionaries {
            if let (Ok(rest), Some(home)) = (p.strip_prefix("~"), &home) {
                *p = home.join(rest);
            }
        }
        if file.keys.is_none() && file.colors.is_none() {
            return Ok(config);
        }
        // Valid TOML by now: read again with the place of every key and value.
        let doc = DeTable::parse(text).map_err(|e| at(0, e.message().to_string()))?;
        let doc = doc.get_ref();
        if let Some(keys) = section(doc, "keys") {
            let (settings, places) = read_keys(keys).map_err(|(o, m)| at(o, m))?;
            if let Err(clash) = Keymap::with_settings(&settings) {
                let (offset, key) = &places[clash.setting][clash.key];
                let mode = settings[clash.setting].mode;
                return Err(at(
                    *offset,
                    format!(
                        "`{key}` is also {} in {}: give that action other keys, or this one",
                        action_name(&clash.other),
                        section_name(mode)
                    ),
                ));
            }
            config.keys = settings;
        }
        if let Some(colors) = section(doc, "colors") {
            config.colors = read_colors(colors).map_err(|(o, m)| at(o, m))?;
        }
        Ok(config)
    }

    /// The reader's keymap: the defaults with `[keys]` laid over them.
    pub fn keymap(&self) -> Keymap {
        // `parse` refused settings that clash.
        Keymap::with_settings(&self.keys).unwrap_or_default()
    }
}

/// A problem at a byte offset of the file.
type Problem = (usize, String);
/// Where each key of a setting is written, and how.
type KeyPlaces = Vec<(usize, String)>;

fn section<'a, 'i>(doc: &'a DeTable<'i>, name: &str) -> Option<&'a DeTable<'i>> {
    doc.iter()
        .find(|(k, _)| k.get_ref() == name)
        .and_then(|(_, v)| match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        })
}

/// `[keys]` for a mode, as a message writes it.
fn section_name(mode: Mode) -> String {
    match mode.config_section() {
        None => "[keys]".to_string(),
        Some(s) => format!("[keys.{s}]"),
    }
}

/// The settings of `[keys]` and its mode sections, and for each of its keys, where it is
/// written and how.
fn read_keys(keys: &DeTable<'_>) -> Result<(Vec<KeySetting>, Vec<KeyPlaces>), Problem> {
    let mut settings = Vec::new();
    let mut places = Vec::new();
    let mut add = |mode: Mode, name: &Spanned<Cow<'_, str>>, value: &Spanned<DeValue<'_>>| {
        let action = action_by_name(mode, name.get_ref()).ok_or_else(|| {
            (
                name.span().start,
                format!(
                    "unknown action `{}` in {}; the actions there: {}",
                    name.get_ref(),
                    section_name(mode),
                    action_names(mode).join(", ")
                ),
            )
        })?;
        let specs: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::String(_) => vec![value],
            DeValue::Array(items) => items.iter().collect(),
            _ => {
                return Err((
                    value.span().start,
                    format!("`{}` takes a key or a list of keys", name.get_ref()),
                ));
            }
        };
        let mut keys = Vec::new();
        let mut written = Vec::new();
        for spec in specs {
            let DeValue::String(text) = spec.get_ref() else {
                return Err((spec.span().start, "a key is a string, such as \"l\"".into()));
            };
            let key = Key::parse(text).ok_or_else(|| {
                (
                    spec.span().start,
                    format!(
                        "not a key: `{text}` (keys are written `l`, `G`, `Space`, `Enter`, \
                         `Esc`, `C-f`, `S-Tab`, `PageDown`)"
                    ),
                )
            })?;
            keys.push(key);
            written.push((spec.span().start, text.to_string()));
        }
        settings.push(KeySetting { mode, action, keys });
        places.push(written);
        Ok(())
    };
    for (name, value) in keys {
        match value.get_ref() {
            DeValue::Table(table) => {
                let mode = Mode::ALL
                    .into_iter()
                    .find(|m| m.config_section() == Some(name.get_ref()))
                    .ok_or_else(|| {
                        (
                            name.span().start,
                            format!(
                                "unknown section [keys.{}]; the sections: search, help, span, \
                                 form, confirm",
                                name.get_ref()
                            ),
                        )
                    })?;
                for (name, value) in table {
                    add(mode, name, value)?;
                }
            }
            _ => add(Mode::Normal, name, value)?,
        }
    }
    Ok((settings, places))
}

/// `[colors]`: names of [`Palette::NAMES`], each a colour name (`red`, `light-blue`), a
/// 256-colour number or `#rrggbb`.
fn read_colors(colors: &DeTable<'_>) -> Result<Palette, Problem> {
    let mut palette = Palette::default();
    for (name, value) in colors {
        let DeValue::String(text) = value.get_ref() else {
            return Err((
                value.span().start,
                format!("`{}` takes a colour, as a string", name.get_ref()),
            ));
        };
        let color = Color::from_str(text.trim()).map_err(|_| {
            (
                value.span().start,
                format!(
                    "not a colour: `{text}` (a name such as `red` or `light-blue`, a number \
                     from 0 to 255, or `#rrggbb`)"
                ),
            )
        })?;
        if !palette.set(name.get_ref(), color) {
            return Err((
                name.span().start,
                format!(
                    "unknown colour `{}`; the colours: {}",
                    name.get_ref(),
                    Palette::NAMES.join(", ")
                ),
            ));
        }
    }
    Ok(palette)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::Action;

    #[test]
    fn reads_dictionaries() {
        let c = Config::parse("dictionaries = [\"/a/de-en\", \"/b/x.index\"]\n", "c.toml").unwrap();
        assert_eq!(
            c.dictionaries,
            [PathBuf::from("/a/de-en"), PathBuf::from("/b/x.index")]
        );
    }

    #[test]
    fn an_unknown_key_names_line_and_column() {
        let err = Config::parse("\ndictionarys = []\n", "c.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("c.toml:2:1: "), "{msg}");
        assert!(msg.contains("dictionarys"), "{msg}");
    }

    const KEYS: &str = "\
dictionaries = []

[keys]
next_term = [\"x\", \"Right\"]
status_learning_2 = \"z\"
quit = \"Q\"

[keys.search]
search_submit = [\"Enter\", \"C-j\"]

[colors]
learning_1 = \"#ff8800\"
new = \"light-blue\"
selection = \"33\"
";

    #[test]
    fn reads_keys_and_colors() {
        let c = Config::parse(KEYS, "c.toml").unwrap();
        assert_eq!(c.keys.len(), 4);
        let search = c.keys.iter().find(|k| k.action == Action::SearchSubmit);
        assert_eq!(search.map(|k| k.mode), Some(Mode::Search));
        let map = c.keymap();
        let rows = map.help_rows(Mode::Normal);
        assert!(rows.iter().any(|(k, _)| k == "x →"), "{rows:?}");
        assert!(rows.iter().any(|(k, _)| k == "z"), "{rows:?}");
        assert_eq!(
            map.key_for(Mode::Search, &Action::SearchSubmit).as_deref(),
            Some("Enter")
        );
        assert_eq!(c.colors.learning[0], Color::Rgb(0xff, 0x88, 0x00));
        assert_eq!(c.colors.new, Color::LightBlue);
        assert_eq!(c.colors.selection, Some(Color::Indexed(33)));
        assert_eq!(c.colors.message, Palette::default().message);
    }

    fn error_of(text: &str) -> String {
        Config::parse(text, "c.toml").unwrap_err().to_string()
    }

    #[test]
    fn key_and_colour_mistakes_name_line_and_column() {
        let err = error_of("[keys]\nnext_term = \"x\"\nfly = \"f\"\n");
        assert!(
            err.starts_with("c.toml:3:1: unknown action `fly` in [keys]"),
            "{err}"
        );
        let err = error_of("[keys.search]\nnext_term = \"x\"\n");
        assert!(
            err.starts_with("c.toml:2:1: unknown action `next_term` in [keys.search]"),
            "{err}"
        );
        let err = error_of("[keys.serch]\nsearch_submit = \"x\"\n");
        assert!(
            err.starts_with("c.toml:1:7: unknown section [keys.serch]"),
            "{err}"
        );
        let err = error_of("[keys]\nquit = [\"Q\", \"Ctrl+q\"]\n");
        assert!(err.starts_with("c.toml:2:14: not a key: `Ctrl+q`"), "{err}");
        let err = error_of("[keys]\nquit = 5\n");
        assert!(
            err.starts_with("c.toml:2:8: `quit` takes a key or a list"),
            "{err}"
        );
        let err = error_of("[colors]\nnew = \"mauve\"\n");
        assert!(
            err.starts_with("c.toml:2:7: not a colour: `mauve`"),
            "{err}"
        );
        let err = error_of("[colors]\nnu = \"red\"\n");
        assert!(err.starts_with("c.toml:2:1: unknown colour `nu`"), "{err}");
    }

    #[test]
    fn a_key_that_does_two_things_is_a_clash() {
        let err = error_of("[keys]\nquit = [\"Q\", \"j\"]\n");
        assert!(
            err.starts_with("c.toml:2:14: `j` is also scroll_down in [keys]"),
            "{err}"
        );
        // Moving scroll_down elsewhere settles it.
        let ok = Config::parse("[keys]\nquit = \"j\"\nscroll_down = \"Down\"\n", "c.toml");
        assert!(ok.is_ok(), "{ok:?}");
    }

    #[test]
    fn the_readme_example_is_a_valid_config() {
        let readme = include_str!("../README.md");
        let from = readme.find("### Keys and colours").unwrap();
        let block = &readme[from..];
        let start = block.find("```toml\n").unwrap() + "```toml\n".len();
        let end = start + block[start..].find("```").unwrap();
        let c = Config::parse(&block[start..end], "README.md").unwrap();
        assert_eq!(c.colors.selection, Some(Color::Blue));
        let map = c.keymap();
        assert_eq!(
            map.key_for(
                Mode::Normal,
                &Action::SetStatus(crate::learner::Status::Known)
            )
            .as_deref(),
            Some("k")
        );
    }

    #[test]
    fn reads_the_speech_rate_and_refuses_one_out_of_range() {
        let c = Config::parse("speech_rate = 140\n", "c.toml").unwrap();
        assert_eq!(c.speech_rate, Some(140));
        assert_eq!(Config::parse("", "c.toml").unwrap().speech_rate, None);
        let err = Config::parse("speech_rate = 2000\n", "c.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("c.toml:1:15: "), "{msg}");
        assert!(msg.contains("between 80 and 450"), "{msg}");
    }

    #[test]
    fn a_wrong_type_is_an_error() {
        let err = Config::parse("dictionaries = \"/a\"\n", "c.toml").unwrap_err();
        assert!(err.to_string().starts_with("c.toml:1:16: "), "{err}");
    }
}
