//! The sync key end to end, in the real binary in a terminal: computer A
//! sent a change; on computer B the staffer presses `S`, is asked their
//! name once (kept in config.ron), and sees A's change on screen; the
//! files then equal A's byte for byte.

use crate::store::git_sync::office;
use crate::support::pty::{Launch, keys};
use crate::support::ron_files;
use stationcal::i18n::Lang;
use stationcal::store::git::Repo;
use stationcal::store::git::sync::{self, SyncOptions};

#[test]
fn the_sync_key_brings_the_other_computers_change_onto_the_screen() {
    let o = office();
    // Computer A renames the evening patrol (every Mon, Wed, Fri) and sends it.
    let p = o.a.join("events.ron");
    let text = std::fs::read_to_string(&p).expect("read");
    let renamed = text.replace("title: \"“8+3”夜间志愿服务\",", "title: \"邻里守望夜巡\",");
    assert_ne!(renamed, text);
    std::fs::write(&p, renamed).expect("edit");
    let ra = Repo::find(&o.a).expect("a");
    sync::sync(
        &ra,
        SyncOptions {
            author: "王老师",
            lang: Lang::Zh,
        },
    )
    .expect("sent");

    let home = tempfile::tempdir().expect("home");
    let config = home.path().join("config.ron");
    std::fs::write(&config, "(\n    lunar: true,\n)\n").expect("config");
    let mut app = Launch::new(&o.b)
        .size(120, 40)
        .home(home.path())
        .env("STATIONCAL_CONFIG", &config)
        .start();
    app.wait_for_text("2026年11月23日");
    assert!(!app.screen().contains("邻里守望"));
    app.send(b"S");
    app.wait_for_text("您的名字");
    app.type_text("李老师");
    app.send(keys::ENTER);
    let shown = app.wait_for_text("已同步");
    assert!(shown.contains("收到"), "{shown}");
    app.wait_for_text("邻里守望");
    app.send(b"q");
    assert!(app.wait_exit().success());
    assert_eq!(ron_files(&o.a), ron_files(&o.b));
    let kept = std::fs::read_to_string(&config).expect("config");
    assert!(
        kept.contains("name: \"李老师\"") && kept.contains("lunar: true"),
        "{kept}"
    );
}
