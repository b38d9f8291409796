//! Paragraphs wrapped to a width, as byte ranges into the text, so that the linker's spans can be
//! placed on screen lines. Built once per width, not once per frame.

use crate::text::{BlockKind, Document};
use std::ops::Range;
use textwrap::core::{Word, break_words};
use textwrap::word_splitters::split_words;
use textwrap::wrap_algorithms::wrap_first_fit;
use textwrap::{WordSeparator, WordSplitter};
use unicode_width::UnicodeWidthStr;

/// The text with every ASCII control character (newline, tab, carriage return) made a space.
/// Each is one byte, so byte offsets stay valid, and a single newline inside a paragraph
/// reads as the space it stands for.
pub fn flatten(source: &str) -> String {
    let mut bytes = source.as_bytes().to_vec();
    for b in &mut bytes {
        if b.is_ascii_control() {
            *b = b' ';
        }
    }
    // Only ASCII bytes were replaced, by ASCII: the text is as valid as before.
    String::from_utf8(bytes).unwrap_or_else(|_| source.to_string())
}

/// The runs of white space in `source[line]` that hold a line break and more: where a prose
/// paragraph's hand-wrapped lines were joined and the next line was indented (a hanging indent,
/// as in `A: Man malt ihn blau an und\n   erschießt ihn`, or in no-break spaces, as text made
/// from DocBook has it). The reader draws each as one space.
pub fn joins(source: &str, line: Range<usize>) -> Vec<Range<usize>> {
    const NO_BREAK_SPACE: &[u8] = "\u{a0}".as_bytes();
    let bytes = &source.as_bytes()[..line.end];
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let mut out = Vec::new();
    let mut from = line.start;
    while let Some(at) = memchr::memchr(b'\n', &bytes[from..]).map(|i| from + i) {
        let mut start = at;
        loop {
            if start > line.start && space(bytes[start - 1]) {
                start -= 1;
            } else if start >= line.start + 2 && bytes[..start].ends_with(NO_BREAK_SPACE) {
                start -= 2;
            } else {
                break;
            }
        }
        let mut end = at + 1;
        loop {
            if end < line.end && space(bytes[end]) {
                end += 1;
            } else if end + 2 <= line.end && bytes[end..].starts_with(NO_BREAK_SPACE) {
                end += 2;
            } else {
                break;
            }
        }
        if end - start > 1 {
            out.push(start..end);
        }
        from = end;
    }
    out
}

/// Bytes of text wrapped at a time. A longer text is wrapped a window of about this size around
/// the reading position, so that opening and resizing cost the same for a book as for a page.
pub const WINDOW_BYTES: usize = 256 * 1024;

/// Screen lines of a text at one width: all of it, or for a long text a window of its
/// paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wrapped {
    /// Display columns the lines were wrapped to.
    pub width: usize,
    /// Byte range of each line in the text, without the spaces where it was broken. The blank
    /// line before a paragraph is the empty range at that paragraph's start.
    pub lines: Vec<Range<usize>>,
    /// The document's paragraphs the lines hold.
    pub paragraphs: Range<usize>,
    /// Whether those are all the document's paragraphs.
    pub whole: bool,
}

impl Wrapped {
    /// Wraps `paragraphs` of `text` (already [`flatten`]ed) to `width` columns, a blank line
    /// between paragraphs.
    pub fn new(text: &str, paragraphs: &[Range<usize>], width: usize) -> Wrapped {
        let width = width.max(1);
        let mut lines = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                lines.push(p.start..p.start);
            }
            wrap_paragraph(text, p.clone(), width, &mut lines);
        }
        Wrapped {
            width,
            lines,
            paragraphs: 0..paragraphs.len(),
            whole: true,
        }
    }

    /// Wraps all of a document's paragraphs (its `text` already [`flatten`]ed): verse and code
    /// keep their lines, each wrapped only when longer than the width; list items follow each
    /// other without a blank line.
    pub fn for_document(text: &str, doc: &Document, width: usize) -> Wrapped {
        Wrapped::window(text, doc, width, 0..doc.paragraphs.len())
    }

    /// Wraps the whole document when it is short; else the window of [`WINDOW_BYTES`] around
    /// `offset`.
    pub fn around(text: &str, doc: &Document, width: usize, offset: usize) -> Wrapped {
        Wrapped::window(text, doc, width, window_around(doc, offset, WINDOW_BYTES))
    }

    /// Wraps a document's `paragraphs` only.
    pub fn window(text: &str, doc: &Document, width: usize, paragraphs: Range<usize>) -> Wrapped {
        let width = width.max(1);
        let mut lines = Vec::new();
        let count = doc.paragraphs.len();
        let paragraphs = paragraphs.start.min(count)..paragraphs.end.min(count);
        for i in paragraphs.clone() {
            let p = &doc.paragraphs[i];
            let kind = doc.kind(i);
            let tight = kind == BlockKind::Item && i > 0 && doc.kind(i - 1) == BlockKind::Item;
            if i > paragraphs.start && !tight {
                lines.push(p.start..p.start);
            }
            if !kind.keeps_lines() {
                wrap_paragraph(text, p.clone(), width, &mut lines);
                continue;
            }
            let mut start = p.start;
            for line in doc.source[p.clone()].split('\n') {
                let range = start..start + line.len();
                start = range.end + 1;
                let fits = text[range.clone()].width() <= width;
                if kind == BlockKind::Code && fits {
                    // Code keeps its indentation.
                    lines.push(range.start..range.start + line.trim_end().len());
                } else if line.trim().is_empty() {
                    lines.push(range.start..range.start);
                } else {
                    wrap_paragraph(text, range, width, &mut lines);
                }
            }
        }
        Wrapped {
            width,
            lines,
            whole: paragraphs.start == 0 && paragraphs.end == count,
            paragraphs,
        }
    }

    /// Whether the lines hold a byte offset of the text (or the text has no more lines).
    pub fn holds(&self, offset: usize) -> bool {
        if self.whole {
            return true;
        }
        match (self.lines.first(), self.lines.last()) {
            (Some(first), Some(last)) => first.start <= offset && offset <= last.end,
            _ => false,
        }
    }

    /// Whether the text has lines before the first one held.
    pub fn more_above(&self) -> bool {
        self.paragraphs.start > 0
    }

    /// Whether the text has lines after the last one held.
    pub fn more_below(&self, doc: &Document) -> bool {
        self.paragraphs.end < doc.paragraphs.len()
    }

    /// The line holding a byte offset (the line before, for an offset in the gap after it).
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.start <= offset)
            .saturating_sub(1)
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// The paragraphs of a window of about `bytes` around `offset`: the whole document when it is
/// not much longer than that.
pub fn window_around(doc: &Document, offset: usize, bytes: usize) -> Range<usize> {
    let paragraphs = &doc.paragraphs;
    let (Some(first), Some(last)) = (paragraphs.first(), paragraphs.last()) else {
        return 0..0;
    };
    if last.end - first.start <= bytes * 2 {
        return 0..paragraphs.len();
    }
    let low = offset.saturating_sub(bytes / 2).max(first.start);
    let high = low + bytes;
    // The paragraph holding `low`, up to the one holding `high`.
    let start = paragraphs.partition_point(|p| p.end <= low);
    let end = paragraphs
        .partition_point(|p| p.start < high)
        .max(start + 1);
    start.min(paragraphs.len() - 1)..end.min(paragraphs.len())
}

fn wrap_paragraph(text: &str, range: Range<usize>, width: usize, out: &mut Vec<Range<usize>>) {
    let para = &text[range.clone()];
    let splitter = WordSplitter::HyphenSplitter;
    let words = WordSeparator::new().find_words(para);
    let words = break_words(split_words(words, &splitter), width);
    let offsets = word_offsets(para, &words);
    let mut first = 0;
    for line in wrap_first_fit(&words, &[width as f64]) {
        let Some(last) = line.last() else { continue };
        let last_index = first + line.len() - 1;
        let start = offsets[first];
        let end = offsets[last_index] + last.word.len();
        out.push(range.start + start..range.start + end);
        first += line.len();
    }
}

/// Each word's byte offset in the paragraph. Words are slices of it, so the offset is the
/// distance between their addresses; a search from the previous word is the fallback.
fn word_offsets(para: &str, words: &[Word<'_>]) -> Vec<usize> {
    let base = para.as_ptr() as usize;
    let mut cursor = 0;
    words
        .iter()
        .map(|w| {
            let by_address = (w.word.as_ptr() as usize).wrapping_sub(base);
            let offset = if para.get(by_address..by_address + w.word.len()) == Some(w.word) {
                by_address
            } else {
                para[cursor..].find(w.word).map_or(cursor, |i| cursor + i)
            };
            cursor = offset + w.word.len();
            offset
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Vec<Range<usize>> {
        std::iter::once(0..text.len()).collect()
    }

    fn lines<'a>(text: &'a str, w: &Wrapped) -> Vec<&'a str> {
        w.lines.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn a_join_is_a_line_break_with_the_spaces_around_it() {
        let source = "blauen\n   Elefanten und\nGewehr  \n\tmit  zwei";
        let runs: Vec<&str> = joins(source, 0..source.len())
            .into_iter()
            .map(|r| &source[r])
            .collect();
        // A plain line break is a single space already; spaces inside a line are kept.
        assert_eq!(runs, ["\n   ", "  \n\t"]);
        // Only what lies inside the line counts.
        assert_eq!(joins(source, 3..8), vec![6..8]);
        // No-break spaces indent as spaces do.
        let source = "mit dem\n\u{a0}\u{a0}\u{a0} Programmpaket\u{a0}x";
        let runs: Vec<&str> = joins(source, 0..source.len())
            .into_iter()
            .map(|r| &source[r])
            .collect();
        assert_eq!(runs, ["\n\u{a0}\u{a0}\u{a0} "]);
    }

    #[test]
    fn wraps_paragraphs_with_a_blank_line_between() {
        let text = "Der Kreml baue Beziehungen auf.\n\nJetzt hängt es ab.";
        let w = Wrapped::new(text, &[0..31, 33..text.len()], 16);
        assert_eq!(
            lines(text, &w),
            [
                "Der Kreml baue",
                "Beziehungen auf.",
                "",
                "Jetzt hängt es",
                "ab."
            ]
        );
    }

    #[test]
    fn single_newline_inside_a_paragraph_reads_as_a_space() {
        let source = "Eins zwei\ndrei vier";
        let text = flatten(source);
        assert_eq!(text.len(), source.len());
        let w = Wrapped::new(&text, &whole(&text), 80);
        assert_eq!(lines(&text, &w), ["Eins zwei drei vier"]);
    }

    #[test]
    fn lines_fit_their_width_in_columns_not_bytes() {
        let text = "Außenministerium Größenordnung äöü ÄÖÜ ßß Ärger über Öl";
        for width in 1..30 {
            let w = Wrapped::new(text, &whole(text), width);
            for l in lines(text, &w) {
                assert!(l.width() <= width, "{l:?} at {width}");
            }
            // Nothing is lost: the lines, joined, are the words of the text.
            let joined: String = lines(text, &w).concat();
            assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn hyphenated_compound_breaks_after_a_hyphen() {
        let text = "des NATO-Russland-Rates einzuberufen";
        let w = Wrapped::new(text, &whole(text), 16);
        assert_eq!(
            lines(text, &w),
            ["des NATO-", "Russland-Rates", "einzuberufen"]
        );
    }

    #[test]
    fn verse_keeps_its_lines_and_prose_joins_with_one_space() {
        let source = "Es war einmal ein König, der hatte drei Töchter, und die\r\njüngste war die schönste.\r\n\r\nDer Mond ist aufgegangen,\r\nDie goldnen Sternlein prangen\r\nAm Himmel hell und klar.\r\n";
        let doc = Document::parse("t.txt", source.to_string()).unwrap();
        let text = flatten(&doc.source);
        let w = Wrapped::for_document(&text, &doc, 100);
        assert_eq!(
            lines(&text, &w),
            [
                "Es war einmal ein König, der hatte drei Töchter, und die jüngste war die schönste.",
                "",
                "Der Mond ist aufgegangen,",
                "Die goldnen Sternlein prangen",
                "Am Himmel hell und klar."
            ]
        );
    }

    #[test]
    fn list_items_stand_without_blank_lines_and_code_keeps_its_indent() {
        let doc = Document::parse(
            "t.md",
            "- eins\n- zwei\n\n```\nfn x() {\n    y\n}\n```\n".to_string(),
        )
        .unwrap();
        let text = flatten(&doc.source);
        let w = Wrapped::for_document(&text, &doc, 40);
        assert_eq!(
            lines(&text, &w),
            ["• eins", "• zwei", "", "fn x() {", "    y", "}"]
        );
    }

    #[test]
    fn line_of_finds_the_line_of_an_offset() {
        let text = "aaa bbb\n\nccc";
        let w = Wrapped::new(text, &[0..7, 9..12], 3);
        assert_eq!(lines(text, &w), ["aaa", "bbb", "", "ccc"]);
        assert_eq!(w.line_of(0), 0);
        assert_eq!(w.line_of(4), 1);
        assert_eq!(w.line_of(9), 3);
        assert_eq!(w.line_of(11), 3);
    }

    #[test]
    fn a_long_text_is_wrapped_a_window_around_the_offset() {
        use std::fmt::Write;
        let mut text = String::new();
        for i in 0..2000 {
            writeln!(text, "Absatz {i} hat Wörter.\n").unwrap();
        }
        let doc = Document::parse("t.txt", text.clone()).unwrap();
        let flat = flatten(&doc.source);
        let whole = Wrapped::for_document(&flat, &doc, 10);
        assert!(whole.whole);
        // Short enough: all of it.
        assert_eq!(Wrapped::around(&flat, &doc, 10, 0,), whole);
        let at = text.find("Absatz 1000 ").unwrap();
        let window = Wrapped::window(&flat, &doc, 10, window_around(&doc, at, 4096));
        assert!(!window.whole && window.more_above() && window.more_below(&doc));
        assert!(window.holds(at) && !window.holds(0) && !window.holds(text.len() - 3));
        // The window's lines are the whole text's lines there.
        let first = whole.line_of(window.lines[0].start);
        assert_eq!(window.lines[..], whole.lines[first..first + window.len()]);
        let bytes = window.lines.last().unwrap().end - window.lines[0].start;
        assert!((4096..4096 + 64).contains(&bytes), "{bytes} bytes");
        // At the ends, the window starts or ends with the text.
        let start = window_around(&doc, 0, 4096);
        assert_eq!(start.start, 0);
        let end = window_around(&doc, text.len(), 4096);
        assert_eq!(end.end, doc.paragraphs.len());
    }
}
