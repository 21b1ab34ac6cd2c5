//! Holiday marks in the views: 休 / 班 with the festival's name, the flag on
//! an activity a rule put on a day off, and the note for a year whose
//! holidays are not announced yet.

use ratatui::style::{Color, Modifier, Style};

use crate::i18n::Lang;
use crate::model::Occurrence;
use crate::model::holidays::{DayKind, HolidayMark};
use crate::tr;
use crate::tui::text;

/// 休: red, like the day-off marks of a printed Chinese calendar.
pub fn off_style() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

/// 班: blue, set apart from both 休 and ordinary text.
pub fn work_style() -> Style {
    Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD)
}

pub fn mark_style(m: &HolidayMark) -> Style {
    match m.kind {
        DayKind::Off => off_style(),
        DayKind::Work => work_style(),
    }
}

/// The flag on an activity that staff still have to decide about.
pub fn flag_style() -> Style {
    Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// `休 国庆节` / `班 春节`, within `w` columns (the short name when the
/// full one does not fit).
pub fn mark_text(m: &HolidayMark, lang: Lang, w: usize) -> String {
    let full = format!("{} {}", m.label(lang), m.name(lang));
    if text::width(&full) <= w {
        return text::shown(&full).into_owned();
    }
    text::ellipsize(&format!("{} {}", m.label(lang), m.short(lang)), w)
}

/// `2027年节假日安排尚未公布` / `2027 holidays not yet announced`.
pub fn unannounced_note(year: i32, lang: Lang) -> String {
    tr!(
        lang,
        "{year}年节假日安排尚未公布",
        "{year} holidays not yet announced"
    )
}

/// `假期暂停?` / `holiday?` for an activity a rule put on a day off.
pub fn flag_word(lang: Lang) -> &'static str {
    lang.pick("假期暂停?", "holiday?")
}

/// The sentence for the detail pane and window: what the flag means.
pub fn flag_sentence(o: &Occurrence, lang: Lang) -> Option<String> {
    let festival = o.holiday.as_deref()?;
    let name = crate::model::holidays::display_name(festival, lang);
    Some(tr!(
        lang,
        "假期暂停?  {}是{name}假期，还没有决定是否暂停（在文件中写 Skip 或 on_holiday）",
        "holiday?  {} is a day off for {name}; not decided yet (write Skip or on_holiday in the file)",
        super::style::short_date(o.date, lang)
    ))
}

/// A day's mark for the day line of the pane: `休 国庆节`.
pub fn day_suffix(marks: Option<&HolidayMark>, lang: Lang) -> Option<String> {
    marks.map(|m| format!("{} {}", m.label(lang), m.name(lang)))
}

/// The selected day with its mark: `2026年10月1日 周四  休 国庆节`.
pub fn day_line(app: &crate::tui::app::App) -> String {
    let mut day = super::style::long_date(app.cursor, app.lang);
    if let Some(m) = day_suffix(app.schedule.holidays.mark(app.cursor), app.lang) {
        day.push_str("  ");
        day.push_str(&m);
    }
    day
}
