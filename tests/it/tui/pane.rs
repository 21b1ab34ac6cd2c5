//! The detail pane under the calendar: what does not fit is left for the
//! details window with a line saying how much, and a list's heading never
//! stands alone right above that line with its items all below.

use stationcal::i18n::Lang;

use crate::support::{buffer, date, sample_app, text_of};

#[test]
fn no_list_heading_is_left_alone_above_the_more_line() {
    let mut app = sample_app(Lang::Zh);
    let mut cut = 0;
    for (w, h) in [(80, 24), (100, 30), (120, 40)] {
        let mut day = date(2026, 11, 1);
        while day <= date(2026, 12, 31) {
            app.cursor = day;
            for i in 0..app.day(day).len() {
                app.selected = i;
                let shown = text_of(&buffer(w, h, &app));
                let rows: Vec<&str> = shown.lines().collect();
                let Some(at) = rows.iter().position(|r| r.contains("下面还有")) else {
                    continue;
                };
                cut += 1;
                let above = rows[at - 1].trim_end();
                assert!(
                    !above.ends_with([':', '：']),
                    "{w}x{h} {day} #{i}: a heading alone above the cut:\n{}",
                    rows.join("\n")
                );
            }
            day = day.succ_opt().expect("a day in 2026");
        }
    }
    assert!(
        cut > 0,
        "some activity of the sample is too long for the pane"
    );
}
