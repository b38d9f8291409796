//! A keymap of the learner's own, from `config.toml`, drives the reader: the new keys act, the
//! old ones no longer do, and the `?` help lists the keys in effect.

mod common;

use common::{Reader, squeeze};

const CONFIG: &str = "\
[keys]
next_term = \"x\"
status_learning_2 = \"z\"
quit = \"Q\"
toggle_help = \"F\"

[keys.help]
cancel = \"F\"

[colors]
learning_2 = \"#00ff00\"
";

#[test]
fn a_custom_keymap_drives_the_reader_and_the_help_shows_it() {
    let data = tempfile::tempdir().expect("data dir");
    // The harness points LESER_CONFIG here.
    std::fs::write(data.path().join("config.toml"), CONFIG).expect("config");
    let mut reader = Reader::start(data.path());
    reader.wait_for("the first word", |r| r.title_bar().contains("word 1/"));
    // `l` no longer moves; `x` does.
    reader.send("lx");
    reader.wait_for("the second word", |r| r.title_bar().contains("word 2/"));
    reader.send("z");
    reader.wait_for("learning 2 on the card", |r| {
        r.side_pane().contains(&squeeze("status: learning 2"))
    });
    reader.send("F");
    reader.wait_for("the help with the keys in effect", |r| {
        let screen = r.contents();
        screen.contains(" x ") && screen.contains("next word that is new") && screen.contains(" Q ")
    });
    reader.send("F");
    reader.wait_for("the help closed", |r| {
        !r.contents().contains("next word that is new")
    });
    // `q` is no longer quit: the reader is still there after it, and `Q` ends it.
    reader.send("qx");
    reader.wait_for("the third word", |r| r.title_bar().contains("word 3/"));
    reader.send("Q");
    assert!(reader.wait_exit().success(), "Q quits with status 0");
}

#[test]
fn a_config_mistake_is_one_line_with_its_place_and_exit_2() {
    let data = tempfile::tempdir().expect("data dir");
    let config = data.path().join("config.toml");
    std::fs::write(&config, "[keys]\nquit = [\"Q\", \"j\"]\n").expect("config");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_leser"))
        .env("LESER_DATA_DIR", data.path())
        .env("LESER_CONFIG", &config)
        .output()
        .expect("leser runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("config.toml:2:14: `j` is also scroll_down in [keys]"),
        "{err}"
    );
}
