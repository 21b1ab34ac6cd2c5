//! An activity's record in its details: what was recorded, or that it is
//! still to record (and the key that records it); before the activity,
//! the sign-ups against its seats (余位).

use ratatui::text::{Line, Span};

use super::style;
use crate::model::Occurrence;
use crate::model::records::seats_left;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::App;

pub fn lines(app: &App, o: &Occurrence) -> Vec<Line<'static>> {
    let lang = app.lang;
    let s = app.schedule_of(o.site);
    let field = |zh: &str, en: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{}: ", lang.pick(zh, en)), style::dim()),
            Span::raw(value),
        ])
    };
    let key = app.keymap.label(Action::Record);
    let mut out = Vec::new();
    let record = s.record_of(o);
    if o.date > app.today {
        if let (Some(r), Some(left)) = (record.and_then(|r| r.signed_up), seats_left(s, o)) {
            out.push(field(
                "报名",
                "Signed up",
                tr!(lang, "{r} 人，余位 {left}", "{r}, {left} seats left"),
            ));
        }
        return out;
    }
    match record {
        Some(r) => {
            let mut facts = Vec::new();
            if let Some(n) = r.attended {
                facts.push(tr!(lang, "实到 {n} 人", "{n} attended"));
            }
            if let Some(n) = r.signed_up {
                facts.push(tr!(lang, "报名 {n} 人", "{n} signed up"));
            }
            if let Some(who) = &r.recorded_by {
                facts.push(tr!(lang, "记录人 {who}", "by {who}"));
            }
            if !r.photos.is_empty() {
                let n = r.photos.len();
                facts.push(tr!(lang, "照片 {n} 张", "{n} photo(s)"));
            }
            let mark = if r.is_complete() {
                crate::tui::records::RECORDED.to_string()
            } else {
                crate::tui::records::TO_RECORD.to_string()
            };
            out.push(field(
                "记录",
                "Record",
                format!("{mark} {}", facts.join(lang.pick("，", ", "))),
            ));
            if !r.served.is_empty() {
                let sep = lang.pick("、", ", ");
                let served: Vec<String> = r
                    .served
                    .iter()
                    .map(|x| format!("{} {}", x.service, x.people))
                    .collect();
                out.push(field("服务人次", "Served", served.join(sep)));
            }
            if let Some(summary) = &r.summary {
                out.push(field("小结", "Summary", summary.clone()));
            }
        }
        None if app.is_awaiting(o) => out.push(field(
            "记录",
            "Record",
            tr!(
                lang,
                "{} 待补记录：按 {key} 记录",
                "{} not recorded yet: {key} records it",
                crate::tui::records::TO_RECORD
            ),
        )),
        None => {}
    }
    out
}
