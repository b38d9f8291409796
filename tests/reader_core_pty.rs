//! The core lexicon in the reader, end to end through a real pseudo-terminal: with no
//! dictionary installed, a function word's card still says what the form is.

mod common;

use common::{Reader, squeeze};

#[test]
fn without_dictionaries_a_function_word_s_card_has_its_core_answer() {
    let data = tempfile::tempdir().expect("data dir");
    let cache = tempfile::tempdir().expect("cache dir");
    let mut reader = Reader::start_with_env(
        data.path(),
        cache.path(),
        &[],
        &[("LESER_NO_SYSTEM_DICTIONARIES", "1")],
    );
    reader.wait_for_text("Lawrow");
    reader.wait_for_dictionaries();

    reader.send("/ dem \r");
    reader.wait_for("the core answer for dem", |r| {
        let side = r.side_pane();
        side.contains(&squeeze(
            "dem: dative singular of der (masculine or neuter): the, to the",
        )) && side.contains(&squeeze("core lexicon"))
    });
    // No nagging about dictionaries on a word the core lexicon answered.
    assert!(
        !reader.side_pane().contains("apt"),
        "{}",
        reader.side_pane()
    );

    reader.send("/zur\r");
    reader.wait_for("the core answer for zur", |r| {
        r.side_pane().contains(&squeeze("zur = zu + der: to the"))
    });
    reader.quit();
}
