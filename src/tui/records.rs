//! Records in the app: `r` opens the record form of an activity held (today
//! or before), the views mark activities recorded (`#`) or held and still
//! to record (`*`), and the filter can show only those still to record in
//! the last [`AWAITING_DAYS`] days (待补记录).

use chrono::Days;

use super::app::App;
use super::dialogs::form::FormDialog;
use super::forms::{FormKind, RecordKey};
use crate::model::Occurrence;
use crate::model::records::{Record, awaits_record};
use crate::tr;

/// How far back the 待补记录 filter looks.
pub const AWAITING_DAYS: u64 = 30;

/// The mark of an activity with its record written (attendance known).
pub const RECORDED: char = '#';
/// The mark of an activity held before today with no record yet.
pub const TO_RECORD: char = '*';

impl App {
    /// `#` recorded, `*` still to record (see [`App::is_awaiting`]);
    /// `None` for the rest.
    pub fn record_mark(&self, o: &Occurrence) -> Option<char> {
        let s = self.schedule_of(o.site);
        if s.record_of(o).is_some_and(Record::is_complete) {
            Some(RECORDED)
        } else {
            self.is_awaiting(o).then_some(TO_RECORD)
        }
    }

    /// 待补记录: held in the last [`AWAITING_DAYS`] days before today
    /// (today's may not have happened yet) and not recorded. Older ones
    /// are not pressed for: a station that starts keeping records today
    /// is not shown a year of marks.
    pub fn is_awaiting(&self, o: &Occurrence) -> bool {
        let since = self
            .today
            .checked_sub_days(Days::new(AWAITING_DAYS))
            .unwrap_or(self.today);
        o.date < self.today
            && o.date >= since
            && awaits_record(self.schedule_of(o.site), o, self.today)
    }

    /// What the 待补记录 filter lets through.
    pub(crate) fn passes_record_filter(&self, o: &Occurrence) -> bool {
        !self.awaiting_only || self.is_awaiting(o)
    }

    /// `r`: the record form of the selected activity, when it was held.
    pub fn open_record(&mut self) {
        if self.read_only_refusal() || self.refuse_other_site() {
            return;
        }
        let Some(o) = self.selected_occurrence() else {
            self.status = Some(tr!(
                self.lang,
                "请先选中一项已经举办的活动",
                "select an activity that was held first"
            ));
            return;
        };
        let (key, date, skipped) = (RecordKey::from(&o.key), o.date, o.is_skipped());
        if date > self.today {
            self.status = Some(tr!(
                self.lang,
                "活动还没有举办：报名人数可以在活动当天或之后一起记录",
                "this activity has not been held yet: record it on the day or after"
            ));
            return;
        }
        if skipped {
            self.status = Some(tr!(
                self.lang,
                "这一次暂停了，没有可记录的",
                "this one was skipped: nothing to record"
            ));
            return;
        }
        FormDialog::open(self, FormKind::Record { key, date });
    }
}
