//! Shared helpers: driving the app without a terminal, and schedules for
//! the printing tests (the bundled sample, and a crowded week of it that
//! must still print on one page).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use stationcal::i18n::Lang;
use stationcal::model::recurrence::DateRange;
use stationcal::store::{load_texts, sample};
use stationcal::tui::app::{App, AppInit};
use stationcal::tui::keymap::Keymap;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// The app on the bundled sample, with today fixed at Friday 2026-11-27.
pub fn sample_app(lang: Lang) -> App {
    let loaded = load_texts(sample::texts());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    App::new(AppInit {
        schedule: loaded.schedule,
        diagnostics: loaded.diagnostics,
        dir: "assets/sample".into(),
        today: date(2026, 11, 27),
        lang,
        keymap: Keymap::default_keys(),
        status: None,
        storage: None,
    })
}

/// The app on the bundled sample (or on `texts`), with today fixed at `today`.
pub fn sample_app_on(today: NaiveDate, lang: Lang) -> App {
    app_on_texts(sample::texts(), today, lang)
}

/// The app on schedule texts, with today fixed at `today`; the texts must load cleanly
/// apart from warnings.
pub fn app_on_texts(
    texts: Vec<(stationcal::model::validate::Part, String)>,
    today: NaiveDate,
    lang: Lang,
) -> App {
    let loaded = load_texts(texts);
    App::new(AppInit {
        schedule: loaded.schedule,
        diagnostics: loaded.diagnostics,
        dir: "assets/sample".into(),
        today,
        lang,
        keymap: Keymap::default_keys(),
        status: None,
        storage: None,
    })
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Presses each character of `keys` as a key (no modifiers).
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_event(&key(KeyCode::Char(c)));
    }
}

pub fn terminal(w: u16, h: u16, app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    t.draw(|f| stationcal::tui::draw(f, app)).expect("draw");
    t
}

/// The screen as text, one line per row.
pub fn screen(w: u16, h: u16, app: &App) -> String {
    terminal(w, h, app).backend().to_string()
}

pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample")
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// The fixed week of the snapshots: Monday 2026-11-23 to Sunday 11-29.
pub fn week48() -> DateRange {
    DateRange::week_of(day(2026, 11, 23))
}

/// The print date of the snapshots.
pub fn today() -> NaiveDate {
    day(2026, 11, 27)
}

/// A copy of the sample in a fresh temporary folder.
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(sample_dir()).expect("sample folder") {
        let entry = entry.expect("sample entry");
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy sample file");
    }
    dir
}

/// Long titles, with the characters HTML must escape and the ambiguous-width
/// quotes staff type.
pub const CROWD_TITLES: [&str; 8] = [
    "社区“微心愿”认领暨新时代文明实践志愿服务项目集中展示与居民需求现场对接会",
    "老年人智能手机使用培训班（第三期）：防范电信诈骗、线上挂号与移动支付",
    "石化街道“四史”主题摄影作品征集展评与优秀作品巡回展览开幕式",
    "家门口的健康小屋：高血压、糖尿病慢性病管理讲座及免费血压血糖测量",
    "青少年科普实验室开放日：从一滴石油到一件衣服的化学之旅",
    "垃圾分类积分兑换与旧衣物回收公益集市",
    "Community English Corner for retirees & volunteers <beginners welcome>",
    "党员先锋岗“亮身份、践承诺”主题党日活动",
];

/// A copy of the sample whose week 48 is crowded: eight more activities a
/// day on weekdays and six at the weekend, with long titles and places, on
/// top of the sample's own. Still a valid schedule.
pub fn crowded_copy() -> tempfile::TempDir {
    let dir = sample_copy();
    let path = dir.path().join("events.ron");
    let text = std::fs::read_to_string(&path).expect("events.ron");
    let mut extra = String::new();
    let mut n = 0;
    for d in 23..=29u32 {
        let count = if d < 28 { 8 } else { 6 };
        for k in 0..count {
            n += 1;
            let title = CROWD_TITLES[(d as usize + k) % CROWD_TITLES.len()];
            let hour = 8 + k;
            let place = if k % 3 == 1 {
                "place: \"中心门前广场及蒙山路沿线人行道\",".to_owned()
            } else {
                let rooms = [
                    "四村居民区党群服务站活动室",
                    "阅览室",
                    "多功能厅",
                    "党员活动室",
                ];
                format!("room: \"{}\",", rooms[(d as usize + k) % rooms.len()])
            };
            extra.push_str(&format!(
                "        Event(id: \"X{n:02}\", title: \"{title}\", date: \"2026-11-{d}\", \
                 start: \"{hour:02}:00\", end: \"{hour:02}:45\", {place} \
                 organiser: \"石化街道社区党群服务中心\"),\n"
            ));
        }
    }
    let at = text
        .rfind("    ],")
        .expect("the events list ends with `    ],`");
    let crowded = format!("{}{extra}{}", &text[..at], &text[at..]);
    std::fs::write(&path, crowded).expect("write events.ron");
    dir
}

/// The bundled sample with every line of `part` that contains `needle`
/// removed (e.g. one exception), for tests of what that line decided.
pub fn sample_texts_without(
    part: stationcal::model::validate::Part,
    needle: &str,
) -> Vec<(stationcal::model::validate::Part, String)> {
    sample::texts()
        .into_iter()
        .map(|(p, t)| {
            if p != part {
                return (p, t);
            }
            let kept: Vec<&str> = t.lines().filter(|l| !l.contains(needle)).collect();
            assert_ne!(
                kept.len(),
                t.lines().count(),
                "{needle} is in the sample's {part:?}"
            );
            (p, kept.join("\n") + "\n")
        })
        .collect()
}
