//! The real binary in a pseudo-terminal: what staff see on screen, the keys
//! they press, and that quitting leaves the terminal as it was.

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use stationcal::model::Schedule;
use stationcal::store::load_dir;

use crate::support::pty::{LEAVE_ALTERNATE_SCREEN, Launch, Pty, TIMEOUT, contains_bytes, keys};
use crate::support::{sample_copy, sample_text};

const FILES: [&str; 5] = [
    "station.ron",
    "screenings.ron",
    "service-days.ron",
    "lectures.ron",
    "events.ron",
];

/// The app on `dir` at 100×30.
fn start(dir: &Path) -> Pty {
    Launch::new(dir).start()
}

fn schedule_of(dir: &Path) -> Schedule {
    let loaded = load_dir(dir);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.schedule
}

/// The title of the film the sample shows on `date`.
fn film_on(schedule: &Schedule, date: &str) -> String {
    let s = schedule.screenings.as_ref().expect("screenings");
    let showing = s
        .programme
        .iter()
        .find(|p| p.date.to_string() == date)
        .unwrap_or_else(|| panic!("no showing on {date}"));
    schedule
        .film(&showing.film)
        .expect("the showing's film")
        .title
        .clone()
}

/// The 乐淘淘 theme the sample gives `month` (`2026-11`).
fn theme_of(schedule: &Schedule, month: &str) -> String {
    schedule
        .service_days
        .as_ref()
        .expect("service days")
        .months
        .iter()
        .find(|m| m.month.format("%Y-%m").to_string() == month)
        .unwrap_or_else(|| panic!("no MonthEntry for {month}"))
        .theme
        .clone()
}

const DAY_HEADERS: [&str; 7] = [
    "周一 11/23",
    "周二 11/24",
    "周三 11/25",
    "周四 11/26",
    "周五 11/27",
    "周六 11/28",
    "周日 11/29",
];

#[test]
fn week_month_agenda_help_and_quit() {
    let dir = sample_copy();
    let schedule = schedule_of(dir.path());
    let film = film_on(&schedule, "2026-11-25");
    let theme = theme_of(&schedule, "2026-11");
    let mut app = start(dir.path());

    // The week of 2026-11-27, Monday first, in Chinese.
    let screen = app.wait_for("the week view", |s| {
        let header = s.lines().next().unwrap_or_default();
        header.contains("石化街道社区党群服务中心")
            && header.contains("2026年11月23日")
            && DAY_HEADERS.iter().all(|h| s.contains(h))
    });
    let first = screen.find(DAY_HEADERS[0]).expect("Monday");
    let last = screen.find(DAY_HEADERS[6]).expect("Sunday");
    assert!(first < last, "Monday comes before Sunday:\n{screen}");
    // The Wednesday column holds that day's film.
    let wed = app
        .column_of(1, DAY_HEADERS[2])
        .expect("Wednesday's column");
    let thu = app.column_of(1, DAY_HEADERS[3]).expect("Thursday's column");
    assert!(wed < thu);
    app.wait_for_text(&film);
    let column = app.band(wed, thu - wed);
    assert!(
        column.iter().any(|r| r.contains(&film)),
        "{film} is not under Wednesday:\n{}",
        column.join("\n")
    );

    // 2: the month, with November's 乐淘淘 theme.
    app.send(b"2");
    app.wait_for("the month view", |s| {
        let header = s.lines().next().unwrap_or_default();
        header.contains("2026年11月") && !header.contains("23日") && s.contains(&theme)
    });

    // 3: the agenda, from today.
    app.send(b"3");
    app.wait_for("the agenda", |s| {
        let header = s.lines().next().unwrap_or_default();
        header.contains("11月27日起") && !header.contains(&theme)
    });

    // ?: help, closed again with Esc.
    app.send(b"?");
    app.wait_for_text("屏幕上的标记");
    app.send(keys::ESC);
    app.wait_for_gone("屏幕上的标记");

    let after_quit = app.quit();
    assert!(
        contains_bytes(&after_quit, LEAVE_ALTERNATE_SCREEN),
        "the terminal was not restored: no leave-alternate-screen after q"
    );
}

#[test]
fn empty_folder_gets_the_sample() {
    let dir = tempfile::tempdir().expect("temp folder");
    let mut app = start(dir.path());
    app.wait_for_rows("the week view and the status line", |rows| {
        let screen = rows.join("\n");
        let status = rows.last().map_or("", String::as_str);
        screen.contains("石化街道社区党群服务中心")
            && screen.contains("2026年11月23日")
            && status.contains("示例")
    });
    assert!(dir.path().join("station.ron").is_file());
    let after_quit = app.quit();
    assert!(contains_bytes(&after_quit, LEAVE_ALTERNATE_SCREEN));
    // What was written is the sample, and it loads cleanly.
    for f in FILES {
        let written = std::fs::read_to_string(dir.path().join(f)).expect("a sample file");
        assert_eq!(written, sample_text(f), "{f}");
    }
    schedule_of(dir.path());
}

#[test]
fn broken_file_still_starts_and_shows_the_problem() {
    let showing = "Showing(date: \"2026-11-25\", film: \"F17\")";
    let broken = "Showing(date: \"2026-11-25\"， film: \"F17\")";
    let text = sample_text("screenings.ron");
    assert_eq!(text.matches(showing).count(), 1);
    let text = text.replace(showing, broken);
    let at = text.find(broken).expect("the edit") + broken.find('，').expect("comma");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    let dir = sample_copy();
    std::fs::write(dir.path().join("screenings.ron"), &text).expect("write");

    let mut app = start(dir.path());
    app.wait_for_rows("the week view and a status line about problems", |rows| {
        let screen = rows.join("\n");
        let status = rows.last().map_or("", String::as_str);
        screen.contains("石化街道社区党群服务中心")
            && screen.contains("2026年11月23日")
            && DAY_HEADERS.iter().all(|h| screen.contains(h))
            && status.contains("问题")
    });

    app.send(b"e");
    let location = format!("screenings.ron:{line}:{col}");
    let numbered = format!("{line} | ");
    // The location, then the source line with its number under it.
    app.wait_for("the problem with its line", |s| {
        s.find(&location)
            .is_some_and(|at| s[at..].contains(&numbered) && s[at..].contains("^^"))
    });
    app.send(keys::ESC);
    app.wait_for("the problems window to close", |s| !s.contains(&location));
    let after_quit = app.quit();
    assert!(contains_bytes(&after_quit, LEAVE_ALTERNATE_SCREEN));
}

/// The end-to-end: schedule a lecture session by typing Chinese
/// (the lecture searched by its title), save, quit, and read the RON file.
#[test]
fn schedule_a_lecture_typing_chinese_save_quit_and_check_the_file() {
    let dir = sample_copy();
    let before = std::fs::read_to_string(dir.path().join("lectures.ron")).expect("read");
    let mut app = start(dir.path());
    app.wait_for_text("2026年11月23日");
    app.send(b"a");
    app.wait_for_text("新增什么");
    app.send(b"4");
    app.wait_for_text("安排微党课");
    // The lecture field is a searchable list: type part of the title in Chinese.
    app.send("我深爱的这座城".as_bytes());
    app.wait_for("the pick list filtered", |s| {
        s.contains("我深爱的这座城") && s.contains("选择")
    });
    app.send(keys::ENTER);
    app.wait_for("the form again", |s| {
        s.contains("安排微党课") && !s.contains("输入搜索")
    });
    for (text, what) in [("12-08", "date"), ("1430", "start"), ("1510", "end")] {
        app.send(keys::TAB);
        app.send(keys::CTRL_U); // clears the field
        app.send(text.as_bytes());
        app.wait_for(what, |s| s.contains(text));
    }
    app.send(keys::ENTER);
    app.wait_for("the edit taken, not yet saved", |s| s.contains("[未保存]"));
    app.send(keys::CTRL_S);
    app.wait_for("saved", |s| s.contains("已保存 lectures.ron"));
    let after_quit = app.quit();
    assert!(contains_bytes(&after_quit, LEAVE_ALTERNATE_SCREEN));
    let after = std::fs::read_to_string(dir.path().join("lectures.ron")).expect("read");
    let added: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(
        added[0].contains("date: \"2026-12-08\", start: \"14:30\", end: \"15:10\""),
        "{added:?}"
    );
    let schedule = schedule_of(dir.path());
    let l = schedule.lectures.as_ref().expect("lectures");
    let s = l
        .sessions
        .iter()
        .find(|s| {
            *s.date == chrono::NaiveDate::from_ymd_opt(2026, 12, 8).expect("date")
                && s.start.format("%H:%M").to_string() == "14:30"
        })
        .expect("the session");
    assert_eq!(
        schedule.lecture(&s.lecture).map(|x| x.title.as_str()),
        Some("我深爱的这座城，我与石化的这些年")
    );
}

/// `E` hands the terminal to `$EDITOR` at the entry's line; when it exits,
/// the file is read again and the change shows.
#[cfg(unix)] // the stand-in editor is a shell script
#[test]
fn the_editor_opens_at_the_entry_and_its_change_is_reloaded() {
    let dir = sample_copy();
    let script_dir = tempfile::tempdir().expect("tempdir");
    let args_file = script_dir.path().join("args");
    let script = script_dir.path().join("fake-editor.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$1 $2\" > '{}'\nsed -i 's/title: \"焦裕禄\"/title: \"焦裕禄（修复版）\"/' \"$2\"\n",
            args_file.display()
        ),
    )
    .expect("script");
    let mut perms = std::fs::metadata(&script).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).expect("chmod");
    let editor = script.display().to_string();
    let mut app = Launch::new(dir.path()).env("VISUAL", &editor).start();
    app.wait_for_text("2026年11月23日");
    app.send(b"hh"); // Wednesday: the screening of 焦裕禄
    app.wait_for_text("电影放映 焦裕禄");
    app.send(b"E");
    app.wait_for("reloaded after the editor", |s| {
        s.contains("焦裕禄（修复版）") && s.contains("已重新载入")
    });
    let args = std::fs::read_to_string(&args_file).expect("the editor ran");
    let text = std::fs::read_to_string(dir.path().join("screenings.ron")).expect("read");
    let line = text
        .lines()
        .position(|l| l.contains("Showing(date: \"2026-11-25\""))
        .expect("the showing")
        + 1;
    assert_eq!(
        args.trim(),
        format!("+{line} {}", dir.path().join("screenings.ron").display())
    );
    let after_quit = app.quit();
    assert!(contains_bytes(&after_quit, LEAVE_ALTERNATE_SCREEN));
}

/// The processes of `pid`'s children that have ended but were never waited
/// for (zombies), from `/proc`.
#[cfg(target_os = "linux")]
fn zombie_children(pid: u32) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return out;
    };
    for task in tasks.flatten() {
        let children = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        for child in children.split_whitespace() {
            let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).unwrap_or_default();
            // `pid (name) state ...`: the state follows the last `)`.
            if stat
                .rsplit(')')
                .next()
                .is_some_and(|r| r.trim_start().starts_with('Z'))
            {
                out.push(stat);
            }
        }
    }
    out
}

/// `p` `h` writes the week's page and hands it to the system's opener (a
/// stand-in `xdg-open` first on `PATH`): it gets the page's path and is
/// waited for, so no zombie process is left; when it fails, the status line
/// says so and where the page is.
#[cfg(target_os = "linux")]
#[test]
fn the_printed_page_goes_to_the_opener_which_is_waited_for() {
    let dir = sample_copy();
    let bin = tempfile::tempdir().expect("tempdir");
    let args_file = bin.path().join("args");
    let fail_flag = bin.path().join("fail");
    let script = bin.path().join("xdg-open");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n[ -e '{}' ] && exit 3\nprintf '%s' \"$1\" > '{}'\n",
            fail_flag.display(),
            args_file.display()
        ),
    )
    .expect("script");
    let mut perms = std::fs::metadata(&script).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).expect("chmod");
    let path = format!("{}:/usr/bin:/bin", bin.path().display());
    let mut app = Launch::new(dir.path()).env("PATH", &path).start();
    app.wait_for_text("2026年11月23日");
    app.send(b"p");
    app.wait_for_text("打印预览");
    app.send(b"h");
    let pid = app.pid();
    let start = Instant::now();
    while !(args_file.exists() && zombie_children(pid).is_empty()) {
        assert!(
            start.elapsed() < TIMEOUT,
            "the opener did not run or was not waited for: {:?}",
            zombie_children(pid)
        );
        thread::sleep(Duration::from_millis(50));
    }
    // The page written into the folder the app started in (its private home).
    let page = std::fs::read_to_string(&args_file).expect("the opener ran");
    assert!(page.ends_with("/周程-2026-W48.html"), "{page}");
    assert!(
        Path::new(&page).is_absolute() && Path::new(&page).is_file(),
        "{page}"
    );
    // Now the opener fails: staff are told where the page is.
    std::fs::write(&fail_flag, "").expect("flag");
    app.send(b"ph");
    app.wait_for_text("没能打开浏览器（xdg-open 退出码 3）");
    app.quit();
}
