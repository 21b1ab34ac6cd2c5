//! A lecture of the 微党课 catalogue, or a new one; renaming its id renames
//! the sessions' references to it.

use super::apply::put_entry;
use super::reader::{Reader, to_u16};
use super::{next_id, no_file};
use crate::i18n::Lang;
use crate::model::values::{Group, SpeakerGroup};
use crate::model::{Lecture, Schedule};
use crate::tr;
use crate::tui::form::{Choice, Field, FieldKind, Form};

/// A lecture of the catalogue, or a new one.
pub(super) fn build(s: &Schedule, index: Option<usize>, lang: Lang) -> Result<Form, String> {
    let l = s
        .lectures
        .as_ref()
        .ok_or_else(|| no_file("lectures.ron", lang))?;
    let x = index.and_then(|i| l.catalogue.get(i));
    let id = x.map_or_else(
        || next_id(l.catalogue.iter().map(|x| x.id.as_str()), "L"),
        |x| x.id.clone(),
    );
    let groups = SpeakerGroup::ALL
        .iter()
        .map(|g| Choice::new(g.zh(), lang.pick(g.zh(), g.en())))
        .collect();
    Ok(Form::new(
        if x.is_some() {
            tr!(lang, "修改课程", "Edit lecture")
        } else {
            tr!(lang, "课程目录新增课程", "Add a lecture")
        },
        vec![
            Field::new("id", "编号", "Id", FieldKind::Text)
                .required()
                .text(&id),
            Field::new("title", "题目", "Title", FieldKind::Text)
                .required()
                .text(x.map_or("", |x| &x.title)),
            Field::new("speaker", "主讲人", "Speaker", FieldKind::Text)
                .required()
                .text(x.map_or("", |x| &x.speaker)),
            Field::new(
                "group",
                "主讲人类别",
                "Speaker group",
                FieldKind::Choice(groups),
            )
            .required()
            .choose(Some(
                x.map_or(SpeakerGroup::RetiredLeader, |x| *x.group).zh(),
            )),
            Field::new(
                "minutes",
                "时长(分钟)",
                "Minutes",
                FieldKind::Number { min: 1, max: 300 },
            )
            .required()
            .text(&x.map_or(String::from("30"), |x| x.minutes.to_string())),
            Field::new("summary", "内容简介", "Summary", FieldKind::Text)
                .text(x.and_then(|x| x.summary.as_deref()).unwrap_or("")),
        ],
    ))
}

pub(super) fn apply(r: &mut Reader, index: Option<usize>, next: &mut Schedule) -> Option<String> {
    let l = next.lectures.as_mut()?;
    let old = index.and_then(|i| l.catalogue.get(i)).cloned();
    let o = old.as_ref();
    let id = r.keep("id", o.map(|x| &x.id), |r| r.required_text("id"));
    let title = r.keep("title", o.map(|x| &x.title), |r| r.required_text("title"));
    let speaker = r.keep("speaker", o.map(|x| &x.speaker), |r| {
        r.required_text("speaker")
    });
    let group = r.keep("group", o.map(|x| &x.group), |r| {
        let g = r.required_choice("group")?;
        SpeakerGroup::parse(&g).ok().map(Group)
    });
    let minutes = r.keep("minutes", o.map(|x| &x.minutes), |r| {
        r.number("minutes", true).flatten().map(to_u16)
    });
    let summary = r.keep("summary", o.map(|x| &x.summary), |r| {
        Some(r.f.optional_text("summary"))
    });
    let (Some(id), Some(title), Some(speaker), Some(group), Some(minutes), Some(summary)) =
        (id, title, speaker, group, minutes, summary)
    else {
        return None;
    };
    let label = tr!(r.lang, "课程 {title}", "lecture {title}");
    let lecture = Lecture {
        id: id.clone(),
        title,
        speaker,
        group,
        minutes,
        summary,
    };
    let crate::model::Lectures {
        catalogue,
        sessions,
        ..
    } = l;
    put_entry(
        r,
        catalogue,
        index,
        lecture,
        |x| &x.id,
        |old, new| {
            for x in sessions.iter_mut().filter(|x| x.lecture == old) {
                new.clone_into(&mut x.lecture);
            }
        },
    )?;
    Some(label)
}
