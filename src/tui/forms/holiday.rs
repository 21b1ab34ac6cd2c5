//! The "假期" field of a form whose date a rule put on a statutory day off:
//! skip this date for the holiday, or decide for the whole series. It opens
//! on "decide later", so confirming a form without touching it changes
//! nothing (one Right arrow chooses "skip this date").

use chrono::{Days, NaiveDate};

use super::FormKind;
use crate::i18n::Lang;
use crate::model::recurrence::DateRange;
use crate::model::{Occurrence, OccurrenceKey, Schedule};
use crate::tr;
use crate::tui::form::{Choice, Field, FieldKind};

const HOLIDAY_NONE: &str = "";
const HOLIDAY_SKIP: &str = "skip";
const HOLIDAY_SERIES_SKIP: &str = "series-skip";
const HOLIDAY_SERIES_KEEP: &str = "series-keep";

/// The flagged occurrence a form of `kind` is about, if any.
pub(super) fn flagged(kind: FormKind, s: &Schedule, around: NaiveDate) -> Option<Occurrence> {
    let from = match kind {
        FormKind::Screening { date } => date,
        FormKind::ServiceMonth { month } => month,
        FormKind::Event { index: Some(_) } => around,
        _ => return None,
    };
    let is_it = |k: &OccurrenceKey| match (kind, k) {
        (FormKind::Screening { date }, OccurrenceKey::Screening { date: d }) => date == *d,
        (FormKind::ServiceMonth { month }, OccurrenceKey::ServiceDay { month: m }) => month == *m,
        (FormKind::Event { index: Some(i) }, OccurrenceKey::Event { index, date }) => {
            i == *index && *date == around
        }
        _ => false,
    };
    let range = DateRange::new(from, from + Days::new(40));
    s.occurrences(range)
        .into_iter()
        .find(|o| is_it(&o.key) && o.holiday.is_some())
}

/// The "假期" field: decide later (what it opens on), skip this date for
/// the holiday, or decide for the whole series.
pub(super) fn holiday_field(o: &Occurrence, lang: Lang) -> Field {
    let festival =
        crate::model::holidays::display_name(o.holiday.as_deref().unwrap_or_default(), lang);
    let options = vec![
        Choice::new(
            HOLIDAY_NONE,
            lang.pick(
                "暂不决定（仍标记 假期暂停?）按右键选择",
                "decide later (stays flagged): Right to choose",
            ),
        ),
        Choice::new(
            HOLIDAY_SKIP,
            tr!(
                lang,
                "{festival}放假，这一次暂停",
                "skip this date for {festival}"
            ),
        ),
        Choice::new(
            HOLIDAY_SERIES_SKIP,
            lang.pick(
                "整个系列：遇法定假日都暂停",
                "whole series: skip every day off",
            ),
        ),
        Choice::new(
            HOLIDAY_SERIES_KEEP,
            lang.pick(
                "整个系列：假日照常举行",
                "whole series: hold it on days off too",
            ),
        ),
    ];
    Field::new("holiday", "假期", "Holiday", FieldKind::Choice(options)).choose(Some(HOLIDAY_NONE))
}

/// Carries out the holiday choice of a form on `next`.
pub(super) fn apply_holiday_choice(choice: &str, o: &Occurrence, next: &mut Schedule) {
    use crate::model::holidays::{HolidaySkip, OnHoliday, skip_edit_for};
    let policy = match choice {
        HOLIDAY_SERIES_SKIP => Some(OnHoliday::Skip),
        HOLIDAY_SERIES_KEEP => Some(OnHoliday::Keep),
        HOLIDAY_SKIP => {
            match skip_edit_for(o) {
                Some(HolidaySkip::Screening(skip)) => {
                    if let Some(sc) = next.screenings.as_mut() {
                        sc.set_exception(skip);
                    }
                }
                Some(HolidaySkip::ServiceDay { month, reason }) => {
                    if let Some(sd) = next.service_days.as_mut() {
                        sd.skip_month(month, reason);
                    }
                }
                Some(HolidaySkip::Event { index, date }) => {
                    if let Some(e) = next.events.as_mut().and_then(|ev| ev.events.get_mut(index)) {
                        e.skip_date(date);
                    }
                }
                None => {}
            }
            None
        }
        _ => None,
    };
    if let Some(policy) = policy {
        match o.key {
            OccurrenceKey::Screening { .. } => {
                if let Some(sc) = next.screenings.as_mut() {
                    sc.slot.on_holiday = Some(policy);
                }
            }
            OccurrenceKey::ServiceDay { .. } => {
                if let Some(sd) = next.service_days.as_mut() {
                    sd.rule.on_holiday = Some(policy);
                }
            }
            OccurrenceKey::Event { index, .. } => {
                if let Some(e) = next.events.as_mut().and_then(|ev| ev.events.get_mut(index)) {
                    e.on_holiday = Some(policy);
                }
            }
            OccurrenceKey::Session { .. } => {}
        }
    }
}
