//! The user's configuration file, `config.toml` in the platform's config dir
//! (`~/.config/leser/config.toml`), or the file named by `LESER_CONFIG`.
//!
//! ```toml
//! dictionaries = ["/usr/share/trans/de-en", "~/dict/my-ding.txt"]
//! speech_rate = 140
//! ```

use std::path::{Path, PathBuf};
use thiserror::Error;

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
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Dictionaries to use besides those found at Debian's paths; `~/` is the home directory.
    pub dictionaries: Vec<PathBuf>,
    /// How fast espeak-ng speaks, in words per minute (80 to 450; espeak-ng's default is 175).
    #[serde(deserialize_with = "speech_rate")]
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
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start).min(text.len());
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            ConfigError::Invalid {
                path: name.to_string(),
                line: text[..offset].matches('\n').count() + 1,
                column: text[line_start..offset].chars().count() + 1,
                message: e.message().to_string(),
            }
        })?;
        let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
        for p in &mut config.dictionaries {
            if let (Ok(rest), Some(home)) = (p.strip_prefix("~"), &home) {
                *p = home.join(rest);
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
