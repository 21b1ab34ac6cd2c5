//! The status line: a message that names a folder shows it whole when it
//! fits without the key hints, and otherwise cut in the middle, keeping the
//! folder's own name; the hints come back once the message is gone.

use stationcal::i18n::Lang;

use crate::support::{buffer, hit, sample_app};
use ratatui::crossterm::event::KeyCode;

/// The status row (the last) of an 80×24 screen, trimmed.
fn status_row(app: &stationcal::tui::app::App, w: u16) -> String {
    let buf = buffer(w, 24, app);
    let y = buf.area.bottom() - 1;
    let mut s = String::new();
    for x in 0..w {
        s.push_str(buf.cell((x, y)).map_or("", |c| c.symbol()));
    }
    s.trim_end().to_owned()
}

const FIRST_RUN: &str = "这里还没有日程，已写入示例：";

#[test]
fn the_first_run_message_shows_the_sample_folder_whole_at_80_columns() {
    let mut app = sample_app(Lang::Zh);
    let path = "/home/zhanwu/.local/share/stationcal/schedule";
    app.status = Some(format!("{FIRST_RUN}{path}"));
    let row = status_row(&app, 80);
    // Wide characters occupy two cells; the row is read cell by cell, so
    // compare with the spaces taken out.
    assert_eq!(row.replace(' ', ""), format!("{FIRST_RUN}{path}"), "{row}");
    // The next key clears the message and the hints are back.
    hit(&mut app, KeyCode::Right, 1);
    let row = status_row(&app, 80);
    assert!(row.replace(' ', "").contains("?帮助/搜索"), "{row}");
}

#[test]
fn a_longer_path_is_cut_in_the_middle_and_keeps_the_folder_name() {
    let mut app = sample_app(Lang::Zh);
    let path = "/home/zhanwu/Documents/党群服务站/石化街道社区党群服务中心/2026年/日程文件夹";
    app.status = Some(format!("{FIRST_RUN}{path}"));
    for w in [80u16, 60] {
        let row = status_row(&app, w).replace(' ', "");
        assert!(row.starts_with(FIRST_RUN), "{w}: {row}");
        assert!(row.ends_with("../日程文件夹"), "{w}: {row}");
        assert!(row.contains("/home/"), "{w}: {row}");
    }
}
