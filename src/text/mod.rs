//! A document: decoding, TOML front matter, paragraphs (prose, verse, headings, items, code),
//! Markdown rendered as text, chapters, and where its translation is.

mod align;
mod file;
mod terminal;

pub use align::Alignment;
pub use file::{MAX_FILE_BYTES, MAX_FILE_SIZE_NAME, open_regular, read_regular};
pub use terminal::{terminal_safe, terminal_safe_lines};
pub mod blocks;
pub mod decode;
pub mod markdown;
pub mod markup;

pub use blocks::BlockKind;
pub use decode::Origin;
pub use markdown::InlineStyle;

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
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct FrontMatter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the text came from: a URL, or the file it was imported from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(alias = "language", skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The day it was imported (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added: Option<String>,
    /// A sibling file holding the paragraph-aligned translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

/// A chapter: a heading of the document's top heading level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub title: String,
    /// Byte offset of the heading in `source`.
    pub offset: usize,
    /// The heading's paragraph.
    pub paragraph: usize,
}

/// A text as leser reads it. All ranges are byte offsets into `source`.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Where it came from, for messages ("texts/x.txt", or the bundled name).
    pub name: String,
    /// The whole text as read: decoded to UTF-8, line ends made `\n`, Markdown rendered (its
    /// markup gone). [`Document::file_offset`] maps an offset back to the file.
    pub source: String,
    pub meta: FrontMatter,
    /// The text after the front matter.
    pub body: Range<usize>,
    /// Paragraphs: runs of lines separated by blank lines, trimmed.
    pub paragraphs: Vec<Range<usize>>,
    /// Something the reader should be told, e.g. that the file was decoded as Windows-1252.
    pub notice: Option<String>,
    /// What each paragraph is (parallel to `paragraphs`).
    pub kinds: Vec<BlockKind>,
    /// Emphasis, strong and code stretches of Markdown, by start.
    pub styles: Vec<(Range<usize>, InlineStyle)>,
    /// The file's text as decoded, when `source` differs from it.
    pub original: Option<String>,
    /// Offsets of `source` in `original`.
    pub origin: Origin,
}

/// Whether a file name is a web page's.
pub fn is_html(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "xhtml"))
}

/// Whether a file name is Markdown's.
pub fn is_markdown(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "mdown"))
}

impl Document {
    /// Parses decoded text: Markdown when the name says so (`.md`), else plain text.
    pub fn parse(name: &str, file: String) -> Result<Document, TextError> {
        // The file as read is kept only when what is read differs from it.
        let (text, line_ends, file) = if memchr::memchr(b'\r', file.as_bytes()).is_some() {
            let (text, origin) = decode::normalize_line_ends(file.clone());
            (text, origin, Some(file))
        } else {
            (file, Origin::default(), None)
        };
        let (meta, body) = split_front_matter(name, &text)?;
        let markdown = is_markdown(name);
        let mut doc = if markdown {
            let rendered = markdown::render(&text[body.clone()], body.start);
            let mut source = String::with_capacity(body.start + rendered.text.len());
            source.push_str(&text[..body.start]);
            source.push_str(&rendered.text);
            let shift = |r: &Range<usize>| r.start + body.start..r.end + body.start;
            let mut origin = Origin::default();
            origin.push(0, 0);
            for &(at, from) in rendered.origin.anchors() {
                origin.push(at + body.start, from);
            }
            Document {
                body: body.start..source.len(),
                paragraphs: rendered.paragraphs.iter().map(shift).collect(),
                kinds: rendered.kinds,
                styles: rendered
                    .styles
                    .iter()
                    .map(|(r, s)| (shift(r), *s))
                    .collect(),
                origin,
                source,
                original: Some(text),
                ..Document::default()
            }
        } else {
            // A web page's text where the page has it (see [`markup`]): offsets are the file's.
            let (source, original) = if is_html(name) {
                (markup::text_in_place(&text), Some(text))
            } else {
                (text, None)
            };
            let paragraphs = blocks::paragraphs(&source, body.clone());
            let kinds = paragraphs
                .iter()
                .map(|p| blocks::classify(&source[p.clone()]))
                .collect();
            Document {
                source,
                body,
                paragraphs,
                kinds,
                original,
                ..Document::default()
            }
        };
        doc.origin = doc.origin.then(&line_ends);
        if file.is_some() {
            doc.original = file;
        }
        doc.name = name.to_string();
        doc.meta = meta;
        Ok(doc)
    }

    /// Decodes bytes and parses: UTF-8; UTF-16 with a byte order mark; UTF-8 with a few bad
    /// bytes replaced; else Windows-1252. Anything but clean UTF-8 gets a notice; binary data
    /// is refused.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Document, TextError> {
        let decoded = decode::decode(name, bytes).map_err(|_| TextError::Binary {
            path: name.to_string(),
        })?;
        let mut doc = Document::parse(name, decoded.text)?;
        doc.notice = decoded.notice;
        Ok(doc)
    }

    /// The file's text as decoded (what [`Document::file_offset`] points into).
    pub fn file_text(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.source)
    }

    /// Whether `source` is the file's text as decoded, offset for offset (no line ends or
    /// Markdown were read), so that [`Document::file_offset`] maps every offset to itself.
    pub fn source_is_file(&self) -> bool {
        self.original.is_none() && self.origin.is_identity()
    }

    /// The offset in the file's text of an offset in `source`.
    pub fn file_offset(&self, offset: usize) -> usize {
        let file = self.file_text();
        let mut at = self.origin.map(offset).min(file.len());
        while !file.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// The byte range in the file's text of a range of `source`: its end is mapped from its
    /// last character, since the text after a range may come from elsewhere in the file (the
    /// URL after a Markdown link's text).
    pub fn file_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.file_offset(range.start);
        let Some(last) = self.source[range.clone()].chars().next_back() else {
            return start..start;
        };
        let end = self.file_offset(range.end - last.len_utf8()) + last.len_utf8();
        start..end.min(self.file_text().len()).max(start)
    }

    /// The paragraphs the linker reads: code is left out (an empty range keeps the numbering).
    pub fn linked_paragraphs(&self) -> std::borrow::Cow<'_, [Range<usize>]> {
        if !self.kinds.contains(&BlockKind::Code) {
            return std::borrow::Cow::Borrowed(&self.paragraphs);
        }
        std::borrow::Cow::Owned(
            self.paragraphs
                .iter()
                .zip(
                    self.kinds
                        .iter()
                        .chain(std::iter::repeat(&BlockKind::Prose)),
                )
                .map(|(p, k)| {
                    if *k == BlockKind::Code {
                        p.start..p.start
                    } else {
                        p.clone()
                    }
                })
                .collect(),
        )
    }

    /// What paragraph `i` is.
    pub fn kind(&self, i: usize) -> BlockKind {
        self.kinds.get(i).copied().unwrap_or_default()
    }

    /// The chapters: the headings of the top level that occurs, in order.
    pub fn chapters(&self) -> Vec<Chapter> {
        let level = |k: &BlockKind| match k {
            BlockKind::Heading(l) => Some(*l),
            _ => None,
        };
        let Some(top) = self.kinds.iter().filter_map(level).min() else {
            return Vec::new();
        };
        self.paragraphs
            .iter()
            .zip(&self.kinds)
            .enumerate()
            .filter(|(_, (_, k))| level(k) == Some(top))
            .map(|(i, (p, _))| Chapter {
                title: self.source[p.clone()].to_string(),
                offset: p.start,
                paragraph: i,
            })
            .collect()
    }

    /// The chapter that holds a byte offset (the last one starting at or before it).
    pub fn chapter_at(chapters: &[Chapter], offset: usize) -> Option<usize> {
        chapters
            .partition_point(|c| c.offset <= offset)
            .checked_sub(1)
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
            ..Document::default()
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

    /// Where this text's translation would be, in the order they are tried: the front
    /// matter's `translation`, else `X.en.txt` for `X.de.txt` or for `X.txt` (same extension).
    pub fn translation_candidates(&self, path: &Path) -> Vec<PathBuf> {
        if let Some(t) = &self.meta.translation {
            return vec![path.parent().unwrap_or(Path::new("")).join(t)];
        }
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            return Vec::new();
        };
        let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
        let ext = if ext.is_empty() {
            String::new()
        } else {
            format!(".{ext}")
        };
        if stem.to_ascii_lowercase().ends_with(".en") {
            // This is a translation itself.
            return Vec::new();
        }
        let stem = stem.strip_suffix(".de").unwrap_or(stem);
        vec![path.with_file_name(format!("{stem}.en{ext}"))]
    }

    /// The first translation candidate that exists (as anything: one that is no regular file
    /// is refused when read, with a notice, rather than silently passed over).
    pub fn translation_path(&self, path: &Path) -> Option<PathBuf> {
        self.translation_candidates(path)
            .into_iter()
            .find(|p| p.exists())
    }
}

/// Splits off a `+++` front matter block; returns it and the body's range.
pub fn split_front_matter(
    name: &str,
    source: &str,
) -> Result<(FrontMatter, Range<usize>), TextError> {
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
    fn translation_candidates_by_name_and_front_matter() {
        let doc = Document::parse("x", String::new()).unwrap();
        assert_eq!(
            doc.translation_candidates(Path::new("texts/a.de.txt")),
            [PathBuf::from("texts/a.en.txt")]
        );
        assert_eq!(
            doc.translation_candidates(Path::new("texts/fab2.txt")),
            [PathBuf::from("texts/fab2.en.txt")]
        );
        assert!(
            doc.translation_candidates(Path::new("texts/fab2.en.txt"))
                .is_empty()
        );
        let named =
            Document::parse("x", "+++\ntranslation = \"eng.txt\"\n+++\nText".into()).unwrap();
        assert_eq!(
            named.translation_candidates(Path::new("texts/fab2.txt")),
            [PathBuf::from("texts/eng.txt")]
        );
    }

    #[test]
    fn translation_beside_a_plain_name_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let de = dir.path().join("fab2.txt");
        std::fs::write(&de, "Ein Fuchs.").unwrap();
        let doc = Document::load(&de).unwrap();
        assert_eq!(doc.translation_path(&de), None);
        std::fs::write(dir.path().join("fab2.en.txt"), "A fox.").unwrap();
        assert_eq!(
            doc.translation_path(&de),
            Some(dir.path().join("fab2.en.txt"))
        );
    }

    #[test]
    fn crlf_and_cr_line_ends_read_as_newlines_and_map_back_to_the_file() {
        for file in [
            "Er sei.\r\nDarauf ging er.\r\n\r\nEnde.",
            "Er sei.\rDarauf ging er.\r\rEnde.",
        ] {
            let doc = Document::parse("c.txt", file.to_string()).unwrap();
            let paras: Vec<&str> = doc
                .paragraphs
                .iter()
                .map(|r| &doc.source[r.clone()])
                .collect();
            assert_eq!(paras, ["Er sei.\nDarauf ging er.", "Ende."]);
            let at = doc.source.find("Ende").unwrap();
            assert_eq!(&doc.file_text()[doc.file_offset(at)..][..4], "Ende");
        }
    }

    #[test]
    fn utf16_and_bom_files_open() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Grüße\r\naus Köln".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let doc = Document::from_bytes("u.txt", bytes).unwrap();
        assert_eq!(doc.body_text(), "Grüße\naus Köln");
        let doc = Document::from_bytes("b.txt", "\u{feff}Hallo".as_bytes().to_vec()).unwrap();
        assert_eq!(doc.body_text(), "Hallo");
    }

    #[test]
    fn markdown_is_rendered_with_chapters() {
        let md = "+++\ntitle = \"Notizen\"\n+++\n# Erstes\n\nEin [Link](https://x.org/anekdoten).\n\n# Zweites\n\n## Teil\n\nText.\n";
        let doc = Document::parse("n.md", md.to_string()).unwrap();
        assert_eq!(doc.title(), "Notizen");
        assert!(!doc.source.contains("https"), "{}", doc.source);
        let chapters: Vec<_> = doc.chapters().into_iter().map(|c| c.title).collect();
        assert_eq!(chapters, ["Erstes", "Zweites"]);
        let at = doc.source.find("Link").unwrap();
        assert_eq!(&md[doc.file_offset(at)..][..4], "Link");
    }

    #[test]
    fn code_is_not_linked() {
        let doc = Document::parse("c.md", "Text.\n\n```\nRat\n```\n".to_string()).unwrap();
        let linked = doc.linked_paragraphs();
        assert!(linked[1].is_empty());
        assert_eq!(&doc.source[doc.paragraphs[1].clone()], "Rat");
    }

    #[test]
    fn bundled_article_has_title_and_paragraphs() {
        let doc = Document::bundled();
        assert!(doc.title().starts_with("Lawrow"));
        assert_eq!(doc.paragraphs.len(), 7);
    }
}
