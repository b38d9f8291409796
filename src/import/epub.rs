//! EPUB 2 (NCX) and EPUB 3 (nav) books as Markdown: the spine's documents in reading order,
//! each that the table of contents names starting a chapter (`# label`), its own headings
//! under it; title, author and language from the package metadata (read with rbook).

use super::html::{Page, collapse, tighten_lists};
use super::{Converted, ImportError};
use crate::text::FrontMatter;
use rbook::Epub;
use std::collections::HashMap;
use std::io::Cursor;

/// Encryption of whole documents (DRM), as opposed to the font obfuscation that
/// `META-INF/encryption.xml` also lists and that leaves the text readable.
const FONT_OBFUSCATION: &[&str] = &[
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
];

pub fn convert(name: &str, bytes: Vec<u8>) -> Result<Converted, ImportError> {
    let damaged = |why: String| ImportError::Damaged {
        path: name.to_string(),
        why,
    };
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(damaged("not a zip archive, so no EPUB".to_string()));
    }
    let epub = Epub::read(Cursor::new(bytes)).map_err(|e| epub_error(name, &e))?;
    if let Ok(encryption) = epub.read_resource_str("/META-INF/encryption.xml")
        && is_drm(&encryption)
    {
        return Err(ImportError::Drm {
            path: name.to_string(),
        });
    }
    let metadata = epub.metadata();
    let title = metadata.title().map(|t| collapse(t.value()));
    let author = {
        let names: Vec<String> = metadata
            .creators()
            .map(|c| collapse(c.value()))
            .filter(|c| !c.is_empty())
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    };
    let lang = metadata.language().map(|l| l.value().to_string());

    // The table of contents: for each document, its first label and depth.
    let mut labels: HashMap<String, (String, usize)> = HashMap::new();
    if let Some(root) = epub.toc().contents() {
        for entry in root.flatten() {
            let Some(manifest) = entry.manifest_entry() else {
                continue;
            };
            let label = collapse(entry.label());
            if !label.is_empty() {
                labels
                    .entry(manifest.id().to_string())
                    .or_insert((label, entry.depth().max(1)));
            }
        }
    }

    let mut chapters = Vec::new();
    let spine = epub.spine();
    for item in &spine {
        if !item.is_linear() {
            continue;
        }
        let Some(manifest) = item.manifest_entry() else {
            return Err(damaged(format!(
                "the spine names `{}`, which the book does not have",
                item.idref()
            )));
        };
        let xhtml = manifest.read_str().map_err(|e| {
            damaged(format!(
                "cannot read {} ({e})",
                manifest.href().as_str().trim_start_matches('/')
            ))
        })?;
        let page = Page::parse(&xhtml);
        let label = labels.get(manifest.id());
        let demote = label.map_or(1, |(_, depth)| *depth as u8);
        let mut body = page.markdown(demote);
        if let Some((label, depth)) = label {
            body = without_first_heading_if(&body, label);
            let hashes = "#".repeat((*depth).min(6));
            body = if body.is_empty() {
                format!("{hashes} {label}")
            } else {
                format!("{hashes} {label}\n\n{body}")
            };
        }
        // A title page, a cover or a copyright line before the first real text is left out.
        if chapters.is_empty() && prose_words(&body) < FRONT_MATTER_WORDS {
            continue;
        }
        if !body.trim().is_empty() {
            chapters.push(tighten_lists(&body));
        }
    }
    if chapters.is_empty() {
        return Err(ImportError::Empty {
            path: name.to_string(),
        });
    }
    Ok(Converted {
        meta: FrontMatter {
            title,
            author,
            lang,
            ..FrontMatter::default()
        },
        body: chapters.join("\n\n"),
        markdown: true,
    })
}

/// Leading documents with fewer words than this outside headings are front matter.
const FRONT_MATTER_WORDS: usize = 30;

/// Words of a Markdown body outside its headings.
fn prose_words(body: &str) -> usize {
    body.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split_whitespace().count())
        .sum()
}

/// Drops a chapter's first heading when it repeats the label that titles the chapter.
fn without_first_heading_if(body: &str, label: &str) -> String {
    let (first, rest) = body.split_once("\n\n").unwrap_or((body, ""));
    let heading = first.trim_start_matches('#').trim();
    if first.starts_with('#') && heading.eq_ignore_ascii_case(label) {
        rest.to_string()
    } else {
        body.to_string()
    }
}

fn is_drm(encryption_xml: &str) -> bool {
    let algorithms = encryption_xml
        .match_indices("Algorithm=\"")
        .filter_map(|(i, m)| {
            let rest = &encryption_xml[i + m.len()..];
            rest.split('"').next()
        })
        .filter(|a| a.contains("enc#") || a.contains("embedding"));
    let mut any = false;
    for a in algorithms {
        any = true;
        if !FONT_OBFUSCATION.contains(&a) {
            return true;
        }
    }
    // Encrypted data with no algorithm named is encrypted all the same.
    !any && encryption_xml.contains("EncryptedData")
}

fn epub_error(name: &str, e: &rbook::ebook::errors::EbookError) -> ImportError {
    use rbook::ebook::errors::EbookError;
    let text = e.to_string();
    let why = match e {
        EbookError::Archive(_) if text.contains("container.xml") => {
            "a zip archive, but no EPUB in it (it has no META-INF/container.xml)".to_string()
        }
        EbookError::Archive(_) if text.contains("Zip") || text.contains("zip") => {
            "cut short or damaged: not a readable zip archive".to_string()
        }
        EbookError::Archive(_) => format!("not a readable EPUB ({text})"),
        _ => format!("a damaged EPUB ({text})"),
    };
    ImportError::Damaged {
        path: name.to_string(),
        why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_obfuscation_is_no_drm_but_content_encryption_is() {
        let fonts = r#"<encryption><EncryptedData><EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/><CipherData><CipherReference URI="font.otf"/></CipherData></EncryptedData></encryption>"#;
        assert!(!is_drm(fonts));
        let drm = r#"<encryption><EncryptedData><EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><CipherData><CipherReference URI="text/ch1.xhtml"/></CipherData></EncryptedData></encryption>"#;
        assert!(is_drm(drm));
    }

    #[test]
    fn a_repeated_chapter_heading_is_dropped() {
        assert_eq!(
            without_first_heading_if("## Erstes Kapitel\n\nText.", "Erstes Kapitel"),
            "Text."
        );
        assert_eq!(
            without_first_heading_if("## Vorwort\n\nText.", "Erstes Kapitel"),
            "## Vorwort\n\nText."
        );
    }
}
