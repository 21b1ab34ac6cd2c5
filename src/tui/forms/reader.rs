//! Reading a confirmed form's fields, with a message on each wrong one.

use chrono::{NaiveDate, NaiveTime};

use crate::i18n::Lang;
use crate::tr;
use crate::tui::form::{FieldKind, Form};
use crate::tui::typed::{parse_date_input, parse_time_input};

/// Reads the form's values the way the form kinds share. `None` means the
/// field is wrong (and marked); `Some(None)` an optional field left empty.
pub(super) struct Reader<'a> {
    pub f: &'a mut Form,
    pub around: NaiveDate,
    pub lang: Lang,
}

#[allow(clippy::option_option)]
impl Reader<'_> {
    /// Whether the user changed the field `key`.
    pub fn changed(&self, key: &str) -> bool {
        self.f.field_changed(key)
    }

    /// The value of field `key`: `old` exactly, when there is one and the
    /// field is untouched; otherwise what `read` makes of the field. An
    /// untouched field is not checked either: what it held is not the
    /// user's doing.
    pub fn keep<T: Clone>(
        &mut self,
        key: &str,
        old: Option<&T>,
        read: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        match old {
            Some(v) if !self.changed(key) => Some(v.clone()),
            _ => read(self),
        }
    }

    pub fn required_text(&mut self, key: &str) -> Option<String> {
        let t = self.f.text(key);
        if t.is_empty() {
            self.f.set_error(key, tr!(self.lang, "请填写", "required"));
            return None;
        }
        Some(t)
    }

    pub fn date(&mut self, key: &str, required: bool) -> Option<Option<NaiveDate>> {
        let t = self.f.text(key);
        if t.is_empty() {
            if required {
                self.f
                    .set_error(key, tr!(self.lang, "请填写日期", "a date is required"));
                return None;
            }
            return Some(None);
        }
        if let Some(d) = parse_date_input(&t, self.around) {
            Some(Some(d))
        } else {
            self.f.set_error(
                key,
                tr!(
                    self.lang,
                    "看不懂这个日期：请写成 2026-11-25 或 11-25",
                    "not a date: write 2026-11-25 or 11-25"
                ),
            );
            None
        }
    }

    pub fn time(&mut self, key: &str) -> Option<NaiveTime> {
        let parsed = parse_time_input(&self.f.text(key));
        if parsed.is_none() {
            self.f.set_error(
                key,
                tr!(
                    self.lang,
                    "时间应写成 14:00 或 1400（00:00-23:59）",
                    "write times like 14:00 or 1400"
                ),
            );
        }
        parsed
    }

    pub fn times(&mut self) -> Option<(NaiveTime, NaiveTime)> {
        let (start, end) = (self.time("start"), self.time("end"));
        let (start, end) = (start?, end?);
        if end <= start {
            self.f.set_error(
                "end",
                tr!(
                    self.lang,
                    "结束时间应晚于开始时间",
                    "end must be after start"
                ),
            );
            return None;
        }
        Some((start, end))
    }

    pub fn number(&mut self, key: &str, required: bool) -> Option<Option<u32>> {
        let Some(FieldKind::Number { min, max }) = self.f.field(key).map(|f| f.kind.clone()) else {
            return Some(None);
        };
        let t = self.f.text(key);
        if t.is_empty() && !required {
            return Some(None);
        }
        match t.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Some(Some(n)),
            _ => {
                let msg = tr!(
                    self.lang,
                    "应为 {min} 到 {max} 之间的整数",
                    "a whole number from {min} to {max}"
                );
                self.f.set_error(key, msg);
                None
            }
        }
    }

    pub fn required_choice(&mut self, key: &str) -> Option<String> {
        let c = self.f.choice(key);
        if c.is_none() {
            self.f.set_error(
                key,
                tr!(
                    self.lang,
                    "请选择（按空格打开列表）",
                    "choose one (Space opens the list)"
                ),
            );
        }
        c
    }

    pub fn unique_id(&mut self, key: &str, id: &str, taken: bool) -> bool {
        if taken {
            let msg = tr!(
                self.lang,
                "编号 {id} 已被使用，请换一个",
                "id {id} is taken: choose another"
            );
            self.f.set_error(key, msg);
        }
        !taken
    }
}

pub(super) fn to_u16(n: u32) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
