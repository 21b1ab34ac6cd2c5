//! One field changed: exactly that value's text changes, in one file.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use stationcal::i18n::Lang;
use stationcal::model::lunar::{self, Festival, LunarRule};
use stationcal::model::{Exception, OccurrenceKey, Repeat, Schedule};
use stationcal::store::load_dir;

use crate::support::forms::{AWKWARD, SAMPLE, Target, app_form_focus, open, open_form};
use crate::support::{self, asset, copy_of, ctrl, date, hit, press, ron_files};

/// How the one field is changed.
enum Edit {
    /// Typed at the end of the text.
    Append(&'static str),
    /// Cleared and typed again.
    Retype(&'static str),
    /// Typed at the end of list item `n`.
    AppendToItem(usize, &'static str),
    /// List item `n` removed with Ctrl-d.
    RemoveItem(usize),
    /// A choice stepped to the next option.
    NextChoice,
    /// Picked in the choice's searchable list.
    Pick(&'static str),
}

/// Changes `field` of `t`'s form in a fresh copy of `src`, confirms,
/// saves, and checks: the schedule is the original with `expect` done to
/// it; one file changed; the bytes that differ lie inside one occurrence
/// of `old_text` in the old file that is `new_text` in the new one.
fn change_one(
    src: &str,
    t: &Target,
    field: &str,
    edit: &Edit,
    expect: impl FnOnce(&mut Schedule),
    (old_text, new_text): (&str, &str),
) {
    let dir = copy_of(&asset(src));
    let before = ron_files(dir.path());
    let mut app = open(dir.path());
    let mut expected = app.schedule.clone();
    expect(&mut expected);
    open_form(&mut app, t);
    let mut guard = 0;
    while app_form_focus(&app) != Some(field) {
        hit(&mut app, KeyCode::Tab, 1);
        guard += 1;
        assert!(guard < 20, "{t:?} has no field {field}");
    }
    match edit {
        Edit::Append(s) => {
            hit(&mut app, KeyCode::End, 1);
            press(&mut app, s);
        }
        Edit::Retype(s) => {
            ctrl(&mut app, 'u');
            press(&mut app, s);
        }
        Edit::AppendToItem(n, s) => {
            hit(&mut app, KeyCode::Down, *n);
            hit(&mut app, KeyCode::End, 1);
            press(&mut app, s);
        }
        Edit::RemoveItem(n) => {
            hit(&mut app, KeyCode::Down, *n);
            ctrl(&mut app, 'd');
        }
        Edit::NextChoice => hit(&mut app, KeyCode::Right, 1),
        Edit::Pick(s) => {
            press(&mut app, s);
            hit(&mut app, KeyCode::Enter, 1);
        }
    }
    hit(&mut app, KeyCode::Enter, 1);
    // A new clash is listed first; a second Enter keeps the change.
    if app
        .dialog::<stationcal::tui::dialogs::form::FormDialog>()
        .is_some_and(|d| d.ef.form.warned)
    {
        hit(&mut app, KeyCode::Enter, 1);
    }
    assert!(!app.has_dialog(), "{t:?} {field}: {:?}", app.dialog_name());
    assert!(
        app.schedule == expected,
        "{t:?} {field}: more or less than that field changed"
    );
    ctrl(&mut app, 's');
    assert!(!app.is_dirty(), "{:?}", app.status);
    let after = ron_files(dir.path());
    let changed: Vec<&String> = before
        .keys()
        .filter(|name| before.get(*name) != after.get(*name))
        .collect();
    assert_eq!(
        changed.len(),
        1,
        "{t:?} {field}: files changed: {changed:?}"
    );
    let old = String::from_utf8(before[changed[0]].clone()).expect("utf-8");
    let new = String::from_utf8(after[changed[0]].clone()).expect("utf-8");
    assert_only_inside(&old, &new, old_text, new_text);
    assert!(load_dir(dir.path()).schedule == expected, "reads back");
}

/// The differing bytes of `old` and `new` (common start and end taken
/// off) lie inside `old_text` at some offset of `old` where `new` has
/// `new_text`; with no `old_text`, they are `new_text` added (and the
/// commas and spaces around it).
fn assert_only_inside(old: &str, new: &str, old_text: &str, new_text: &str) {
    let (o, n) = (old.as_bytes(), new.as_bytes());
    let p = o.iter().zip(n).take_while(|(a, b)| a == b).count();
    let max_suffix = o.len().min(n.len()) - p;
    let s = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let (removed, inserted) = (o.len() - p - s, n.len() - p - s);
    if old_text.is_empty() {
        // A field added: nothing goes, and what comes is the field and
        // the separators around it.
        let added = String::from_utf8_lossy(&n[p..p + inserted]);
        let trimmed = added.trim_matches(|c: char| c == ',' || c.is_whitespace());
        assert!(
            removed == 0 && trimmed == new_text,
            "changed {:?} -> {added:?}, not just {new_text:?} added",
            String::from_utf8_lossy(&o[p..p + removed]),
        );
        return;
    }
    let inside = old.match_indices(old_text).any(|(a, _)| {
        a <= p
            && p + removed <= a + old_text.len()
            && n.get(a..)
                .is_some_and(|rest| rest.starts_with(new_text.as_bytes()))
            && p + inserted <= a + new_text.len()
    });
    assert!(
        inside,
        "changed {:?} -> {:?}, not only inside {old_text:?} -> {new_text:?}",
        String::from_utf8_lossy(&o[p..p + removed]),
        String::from_utf8_lossy(&n[p..p + inserted]),
    );
}

fn screening(y: i32, m: u32, d: u32, shown: NaiveDate) -> Target {
    Target::Activity(
        OccurrenceKey::Screening {
            date: date(y, m, d),
        },
        shown,
    )
}

fn month_of(s: &mut Schedule, y: i32, m: u32) -> &mut stationcal::model::MonthEntry {
    s.service_days
        .as_mut()
        .and_then(|sd| sd.months.iter_mut().find(|e| *e.month == date(y, m, 1)))
        .expect("month entry")
}

fn time(h: u32, m: u32) -> stationcal::model::values::Time {
    stationcal::model::values::Time(chrono::NaiveTime::from_hms_opt(h, m, 0).expect("time"))
}

#[test]
fn one_list_item_changed_changes_only_that_item() {
    let march = Target::Activity(
        OccurrenceKey::ServiceDay {
            month: date(2027, 3, 1),
        },
        date(2027, 3, 20),
    );
    change_one(
        SAMPLE,
        &march,
        "services",
        &Edit::AppendToItem(0, "、尿酸"),
        |s| month_of(s, 2027, 3).services[0] = "测血压、血糖、尿酸".into(),
        ("\"测血压、血糖\"", "\"测血压、血糖、尿酸\""),
    );
    let december = Target::Activity(
        OccurrenceKey::ServiceDay {
            month: date(2026, 12, 1),
        },
        date(2026, 12, 19),
    );
    change_one(
        SAMPLE,
        &december,
        "services",
        &Edit::AppendToItem(1, "（含家事）"),
        |s| month_of(s, 2026, 12).services[1] = "赡养、继承纠纷调解（含家事）".into(),
        ("\"赡养、继承纠纷调解\"", "\"赡养、继承纠纷调解（含家事）\""),
    );
    let november = Target::Activity(
        OccurrenceKey::ServiceDay {
            month: date(2026, 11, 1),
        },
        date(2026, 11, 21),
    );
    change_one(
        SAMPLE,
        &november,
        "partners",
        &Edit::RemoveItem(1),
        |s| {
            month_of(s, 2026, 11).partners.remove(1);
        },
        (", \"石化街道房管办\"", ""),
    );
}

#[test]
fn one_time_changed_changes_only_that_time() {
    // The 乐淘淘 of July starts at 08:30: only that time changes.
    change_one(
        SAMPLE,
        &Target::Activity(
            OccurrenceKey::ServiceDay {
                month: date(2027, 7, 1),
            },
            date(2027, 7, 17),
        ),
        "start",
        &Edit::Retype("0800"),
        |s| month_of(s, 2027, 7).start = Some(time(8, 0)),
        ("\"08:30\"", "\"08:00\""),
    );
    // A moved screening keeps its move; only its end changes.
    change_one(
        SAMPLE,
        &screening(2026, 10, 14, date(2026, 10, 14)),
        "end",
        &Edit::Retype("17:30"),
        |s| {
            let sc = s.screenings.as_mut().expect("screenings");
            for e in &mut sc.exceptions {
                if let Exception::Move { date: d, end, .. } = e
                    && **d == date(2026, 10, 14)
                {
                    *end = Some(time(17, 30));
                }
            }
        },
        ("\"17:00\"", "\"17:30\""),
    );
    // An event's end.
    change_one(
        SAMPLE,
        &Target::Activity(
            OccurrenceKey::Event {
                index: 0,
                date: date(2026, 9, 2),
            },
            date(2026, 9, 2),
        ),
        "end",
        &Edit::Retype("2130"),
        |s| s.events.as_mut().expect("events").events[0].end = time(21, 30),
        ("end: \"21:00\"", "end: \"21:30\""),
    );
}

#[test]
fn one_text_or_choice_changed_changes_only_that_value() {
    change_one(
        SAMPLE,
        &Target::Film(0),
        "title",
        &Edit::Append("（修复版）"),
        |s| s.screenings.as_mut().expect("sc").films[0].title = "开国大典（修复版）".into(),
        ("\"开国大典\"", "\"开国大典（修复版）\""),
    );
    change_one(
        SAMPLE,
        &Target::Lecture(2),
        "speaker",
        &Edit::Retype("徐卫国"),
        |s| s.lectures.as_mut().expect("l").catalogue[2].speaker = "徐卫国".into(),
        ("\"徐卫东\"", "\"徐卫国\""),
    );
    // The reason of a moved screening.
    change_one(
        SAMPLE,
        &screening(2026, 10, 21, date(2026, 10, 23)),
        "reason",
        &Edit::Append("，改在会议室"),
        |s| {
            let sc = s.screenings.as_mut().expect("screenings");
            for e in &mut sc.exceptions {
                if let Exception::Move {
                    date: d, reason, ..
                } = e
                    && **d == date(2026, 10, 21)
                {
                    *reason = Some("多功能厅召开社区代表会议，改在会议室".into());
                }
            }
        },
        (
            "\"多功能厅召开社区代表会议\"",
            "\"多功能厅召开社区代表会议，改在会议室\"",
        ),
    );
    // The film of a screening date, picked by typing its id.
    change_one(
        SAMPLE,
        &screening(2026, 11, 25, date(2026, 11, 25)),
        "film",
        &Edit::Pick("F10"),
        |s| {
            let sc = s.screenings.as_mut().expect("screenings");
            for p in &mut sc.programme {
                if *p.date == date(2026, 11, 25) {
                    p.film = "F10".into();
                }
            }
        },
        (
            "\"2026-11-25\", film: \"F17\"",
            "\"2026-11-25\", film: \"F10\"",
        ),
    );
    // The organiser of a repeating event: its 、 is text, not a separator.
    change_one(
        SAMPLE,
        &Target::Activity(
            OccurrenceKey::Event {
                index: 1,
                date: date(2027, 7, 6),
            },
            date(2027, 7, 6),
        ),
        "organiser",
        &Edit::Append("等"),
        |s| {
            s.events.as_mut().expect("events").events[1].organiser =
                Some("石化街道团工委、新时代文明实践分中心等".into());
        },
        (
            "\"石化街道团工委、新时代文明实践分中心\"",
            "\"石化街道团工委、新时代文明实践分中心等\"",
        ),
    );
    // A session's room, stepped to the next one.
    let sample = support::sample_app(Lang::Zh).schedule;
    let first = sample.lectures.as_ref().expect("l").sessions[0].clone();
    let rooms = &sample.station.rooms;
    let at = rooms
        .iter()
        .position(|r| r.name == first.room)
        .expect("room");
    let next_room = rooms[(at + 1) % rooms.len()].name.clone();
    let (old_text, new_text) = (
        format!("room: \"{}\"", first.room),
        format!("room: \"{next_room}\""),
    );
    change_one(
        SAMPLE,
        &Target::Activity(OccurrenceKey::Session { index: 0 }, *first.date),
        "room",
        &Edit::NextChoice,
        |s| s.lectures.as_mut().expect("l").sessions[0].room = next_room.clone(),
        (&old_text, &new_text),
    );
}

fn film_mut(s: &mut Schedule, i: usize) -> &mut stationcal::model::Film {
    &mut s.screenings.as_mut().expect("screenings").films[i]
}

fn move_mut(s: &mut Schedule, day: NaiveDate) -> &mut Exception {
    s.screenings
        .as_mut()
        .expect("screenings")
        .exceptions
        .iter_mut()
        .find(|e| *e.date() == day && matches!(e, Exception::Move { .. }))
        .expect("move")
}

fn service_day(y: i32, m: u32, shown: NaiveDate) -> Target {
    Target::Activity(
        OccurrenceKey::ServiceDay {
            month: date(y, m, 1),
        },
        shown,
    )
}

fn event_at(index: usize, day: NaiveDate) -> Target {
    Target::Activity(OccurrenceKey::Event { index, date: day }, day)
}

#[test]
fn a_changed_field_leaves_the_oddities_beside_it_as_written() {
    // Films: an empty note, an untrimmed title, separators in a note.
    change_one(
        AWKWARD,
        &Target::Film(0),
        "title",
        &Edit::Append("（修复版）"),
        |s| film_mut(s, 0).title = "开国大典（修复版）".into(),
        ("\"开国大典\"", "\"开国大典（修复版）\""),
    );
    change_one(
        AWKWARD,
        &Target::Film(1),
        "year",
        &Edit::Retype("1966"),
        |s| film_mut(s, 1).year = 1966,
        ("year: 1965", "year: 1966"),
    );
    change_one(
        AWKWARD,
        &Target::Film(2),
        "minutes",
        &Edit::Retype("125"),
        |s| film_mut(s, 2).minutes = 125,
        ("minutes: 124", "minutes: 125"),
    );
    // A move that names the slot's own start keeps it when its end changes.
    change_one(
        AWKWARD,
        &screening(2026, 9, 9, date(2026, 9, 9)),
        "end",
        &Edit::Retype("17:30"),
        |s| {
            if let Exception::Move { end, .. } = move_mut(s, date(2026, 9, 9)) {
                *end = Some(time(17, 30));
            }
        },
        ("end: \"17:00\"", "end: \"17:30\""),
    );
    // A month whose date, start and room equal the rule's, with a blank
    // item, an untrimmed item and separators inside items.
    let november = service_day(2026, 11, date(2026, 11, 21));
    change_one(
        AWKWARD,
        &november,
        "theme",
        &Edit::Append("（二）"),
        |s| month_of(s, 2026, 11).theme = "健康义诊乐（二）".into(),
        ("\"健康义诊乐\"", "\"健康义诊乐（二）\""),
    );
    change_one(
        AWKWARD,
        &november,
        "services",
        &Edit::AppendToItem(3, "、修鞋"),
        |s| month_of(s, 2026, 11).services[3] = "磨刀, 修伞; 配钥匙、修鞋".into(),
        ("\"磨刀, 修伞; 配钥匙\"", "\"磨刀, 修伞; 配钥匙、修鞋\""),
    );
    change_one(
        AWKWARD,
        &service_day(2026, 9, date(2026, 9, 19)),
        "services",
        &Edit::AppendToItem(0, "、讲座"),
        |s| month_of(s, 2026, 9).services[0] = "心理健康咨询、讲座".into(),
        ("\"心理健康咨询\"", "\"心理健康咨询、讲座\""),
    );
    // Sessions: one out of date order, one written "9:30".
    change_one(
        AWKWARD,
        &Target::Activity(OccurrenceKey::Session { index: 1 }, date(2026, 9, 8)),
        "end",
        &Edit::Retype("10:30"),
        |s| s.lectures.as_mut().expect("l").sessions[1].end = time(10, 30),
        ("end: \"10:25\"", "end: \"10:30\""),
    );
    change_one(
        AWKWARD,
        &Target::Activity(OccurrenceKey::Session { index: 0 }, date(2026, 10, 13)),
        "room",
        &Edit::Pick("活动室"),
        |s| s.lectures.as_mut().expect("l").sessions[0].room = "活动室".into(),
        ("room: \"会议室\"", "room: \"活动室\""),
    );
    // A lecture with an empty summary and a short group name.
    change_one(
        AWKWARD,
        &Target::Lecture(0),
        "minutes",
        &Edit::Retype("50"),
        |s| s.lectures.as_mut().expect("l").catalogue[0].minutes = 50,
        ("minutes: 45", "minutes: 50"),
    );
    // Events: an empty note and an untrimmed organiser; a room and a place.
    change_one(
        AWKWARD,
        &event_at(0, date(2026, 10, 18)),
        "title",
        &Edit::Append("暨文艺演出"),
        |s| s.events.as_mut().expect("ev").events[0].title = "重阳节敬老活动暨文艺演出".into(),
        ("\"重阳节敬老活动\"", "\"重阳节敬老活动暨文艺演出\""),
    );
    change_one(
        AWKWARD,
        &event_at(1, date(2026, 10, 12)),
        "end",
        &Edit::Retype("16:30"),
        |s| s.events.as_mut().expect("ev").events[1].end = time(16, 30),
        ("end: \"16:00\"", "end: \"16:30\""),
    );
    change_one(
        AWKWARD,
        &event_at(2, date(2026, 9, 2)),
        "place",
        &Edit::Append("门前"),
        |s| s.events.as_mut().expect("ev").events[2].place = Some("各小区门前".into()),
        ("\"各小区\"", "\"各小区门前\""),
    );
}

#[test]
fn a_value_written_where_there_was_none_is_all_that_is_added() {
    // The month has no end of its own: the new end is added, and the date,
    // start and room it spells out stay.
    change_one(
        AWKWARD,
        &service_day(2026, 11, date(2026, 11, 21)),
        "end",
        &Edit::Retype("12:00"),
        |s| month_of(s, 2026, 11).end = Some(time(12, 0)),
        ("", "end: \"12:00\""),
    );
    // A move to another room gets a start; its untrimmed reason stays.
    change_one(
        AWKWARD,
        &screening(2026, 9, 23, date(2026, 9, 23)),
        "start",
        &Edit::Retype("14:30"),
        |s| {
            if let Exception::Move { start, .. } = move_mut(s, date(2026, 9, 23)) {
                *start = Some(time(14, 30));
            }
        },
        ("", "start: \"14:30\""),
    );
}

/// The sample's 重阳 event (a lunar repeat), shown on its 2027 date.
fn chong_yang() -> (usize, Target) {
    let s = load_dir(&asset(SAMPLE)).schedule;
    let index = s
        .events
        .as_ref()
        .and_then(|e| e.events.iter().position(|e| e.id == "E07"))
        .expect("E07");
    let on = date(2027, 10, 8);
    (
        index,
        Target::Activity(OccurrenceKey::Event { index, date: on }, on),
    )
}

fn set_repeat(s: &mut Schedule, index: usize, repeat: Repeat) {
    if let Some(e) = s.events.as_mut().and_then(|e| e.events.get_mut(index)) {
        e.repeat = Some(repeat);
    }
}

#[test]
fn the_lunar_repeat_round_trips_through_the_event_form() {
    let (index, t) = chong_yang();
    let old = "Lunar(month: 9, day: 9)";
    change_one(
        SAMPLE,
        &t,
        "lunar",
        &Edit::Retype("重阳"),
        |s| {
            set_repeat(
                s,
                index,
                Repeat::from_lunar(LunarRule::festival(Festival::ChongYang)),
            )
        },
        (old, "Lunar(festival: \"重阳\")"),
    );
    change_one(
        SAMPLE,
        &t,
        "lunar",
        &Edit::Retype("9/9 闰"),
        |s| {
            let rule = LunarRule {
                leap_too: true,
                ..LunarRule::on(9, 9)
            };
            set_repeat(s, index, Repeat::from_lunar(rule));
        },
        (old, "Lunar(month: 9, day: 9, leap_too: true)"),
    );
}

#[test]
fn a_monthly_event_turned_lunar_takes_the_lunar_day_of_its_date() {
    let s = load_dir(&asset(SAMPLE)).schedule;
    let index = s
        .events
        .as_ref()
        .and_then(|e| {
            e.events
                .iter()
                .position(|e| e.repeat == Some(Repeat::Monthly))
        })
        .expect("a monthly event");
    let first = *s.events.as_ref().expect("events").events[index].date;
    let l = lunar::lunar_date(first).expect("in range");
    let t = Target::Activity(OccurrenceKey::Event { index, date: first }, first);
    let written = format!("Lunar(month: {}, day: {})", l.month, l.day);
    change_one(
        SAMPLE,
        &t,
        "repeat",
        &Edit::NextChoice,
        |s| set_repeat(s, index, Repeat::from_lunar(LunarRule::on(l.month, l.day))),
        ("Monthly", &written),
    );
}
