//! Sentence alignment between a text and its paragraph-aligned translation.

use crate::link::Sentence;
use std::ops::Range;

/// For each sentence of the original, the byte range of its counterpart in the translation:
/// the sentence with the same index in the same paragraph when both paragraphs have the same
/// number of sentences, else the whole translated paragraph.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    pub targets: Vec<Option<Range<usize>>>,
}

impl Alignment {
    pub fn new(
        original: &[Sentence],
        translation: &[Sentence],
        translation_paragraphs: &[Range<usize>],
    ) -> Alignment {
        let count =
            |sents: &[Sentence], p: usize| sents.iter().filter(|s| s.paragraph == p).count();
        let targets = original
            .iter()
            .map(|s| {
                let para = translation_paragraphs.get(s.paragraph)?;
                if count(original, s.paragraph) == count(translation, s.paragraph) {
                    translation
                        .iter()
                        .find(|t| {
                            t.paragraph == s.paragraph
                                && t.index_in_paragraph == s.index_in_paragraph
                        })
                        .map(|t| t.range.clone())
                } else {
                    Some(para.clone())
                }
            })
            .collect();
        Alignment { targets }
    }

    /// The translation's byte range for original sentence `i`.
    pub fn target(&self, i: usize) -> Option<Range<usize>> {
        self.targets.get(i).cloned().flatten()
    }
}
