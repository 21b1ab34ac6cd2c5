//! Schedule files as Notepad and WPS write them on Windows: UTF-8 with a
//! byte-order mark, lines ending in CRLF. A save keeps each file's own line
//! endings and mark, whatever the edit: the text saved into a CRLF file, a
//! file with a mark, or both, is exactly the text saved into the same file
//! written the Unix way, with those endings and that mark — new entries,
//! changed ones, moved ones and removed ones alike.
//!
//! Every kind of edit the splicer makes is in the tables below (a changed
//! value, a field added or removed, an item inserted, changed, moved or
//! removed, in lists one item a line or all on one line, an empty list
//! filled, a full one emptied, a value growing from one line to several);
//! each is checked on its own over every fixture and sample file, and
//! property tests check random combinations, with any text in a field.
//!
//! Files the program creates get the platform's line endings (CRLF on
//! Windows, LF elsewhere: `store::newline`) and no mark. A file that exists
//! but is blank keeps the mark and CRLF it has.

use std::path::Path;

use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use stationcal::model::{
    Event, Events, Exception, Film, Lecture, Lectures, Room, Screenings, ServiceDays, Session,
    Showing, SlotChange, Station,
};
use stationcal::store::load::ron_options;
use stationcal::store::newline::{NATIVE, with_endings};
use stationcal::store::save::render;

const BOM: char = '\u{feff}';

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The LF originals of a file: the commented fixture, the sample and the
/// awkward fixture (when it has one).
fn originals(name: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        "tests/fixtures/commented",
        "assets/sample",
        "tests/fixtures/awkward",
    ]
    .iter()
    .map(|d| root.join(d).join(name))
    .filter(|p| p.is_file())
    .map(|p| {
        let text = read(&p);
        assert!(!text.contains('\r'), "{} is LF", p.display());
        (p.display().to_string(), text)
    })
    .collect()
}

fn p<T: DeserializeOwned>(text: &str) -> T {
    let body = text.strip_prefix(BOM).unwrap_or(text);
    match ron_options().from_str(body) {
        Ok(v) => v,
        Err(e) => panic!("{e}: {text}"),
    }
}

/// How Windows tools may have written a file.
#[derive(Debug, Clone, Copy)]
enum Style {
    Crlf,
    Bom,
    BomCrlf,
}

const STYLES: [Style; 3] = [Style::Crlf, Style::Bom, Style::BomCrlf];

impl Style {
    fn apply(self, lf: &str) -> String {
        match self {
            Style::Crlf => lf.replace('\n', "\r\n"),
            Style::Bom => format!("{BOM}{lf}"),
            Style::BomCrlf => format!("{BOM}{}", lf.replace('\n', "\r\n")),
        }
    }
}

/// Saves `new` into the LF original and into each Windows style of it: the
/// results must be the LF result in that style. `Err` says what differs.
fn same_in_every_style<T: Serialize + DeserializeOwned + PartialEq>(
    lf: &str,
    new: &T,
) -> Result<(), String> {
    let out_lf = render(lf, new).map_err(|e| format!("LF: {e}"))?;
    if out_lf.contains('\r') || out_lf.starts_with(BOM) {
        return Err(format!("the LF file got a CR or a mark:\n{out_lf}"));
    }
    for style in STYLES {
        let original = style.apply(lf);
        let out = render(&original, new).map_err(|e| format!("{style:?}: {e}"))?;
        let want = style.apply(&out_lf);
        if out != want {
            let (n, got, wanted) = out
                .split_inclusive('\n')
                .zip(want.split_inclusive('\n'))
                .enumerate()
                .find(|(_, (a, b))| a != b)
                .map_or((0, "", ""), |(n, (a, b))| (n + 1, a, b));
            return Err(format!(
                "{style:?}: line {n} differs:\n got: {got:?}\nwant: {wanted:?}"
            ));
        }
    }
    Ok(())
}

/// One kind of edit: its name and what it does (false: does not apply).
type Edit<T> = (&'static str, fn(&mut T) -> bool);

fn station_edits() -> Vec<Edit<Station>> {
    vec![
        ("rename", |s| {
            s.name = "石化街道党群服务中心（新址）".into();
            true
        }),
        ("contact added or removed", |s| {
            s.contact = match s.contact {
                Some(_) => None,
                None => Some("021-5794 0000".into()),
            };
            true
        }),
        ("seats of the last room", |s| {
            s.rooms.last_mut().map(|r| r.seats += 1).is_some()
        }),
        ("room inserted first", |s| {
            s.rooms
                .insert(0, p::<Room>(r#"Room(name: "二楼活动室", seats: 36)"#));
            true
        }),
        ("room inserted in the middle", |s| {
            let at = s.rooms.len() / 2;
            s.rooms
                .insert(at, p::<Room>(r#"Room(name: "阅览室", seats: 12)"#));
            true
        }),
        ("room appended", |s| {
            s.rooms
                .push(p::<Room>(r#"Room(name: "屋顶花园", seats: 30)"#));
            true
        }),
        ("first room removed", |s| {
            (!s.rooms.is_empty()).then(|| s.rooms.remove(0)).is_some()
        }),
        ("rooms reordered", |s| {
            s.rooms.reverse();
            s.rooms.len() > 1
        }),
        ("every room removed", |s| {
            let had = !s.rooms.is_empty();
            s.rooms.clear();
            had
        }),
    ]
}

fn screening_edits() -> Vec<Edit<Screenings>> {
    vec![
        ("film title", |s| {
            s.films
                .first_mut()
                .map(|f| f.title = "新的片名".into())
                .is_some()
        }),
        ("film note with a line break", |s| {
            s.films
                .first_mut()
                .map(|f| f.note = Some("上集\r\n下集\n完".into()))
                .is_some()
        }),
        ("film appended", |s| {
            s.films.push(p::<Film>(
                r#"Film(id: "F99", title: "长津湖", year: 2021, minutes: 176, note: "陈凯歌、徐克、林超贤导演，很长的一段简介，让这一项写在一行里放不下，只能分几行写出来。")"#,
            ));
            true
        }),
        ("film removed", |s| {
            (s.films.len() > 1).then(|| s.films.remove(1)).is_some()
        }),
        ("showing inserted", |s| {
            let at = s.programme.len() / 2;
            s.programme.insert(
                at,
                p::<Showing>(r#"Showing(date: "2026-12-30", film: "F01")"#),
            );
            true
        }),
        ("skip added", |s| {
            s.set_exception(p::<Exception>(
                r#"Skip(date: "2026-11-25", reason: "暂停")"#,
            ));
            true
        }),
        ("skip becomes a move", |s| {
            let Some(d) = s.exceptions.first().map(Exception::date) else {
                return false;
            };
            s.exceptions[0] = Exception::Move {
                date: d,
                to: None,
                start: None,
                end: None,
                room: Some("会议室".into()),
                reason: Some("借用".into()),
            };
            true
        }),
        ("exceptions emptied", |s| {
            let had = !s.exceptions.is_empty();
            s.exceptions.clear();
            had
        }),
        ("slot time", |s| {
            s.slot.start = p("\"13:30\"");
            true
        }),
        ("slot end date added or removed", |s| {
            s.slot.until = match s.slot.until {
                Some(_) => None,
                None => Some(p("\"2027-06-30\"")),
            };
            true
        }),
        ("slot change added", |s| {
            s.changes.push(p::<SlotChange>(
                r#"SlotChange(from: "2027-03-03", weekday: "周四", start: "14:00", end: "16:00", room: "多功能厅")"#,
            ));
            true
        }),
    ]
}

fn service_day_edits() -> Vec<Edit<ServiceDays>> {
    vec![
        ("month theme", |s| {
            s.months
                .first_mut()
                .map(|m| m.theme = "冬季义诊".into())
                .is_some()
        }),
        ("service added to a one-line list", |s| {
            s.months
                .first_mut()
                .map(|m| m.services.push("测血压".into()))
                .is_some()
        }),
        ("partners emptied", |s| {
            let had = !s.partners.is_empty();
            s.partners.clear();
            had
        }),
        ("partner into an empty list", |s| {
            s.months
                .iter_mut()
                .find(|m| m.partners.is_empty())
                .map(|m| m.partners.push("社区卫生服务中心".into()))
                .is_some()
        }),
        ("month skipped", |s| {
            s.months
                .last_mut()
                .map(|m| m.skipped = Some("春节".into()))
                .is_some()
        }),
        ("month appended", |s| {
            let mut m = s.months.last().cloned();
            if let Some(m) = &mut m {
                m.month = p("\"2027-12\"");
                m.theme = "年终总结".into();
            }
            m.map(|m| s.months.push(m)).is_some()
        }),
        ("rule weekday and room", |s| {
            s.rule.weekday = p("\"周二\"");
            s.rule.room = "会议室".into();
            true
        }),
    ]
}

fn lecture_edits() -> Vec<Edit<Lectures>> {
    vec![
        ("series", |s| {
            s.series = "“四史”学堂".into();
            true
        }),
        ("lecture inserted", |s| {
            s.catalogue.insert(
                1.min(s.catalogue.len()),
                p::<Lecture>(
                    r#"Lecture(id: "L99", title: "新课", speaker: "王某", group: "机关青年党员", minutes: 30)"#,
                ),
            );
            true
        }),
        ("summary removed or added", |s| {
            s.catalogue
                .first_mut()
                .map(|l| {
                    l.summary = match l.summary {
                        Some(_) => None,
                        None => Some("一句话简介".into()),
                    };
                })
                .is_some()
        }),
        ("session removed", |s| {
            (!s.sessions.is_empty())
                .then(|| s.sessions.remove(0))
                .is_some()
        }),
        ("session seats", |s| {
            s.sessions.last_mut().map(|x| x.seats = Some(20)).is_some()
        }),
        ("session appended", |s| {
            s.sessions.push(p::<Session>(
                r#"Session(lecture: "L01", date: "2027-01-06", start: "14:00", end: "15:00", room: "多功能厅")"#,
            ));
            true
        }),
    ]
}

fn event_edits() -> Vec<Edit<Events>> {
    vec![
        ("event inserted first", |s| {
            s.events.insert(
                0,
                p::<Event>(
                    r#"Event(id: "E99", title: "冬至包饺子", date: "2026-12-21", start: "10:00", end: "12:00", room: "多功能厅", repeat: Weekly, weekdays: ["周一", "周三"], until: "2027-01-31")"#,
                ),
            );
            true
        }),
        ("weekday added to a one-line list", |s| {
            s.events
                .iter_mut()
                .find(|e| !e.weekdays.is_empty())
                .map(|e| e.weekdays.push(p("\"周日\"")))
                .is_some()
        }),
        ("date into an empty skip list", |s| {
            s.events
                .iter_mut()
                .find(|e| e.repeat.is_some() && e.skip.is_empty())
                .map(|e| e.skip.push(p("\"2026-12-25\"")))
                .is_some()
        }),
        ("note with a line break", |s| {
            s.events
                .last_mut()
                .map(|e| e.note = Some("第一行\n第二行".into()))
                .is_some()
        }),
        ("place removed", |s| {
            s.events
                .iter_mut()
                .find(|e| e.place.is_some())
                .map(|e| e.place = None)
                .is_some()
        }),
        ("last event removed", |s| s.events.pop().is_some()),
        ("events moved", |s| {
            s.events.rotate_left(1);
            s.events.len() > 1
        }),
    ]
}

/// Applies each edit on its own to every original of `name`.
fn every_edit_alone<T>(name: &str, edits: &[Edit<T>])
where
    T: Serialize + DeserializeOwned + PartialEq + Clone,
{
    let mut failures = Vec::new();
    let mut applied = 0;
    for (path, lf) in originals(name) {
        let base: T = p(&lf);
        for (what, edit) in edits {
            let mut new = base.clone();
            if !edit(&mut new) || new == base {
                continue;
            }
            applied += 1;
            if let Err(e) = same_in_every_style(&lf, &new) {
                failures.push(format!("{path}, {what}: {e}"));
            }
        }
    }
    assert!(
        applied >= edits.len(),
        "{name}: only {applied} edits applied"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn station_edits_keep_each_files_endings_and_mark() {
    every_edit_alone("station.ron", &station_edits());
}

#[test]
fn screening_edits_keep_each_files_endings_and_mark() {
    every_edit_alone("screenings.ron", &screening_edits());
}

#[test]
fn service_day_edits_keep_each_files_endings_and_mark() {
    every_edit_alone("service-days.ron", &service_day_edits());
}

#[test]
fn lecture_edits_keep_each_files_endings_and_mark() {
    every_edit_alone("lectures.ron", &lecture_edits());
}

#[test]
fn event_edits_keep_each_files_endings_and_mark() {
    every_edit_alone("events.ron", &event_edits());
}

/// Applies the edits picked, in order, and puts `text` into the first
/// string the type has for it; checks the result in every style.
fn combination<T>(
    name: &str,
    edits: &[Edit<T>],
    picks: &[usize],
    text: &str,
    set_text: fn(&mut T, &str),
) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + Clone,
{
    for (path, lf) in originals(name) {
        let mut new: T = p(&lf);
        for &i in picks {
            edits[i % edits.len()].1(&mut new);
        }
        set_text(&mut new, text);
        same_in_every_style(&lf, &new).map_err(|e| TestCaseError::fail(format!("{path}: {e}")))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_combination_of_edits_keeps_endings_and_mark(
        picks in prop::collection::vec(0usize..64, 1..5),
        text in "(\\PC|\r|\n|\t| |　|“|\"){0,24}",
    ) {
        combination("station.ron", &station_edits(), &picks, &text, |s, t| s.name = t.into())?;
        combination("screenings.ron", &screening_edits(), &picks, &text, |s, t| {
            if let Some(f) = s.films.last_mut() { f.title = t.into(); }
        })?;
        combination("service-days.ron", &service_day_edits(), &picks, &text, |s, t| {
            s.host = t.into();
        })?;
        combination("lectures.ron", &lecture_edits(), &picks, &text, |s, t| {
            if let Some(l) = s.catalogue.last_mut() { l.summary = Some(t.into()); }
        })?;
        combination("events.ron", &event_edits(), &picks, &text, |s, t| {
            if let Some(e) = s.events.first_mut() { e.note = Some(t.into()); }
        })?;
    }
}

/// Whether every line of `text` ends in `nl`.
fn ends_all_in(text: &str, nl: &str) -> bool {
    let lf = text.matches('\n').count();
    match nl {
        "\r\n" => lf == text.matches("\r\n").count(),
        _ => !text.contains('\r'),
    }
}

/// A file the program creates: the platform's endings and no mark. A file
/// that is there but blank (Notepad saved it empty) keeps its mark, and its
/// CRLF or LF.
#[test]
fn new_files_get_the_platforms_endings_and_blank_files_keep_their_style() {
    let st: Station = p(&originals("station.ron")[0].1);
    let fresh = render("", &st).expect("renders");
    assert!(
        ends_all_in(&fresh, NATIVE) && !fresh.starts_with(BOM),
        "{fresh:?}"
    );
    assert_eq!(p::<Station>(&fresh), st);
    for (blank, nl) in [
        ("\u{feff}", NATIVE),
        ("\u{feff}\r\n", "\r\n"),
        ("\r\n\r\n", "\r\n"),
        ("\n", "\n"),
        ("\u{feff}\n", "\n"),
    ] {
        let out = render(blank, &st).expect("renders");
        assert_eq!(out.starts_with(BOM), blank.starts_with(BOM), "{blank:?}");
        let body = out.trim_start_matches(BOM);
        assert_eq!(body, with_endings(&fresh, nl), "{blank:?}");
        assert_eq!(p::<Station>(&out), st);
    }
}

/// `init` and the first run write the sample, and the settings file, with
/// the platform's endings; each still reads.
#[test]
fn the_sample_and_settings_are_written_with_the_platforms_endings() {
    let dir = tempfile::tempdir().expect("temp");
    stationcal::store::sample::write_sample(&dir.path().join("s")).expect("sample");
    stationcal::store::network::write_network_sample(&dir.path().join("n")).expect("network");
    let config = dir.path().join("config.ron");
    assert!(stationcal::config::write_default_if_missing(&config).expect("config"));
    let mut files = vec![config];
    let mut todo = vec![dir.path().to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(d).expect("folder") {
            let path = e.expect("entry").path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|x| x == "ron") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "{files:?}");
    for f in &files {
        let text = read(f);
        assert!(
            ends_all_in(&text, NATIVE) && text.contains('\n'),
            "{}",
            f.display()
        );
    }
    assert!(
        stationcal::store::load_dir(&dir.path().join("s"))
            .diagnostics
            .is_empty()
    );
}

/// Every LF file in `dir` rewritten as Notepad would save it: mark + CRLF.
fn as_notepad(dir: &Path) {
    for e in std::fs::read_dir(dir).expect("folder") {
        let path = e.expect("entry").path();
        if path.extension().is_some_and(|x| x == "ron") {
            let text = read(&path);
            std::fs::write(&path, Style::BomCrlf.apply(&text)).expect("write");
        }
    }
}

fn notepad_style(path: &Path) -> bool {
    let text = read(path);
    text.starts_with(BOM) && text.matches('\n').count() == text.matches("\r\n").count()
}

/// Through the store, as the app saves: a folder of Notepad files, edited
/// in several files (one changed on disk meanwhile, so merged), with one
/// file new. The edited files keep mark and CRLF; the new one has the
/// platform's endings.
#[test]
fn saving_a_notepad_folder_keeps_its_style_and_new_files_are_native() {
    use stationcal::store::storage::{SaveOutcome, Storage};
    use stationcal::store::workspace::Workspace;

    let dir = tempfile::tempdir().expect("temp");
    stationcal::store::sample::write_sample(dir.path()).expect("sample");
    std::fs::remove_file(dir.path().join("lectures.ron")).expect("no lectures yet");
    // The sample's records name lectures this test replaces.
    std::fs::remove_file(dir.path().join("records.ron")).expect("no records yet");
    as_notepad(dir.path());
    let loaded = stationcal::store::load_dir(dir.path());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let mut ws = Workspace::open(dir.path(), &loaded);

    let mut edited = loaded.schedule.clone();
    edited
        .station
        .rooms
        .push(p::<Room>(r#"Room(name: "二楼活动室", seats: 36)"#));
    if let Some(s) = &mut edited.screenings {
        s.set_exception(p::<Exception>(
            r#"Skip(date: "2026-11-25", reason: "暂停")"#,
        ));
    }
    if let Some(e) = &mut edited.events {
        e.events.remove(0);
    }
    edited.lectures = Some(p::<Lectures>(
        r#"Lectures(series: "新系列", catalogue: [Lecture(id: "L01", title: "第一课", speaker: "王某", group: "机关青年党员", minutes: 30)])"#,
    ));
    // Meanwhile someone fixes a film title in Notepad.
    let screenings = dir.path().join("screenings.ron");
    let outside = read(&screenings).replacen("焦裕禄", "焦裕禄（修复版）", 1);
    std::fs::write(&screenings, &outside).expect("outside edit");

    match ws.save(&edited) {
        SaveOutcome::Saved {
            written, merged, ..
        } => {
            assert_eq!(written.len(), 4, "{written:?}");
            assert_eq!(merged.len(), 1, "{merged:?}");
        }
        other => panic!("not saved: {other:?}"),
    }
    for f in [
        "station.ron",
        "screenings.ron",
        "events.ron",
        "service-days.ron",
    ] {
        assert!(
            notepad_style(&dir.path().join(f)),
            "{f} keeps mark and CRLF"
        );
    }
    assert!(read(&screenings).contains("焦裕禄（修复版）"));
    assert!(read(&screenings).contains("Skip(date: \"2026-11-25\", reason: \"暂停\"),\r\n"));
    let fresh = read(&dir.path().join("lectures.ron"));
    assert!(
        ends_all_in(&fresh, NATIVE) && !fresh.starts_with(BOM),
        "{fresh:?}"
    );
    let back = stationcal::store::load_dir(dir.path());
    assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
    assert_eq!(back.schedule.station, edited.station);
    assert_eq!(back.schedule.lectures, edited.lectures);
    assert_eq!(back.schedule.events, edited.events);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A Windows path typed into a text (`"D:\活动\照片"`): a backslash
    /// before anything that is not an escape is explained, in Chinese
    /// without the parser's English, with the fix.
    #[test]
    fn a_backslash_path_in_a_text_is_explained(
        after in "[^nrt0bfxu\\\\\"'/\r\n]",
        field in 0usize..2,
    ) {
        use stationcal::i18n::Lang;
        use stationcal::model::validate::Part;
        let mut texts = stationcal::store::sample::texts();
        let (part, text) = texts
            .iter_mut()
            .find(|(p, _)| *p == Part::Events)
            .expect("the sample has events");
        let at = ["title: \"", "place: \""][field];
        *text = text.replacen(at, &format!("{at}D:\\{after}活动\\照片 "), 1);
        let part = *part;
        let loaded = stationcal::store::load_texts(texts);
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.file == part.file_name())
            .expect("the file is reported");
        let zh = d.render(Lang::Zh);
        let en = d.render(Lang::En);
        prop_assert!(zh.contains("反斜杠") && zh.contains("\\\\"), "{zh}");
        prop_assert!(!zh.contains("escape") && !zh.contains("Invalid"), "{zh}");
        prop_assert!(en.contains("backslash"), "{en}");
    }
}
