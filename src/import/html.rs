//! HTML (a saved web page, an EPUB chapter) as Markdown: the article's headings, paragraphs,
//! list items, emphasis and code; scripts, styles, navigation, headers, footers, forms and
//! images left out; entities decoded by the parser (html5ever, through scraper).

use scraper::node::Node;
use scraper::{ElementRef, Html};

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
}

/// Elements whose content is no part of the text.
const DROPPED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form",
    "button", "svg", "iframe", "head", "select", "textarea", "input", "img", "picture", "video",
    "audio", "canvas", "object", "math", "menu", "dialog",
];

/// Whether an element is navigation by its role or class, whatever its name: the
/// `<div class="navheader">` DocBook puts above each chapter (it repeats the title), a
/// `<div role="navigation">`, a breadcrumb trail.
fn is_navigation(el: &scraper::node::Element) -> bool {
    matches!(
        el.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "search")
    ) || el.classes().any(|c| {
        matches!(
            c.to_ascii_lowercase().as_str(),
            "navheader" | "navfooter" | "navigation" | "navbar" | "breadcrumb" | "breadcrumbs"
        )
    })
}

/// Elements that start and end a block.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "address",
    "center",
    "hgroup",
    "details",
    "summary",
    "body",
];

/// A parsed page.
pub struct Page {
    html: Html,
}

impl Page {
    pub fn parse(source: &str) -> Page {
        Page {
            html: Html::parse_document(source),
        }
    }

    /// Title (`<title>`, else the Open Graph title, else the first `<h1>`), author and language.
    pub fn meta(&self) -> PageMeta {
        let root = self.html.root_element();
        let mut meta = PageMeta {
            lang: root
                .value()
                .attr("lang")
                .or_else(|| root.value().attr("xml:lang"))
                .map(str::to_string),
            ..PageMeta::default()
        };
        for el in root.descendent_elements() {
            let e = el.value();
            match e.name() {
                "title" if meta.title.is_none() => {
                    meta.title = non_empty(&collapse(&el.text().collect::<String>()));
                }
                "meta" => {
                    let key = e.attr("name").or_else(|| e.attr("property")).unwrap_or("");
                    let content = e.attr("content").and_then(|c| non_empty(&collapse(c)));
                    match key.to_ascii_lowercase().as_str() {
                        "author" | "article:author" | "dc.creator" if meta.author.is_none() => {
                            meta.author = content;
                        }
                        "og:title" if meta.title.is_none() => meta.title = content,
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        if meta.title.is_none() {
            meta.title = root
                .descendent_elements()
                .find(|e| e.value().name() == "h1")
                .and_then(|h| non_empty(&collapse(&h.text().collect::<String>())));
        }
        meta
    }

    /// The article as Markdown: the `<article>`, else `<main>`, else the body. Headings are
    /// moved `demote` levels down (an EPUB chapter's own headings go under its chapter title).
    pub fn markdown(&self, demote: u8) -> String {
        let root = self.html.root_element();
        let pick = |name: &str| {
            root.descendent_elements()
                .find(|e| e.value().name() == name)
        };
        let article = pick("article")
            .or_else(|| pick("main"))
            .or_else(|| {
                root.descendent_elements()
                    .find(|e| e.value().attr("role") == Some("main"))
            })
            .or_else(|| pick("body"))
            .unwrap_or(root);
        let mut w = Writer::new(demote);
        w.element(article);
        w.flush();
        w.blocks.join("\n\n")
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Runs of whitespace made one space, trimmed.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Writer {
    blocks: Vec<String>,
    /// The paragraph being written (inline Markdown).
    line: String,
    /// Open lists: `Some(next number)` for an ordered one.
    lists: Vec<Option<u64>>,
    demote: u8,
    /// The marker of the list item being written (`- `, `2. `, indented for nesting).
    item: Option<String>,
}

impl Writer {
    fn new(demote: u8) -> Writer {
        Writer {
            blocks: Vec::new(),
            line: String::new(),
            lists: Vec::new(),
            demote,
            item: None,
        }
    }

    /// Ends the paragraph being written.
    fn flush(&mut self) {
        let text = self.line.trim();
        if !text.is_empty() {
            let text = escape_line_start(text);
            self.blocks.push(match self.item.take() {
                Some(marker) => format!("{marker}{text}"),
                None => text,
            });
        }
        self.line.clear();
    }

    fn children(&mut self, el: ElementRef<'_>) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.text(t),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        self.element(e);
                    }
                }
                _ => {}
            }
        }
    }

    fn text(&mut self, t: &str) {
        let mut s = String::with_capacity(t.len());
        let mut space = false;
        for c in t.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                s.push(' ');
                space = false;
            }
            if matches!(
                c,
                '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '&' | '|' | '~'
            ) {
                s.push('\\');
            }
            s.push(c);
        }
        if space {
            s.push(' ');
        }
        if s.starts_with(' ') && (self.line.is_empty() || self.line.ends_with(' ')) {
            s.remove(0);
        }
        self.line.push_str(&s);
    }

    /// Text set off with a marker (`*`, `**`, `` ` ``); spaces stay outside the markers, as
    /// Markdown needs them to.
    fn marked(&mut self, el: ElementRef<'_>, marker: &str) {
        let mut inner = Writer::new(self.demote);
        inner.children(el);
        let text = inner.line.as_str();
        let core = text.trim();
        if core.is_empty() {
            if !text.is_empty() && !self.line.ends_with(' ') && !self.line.is_empty() {
                self.line.push(' ');
            }
            return;
        }
        if text.starts_with(' ') && !self.line.is_empty() && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
        self.line.push_str(marker);
        self.line.push_str(core);
        self.line.push_str(marker);
        if text.ends_with(' ') {
            self.line.push(' ');
        }
    }

    fn element(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
        if DROPPED.contains(&name) {
            return;
        }
        if el.value().attr("hidden").is_some()
            || el.value().attr("aria-hidden") == Some("true")
            || is_navigation(el.value())
        {
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name[1..].parse::<u8>().unwrap_or(1) + self.demote;
                self.children(el);
                let text = self.line.trim().to_string();
                self.line.clear();
                if !text.is_empty() {
                    let hashes = "#".repeat(usize::from(level.min(6)));
                    self.blocks.push(format!("{hashes} {text}"));
                }
            }
            "br" => self.line.push_str("\\\n"),
            "em" | "i" | "cite" | "dfn" | "var" => self.marked(el, "*"),
            "strong" | "b" => self.marked(el, "**"),
            "code" | "kbd" | "samp" | "tt" => {
                let text = collapse(&el.text().collect::<String>());
                if !text.is_empty() {
                    let fence = if text.contains('`') { "``" } else { "`" };
                    self.line.push_str(fence);
                    self.line.push_str(&text);
                    self.line.push_str(fence);
                }
            }
            "pre" => {
                self.flush();
                let text: String = el.text().collect();
                let text = text.trim_matches('\n');
                if !text.trim().is_empty() {
                    let fence = if text.contains("```") { "~~~~" } else { "```" };
                    self.blocks.push(format!("{fence}\n{text}\n{fence}"));
                }
            }
            "ul" | "ol" => {
                self.flush();
                let start = el.value().attr("start").and_then(|s| s.parse().ok());
                self.lists
                    .push((name == "ol").then_some(start.unwrap_or(1)));
                self.children(el);
                self.flush();
                self.lists.pop();
            }
            "li" => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "- ".to_string(),
                };
                self.item = Some(format!("{}{marker}", "   ".repeat(depth)));
                self.children(el);
                self.flush();
            }
            "td" | "th" => {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
                self.children(el);
                self.line.push(' ');
            }
            "hr" => self.flush(),
            // A paragraph inside a list item goes on with the item.
            _ if BLOCKS.contains(&name)
                && !(self.item.is_some() && self.line.trim().is_empty()) =>
            {
                self.flush();
                self.children(el);
                self.flush();
            }
            _ => self.children(el),
        }
    }
}

/// A paragraph that would start like a heading, a list item or a quote is escaped.
fn escape_line_start(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && text[digits..].starts_with(['.', ')']);
    if numbered {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    if text.starts_with(['#', '-', '+', '=']) {
        return format!("\\{text}");
    }
    text.to_string()
}

/// Sorts list items into one block per list, so that Markdown sees one list (items are
/// separate blocks only for the writer).
pub fn tighten_lists(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut prev_item = false;
    for block in markdown.split("\n\n") {
        let item = is_item(block);
        if !out.is_empty() {
            out.push_str(if item && prev_item { "\n" } else { "\n\n" });
        }
        out.push_str(block);
        prev_item = item;
    }
    out
}

fn is_item(block: &str) -> bool {
    let t = block.trim_start();
    if t.starts_with("- ") {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_by_role_or_class_is_left_out() {
        // As DocBook writes a chapter (debian-reference): the title repeated in a navigation
        // table above the chapter's own heading.
        let html = r#"<html><head><title>Kapitel 2. Paketmanagement</title></head><body>
            <div class="navheader"><table><tr><th>Kapitel 2. Paketmanagement</th></tr>
            <tr><td><a href="ch01.html">Zurück</a></td></tr></table></div>
            <div class="chapter"><h1 class="title">Kapitel 2. Paketmanagement</h1>
            <div role="navigation"><a href="/">Start</a> › Handbuch</div>
            <ol class="Breadcrumb"><li>Start</li></ol>
            <p>Debian ist ein freies Betriebssystem.</p></div>
            <div class="navfooter"><a href="ch03.html">Weiter</a></div></body></html>"#;
        let md = tighten_lists(&Page::parse(html).markdown(0));
        assert_eq!(
            md,
            "# Kapitel 2. Paketmanagement\n\nDebian ist ein freies Betriebssystem."
        );
    }

    #[test]
    fn the_article_without_navigation_scripts_or_footer() {
        let html = r#"<!DOCTYPE html><html lang="de"><head><title>Die Fabel &amp; ihr Sinn</title>
            <meta name="author" content="Anna Schmidt"><script>var x = "Rat";</script>
            <style>p { color: red }</style></head>
            <body><nav><a href="/">Startseite</a></nav><header>Kopf</header>
            <article><h1>Die Fabel</h1><p>Ein <em>kleiner</em> Fuchs &amp; ein <b>Rabe</b>
            trafen sich&nbsp;im Wald.</p><ul><li>erstens</li><li>zweitens</li></ul>
            <p>Mehr unter <a href="https://example.org/anekdoten">den Anekdoten</a>.</p></article>
            <footer>© 2024</footer></body></html>"#;
        let page = Page::parse(html);
        let meta = page.meta();
        assert_eq!(meta.title.as_deref(), Some("Die Fabel & ihr Sinn"));
        assert_eq!(meta.author.as_deref(), Some("Anna Schmidt"));
        assert_eq!(meta.lang.as_deref(), Some("de"));
        let md = tighten_lists(&page.markdown(0));
        assert_eq!(
            md,
            "# Die Fabel\n\nEin *kleiner* Fuchs \\& ein **Rabe** trafen sich im Wald.\n\n- erstens\n- zweitens\n\nMehr unter den Anekdoten."
        );
    }

    #[test]
    fn headings_are_demoted_and_code_kept() {
        let page = Page::parse("<body><h1>Teil</h1><pre>  let x = 1;\n  let y;</pre></body>");
        assert_eq!(
            page.markdown(1),
            "## Teil\n\n```\n  let x = 1;\n  let y;\n```"
        );
    }
}
