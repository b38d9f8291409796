//! Markdown made readable text: headings, paragraphs, list items and code blocks become
//! paragraphs of their kind; emphasis becomes a style; a link is its text; markup, URLs,
//! images and HTML are gone. Offsets map back to the file through an [`Origin`].

use super::blocks::{BlockKind, classify};
use super::decode::Origin;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// How a stretch of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InlineStyle {
    Emphasis,
    Strong,
    Code,
}

/// Markdown rendered as text: all ranges are byte offsets into `text`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub paragraphs: Vec<Range<usize>>,
    pub kinds: Vec<BlockKind>,
    pub styles: Vec<(Range<usize>, InlineStyle)>,
    /// Offsets of `text` in the Markdown source.
    pub origin: Origin,
}

/// The bullet before a list item.
pub const BULLET: &str = "• ";
const NESTED_BULLET: &str = "◦ ";

struct Builder {
    out: Rendered,
    /// The paragraph being written: its start and kind.
    open: Option<(usize, BlockKind)>,
    /// Open emphasis, strong and code spans: their start and style.
    spans: Vec<(usize, InlineStyle)>,
    /// Number of the next item of each open list (`None`: a bulleted list).
    lists: Vec<Option<u64>>,
    /// Inside an image (its alt text is left out) or HTML.
    skip: usize,
    /// A table row has had a cell.
    cell_written: bool,
}

impl Builder {
    fn begin(&mut self, kind: BlockKind) {
        self.end();
        if !self.out.text.is_empty() {
            self.out.text.push_str("\n\n");
        }
        self.open = Some((self.out.text.len(), kind));
    }

    /// Text into the open paragraph (a prose one is opened for text outside any).
    fn write(&mut self, s: &str, from: usize) {
        if self.skip > 0 {
            return;
        }
        if self.open.is_none() {
            self.begin(BlockKind::Prose);
        }
        self.out.origin.push(self.out.text.len(), from);
        self.out.text.push_str(s);
    }

    /// A line break inside the open paragraph.
    fn newline(&mut self) {
        if self.open.is_some() && !self.out.text.ends_with('\n') {
            self.out.text.push('\n');
        }
    }

    fn end(&mut self) {
        let Some((start, kind)) = self.open.take() else {
            return;
        };
        let para = &self.out.text[start..];
        let trimmed_end = start + para.trim_end().len();
        let trimmed_start = start + (para.len() - para.trim_start().len());
        if trimmed_start >= trimmed_end {
            // Nothing was written: take the separator back.
            self.out.text.truncate(start);
            let len = self.out.text.trim_end_matches('\n').len();
            self.out.text.truncate(len);
            return;
        }
        let kind = match kind {
            BlockKind::Prose => classify(&self.out.text[trimmed_start..trimmed_end]),
            k => k,
        };
        self.out.text.truncate(trimmed_end);
        self.out.paragraphs.push(trimmed_start..trimmed_end);
        self.out.kinds.push(kind);
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Renders a Markdown body; `base` is its offset in the file, for the origin.
pub fn render(markdown: &str, base: usize) -> Rendered {
    let mut b = Builder {
        out: Rendered::default(),
        open: None,
        spans: Vec::new(),
        lists: Vec::new(),
        skip: 0,
        cell_written: false,
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let from = base + range.start;
        match event {
            Event::Start(tag) => start(&mut b, &tag, from),
            Event::End(tag) => end(&mut b, tag),
            Event::Text(t) => {
                if matches!(b.open, Some((_, BlockKind::Code))) {
                    // Code keeps its lines; each line of the block is its own text.
                    b.write(&t, from);
                } else {
                    b.write(&t.replace('\n', " "), from);
                }
            }
            Event::Code(t) => {
                let at = b.out.text.len();
                let inner = markdown[range.clone()].find(&*t).map_or(0, |i| i);
                b.write(&t, from + inner);
                if b.skip == 0 {
                    b.out.styles.push((at..b.out.text.len(), InlineStyle::Code));
                }
            }
            Event::SoftBreak => {
                if b.skip == 0 {
                    b.newline();
                }
            }
            Event::HardBreak => {
                if b.skip == 0 {
                    b.newline();
                    if let Some((_, kind @ BlockKind::Prose)) = &mut b.open {
                        *kind = BlockKind::Verse;
                    }
                }
            }
            Event::TaskListMarker(done) => b.write(if done { "[x] " } else { "[ ] " }, from),
            Event::Rule
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }
    b.end();
    b.out.styles.sort_by_key(|(r, _)| r.start);
    b.out
}

fn start(b: &mut Builder, tag: &Tag<'_>, from: usize) {
    match tag {
        // A paragraph inside a list item continues the item.
        Tag::Paragraph if !matches!(b.open, Some((_, BlockKind::Item))) => {
            b.begin(BlockKind::Prose);
        }
        Tag::Heading { level, .. } => b.begin(BlockKind::Heading(heading_level(*level))),
        Tag::CodeBlock(_) => b.begin(BlockKind::Code),
        Tag::List(first) => b.lists.push(*first),
        Tag::Item => {
            b.begin(BlockKind::Item);
            let depth = b.lists.len();
            let marker = match b.lists.last_mut() {
                Some(Some(n)) => {
                    let m = format!("{n}. ");
                    *n += 1;
                    m
                }
                _ if depth > 1 => NESTED_BULLET.to_string(),
                _ => BULLET.to_string(),
            };
            b.write(&marker, from);
        }
        Tag::Table(_) => b.begin(BlockKind::Verse),
        Tag::TableHead | Tag::TableRow => {
            b.newline();
            b.cell_written = false;
        }
        Tag::TableCell => {
            if b.cell_written {
                b.write(" | ", from);
            }
            b.cell_written = true;
        }
        Tag::Emphasis => b.spans.push((b.out.text.len(), InlineStyle::Emphasis)),
        Tag::Strong => b.spans.push((b.out.text.len(), InlineStyle::Strong)),
        Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::FootnoteDefinition(_) => {
            b.skip += 1;
        }
        _ => {}
    }
}

fn end(b: &mut Builder, tag: TagEnd) {
    match tag {
        TagEnd::Paragraph if !matches!(b.open, Some((_, BlockKind::Item))) => b.end(),
        TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Item | TagEnd::Table => b.end(),
        TagEnd::List(_) => {
            b.lists.pop();
        }
        TagEnd::Emphasis | TagEnd::Strong => {
            if let Some((at, style)) = b.spans.pop()
                && at < b.out.text.len()
                && b.skip == 0
            {
                b.out.styles.push((at..b.out.text.len(), style));
            }
        }
        TagEnd::Image
        | TagEnd::HtmlBlock
        | TagEnd::MetadataBlock(_)
        | TagEnd::FootnoteDefinition => {
            b.skip = b.skip.saturating_sub(1);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(r: &Rendered) -> Vec<(&str, BlockKind)> {
        r.paragraphs
            .iter()
            .zip(&r.kinds)
            .map(|(p, k)| (&r.text[p.clone()], *k))
            .collect()
    }

    #[test]
    fn headings_items_links_and_code() {
        let md = "# Anekdoten\n\nEin **kurzer** Text mit [der Quelle](https://example.org/anekdoten).\n\n- erstens\n- zweitens\n\n```\nlet x = 1;\nlet y = 2;\n```\n";
        let r = render(md, 0);
        assert_eq!(
            paras(&r),
            [
                ("Anekdoten", BlockKind::Heading(1)),
                ("Ein kurzer Text mit der Quelle.", BlockKind::Prose),
                ("• erstens", BlockKind::Item),
                ("• zweitens", BlockKind::Item),
                ("let x = 1;\nlet y = 2;", BlockKind::Code),
            ]
        );
        assert!(!r.text.contains("https"));
        let (range, style) = &r.styles[0];
        assert_eq!(
            (&r.text[range.clone()], *style),
            ("kurzer", InlineStyle::Strong)
        );
    }

    #[test]
    fn words_map_back_to_the_markdown() {
        let md = "## Kapitel\n\nDer *Rat* tagte.";
        let r = render(md, 100);
        let at = r.text.find("Rat").unwrap();
        assert_eq!(r.origin.map(at), 100 + md.find("Rat").unwrap());
        let at = r.text.find("tagte").unwrap();
        assert_eq!(r.origin.map(at), 100 + md.find("tagte").unwrap());
    }

    #[test]
    fn a_poem_keeps_its_lines() {
        let md = "Wer reitet so spät durch Nacht und Wind?\nEs ist der Vater mit seinem Kind;\nEr hat den Knaben wohl in dem Arm.";
        let r = render(md, 0);
        assert_eq!(r.kinds, [BlockKind::Verse]);
        assert_eq!(r.text.lines().count(), 3);
    }

    #[test]
    fn ordered_lists_are_numbered() {
        let r = render("3. drei\n4. vier\n", 0);
        assert_eq!(
            paras(&r),
            [("3. drei", BlockKind::Item), ("4. vier", BlockKind::Item)]
        );
    }
}
