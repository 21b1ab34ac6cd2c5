//! A staffer's daily work, through the real binary in a terminal: schedule
//! a micro-lecture by its speaker's name, skip a screening, move one, change
//! a 乐淘淘 month, read every partner of a day, print the week; and, on a
//! network folder, skip another site's screening. Each test types as staff
//! do, reads the screen between steps (waiting for what it needs, never
//! sleeping), quits, and then reads the files byte for byte: only what was
//! changed changed, in the place it belongs, and the app left nothing but
//! what it documents (an empty lock file, one backup of each saved file).
//!
//! Sizes: 80×24 (the smallest terminal staff are told the app fits) and
//! 120×40, across the set.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use stationcal::model::recurrence::DateRange;
use stationcal::model::{Exception, Lecture, Programme, Schedule};
use stationcal::store::load_dir;

use crate::support::pty::{LEAVE_ALTERNATE_SCREEN, Launch, Pty, contains_bytes, keys};
use crate::support::roundtrip::{Folder, assert_only_saved, one_line_added, only_within};
use crate::support::screen::{calendar, detail_head, details_window, field};
use crate::support::{asset, copy_dir, sample_copy, stationcal};

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (120, 40);
/// The week of `--today` as the header names it.
const WEEK48: &str = "2026年11月23日";
/// The Wednesday of that week: the red-film screening.
const SCREENING_DAY: &str = "2026-11-25";

fn start(dir: &Path, (cols, rows): (u16, u16)) -> Pty {
    let mut app = Launch::new(dir).size(cols, rows).start();
    app.wait_for_text(WEEK48);
    app
}

fn schedule_of(dir: &Path) -> Schedule {
    let loaded = load_dir(dir);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.schedule
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// The title of the film shown on `day`.
fn film_on(s: &Schedule, day: &str) -> String {
    let sc = s.screenings.as_ref().expect("screenings");
    let showing = sc
        .programme
        .iter()
        .find(|p| *p.date == date(day))
        .unwrap_or_else(|| panic!("no showing on {day}"));
    s.film(&showing.film).expect("its film").title.clone()
}

/// Waits until the field labelled `label` shows exactly `value`.
fn wait_field(app: &mut Pty, label: &str, value: &str) {
    app.wait_for_rows(&format!("{label} to show {value}"), |rows| {
        field(rows, label) == Some(value)
    });
}

/// Goes to `day` with `g` (go to date), typing it as staff write it.
fn go_to(app: &mut Pty, day: &str, typed: &str, head: &str) {
    app.send(b"g");
    app.wait_for_text("跳到日期");
    app.type_text(typed);
    app.send(keys::ENTER);
    app.wait_for_rows(&format!("{day} selected, showing {head}"), |rows| {
        detail_head(rows).is_some_and(|h| h.contains(head))
    });
}

/// Saves, waits until the status line names `file`, then quits and checks
/// that the terminal was given back.
fn save_and_quit(mut app: Pty, file: &str) {
    app.send(keys::CTRL_S);
    app.wait_for_text(&format!("已保存 {file}"));
    let after_quit = app.quit();
    assert!(
        contains_bytes(&after_quit, LEAVE_ALTERNATE_SCREEN),
        "the terminal was not restored after q"
    );
}

/// Whether the header marks unsaved changes and still names the week
/// whole (at 80 columns the station's name gives way, not the week).
fn unsaved_in_week48(header: &str) -> bool {
    header.starts_with("[未保存]") && header.contains("2026年11月23日-29日 第48周")
}

/// The date written in a RON line (`date: "2026-12-08"`), if any.
fn date_in(line: &str) -> Option<NaiveDate> {
    let at = line.find("date: \"")? + "date: \"".len();
    line.get(at..at + 10).map(date)
}

/// The line ending of a line (`\n` or `\r\n`).
fn eol(line: &str) -> &str {
    if line.ends_with("\r\n") { "\r\n" } else { "\n" }
}

#[test]
fn schedule_a_lecture_by_typing_its_speakers_name_80x24() {
    let dir = sample_copy();
    let before = Folder::read(dir.path());
    let s = schedule_of(dir.path());
    let catalogue = &s.lectures.as_ref().expect("lectures").catalogue;
    // Part of the name of a speaker who gives several lectures.
    let part = "徐卫";
    let theirs: Vec<&Lecture> = catalogue
        .iter()
        .filter(|l| l.speaker.contains(part))
        .collect();
    assert!(theirs.len() >= 2, "a speaker with a choice of lectures");
    let pick = theirs[1];
    let item = |l: &Lecture| format!("{} {}  {}", l.id, l.title, l.speaker);
    let room = s
        .station
        .rooms
        .iter()
        .find(|r| r.name.contains("党员"))
        .expect("the Party members' room");
    let room_label = format!("{}（{}座）", room.name, room.seats);

    let mut app = start(dir.path(), SMALL);
    app.send(b"a");
    app.wait_for_text("新增什么");
    app.send(b"4");
    app.wait_for_text("安排微党课");
    // The lecture field is first: typing opens its list, searched by speaker.
    app.type_text(part);
    let rows = app.wait_for_rows("the speaker's lectures listed whole", |rows| {
        rows.iter().any(|r| r.contains(&format!("/ {part}")))
            && theirs
                .iter()
                .all(|l| rows.iter().any(|r| r.contains(&item(l))))
    });
    let screen = rows.join("\n");
    for l in catalogue.iter().filter(|l| !l.speaker.contains(part)) {
        let other = format!("{} {}", l.id, l.title);
        assert!(!screen.contains(&other), "{other} listed:\n{screen}");
    }
    app.send(keys::DOWN);
    app.wait_for_text(&format!("> {}", item(pick)));
    app.send(keys::ENTER);
    wait_field(&mut app, "课程*", &format!("< {} >", item(pick)));
    // Each filled field is replaced by what is typed into it.
    for (label, typed) in [("日期*", "12-09"), ("开始*", "19:00"), ("结束*", "19:40")] {
        app.send(keys::TAB);
        app.type_text(typed);
        wait_field(&mut app, label, typed);
    }
    // The room is picked from its list, by typing part of its name.
    app.send(keys::TAB);
    app.type_text("党员");
    app.wait_for_text(&format!("> {room_label}"));
    app.send(keys::ENTER);
    wait_field(&mut app, "场地*", &format!("< {room_label} >"));
    app.send(keys::ENTER);
    app.wait_for_rows("the session taken, not yet saved", |rows| {
        unsaved_in_week48(&rows[0])
            && rows.last().is_some_and(|r| r.contains("已修改"))
            && field(rows, "课程*").is_none()
    });
    save_and_quit(app, "lectures.ron");

    let after = Folder::read(dir.path());
    assert_only_saved(&before, &after, &["lectures.ron"]);
    let old = before.text("lectures.ron");
    let (at, line) = one_line_added(old, after.text("lectures.ron"));
    // Exactly the fields staff set, in the neighbours' style; no seats.
    assert_eq!(
        line.trim_end(),
        format!(
            "        Session(lecture: \"{}\", date: \"2026-12-09\", start: \"19:00\", end: \"19:40\", room: \"{}\"),",
            pick.id, room.name
        )
    );
    // Among the sessions by date, with the line ending of its neighbours.
    let lines: Vec<&str> = old.split_inclusive('\n').collect();
    let (prev, next) = (lines[at - 1], lines[at]);
    assert_eq!(eol(&line), eol(prev));
    let day = date("2026-12-09");
    assert!(
        date_in(prev).is_some_and(|d| d <= day) && date_in(next).is_some_and(|d| d >= day),
        "placed between\n{prev}{next}"
    );
    let s2 = schedule_of(dir.path());
    let sessions = &s2.lectures.as_ref().expect("lectures").sessions;
    let new = sessions
        .iter()
        .find(|x| *x.date == day && x.lecture == pick.id)
        .expect("the session");
    assert_eq!(
        (new.room.as_str(), new.seats),
        (room.name.as_str(), None),
        "{new:?}"
    );
    let check = stationcal(dir.path(), &["check"]);
    assert!(
        check.status.success(),
        "stationcal check: {:?}\n{}",
        check.status,
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn skip_a_screening_with_a_reason_120x40() {
    let dir = sample_copy();
    let before = Folder::read(dir.path());
    let s = schedule_of(dir.path());
    let film = film_on(&s, SCREENING_DAY);
    let reason = "多功能厅线路检修";

    let mut app = start(dir.path(), LARGE);
    app.send(b"hh");
    app.wait_for_rows("Wednesday's screening selected", |rows| {
        detail_head(rows).is_some_and(|h| h.contains(&format!("电影放映 {film}")))
    });
    app.send(b"d");
    app.wait_for_rows("the skip offered, with a reason", |rows| {
        rows.iter()
            .any(|r| r.contains("> 仅这一次") && r.contains("暂停放映"))
            && rows.iter().any(|r| r.contains("原因："))
    });
    app.type_text(reason);
    app.wait_for_text(&format!("原因：{reason}"));
    app.send(keys::ENTER);
    app.wait_for_rows("the screening marked skipped", |rows| {
        rows[0].starts_with("[未保存]")
            && detail_head(rows).is_some_and(|h| h.contains(&format!("暂停：{reason}")))
    });
    save_and_quit(app, "screenings.ron");

    let after = Folder::read(dir.path());
    assert_only_saved(&before, &after, &["screenings.ron"]);
    let (_, line) = one_line_added(before.text("screenings.ron"), after.text("screenings.ron"));
    assert_eq!(
        line.trim_end(),
        format!("        Skip(date: \"{SCREENING_DAY}\", reason: \"{reason}\"),")
    );
    let old = &s.screenings.as_ref().expect("screenings").exceptions;
    let new = &schedule_of(dir.path())
        .screenings
        .expect("screenings")
        .exceptions;
    let skip = Exception::Skip {
        date: stationcal::model::values::Date(date(SCREENING_DAY)),
        reason: reason.to_owned(),
    };
    let others: Vec<&Exception> = new.iter().filter(|e| **e != skip).collect();
    assert_eq!(new.len(), old.len() + 1, "{new:?}");
    assert_eq!(others, old.iter().collect::<Vec<_>>());
}

#[test]
fn move_a_screening_to_another_day_80x24() {
    let dir = sample_copy();
    let before = Folder::read(dir.path());
    let s = schedule_of(dir.path());
    let film = film_on(&s, SCREENING_DAY);

    let mut app = start(dir.path(), SMALL);
    app.send(b"hh");
    app.wait_for_rows("Wednesday's screening selected", |rows| {
        detail_head(rows).is_some_and(|h| h.contains(&format!("电影放映 {film}")))
    });
    app.send(keys::ENTER);
    app.wait_for_text("详情 (Enter 修改");
    app.send(keys::ENTER);
    app.wait_for_text("电影放映 11月25日");
    wait_field(&mut app, "日期*", SCREENING_DAY);
    app.send(keys::TAB);
    app.type_text("11-27");
    wait_field(&mut app, "日期*", "11-27");
    app.send(keys::ENTER);
    // The week shows the film on Friday, marked as moved from Wednesday.
    let rows = app.wait_for_rows("the film on Friday, marked moved", |rows| {
        unsaved_in_week48(&rows[0])
            && field(rows, "日期*").is_none()
            && calendar(rows).iter().any(|r| r.contains("<-11/25"))
    });
    let (wed, fri, sat) = (
        app.column_of(1, "周三 11/25").expect("Wednesday"),
        app.column_of(1, "周五 11/27").expect("Friday"),
        app.column_of(1, "周六 11/28").expect("Saturday"),
    );
    let top = calendar(&rows).len();
    let friday: Vec<String> = app.band(fri, sat - fri)[..top].to_vec();
    let wednesday: Vec<String> = app.band(wed, fri - wed)[..top].to_vec();
    let at = friday
        .iter()
        .position(|r| r.trim_end() == film)
        .unwrap_or_else(|| panic!("{film} not on Friday:\n{}", friday.join("\n")));
    assert_eq!(friday.get(at + 1).map(|r| r.trim_end()), Some("<-11/25"));
    assert!(
        !wednesday.iter().any(|r| r.contains(&film)),
        "{film} still on Wednesday:\n{}",
        wednesday.join("\n")
    );
    save_and_quit(app, "screenings.ron");

    let after = Folder::read(dir.path());
    assert_only_saved(&before, &after, &["screenings.ron"]);
    let (_, line) = one_line_added(before.text("screenings.ron"), after.text("screenings.ron"));
    // Only the date was changed: the time, room and reason stay unwritten.
    assert_eq!(
        line.trim_end(),
        format!("        Move(date: \"{SCREENING_DAY}\", to: \"2026-11-27\"),")
    );
    let new = schedule_of(dir.path()).screenings.expect("screenings");
    assert!(new.exceptions.contains(&Exception::Move {
        date: stationcal::model::values::Date(date(SCREENING_DAY)),
        to: Some(stationcal::model::values::Date(date("2026-11-27"))),
        start: None,
        end: None,
        room: None,
        reason: None,
    }));
}

/// The December 乐淘淘 day: its date and the month's entry.
fn december(s: &Schedule) -> (NaiveDate, stationcal::model::MonthEntry) {
    let dec = DateRange::new(date("2026-12-01"), date("2026-12-31"));
    let day = s
        .occurrences(dec)
        .into_iter()
        .find(|o| o.programme == Programme::ServiceDay)
        .expect("a 乐淘淘 day in December")
        .date;
    let entry = s
        .service_days
        .as_ref()
        .expect("service days")
        .months
        .iter()
        .find(|m| m.month.year() == 2026 && m.month.month() == 12)
        .expect("December's entry")
        .clone();
    (day, entry)
}

/// `partners: ["a", "b"]` as the sample writes a month's list.
fn ron_list(key: &str, items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|p| format!("\"{p}\"")).collect();
    format!("{key}: [{}]", quoted.join(", "))
}

#[test]
fn change_a_service_day_month_theme_and_partners_120x40() {
    let dir = sample_copy();
    let before = Folder::read(dir.path());
    let s = schedule_of(dir.path());
    let (day, entry) = december(&s);
    let (theme, partner) = ("法律护航乐", "金山区公证处");

    let mut app = start(dir.path(), LARGE);
    go_to(
        &mut app,
        &day.to_string(),
        &day.format("%m-%d").to_string(),
        &format!("乐淘淘 {}", entry.theme),
    );
    app.send(keys::ENTER);
    app.wait_for_text("详情 (Enter 修改");
    app.send(keys::ENTER);
    app.wait_for_text("乐淘淘 2026年12月");
    wait_field(&mut app, "主题*", &entry.theme);
    app.type_text(theme);
    wait_field(&mut app, "主题*", theme);
    // Tab to the services, Tab to the month's partners, Down past each of
    // them to the adding row, and type the new one there.
    app.send(keys::TAB);
    app.send(keys::TAB);
    for _ in &entry.partners {
        app.send(keys::DOWN);
    }
    app.type_text(partner);
    app.wait_for_rows("the partner added under the others", |rows| {
        let at = |p: &str| rows.iter().position(|r| r.contains(&format!("- {p} ")));
        let new = at(partner);
        entry
            .partners
            .iter()
            .all(|p| at(p).is_some_and(|i| new.is_some_and(|n| i < n)))
    });
    app.send(keys::ENTER);
    app.wait_for_rows("the month changed, not yet saved", |rows| {
        rows[0].starts_with("[未保存]") && detail_head(rows).is_some_and(|h| h.contains(theme))
    });
    save_and_quit(app, "service-days.ron");

    let after = Folder::read(dir.path());
    assert_only_saved(&before, &after, &["service-days.ron"]);
    // Only December's entry changed, and in it only the theme and partners.
    let old = before.text("service-days.ron");
    let month_at = old.find("month: \"2026-12\"").expect("December");
    let first = old[..month_at].rfind("MonthEntry(").expect("its entry");
    let first = old[..first].rfind('\n').map_or(0, |i| i + 1);
    let last = month_at + old[month_at..].find("\n        ),").expect("its end") + 1;
    let last = last + old[last..].find('\n').expect("a line end") + 1;
    let block = &old[first..last];
    let mut partners = entry.partners.clone();
    let want = block
        .replace(
            &format!("theme: \"{}\"", entry.theme),
            &format!("theme: \"{theme}\""),
        )
        .replace(&ron_list("partners", &partners), &{
            partners.push(partner.to_owned());
            ron_list("partners", &partners)
        });
    assert_ne!(want, block, "the sample writes theme and partners this way");
    assert_eq!(
        only_within(old, after.text("service-days.ron"), first..last),
        want
    );
    let s2 = schedule_of(dir.path());
    let (_, new) = december(&s2);
    let mut expected = entry.clone();
    expected.theme = theme.to_owned();
    expected.partners = partners;
    assert_eq!(new, expected);
}

/// Opens the details of the December 乐淘淘 day at 80×24 and scrolls (`j`,
/// then `PgDn`, in turn) to the end; every partner of the day must have been
/// on screen whole, on one line of the window. Returns the keys pressed.
fn read_every_partner(dir: &Path) -> usize {
    let s = schedule_of(dir);
    let (day, entry) = december(&s);
    let standing = &s.service_days.as_ref().expect("service days").partners;
    let before = Folder::read(dir);

    let mut app = start(dir, SMALL);
    go_to(
        &mut app,
        &day.to_string(),
        &day.format("%m-%d").to_string(),
        &format!("乐淘淘 {}", entry.theme),
    );
    app.send(keys::ENTER);
    let (mut seen, mut below) = details_window(&app.wait_for_rows("the details", |rows| {
        details_window(rows).is_some_and(|(inner, _)| !inner.is_empty())
    }))
    .expect("the details window");
    let mut presses = 0;
    while let Some(n) = below {
        let key = if presses % 2 == 0 {
            &b"j"[..]
        } else {
            keys::PAGE_DOWN
        };
        app.send(key);
        presses += 1;
        let rows = app.wait_for_rows("the window to scroll", |rows| {
            details_window(rows).is_some_and(|(_, b)| b != Some(n))
        });
        let (inner, b) = details_window(&rows).expect("the details window");
        assert!(b < Some(n), "scrolling went back: {b:?} after {n}");
        seen.extend(inner);
        below = b;
    }
    for p in standing.iter().chain(&entry.partners) {
        assert!(
            seen.iter().any(|r| r.contains(&format!("- {p}"))),
            "{p} never seen whole; seen:\n{}",
            seen.join("\n")
        );
    }
    // Esc closes the window (`q` there would too), then `q` quits.
    app.send(keys::ESC);
    app.wait_for_gone("┌ 详情 (");
    app.quit();
    assert_only_saved(&before, &Folder::read(dir), &[]);
    presses
}

#[test]
fn read_every_partner_of_a_service_day_80x24() {
    // The sample's December, as shipped.
    let dir = sample_copy();
    read_every_partner(dir.path());
    // And a December with more partners than the window holds.
    let dir = sample_copy();
    let path = dir.path().join("service-days.ron");
    let text = std::fs::read_to_string(&path).expect("read");
    let (_, entry) = december(&schedule_of(dir.path()));
    let mut more = entry.partners.clone();
    more.extend((1..=12).map(|n| format!("石化街道第{n}联建党支部")));
    let old = ron_list("partners", &entry.partners);
    assert_eq!(text.matches(&old).count(), 1);
    std::fs::write(&path, text.replace(&old, &ron_list("partners", &more))).expect("write");
    let presses = read_every_partner(dir.path());
    assert!(presses >= 2, "both j and PgDn scrolled ({presses} presses)");
}

/// The titles of the week's activities, from the schedule.
fn titles_of_week(s: &Schedule, day: NaiveDate) -> Vec<String> {
    let mut titles: Vec<String> = s
        .occurrences(DateRange::week_of(day))
        .into_iter()
        .filter_map(|o| o.title)
        .collect();
    titles.sort();
    titles.dedup();
    titles
}

/// `p`, then Enter: the week's page is written and handed to the opener
/// (a stand-in `xdg-open` first on `PATH`, which notes the path).
#[cfg(target_os = "linux")]
#[test]
fn print_the_week_from_its_preview_120x40() {
    let dir = sample_copy();
    let before = Folder::read(dir.path());
    let s = schedule_of(dir.path());
    let today = date(crate::support::pty::TODAY);
    let week = DateRange::week_of(today);
    let bin = tempfile::tempdir().expect("tempdir");
    let args = bin.path().join("args");
    let script = bin.path().join("xdg-open");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", args.display()),
    )
    .expect("script");
    let mut perms = std::fs::metadata(&script).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).expect("chmod");
    let path = format!("{}:/usr/bin:/bin", bin.path().display());

    let mut app = Launch::new(dir.path())
        .size(LARGE.0, LARGE.1)
        .env("PATH", &path)
        .start();
    app.wait_for_text(WEEK48);
    app.send(b"p");
    let named = format!(
        "打印预览：第{}周 {}月{}日-{}日",
        today.iso_week().week(),
        week.first.month(),
        week.first.day(),
        week.last.day()
    );
    app.wait_for_text(&named);
    app.send(keys::ENTER);
    let page = app.wait_for_file(&args);
    assert!(page.ends_with(&format!("周程-2026-W{}.html", today.iso_week().week())));
    app.wait_for_text("已写入");
    let html = std::fs::read_to_string(&page).expect("the page");
    let titles = titles_of_week(&s, today);
    assert!(titles.len() >= 4, "{titles:?}");
    for t in &titles {
        let escaped = t
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert!(html.contains(&escaped), "{t} is not on the page");
    }
    assert!(html.contains(&s.station.name));
    app.quit();
    // Printing writes nothing into the schedule folder.
    assert_only_saved(&before, &Folder::read(dir.path()), &[]);
}

/// On a network folder: another site's screening is skipped after making
/// that site the one edited, as the status line tells staff to.
#[test]
fn skip_another_sites_screening_in_a_network_80x24() {
    let root = tempfile::tempdir().expect("tempdir");
    copy_dir(&asset("assets/network"), root.path());
    let before = Folder::read(root.path());
    let site = "山龙居民区";
    let film = film_on(&schedule_of(&root.path().join(site)), "2026-11-27");
    let reason = "活动室漏水维修";

    let mut app = start(root.path(), SMALL);
    // Today's activities, down to that site's screening.
    let mut head = String::new();
    for _ in 0..12 {
        let rows = app.wait_for_rows("an activity selected", |rows| {
            detail_head(rows).is_some_and(|h| h != head)
        });
        head = detail_head(&rows).unwrap_or_default().to_owned();
        if head.contains(&format!("电影放映 {film}")) {
            break;
        }
        app.send(b"j");
    }
    assert!(head.contains(site), "{head}");
    app.send(b"d");
    app.wait_for_text("设为当前站点后再修改");
    app.send(b"s");
    app.wait_for_text("设为当前站点  ");
    app.send(keys::ENTER);
    app.wait_for_rows("that site made the one edited", |rows| {
        rows.last()
            .is_some_and(|r| r.contains(&format!("当前站点：{site}")))
            && detail_head(rows).is_some_and(|h| h.contains(&format!("电影放映 {film}")))
    });
    app.send(b"d");
    app.wait_for_text("暂停放映");
    app.type_text(reason);
    app.wait_for_text(&format!("原因：{reason}"));
    app.send(keys::ENTER);
    app.wait_for_rows("the screening marked skipped", |rows| {
        detail_head(rows).is_some_and(|h| h.contains(&format!("暂停：{reason}")))
    });
    save_and_quit(app, "screenings.ron");

    let file = format!("{site}/screenings.ron");
    let after = Folder::read(root.path());
    assert_only_saved(&before, &after, &[&file]);
    let (_, line) = one_line_added(before.text(&file), after.text(&file));
    assert_eq!(
        line.trim_end(),
        format!("        Skip(date: \"2026-11-27\", reason: \"{reason}\"),")
    );
}
