//! A web page's text where the page has it: tags, comments, entities and what no reader reads
//! (the head, scripts, styles, code, navigation) blanked out byte for byte, so that every
//! offset of the text is the file's. `leser annotate page.html` links this text, not the
//! markup (`<img alt=…>` is no `alt`, `summary="Tip"` no Tipp).

/// Elements whose content is not the page's text.
const HIDDEN: &[&str] = &[
    "aside", "code", "footer", "form", "head", "header", "kbd", "math", "nav", "noscript", "pre",
    "samp", "script", "select", "style", "svg", "template", "textarea", "tt", "var",
];

/// Elements that stand apart from the text around them: a paragraph break before and after.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// The text of a web page, as long as `html` and with every word where `html` has it: markup
/// and hidden elements become spaces, a block's tag a blank line (a paragraph break), `<br>` a
/// line end, and the page's own line ends spaces (in HTML they are no breaks).
pub fn text_in_place(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = b.to_vec();
    // The hidden element being passed over, and how deep.
    let mut hidden: Option<(&str, usize)> = None;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' => {
                let Some(tag) = tag_at(b, i) else {
                    if hidden.is_some() {
                        out[i] = b' ';
                    }
                    i += 1;
                    continue;
                };
                out[i..tag.end].fill(b' ');
                if let Some(name) = tag.name {
                    let name = name.as_str();
                    match &mut hidden {
                        Some((open, depth)) if *open == name => {
                            if tag.closing {
                                *depth -= 1;
                                if *depth == 0 {
                                    hidden = None;
                                }
                            } else if !tag.self_closing {
                                *depth += 1;
                            }
                        }
                        Some(_) => {}
                        None => {
                            if let Some(&h) = HIDDEN.iter().find(|h| **h == name)
                                && !tag.closing
                                && !tag.self_closing
                            {
                                hidden = Some((h, 1));
                            }
                        }
                    }
                    let end = tag.end - i;
                    if name == "br" {
                        out[i] = b'\n';
                    } else if BLOCKS.contains(&name) && end >= 2 {
                        out[i..i + 2].copy_from_slice(b"\n\n");
                    }
                }
                i = tag.end;
            }
            _ if hidden.is_some() => {
                if b[i] != b'\n' {
                    out[i] = b' ';
                }
                i += 1;
            }
            b'&' => {
                let end = entity_end(b, i);
                out[i..end].fill(b' ');
                i = end.max(i + 1);
            }
            b'\n' | b'\r' | b'\t' => {
                out[i] = b' ';
                i += 1;
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes were written, each over the whole of a character or a run of them.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A tag, comment or declaration found at a `<`.
struct Tag {
    /// An element's name, lowercase (none for a comment or declaration).
    name: Option<String>,
    closing: bool,
    self_closing: bool,
    /// Just past its `>` (or the end of the text).
    end: usize,
}

/// The tag that starts at `b[i]` (a `<`), if one does: a letter, `/`, `!` or `?` follows.
fn tag_at(b: &[u8], i: usize) -> Option<Tag> {
    let rest = &b[i + 1..];
    if rest.starts_with(b"!--") {
        let end = memchr::memmem::find(&rest[3..], b"-->").map_or(b.len(), |k| i + 4 + k + 3);
        return Some(Tag {
            name: None,
            closing: false,
            self_closing: true,
            end,
        });
    }
    let first = *rest.first()?;
    if first == b'!' || first == b'?' {
        let end = memchr::memchr(b'>', rest).map_or(b.len(), |k| i + 1 + k + 1);
        return Some(Tag {
            name: None,
            closing: false,
            self_closing: true,
            end,
        });
    }
    let closing = first == b'/';
    let name_start = usize::from(closing);
    if !rest.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let name_len = rest[name_start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let name = String::from_utf8_lossy(&rest[name_start..name_start + name_len]).to_lowercase();
    // The `>` that closes it: one inside a quoted attribute value does not.
    let mut quote = None;
    let mut end = b.len();
    for (k, &c) in rest.iter().enumerate().skip(name_start + name_len) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => {
                end = i + 1 + k + 1;
                break;
            }
            _ => {}
        }
    }
    let self_closing = end >= 2 && b[end - 2] == b'/';
    Some(Tag {
        name: Some(name),
        closing,
        self_closing,
        end,
    })
}

/// Just past the entity that starts at `b[i]` (an `&`): `&amp;`, `&#228;`, `&#xE4;`; `i + 1`
/// for an `&` that starts none.
fn entity_end(b: &[u8], i: usize) -> usize {
    let body = b[i + 1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
        .count();
    if body > 0 && b.get(i + 1 + body) == Some(&b';') {
        i + 1 + body + 1
    } else {
        i + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_blanks_and_words_keep_their_offsets() {
        let html = "<html><head><title>Kapitel 7</title></head>\n<body><p class=\"x\">Im Debian-System\nstehen <b>mehrere</b> Umgebungen.</p><p>Lesen Sie &amp; staunen</p></body></html>";
        let text = text_in_place(html);
        assert_eq!(text.len(), html.len());
        for word in [
            "Debian-System",
            "stehen",
            "mehrere",
            "Umgebungen",
            "Lesen",
            "staunen",
        ] {
            let at = html.find(word).expect("in the page");
            assert_eq!(&text[at..at + word.len()], word);
        }
        // The head, the tags' attributes and the entity are gone.
        for gone in ["Kapitel", "class", "amp", "title"] {
            assert!(!text.contains(gone), "{gone} in {text:?}");
        }
        // Each paragraph stands apart: `Lesen` opens one.
        let paragraphs: Vec<String> = text
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        assert_eq!(
            paragraphs,
            [
                "Im Debian-System stehen mehrere Umgebungen.",
                "Lesen Sie staunen"
            ]
        );
    }

    #[test]
    fn code_scripts_and_attributes_are_no_text() {
        let html = "<p>Text <img alt=\"[Tipp]\" src=\"a>b.png\"> <code>foo bar</code> weiter</p>\n<script>var Licht = 1;</script><pre>\nLicht an\n</pre><!-- Kommentar --><p>Ende<br>Zeile</p>";
        let text = text_in_place(html);
        assert_eq!(text.len(), html.len());
        for gone in ["alt", "Tipp", "png", "foo", "bar", "Licht", "Kommentar"] {
            assert!(!text.contains(gone), "{gone} in {text:?}");
        }
        assert!(text.contains("Text"));
        assert!(text.contains("weiter"));
        assert!(text.contains("Ende\n"), "a line break: {text:?}");
        // Umlauts are kept or blanked whole.
        let umlauts = "<p title=\"Größe\">Größe</p>";
        assert_eq!(text_in_place(umlauts).trim(), "Größe");
    }

    #[test]
    fn a_less_than_sign_in_text_is_no_tag() {
        let html = "<p>Wenn a < b und b<3, dann</p>";
        let text = text_in_place(html);
        assert!(text.contains("a < b und b<3, dann"), "{text:?}");
    }
}
