//! The reader with a translation that cannot be read: it opens the text, says why the
//! translation is not shown, and never blocks on it.

mod common;

use common::{Reader, warm_cache_dir};

#[test]
fn a_fifo_translation_is_left_out_with_a_notice() {
    let data = tempfile::tempdir().expect("data dir");
    let text = data.path().join("probe.de.txt");
    std::fs::write(&text, "Der Diplomat sprach mit dem Rat.\n").expect("text");
    let fifo = data.path().join("probe.en.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = Reader::start_with(
        data.path(),
        &warm_cache_dir(),
        &[text.to_str().expect("path")],
    );
    reader.wait_for("the text and the notice", |r| {
        r.contents().contains("Diplomat")
            && r.status_bar().contains("translation not shown")
            && r.status_bar().contains("named pipe")
    });
    reader.quit();
}
