//! A document: decoding, TOML front matter, paragraphs, and its translation.

mod align;
mod file;
mod terminal;

pub use align::Alignment;
pub use file::{MAX_FILE_BYTES, MAX_FILE_SIZE_NAME, open_regular, read_regular};
pub use terminal::{terminal_safe, terminal_safe_lines};

use std::ops::Range;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The bundled article and its translation, compiled into the binary.
pub const BUNDLED_NAME: &str = "texts/lawrow-nato.de.txt";
pub const BUNDLED: &str = include_str!("../../texts/lawrow-nato.de.txt");
pub const BUNDLED_EN: &str = include_str!("../../texts/lawrow-nato.en.txt");

#[derive(Debug, Error)]
pub enum TextError {
    #[error("{path}: cannot read the text: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: this is a binary file, not a text")]
    Binary { path: String },
    #[error("{path}:{line}:{column}: front matter: {message}")]
    FrontMatter {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// The optional `+++` block at the top of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub lang: Option<String>,
    /// A sibling file holding the paragraph-aligned translation.
    pub translation: Option<String>,
}

/// A text as leser reads it. All ranges are byte offsets into `source`.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it came from, for messages ("texts/x.txt", or the bundled name).
    pub name: String,
    /// The whole file as read (decoded to UTF-8 when it was not).
    pub source: String,
    pub meta: FrontMatter,
    /// The text after the front matter.
    pub body: Range<usize>,
    /// Paragraphs: runs of lines separated by blank lines, trimmed.
    pub paragraphs: Vec<Range<usize>>,
    /// Something the reader should be told, e.g. that the file was decoded as Windows-1252.
    pub notice: Option<String>,
}

impl Document {
    /// Parses decoded text.
    pub fn parse(name: &str, source: String) -> Result<Document, TextError> {
        let (meta, body) = split_front_matter(name, &source)?;
        let paragraphs = paragraphs(&source, body.clone());
        Ok(Document {
            name: name.to_string(),
            source,
            meta,
            body,
            paragraphs,
            notice: None,
        })
    }

    /// Decodes bytes and parses: UTF-8; UTF-16 with a byte order mark; UTF-8 with a few bad
    /// bytes replaced; else Windows-1252. Anything but clean UTF-8 gets a notice; binary data
    /// is refused.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Document, TextError> {
        let (text, notice) = decode(name, bytes)?;
        let mut doc = Document::parse(name, text)?;
        doc.notice = notice;
        Ok(doc)
    }

    pub fn load(path: &Path) -> Result<Document, TextError> {
        let name = path.display().to_string();
        let bytes = read_regular(path).map_err(|source| TextError::Io {
            path: name.clone(),
            source,
        })?;
        Document::from_bytes(&name, bytes)
    }

    /// The bundled article.
    pub fn bundled() -> Document {
        Document::parse(BUNDLED_NAME, BUNDLED.to_string()).unwrap_or_else(|_| Document {
            name: BUNDLED_NAME.to_string(),
            source: String::new(),
            meta: FrontMatter::default(),
            body: 0..0,
            paragraphs: Vec::new(),
            notice: None,
        })
    }

    /// The bundled article's English translation.
    pub fn bundled_translation() -> Option<Document> {
        Document::parse("texts/lawrow-nato.en.txt", BUNDLED_EN.to_string()).ok()
    }

    /// The title from front matter, else the file name.
    pub fn title(&self) -> &str {
        match &self.meta.title {
            Some(t) => t,
            None => Path::new(&self.name)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(&self.name),
        }
    }

    pub fn body_text(&self) -> &str {
        &self.source[self.body.clone()]
    }

    /// 1-based line of a byte offset into `source`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.source.as_bytes()[..offset.min(self.source.len())]
            .iter()
            .fold(0, |n, &b| n + usize::from(b == b'\n'))
            + 1
    }

    /// Where this text's translation would be: front matter `translation`, else the
    /// `.en` sibling of a `.de` file (`name.de.txt` → `name.en.txt`).
    pub fn translation_path(&self, path: &Path) -> Option<PathBuf> {
        if let Some(t) = &self.meta.translation {
            return Some(path.parent().unwrap_or(Path::new("")).join(t));
        }
        let file = path.file_name()?.to_str()?;
        let (stem, ext) = file.rsplit_once('.')?;
        let stem = stem.strip_suffix(".de")?;
        Some(path.with_file_name(format!("{stem}.en.{ext}")))
    }
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<(String, Option<String>), TextError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes)
        && encoding != encoding_rs::UTF_8
    {
        // UTF-16: its zero bytes are text, not a sign of binary data.
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let text = text.into_owned();
        if looks_binary(text.as_bytes()) {
            return Err(TextError::Binary {
                path: name.to_string(),
            });
        }
        let mut notice = format!("{name}: read as {}", encoding.name());
        if had_errors {
            notice.push_str(" (bad sequences replaced with \u{fffd})");
        }
        return Ok((text, Some(notice)));
    }
    if looks_binary(&bytes) {
        return Err(TextError::Binary {
            path: name.to_string(),
        });
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(s) => return Ok((s, None)),
        Err(e) => e.into_bytes(),
    };
    // A few bad bytes in a text that is otherwise UTF-8 (accented letters and all) are
    // damage: the rest stays UTF-8. Bad bytes and no UTF-8 letters at all: a Latin-1 text.
    let (mut letters, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        letters += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    if letters > bad {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let what = if bad == 1 {
            "1 bad byte sequence".to_string()
        } else {
            format!("{bad} bad byte sequences")
        };
        return Ok((
            text,
            Some(format!(
                "{name}: not all UTF-8; {what} replaced with \u{fffd}"
            )),
        ));
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    Ok((
        text.into_owned(),
        Some(format!("{name}: not UTF-8; read as Windows-1252 (Latin-1)")),
    ))
}

fn looks_binary(bytes: &[u8]) -> bool {
    bytes.contains(&0)
        || bytes
            .iter()
            .take(8192)
            .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
            .count()
            > 8
}

/// Splits off a `+++` front matter block; returns it and the body's range.
fn split_front_matter(name: &str, source: &str) -> Result<(FrontMatter, Range<usize>), TextError> {
    // A byte order mark stays in `source` (offsets are into the file as read) but not in the body.
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let first_line_end = source.find('\n').map_or(source.len(), |i| i + 1);
    if source[bom..first_line_end].trim_end() != "+++" {
        return Ok((FrontMatter::default(), bom..source.len()));
    }
    let mut pos = first_line_end;
    while pos < source.len() {
        let end = source[pos..]
            .find('\n')
            .map_or(source.len(), |i| pos + i + 1);
        if source[pos..end].trim_end() == "+++" {
            let toml_src = &source[first_line_end..pos];
            let meta: FrontMatter = toml::from_str(toml_src).map_err(|e| {
                let offset = first_line_end + e.span().map_or(0, |s| s.start);
                let line = source[..offset].matches('\n').count() + 1;
                let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
                TextError::FrontMatter {
                    path: name.to_string(),
                    line,
                    column: source[line_start..offset].chars().count() + 1,
                    message: e.message().to_string(),
                }
            })?;
            return Ok((meta, end..source.len()));
        }
        pos = end;
    }
    // An opening `+++` with no closing one is text, not front matter.
    Ok((FrontMatter::default(), 0..source.len()))
}

/// Paragraph ranges inside `body`: blank lines separate them; each is trimmed.
fn paragraphs(source: &str, body: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = body.start;
    let mut pos = body.start;
    while pos < body.end {
        let end = source[pos..body.end]
            .find('\n')
            .map_or(body.end, |i| pos + i + 1);
        let line = &source[pos..end];
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..last_end);
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            if start.is_none() {
                start = Some(pos + lead);
            }
            last_end = pos + line.trim_end().len();
        }
        pos = end;
    }
    if let Some(s) = start {
        out.push(s..last_end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_and_paragraphs() {
        let src = "+++\ntitle = \"T\"\ndate = \"2021-11\"\n+++\n\nEins zwei.\nDrei.\n\n  Vier.  \n";
        let doc = Document::parse("x", src.to_string()).unwrap();
        assert_eq!(doc.title(), "T");
        assert_eq!(doc.meta.date.as_deref(), Some("2021-11"));
        let paras: Vec<&str> = doc
            .paragraphs
            .iter()
            .map(|r| &doc.source[r.clone()])
            .collect();
        assert_eq!(paras, ["Eins zwei.\nDrei.", "Vier."]);
    }

    #[test]
    fn text_without_front_matter_is_all_body() {
        let doc = Document::parse("plain.txt", "Hallo Welt.".to_string()).unwrap();
        assert_eq!(doc.body, 0..11);
        assert_eq!(doc.title(), "plain.txt");
    }

    #[test]
    fn broken_front_matter_names_line_and_column() {
        let err = Document::parse("a.txt", "+++\ntitle = \n+++\nText".to_string()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("a.txt:2:"), "{msg}");
    }

    #[test]
    fn latin1_file_opens_with_a_notice() {
        let doc = Document::from_bytes("l.txt", b"Gr\xfc\xdfe aus K\xf6ln".to_vec()).unwrap();
        assert_eq!(doc.source, "Grüße aus Köln");
        assert!(doc.notice.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn utf16_with_a_bom_is_text() {
        let text = "Grüße aus Köln.\n\nZweiter Absatz.\n";
        for (bom, unit) in [
            (&[0xff, 0xfe][..], u16::to_le_bytes as fn(u16) -> [u8; 2]),
            (&[0xfe, 0xff][..], u16::to_be_bytes),
        ] {
            let mut bytes = bom.to_vec();
            bytes.extend(text.encode_utf16().flat_map(unit));
            let doc = Document::from_bytes("u.txt", bytes).unwrap();
            assert_eq!(doc.source, text);
            assert_eq!(doc.paragraphs.len(), 2);
            assert!(doc.notice.unwrap().contains("read as UTF-16"));
        }
    }

    #[test]
    fn a_few_bad_bytes_leave_a_utf8_text_utf8() {
        let mut bytes = "Die Bemühungen der Außenminister".as_bytes().to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice(" über Köln.".as_bytes());
        let doc = Document::from_bytes("m.txt", bytes).unwrap();
        assert_eq!(
            doc.source,
            "Die Bemühungen der Außenminister\u{fffd} über Köln."
        );
        let notice = doc.notice.unwrap();
        assert!(notice.contains("1 bad byte sequence replaced"), "{notice}");
    }

    #[test]
    fn binary_file_is_refused() {
        let err = Document::from_bytes("b.bin", vec![0x7f, b'E', b'L', b'F', 0, 0, 1]).unwrap_err();
        assert!(matches!(err, TextError::Binary { .. }));
    }

    #[test]
    fn translation_sibling_of_a_de_file() {
        let doc = Document::parse("x", String::new()).unwrap();
        assert_eq!(
            doc.translation_path(Path::new("texts/a.de.txt")),
            Some(PathBuf::from("texts/a.en.txt"))
        );
        assert_eq!(doc.translation_path(Path::new("texts/a.txt")), None);
    }

    #[test]
    fn bundled_article_has_title_and_paragraphs() {
        let doc = Document::bundled();
        assert!(doc.title().starts_with("Lawrow"));
        assert_eq!(doc.paragraphs.len(), 7);
    }
}
