//! A long text opens at once. The paragraphs around the reading position are linked first, so the
//! first screen has its terms; the whole text is linked on a thread, and the reader takes that
//! analysis over when it is ready.

use crate::link::{Analysis, Linker};
use crate::terms::{Sources, Terms};
use crate::text::{Alignment, Document};
use crate::tui::wrap::{flatten, window_around};
use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// Texts up to this many bytes are linked whole before the first frame.
pub const LONG_TEXT_BYTES: usize = 512 * 1024;
/// Bytes around the reading position linked before the first frame of a longer text.
pub const PREVIEW_BYTES: usize = 96 * 1024;

/// The paragraphs to link first: `None` when the text is short enough to link whole at once.
pub fn preview_window(doc: &Document, offset: usize) -> Option<Range<usize>> {
    if doc.body.len() <= LONG_TEXT_BYTES {
        return None;
    }
    Some(window_around(doc, offset, PREVIEW_BYTES))
}

/// Links only the paragraphs of `window`; the others count as empty, so that paragraph and
/// byte numbers stay those of the whole text.
pub fn analyze_window(linker: &Linker, doc: &Document, window: &Range<usize>) -> Analysis {
    let mut paragraphs = doc.linked_paragraphs().into_owned();
    for (i, p) in paragraphs.iter_mut().enumerate() {
        if !window.contains(&i) {
            *p = p.start..p.start;
        }
    }
    linker.analyze_paragraphs(&doc.source, &paragraphs)
}

/// The whole text's analysis and terms, and its translation's alignment to it.
#[derive(Debug, Clone)]
pub struct WholeText {
    pub analysis: Analysis,
    pub terms: Terms,
    pub alignment: Option<Alignment>,
}

impl WholeText {
    /// Links the whole text and gives every word its term from `sources`.
    pub fn build(
        doc: &Document,
        translation: Option<&Document>,
        linker: &Linker,
        sources: &Sources,
    ) -> WholeText {
        let analysis = linker.analyze(doc);
        let text = flatten(&doc.source);
        let terms = Terms::build(&text, &analysis, linker.glossary(), sources);
        let alignment = translation.map(|t| {
            let t_analysis = crate::link::segment(&t.source, &t.paragraphs);
            Alignment::new(&analysis.sentences, &t_analysis.sentences, &t.paragraphs)
        });
        WholeText {
            analysis,
            terms,
            alignment,
        }
    }
}

/// The whole text's analysis, handed from the thread to the state.
#[derive(Debug, Clone)]
pub struct SharedWhole(pub Arc<WholeText>);

impl PartialEq for SharedWhole {
    fn eq(&self, other: &SharedWhole) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedWhole {}

/// Links a whole text on a thread of its own, started at the first poll: the first frame is
/// drawn before the thread takes a core.
#[derive(Debug)]
pub struct WholeJob {
    state: JobState,
}

#[derive(Debug)]
enum JobState {
    Waiting(Box<Inputs>),
    Running(Receiver<WholeText>),
    Over,
}

#[derive(Debug)]
struct Inputs {
    doc: Arc<Document>,
    translation: Option<Document>,
    linker: Linker,
    sources: Sources,
}

/// What [`WholeJob::poll`] found.
#[derive(Debug)]
pub enum WholePoll {
    Working,
    Done(Box<WholeText>),
    /// The thread ended without an answer.
    Failed,
}

impl WholeJob {
    pub fn new(
        doc: Arc<Document>,
        translation: Option<Document>,
        linker: Linker,
        sources: Sources,
    ) -> WholeJob {
        WholeJob {
            state: JobState::Waiting(Box::new(Inputs {
                doc,
                translation,
                linker,
                sources,
            })),
        }
    }

    fn start(inputs: Inputs) -> Receiver<WholeText> {
        let (send, done) = mpsc::channel();
        // A thread that cannot start leaves the channel closed: the poll says it failed.
        let _ = std::thread::Builder::new()
            .name("link-whole".into())
            .spawn(move || {
                let Inputs {
                    doc,
                    translation,
                    linker,
                    sources,
                } = inputs;
                let whole = WholeText::build(&doc, translation.as_ref(), &linker, &sources);
                let _ = send.send(whole);
            });
        done
    }

    /// Starts the thread, the first time; then whether it is done.
    pub fn poll(&mut self) -> WholePoll {
        if let JobState::Waiting(_) = &self.state
            && let JobState::Waiting(inputs) = std::mem::replace(&mut self.state, JobState::Over)
        {
            self.state = JobState::Running(WholeJob::start(*inputs));
        }
        let JobState::Running(done) = &self.state else {
            return WholePoll::Failed;
        };
        let poll = match done.try_recv() {
            Ok(whole) => WholePoll::Done(Box::new(whole)),
            Err(TryRecvError::Empty) => return WholePoll::Working,
            Err(TryRecvError::Disconnected) => WholePoll::Failed,
        };
        self.state = JobState::Over;
        poll
    }

    /// Waits for the analysis (tests: the reader never waits).
    pub fn wait(self) -> Option<WholeText> {
        match self.state {
            JobState::Waiting(inputs) => WholeJob::start(*inputs).recv().ok(),
            JobState::Running(done) => done.recv().ok(),
            JobState::Over => None,
        }
    }
}
