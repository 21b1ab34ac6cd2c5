//! Printed sheets carry the holiday calendar: 休 and 班 days with the
//! festival, a rule's date on a day off as "假期暂停?", and years whose
//! holidays are not announced yet (said once a sheet).

use chrono::NaiveDate;
use stationcal::i18n::Lang;
use stationcal::model::recurrence::DateRange;
use stationcal::model::validate::Part;
use stationcal::print;
use stationcal::store::{load_texts, sample};

use crate::support::{self, date as day};

fn sheet_text(texts: Vec<(Part, String)>, week_of: NaiveDate) -> String {
    let loaded = load_texts(texts);
    let sheet = print::week_sheet(
        &loaded.schedule,
        DateRange::week_of(week_of),
        day(2026, 9, 20),
        Lang::Zh,
    );
    print::text::render(&sheet, None)
}

#[test]
fn guoqing_days_off_and_the_working_saturday_are_marked() {
    let text = sheet_text(sample::texts(), day(2026, 10, 7));
    assert!(text.contains("10月7日 周三  休 国庆节"), "{text}");
    assert!(text.contains("10月10日 周六  班 国庆节"), "{text}");
    assert!(
        text.contains("10月8日 周四\n"),
        "an ordinary day has no mark:\n{text}"
    );
}

#[test]
fn a_screening_left_on_a_day_off_prints_as_undecided() {
    let texts = support::sample_texts_without(Part::Screenings, "Skip(date: \"2026-10-07\"");
    let text = sheet_text(texts, day(2026, 10, 7));
    let wednesday = text
        .split("10月7日 周三")
        .nth(1)
        .expect("the day")
        .split("10月8日")
        .next()
        .expect("until the next day");
    assert!(wednesday.contains("假期暂停?（国庆节）"), "{wednesday}");
    let html = {
        let loaded = load_texts(sample::texts());
        print::html::render(&print::week_sheet(
            &loaded.schedule,
            DateRange::week_of(day(2026, 10, 7)),
            day(2026, 9, 20),
            Lang::Zh,
        ))
    };
    assert!(html.contains("<span class=\"hol\">休 国庆节</span>"));
}

/// Said once under the dates, not on each of the seven days (the chat
/// group read it seven times a week).
#[test]
fn an_unannounced_year_says_so_once() {
    let text = sheet_text(sample::texts(), day(2027, 3, 3));
    assert_eq!(text.matches("尚未公布").count(), 1, "{text}");
    assert!(
        text.contains("2027年3月1日至7日\n（2027年节假日安排尚未公布）\n"),
        "{text}"
    );
    assert!(text.contains("\n3月3日 周三\n"), "{text}");
}
