//! IPA worked out before, kept in `ipa-de.tsv` in the cache dir so that a word costs an
//! espeak-ng run once: a header line naming the espeak-ng version the IPA came from, then one
//! `text<TAB>ipa` line a text. Another espeak-ng version starts the file afresh. New lines are
//! appended; a line cut short (a crash mid-write) is ignored when the file is read.

use super::{Espeak, SpeechError};
use rustc_hash::FxHashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The cache file's name in the cache dir.
pub const FILE_NAME: &str = "ipa-de.tsv";
const HEADER_START: &str = "# leser IPA cache 1\t";

/// IPA by text, in memory and, when it has a file, on disk.
#[derive(Debug, Default)]
pub struct IpaCache {
    path: Option<PathBuf>,
    header: String,
    map: FxHashMap<String, String>,
    /// The file is missing or from another espeak-ng: it is written whole on the next insert.
    rewrite: bool,
}

impl IpaCache {
    /// A cache that lives as long as the process.
    pub fn in_memory() -> IpaCache {
        IpaCache::default()
    }

    /// The cache file in `dir`, for IPA from this espeak-ng `version`. A file that cannot be
    /// read, or was made by another version, is started afresh: it is only a cache.
    pub fn open(dir: &Path, version: &str) -> IpaCache {
        let path = dir.join(FILE_NAME);
        let header = format!("{HEADER_START}{}", version.replace(['\t', '\n'], " "));
        let mut cache = IpaCache {
            path: Some(path.clone()),
            header,
            map: FxHashMap::default(),
            rewrite: true,
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            return cache;
        };
        let mut lines = text.split_inclusive('\n');
        if lines.next().map(|l| l.trim_end_matches('\n')) != Some(cache.header.as_str()) {
            return cache;
        }
        cache.rewrite = false;
        for line in lines {
            // A line without its end was cut short.
            let Some(line) = line.strip_suffix('\n') else {
                break;
            };
            if let Some((key, ipa)) = line.split_once('\t') {
                cache.map.insert(key.to_string(), ipa.to_string());
            }
        }
        cache
    }

    pub fn get(&self, text: &str) -> Option<&str> {
        self.map.get(text).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Keeps new IPA, in memory and in the file.
    pub fn insert_all(&mut self, entries: &[(String, String)]) -> std::io::Result<()> {
        let mut lines = String::new();
        for (text, ipa) in entries {
            if self.map.get(text) == Some(ipa) {
                continue;
            }
            self.map.insert(text.clone(), ipa.clone());
            if storable(text) && storable(ipa) {
                lines.push_str(text);
                lines.push('\t');
                lines.push_str(ipa);
                lines.push('\n');
            }
        }
        let Some(path) = &self.path else {
            return Ok(());
        };
        if self.rewrite {
            let mut whole = format!("{}\n", self.header);
            for (text, ipa) in &self.map {
                if storable(text) && storable(ipa) {
                    let _ = writeln!(whole, "{text}\t{ipa}");
                }
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            crate::glossary::save::write_atomically(path, whole.as_bytes())?;
            self.rewrite = false;
        } else if !lines.is_empty() {
            // One write, so that two readers appending at once do not mix their lines.
            std::fs::OpenOptions::new()
                .append(true)
                .open(path)?
                .write_all(lines.as_bytes())?;
        }
        Ok(())
    }

    /// The texts the cache has no IPA for, each once.
    pub fn missing(&self, texts: &[String]) -> Vec<String> {
        let mut missing: Vec<String> = texts
            .iter()
            .filter(|t| self.get(t).is_none())
            .cloned()
            .collect();
        missing.sort_unstable();
        missing.dedup();
        missing
    }

    /// The IPA of each text: from the cache, else from espeak-ng (and then kept). `None` for
    /// a text espeak-ng gave nothing for.
    pub fn resolve(
        &mut self,
        espeak: &Espeak,
        texts: &[String],
    ) -> Result<Vec<Option<String>>, SpeechError> {
        let missing = self.missing(texts);
        if !missing.is_empty() {
            let ipa = espeak.ipa_many(&missing)?;
            let found: Vec<(String, String)> = missing
                .into_iter()
                .zip(ipa)
                .filter(|(_, ipa)| !ipa.is_empty())
                .collect();
            // A cache that cannot be written still answers from memory.
            let _ = self.insert_all(&found);
        }
        Ok(texts
            .iter()
            .map(|t| self.get(t).map(str::to_string))
            .collect())
    }
}

fn storable(s: &str) -> bool {
    !s.is_empty() && !s.contains(['\t', '\n', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str, ipa: &str) -> (String, String) {
        (text.to_string(), ipa.to_string())
    }

    #[test]
    fn ipa_kept_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = IpaCache::open(dir.path(), "eSpeak NG 1.51");
        assert!(cache.is_empty());
        cache.insert_all(&[entry("Bündnis", "ˈbyndnɪs")]).unwrap();
        cache.insert_all(&[entry("Rat", "ˈrɑːt")]).unwrap();
        let again = IpaCache::open(dir.path(), "eSpeak NG 1.51");
        assert_eq!(again.get("Bündnis"), Some("ˈbyndnɪs"));
        assert_eq!(again.get("Rat"), Some("ˈrɑːt"));
        assert_eq!(again.len(), 2);
    }

    #[test]
    fn another_espeak_version_starts_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = IpaCache::open(dir.path(), "1.51");
        cache.insert_all(&[entry("Rat", "ˈrɑːt")]).unwrap();
        let mut newer = IpaCache::open(dir.path(), "1.52");
        assert_eq!(newer.get("Rat"), None);
        newer.insert_all(&[entry("Rat", "ˈʁaːt")]).unwrap();
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert_eq!(text, format!("{HEADER_START}1.52\nRat\tˈʁaːt\n"));
    }

    #[test]
    fn a_line_cut_short_and_a_broken_file_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, format!("{HEADER_START}1.51\nRat\tˈrɑːt\nBünd")).unwrap();
        let cache = IpaCache::open(dir.path(), "1.51");
        assert_eq!(cache.len(), 1);
        std::fs::write(&path, [0xff, 0xfe, 0]).unwrap();
        assert!(IpaCache::open(dir.path(), "1.51").is_empty());
    }

    #[test]
    fn texts_with_tabs_or_line_breaks_stay_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = IpaCache::open(dir.path(), "1.51");
        cache.insert_all(&[entry("a\tb", "x")]).unwrap();
        assert_eq!(cache.get("a\tb"), Some("x"));
        assert!(IpaCache::open(dir.path(), "1.51").is_empty());
    }
}
