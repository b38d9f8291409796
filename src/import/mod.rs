//! Bringing texts in: an EPUB, a saved web page, Markdown or plain text, made leser's own text
//! format (TOML front matter and a Markdown or plain body). Pure conversion: the learner's
//! library ([`crate::learner::library`]) writes the result.

pub mod epub;
pub mod html;

use crate::text::decode::{self, normalize_line_ends};
use crate::text::{Document, FrontMatter, TextError, split_front_matter};
use std::path::Path;
use thiserror::Error;

/// The kinds of file `leser import` reads.
pub const SUPPORTED: &str = ".epub, .html, .htm, .xhtml, .md, .markdown, .txt";

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot import this kind of file (leser imports {SUPPORTED})")]
    Unsupported { path: String },
    #[error("{path}: {why}")]
    Damaged { path: String, why: String },
    #[error("{path}: the book is encrypted (DRM); leser can import only books without DRM")]
    Drm { path: String },
    #[error("{path}: no text in it to import")]
    Empty { path: String },
    #[error(transparent)]
    Text(#[from] TextError),
}

/// A text made ready for the library: its front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub meta: FrontMatter,
    pub body: String,
    /// Whether the body is Markdown (saved as `.md`) or plain text (`.txt`).
    pub markdown: bool,
}

impl Converted {
    /// The file as saved: front matter between `+++` lines, a blank line, the body.
    pub fn file_text(&self) -> String {
        let meta = toml::to_string(&self.meta).unwrap_or_default();
        format!("+++\n{meta}+++\n\n{}\n", self.body.trim_end())
    }

    /// The extension the file is saved with.
    pub fn extension(&self) -> &'static str {
        if self.markdown { "md" } else { "txt" }
    }

    /// The text as the reader will read it.
    pub fn document(&self, name: &str) -> Result<Document, TextError> {
        Document::parse(name, self.file_text())
    }
}

/// What kind of file a path is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Epub,
    Html,
    Markdown,
    Text,
}

pub fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "epub" => Some(Kind::Epub),
        "html" | "htm" | "xhtml" => Some(Kind::Html),
        "md" | "markdown" | "mdown" => Some(Kind::Markdown),
        "txt" | "text" => Some(Kind::Text),
        _ => None,
    }
}

/// Reads and converts a file.
pub fn convert_file(path: &Path) -> Result<Converted, ImportError> {
    let name = path.display().to_string();
    let Some(kind) = kind_of(path) else {
        return Err(ImportError::Unsupported { path: name });
    };
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: name.clone(),
        source,
    })?;
    convert(&name, kind, bytes)
}

/// Converts a file's bytes; `name` is for messages and the fallback title.
pub fn convert(name: &str, kind: Kind, bytes: Vec<u8>) -> Result<Converted, ImportError> {
    let mut converted = match kind {
        Kind::Epub => epub::convert(name, bytes)?,
        Kind::Html => {
            let text = decode_text(name, bytes)?;
            let page = html::Page::parse(&text);
            let meta = page.meta();
            Converted {
                meta: FrontMatter {
                    title: meta.title,
                    author: meta.author,
                    lang: meta.lang,
                    ..FrontMatter::default()
                },
                body: html::tighten_lists(&page.markdown(0)),
                markdown: true,
            }
        }
        Kind::Markdown | Kind::Text => {
            let text = decode_text(name, bytes)?;
            // The file's own front matter is kept; the body is what follows it.
            let (meta, body) = split_front_matter(name, &text)?;
            Converted {
                meta,
                body: text[body].trim().to_string(),
                markdown: kind == Kind::Markdown,
            }
        }
    };
    if converted.meta.title.is_none() {
        converted.meta.title = first_heading(&converted).or_else(|| {
            Path::new(name)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        });
    }
    let empty = converted
        .document(name)
        .map_or(true, |d| d.paragraphs.is_empty());
    if empty {
        return Err(ImportError::Empty {
            path: name.to_string(),
        });
    }
    Ok(converted)
}

/// Decoded text with `\n` line ends and no byte order mark.
fn decode_text(name: &str, bytes: Vec<u8>) -> Result<String, ImportError> {
    let decoded = decode::decode(name, bytes).map_err(|_| TextError::Binary {
        path: name.to_string(),
    })?;
    let (text, _) = normalize_line_ends(decoded.text);
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

/// The first heading of a Markdown body, as a title.
fn first_heading(c: &Converted) -> Option<String> {
    if !c.markdown {
        return None;
    }
    c.body
        .lines()
        .find(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .filter(|t| !t.is_empty())
}

/// A stable 64-bit fingerprint of a file's bytes (FNV-1a), to know a file imported before.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_its_lines_and_gets_a_title() {
        let c = convert(
            "gedicht.txt",
            Kind::Text,
            b"Der Mond\r\nist aufgegangen.\r\n".to_vec(),
        )
        .unwrap();
        assert_eq!(c.meta.title.as_deref(), Some("gedicht"));
        assert_eq!(c.body, "Der Mond\nist aufgegangen.");
        assert!(
            c.file_text()
                .starts_with("+++\ntitle = \"gedicht\"\n+++\n\n")
        );
    }

    #[test]
    fn markdown_front_matter_is_kept() {
        let md = "+++\ntitle = \"Notizen\"\nauthor = \"Ich\"\n+++\n\n# Eins\n\nText.\n";
        let c = convert("n.md", Kind::Markdown, md.as_bytes().to_vec()).unwrap();
        assert_eq!(c.meta.author.as_deref(), Some("Ich"));
        assert_eq!(c.body, "# Eins\n\nText.");
    }

    #[test]
    fn empty_inputs_are_refused() {
        for (name, kind, bytes) in [
            ("e.txt", Kind::Text, b"  \n\n".to_vec()),
            (
                "e.html",
                Kind::Html,
                b"<html><body><nav>Menu</nav></body></html>".to_vec(),
            ),
            (
                "e.md",
                Kind::Markdown,
                b"+++\ntitle = \"x\"\n+++\n".to_vec(),
            ),
        ] {
            let err = convert(name, kind, bytes).unwrap_err();
            assert!(matches!(err, ImportError::Empty { .. }), "{name}: {err}");
            assert!(err.to_string().starts_with(name));
        }
    }

    #[test]
    fn a_zip_that_is_no_epub_is_damaged() {
        let err = convert("x.epub", Kind::Epub, b"PK\x03\x04garbage".to_vec()).unwrap_err();
        assert!(matches!(err, ImportError::Damaged { .. }), "{err}");
        let err = convert("y.epub", Kind::Epub, b"plain text".to_vec()).unwrap_err();
        assert!(err.to_string().contains("not a zip"), "{err}");
    }
}
