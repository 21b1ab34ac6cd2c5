//! Several sites in one calendar: loading and merging a network folder, a
//! broken site among good ones, per-site rooms, the site filter in the app
//! and in printing, the generator's output, and `init --network`.

use std::path::PathBuf;

use crate::support::{
    self, bin, copy_dir, date, key, network_app, press, screen, stationcal, stderr, stdout, week48,
};
use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::model::conflicts::{self, Clash};
use stationcal::model::network::merge;
use stationcal::model::recurrence::DateRange;
use stationcal::print;
use stationcal::store::generate::{self, GenOptions};
use stationcal::store::network::{is_network_dir, load_network, load_network_with};
use stationcal::tui::app::App;

fn network_dir() -> PathBuf {
    support::asset("assets/network")
}

fn network_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    copy_dir(&network_dir(), dir.path());
    dir
}

#[test]
fn the_sample_network_loads_clean_with_every_site() {
    let dir = network_dir();
    assert!(is_network_dir(&dir));
    let loaded = load_network(&dir);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let n = &loaded.network;
    assert_eq!(n.name, "石化街道");
    let names: Vec<&str> = n.sites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names.len(), 6);
    assert!(names.contains(&"紫卫居民区党群服务站"));
    assert!(names.contains(&"四村居民区党群服务站"));
    assert_eq!(n.sites[0].short, "中心");
    assert_eq!(n.sites[1].short, "紫卫");
    // Each station has its own programmes; 四村 runs the 乐淘淘.
    let sicun = &n.sites[n.find_site("四村居民区").expect("四村")].schedule;
    assert_eq!(
        sicun.service_days.as_ref().map(|s| s.name.as_str()),
        Some("乐淘淘")
    );
    assert!(n.sites.iter().all(|s| s.schedule.station.name == s.name));
    // The centre is the single-station sample minus the 乐淘淘 (now 四村's).
    let centre = &n.sites[0].schedule;
    assert!(centre.service_days.is_none());
    assert_eq!(
        std::fs::read_to_string(dir.join("中心/events.ron")).expect("centre events"),
        std::fs::read_to_string(support::sample_dir().join("events.ron")).expect("sample events")
    );
    // Loading one site at a time gives the same network.
    assert_eq!(load_network_with(&dir, 1).network, loaded.network);
}

#[test]
fn merged_occurrences_are_sorted_and_marked_with_their_site() {
    let loaded = load_network(&network_dir());
    let n = &loaded.network;
    let all = n.occurrences(week48(), &[]);
    let sites: std::collections::BTreeSet<u16> = all.iter().map(|o| o.site).collect();
    assert!(sites.len() >= 5, "{sites:?}");
    assert!(
        all.windows(2)
            .all(|w| (w[0].date, w[0].start, w[0].site) <= (w[1].date, w[1].start, w[1].site))
    );
    let per_site: usize = n
        .sites
        .iter()
        .map(|s| s.schedule.occurrences(week48()).len())
        .sum();
    assert_eq!(all.len(), per_site);
    // Only the shown sites.
    let mut shown = vec![false; n.sites.len()];
    shown[1] = true;
    let zw = n.occurrences(week48(), &shown);
    assert!(!zw.is_empty());
    assert!(zw.iter().all(|o| o.site == 1));
}

#[test]
fn rooms_clash_only_within_a_site_but_speakers_everywhere() {
    let loaded = load_network(&network_dir());
    let n = &loaded.network;
    // 紫卫 and 梅州 both have a 党群服务站活动室; book both at the same time.
    let mut zw = n.sites[1].schedule.clone();
    let mut mz = n.sites[4].schedule.clone();
    let session = |s: &mut stationcal::model::Schedule| {
        let l = s
            .lectures
            .get_or_insert_with(|| stationcal::model::Lectures {
                series: "x".into(),
                catalogue: Vec::new(),
                sessions: Vec::new(),
            });
        l.catalogue.push(stationcal::model::Lecture {
            id: "X1".into(),
            title: "同一位主讲人".into(),
            speaker: "顾建华".into(),
            group: stationcal::model::values::Group(stationcal::model::SpeakerGroup::RetiredLeader),
            minutes: 40,
            summary: None,
        });
        l.sessions.push(stationcal::model::Session {
            lecture: "X1".into(),
            date: stationcal::model::values::Date(date(2026, 11, 30)),
            start: stationcal::model::values::Time(
                chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("t"),
            ),
            end: stationcal::model::values::Time(
                chrono::NaiveTime::from_hms_opt(9, 40, 0).expect("t"),
            ),
            room: "党群服务站活动室".into(),
            seats: None,
        });
    };
    session(&mut zw);
    session(&mut mz);
    let day = DateRange::new(date(2026, 11, 30), date(2026, 11, 30));
    let merged = merge([(1, &zw), (4, &mz)], day);
    let found = conflicts::find(&merged);
    let groups = found.groups();
    assert!(
        !groups.iter().any(|g| matches!(g.clash, Clash::Room(_))),
        "{groups:?}"
    );
    assert!(
        groups
            .iter()
            .any(|g| g.clash == Clash::Speaker("顾建华".into()) && g.across_sites()),
        "{groups:?}"
    );
    // The same two sessions at one site do clash in the room.
    let same = merge([(1, &zw), (1, &mz)], day);
    assert!(
        conflicts::find(&same)
            .groups()
            .iter()
            .any(|g| g.clash == Clash::Room("党群服务站活动室".into()))
    );
}

#[test]
fn a_broken_site_is_reported_with_its_folder_and_the_others_still_load() {
    let dir = network_copy();
    let events = dir.path().join("紫卫居民区/events.ron");
    let text = std::fs::read_to_string(&events).expect("events");
    std::fs::write(
        &events,
        text.replacen("end: \"21:00\",", "end: \"21:00\"，", 1),
    )
    .expect("write");
    std::fs::remove_dir_all(dir.path().join("东礁居民区")).expect("remove");
    let loaded = load_network(dir.path());
    let files: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(stationcal::store::Diagnostic::location)
        .collect();
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("紫卫居民区/events.ron:")),
        "{files:?}"
    );
    assert!(
        files.iter().any(|f| f.starts_with("network.ron:")),
        "{files:?}"
    );
    let missing = loaded
        .diagnostics
        .iter()
        .find(|d| d.file == "network.ron")
        .expect("missing folder reported");
    assert!(missing.source_line.contains("东礁居民区"), "{missing:?}");
    assert!(missing.message(Lang::Zh).contains("东礁居民区"));
    // Everything else is there, 紫卫's other files included.
    let n = &loaded.network;
    assert_eq!(n.sites.len(), 6);
    assert!(n.sites[2].schedule.service_days.is_some());
    assert!(n.sites[1].schedule.lectures.is_some());
    assert!(n.sites[1].schedule.events.is_none());
    // check says so, with exit 1; print refuses unless forced.
    let o = stationcal(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("紫卫居民区/events.ron:"),
        "{}",
        stdout(&o)
    );
    let o = stationcal(dir.path(), &["list", "--from", "2026-11-23"]);
    assert_eq!(o.status.code(), Some(1));
    let o = stationcal(dir.path(), &["list", "--from", "2026-11-23", "--force"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("四村居民区党群服务站"));
}

#[test]
fn network_ron_mistakes_are_pointed_at() {
    let dir = network_copy();
    let path = dir.path().join("network.ron");
    let text = std::fs::read_to_string(&path).expect("network.ron");
    let text = text.replacen("folder: \"山龙居民区\"", "folder: \"../山龙居民区\"", 1);
    let text = text.replacen("folder: \"东礁居民区\"", "folder: \"梅州居民区\"", 1);
    std::fs::write(&path, text).expect("write");
    let loaded = load_network(dir.path());
    let msgs: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.location(), d.message(Lang::Zh)))
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("network.ron:") && m.contains("../山龙居民区")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("梅州居民区") && m.contains("两个站点")),
        "{msgs:?}"
    );
    std::fs::write(&path, "Network(name: \"石化街道\"，sites: [])").expect("write");
    let loaded = load_network(dir.path());
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].line, 1);
    assert!(loaded.network.sites.is_empty());
}

#[test]
fn list_and_print_take_site_names_or_folders() {
    let dir = network_dir();
    let all = stationcal(&dir, &["list", "--from", "2026-11-23"]);
    assert!(all.status.success(), "{}", stderr(&all));
    let text = stdout(&all);
    for site in [
        "石化街道社区党群服务中心",
        "紫卫居民区党群服务站",
        "东礁居民区党群服务站",
    ] {
        assert!(text.contains(site), "{site} missing:\n{text}");
    }
    let two = stationcal(
        &dir,
        &[
            "list",
            "--from",
            "2026-11-23",
            "--site",
            "紫卫居民区",
            "--site",
            "东礁居民区党群服务站",
        ],
    );
    assert!(two.status.success(), "{}", stderr(&two));
    let lines: Vec<String> = stdout(&two).lines().map(str::to_owned).collect();
    assert!(!lines.is_empty());
    assert!(
        lines
            .iter()
            .all(|l| l.contains("紫卫居民区党群服务站") || l.contains("东礁居民区党群服务站")),
        "{lines:?}"
    );
    let json = stationcal(
        &dir,
        &[
            "list",
            "--from",
            "2026-11-23",
            "--json",
            "--site",
            "四村居民区",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("json");
    // One site: that station's own list, like a single station's.
    assert!(v.as_array().is_some_and(|a| !a.is_empty()));
    let unknown = stationcal(&dir, &["list", "--site", "火星居民区"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("火星居民区"));
    assert!(stderr(&unknown).contains("紫卫居民区党群服务站 (紫卫居民区)"));
    // The text form groups each day by site.
    let t = stationcal(&dir, &["print", "--week", "2026-W48", "--format", "text"]);
    assert!(t.status.success(), "{}", stderr(&t));
    assert!(
        stdout(&t).contains("【紫卫居民区党群服务站】"),
        "{}",
        stdout(&t)
    );
    // A single station folder knows only its own name.
    let one = stationcal(&support::sample_dir(), &["list", "--site", "紫卫居民区"]);
    assert_eq!(one.status.code(), Some(2));
    let own = stationcal(
        &support::sample_dir(),
        &["list", "--site", "石化街道社区党群服务中心"],
    );
    assert!(own.status.success());
}

#[test]
fn the_network_sheet_groups_by_site_and_paginates_when_it_must() {
    let loaded = load_network(&network_dir());
    let sheet = print::network_sheet(&loaded.network, &[], week48(), date(2026, 11, 27), Lang::Zh);
    assert_eq!(sheet.sites.len(), 6);
    assert_eq!(print::network::plan_pages(&sheet).len(), 1);
    let html = print::html::render(&sheet);
    assert_eq!(html.matches("<section class=\"page\">").count(), 1);
    assert!(html.contains("<div class=\"site-name\">紫卫居民区党群服务站</div>"));
    // Each day: its sites in the network's order.
    for day in &sheet.days {
        let order: Vec<u16> = day.items.iter().map(|i| i.occurrence.site).collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    }
    // One site chosen: that station's own sheet.
    let mut shown = vec![false; 6];
    shown[2] = true;
    let one = print::network_sheet(
        &loaded.network,
        &shown,
        week48(),
        date(2026, 11, 27),
        Lang::Zh,
    );
    assert!(one.sites.is_empty());
    assert_eq!(one.station, "四村居民区党群服务站");
    // A huge week: pages of site groups, every title on exactly one page.
    let huge = generated(24, true);
    let loaded = load_network(huge.path());
    let sheet = print::network_sheet(&loaded.network, &[], week48(), date(2026, 11, 27), Lang::Zh);
    let pages = print::network::plan_pages(&sheet);
    assert!(pages.len() > 1, "{} pages", pages.len());
    let listed: Vec<usize> = pages.iter().flat_map(|p| p.sites.clone()).collect();
    assert_eq!(listed, (0..sheet.sites.len()).collect::<Vec<_>>());
    let html = print::html::render(&sheet);
    assert_eq!(
        html.matches("<section class=\"page\">").count(),
        pages.len()
    );
    for item in sheet.items() {
        let t = print::html::escape(item.title.as_deref().unwrap_or(""));
        assert!(html.contains(&t), "{t} missing");
    }
}

/// A generated network in a temporary folder: `sites` sites, one year
/// (2026); `crowded` adds a busy week 48 at every site.
fn generated(sites: usize, crowded: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    let opts = GenOptions {
        sites,
        years: 1,
        ..GenOptions::default()
    };
    generate::write(dir.path(), &opts).expect("generate");
    if crowded {
        for i in 0..sites {
            let (_, folder) = generate::site_name(i);
            let path = dir.path().join(folder).join("events.ron");
            let text = std::fs::read_to_string(&path).expect("events");
            let mut extra = String::new();
            for d in 23..=29 {
                for k in 0..3 {
                    extra.push_str(&format!(
                        "        Event(id: \"W{d}{k}\", title: \"{}\", date: \"2026-11-{d}\", start: \"{:02}:00\", end: \"{:02}:30\", place: \"楼组\"),\n",
                        support::CROWD_TITLES[(d + k + i) % support::CROWD_TITLES.len()],
                        8 + k,
                        8 + k
                    ));
                }
            }
            let at = text.rfind("    ],").expect("list end");
            std::fs::write(&path, format!("{}{extra}{}", &text[..at], &text[at..])).expect("write");
        }
    }
    dir
}

#[test]
fn generated_folders_pass_check() {
    let net = generated(3, false);
    let o = stationcal(net.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("没有发现问题"), "{}", stdout(&o));
    let loaded = load_network(net.path());
    assert_eq!(loaded.network.sites.len(), 3);
    let year = DateRange::new(date(2026, 1, 1), date(2026, 12, 31));
    assert!(loaded.network.occurrences(year, &[]).len() > 600);
    // One station, every activity written with its own date.
    let one = tempfile::tempdir().expect("temp");
    let opts = GenOptions {
        sites: 1,
        years: 2,
        explicit: true,
        ..GenOptions::default()
    };
    let summary = generate::write(one.path(), &opts).expect("generate");
    assert!(summary.entries > 250, "{summary:?}");
    let o = stationcal(one.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let s = stationcal::store::load_dir(one.path()).schedule;
    assert!(s.screenings.is_none() && s.service_days.is_none());
    assert!(
        s.events
            .as_ref()
            .is_some_and(|e| e.events.iter().all(|e| e.repeat.is_none()))
    );
}

#[test]
fn init_network_writes_the_sample_network_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp");
    let target = dir.path().join("net");
    let o = bin()
        .args(["init", "--network"])
        .arg(&target)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(is_network_dir(&target));
    let loaded = load_network(&target);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.network, load_network(&network_dir()).network);
    let again = bin()
        .args(["init", "--network"])
        .arg(&target)
        .output()
        .expect("run");
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("network.ron"));
}

#[test]
fn the_app_shows_every_site_and_s_picks_them() {
    let mut app = network_app();
    let first_line = |app: &App| screen(120, 40, app).lines().next().unwrap_or("").to_owned();
    assert!(first_line(&app).contains("石化街道 全部站点"));
    let week: Vec<u16> = app.occurrences_in(app.week()).map(|o| o.site).collect();
    assert!(week.contains(&0) && week.contains(&1) && week.contains(&5));
    // The picker opens on the selected activity's site (so that Enter
    // makes it the one edited); `[` goes to the top of the list.
    press(&mut app, "s");
    let picker = |app: &App| {
        app.dialog::<stationcal::tui::dialogs::sites::Sites>()
            .map(|d| d.menu.selected())
    };
    assert_eq!(
        picker(&app),
        app.selected_occurrence().map(|o| usize::from(o.site))
    );
    press(&mut app, "[");
    assert_eq!(picker(&app), Some(0));
    // Hide 紫卫 and 四村.
    app.handle_event(&key(KeyCode::Down));
    press(&mut app, " ");
    app.handle_event(&key(KeyCode::Down));
    press(&mut app, " ");
    app.handle_event(&key(KeyCode::Esc));
    assert!(!app.has_dialog());
    assert!(
        first_line(&app).contains("石化街道 4个站点"),
        "{}",
        first_line(&app)
    );
    assert!(
        app.occurrences_in(app.week())
            .all(|o| o.site != 1 && o.site != 2)
    );
    // `a` shows all again; the active site cannot be hidden.
    press(&mut app, "s[ ");
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("当前站点总是显示"))
    );
    press(&mut app, "a");
    app.handle_event(&key(KeyCode::Esc));
    assert!(first_line(&app).contains("全部站点"));
    // Only one site shown: the header names it.
    press(&mut app, "s[");
    for _ in 1..6 {
        app.handle_event(&key(KeyCode::Down));
        press(&mut app, " ");
    }
    app.handle_event(&key(KeyCode::Esc));
    assert!(
        first_line(&app).contains("石化街道社区党群服务中心"),
        "{}",
        first_line(&app)
    );
}

#[test]
fn another_sites_activity_is_not_edited_until_that_site_is_active() {
    let mut app = network_app();
    // Friday 11-27: 紫卫's 楼组长议事会 at 14:00 comes first.
    let zw = app
        .day(app.cursor)
        .iter()
        .position(|o| o.site == 1)
        .expect("a 紫卫 activity on Friday");
    for _ in 0..zw {
        app.handle_event(&key(KeyCode::Down));
    }
    assert_eq!(app.selected_occurrence().map(|o| o.site), Some(1));
    let why = app.selected_is_editable().expect_err("not editable");
    assert_eq!(why, "这是紫卫的活动：按 s 把它设为当前站点后再修改");
    press(&mut app, "d");
    assert_eq!(app.status.as_deref(), Some(why.as_str()));
    assert!(!app.has_dialog());
    app.handle_event(&key(KeyCode::Enter));
    app.handle_event(&key(KeyCode::Enter));
    assert!(!app.has_dialog(), "{:?}", app.dialog_name());
    // `s` opens on 紫卫, Enter makes it active: its activity, still the one
    // selected, now opens in a form, and the details name the site.
    press(&mut app, "s");
    app.handle_event(&key(KeyCode::Enter));
    assert_eq!(app.network.as_ref().map(|n| n.active), Some(1));
    assert_eq!(app.schedule.station.name, "紫卫居民区党群服务站");
    assert!(app.dir.ends_with("紫卫居民区"));
    assert_eq!(app.selected_occurrence().map(|o| o.site), Some(1));
    assert_eq!(app.selected_is_editable(), Ok(()));
    assert!(screen(120, 40, &app).contains("@紫卫居民区党群服务站"));
    press(&mut app, "d");
    assert!(
        app.dialog::<stationcal::tui::dialogs::delete::Delete>()
            .is_some(),
        "{:?}",
        app.status
    );
}

#[test]
fn network_week_snapshot() {
    let app = network_app();
    insta::assert_snapshot!("network_week_120x40", screen(120, 40, &app));
    let mut app = network_app();
    press(&mut app, "s");
    insta::assert_snapshot!("network_site_picker_80x24", screen(80, 24, &app));
}

#[test]
fn print_preview_in_a_network_groups_the_shown_sites() {
    let mut app = network_app();
    let sheet = stationcal::tui::dialogs::print_preview::sheet(&app);
    assert!(sheet.sites.len() > 1, "every shown site is on the sheet");
    let text = stationcal::print::text::render(&sheet, None);
    assert!(
        text.contains("紫卫居民区党群服务站") && text.contains("石化街道社区党群服务中心"),
        "{text}"
    );
    press(&mut app, "p");
    let s = screen(120, 40, &app);
    assert!(s.contains("打印预览") && s.contains("紫卫"), "{s}");
}
