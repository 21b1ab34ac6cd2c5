//! A film of the catalogue (片单), or a new one; renaming its id renames
//! the programme's references to it.

use super::apply::put_entry;
use super::reader::{Reader, to_u16};
use super::{next_id, no_file};
use crate::i18n::Lang;
use crate::model::{Film, Schedule, Screenings};
use crate::tr;
use crate::tui::form::{Field, FieldKind, Form};

/// A film of the catalogue, or a new one.
pub(super) fn build(s: &Schedule, index: Option<usize>, lang: Lang) -> Result<Form, String> {
    let sc = s
        .screenings
        .as_ref()
        .ok_or_else(|| no_file("screenings.ron", lang))?;
    let f = index.and_then(|i| sc.films.get(i));
    let id = f.map_or_else(
        || next_id(sc.films.iter().map(|f| f.id.as_str()), "F"),
        |f| f.id.clone(),
    );
    Ok(Form::new(
        if f.is_some() {
            tr!(lang, "修改影片", "Edit film")
        } else {
            tr!(lang, "片单新增影片", "Add a film")
        },
        vec![
            Field::new("id", "编号", "Id", FieldKind::Text)
                .required()
                .text(&id),
            Field::new("title", "片名", "Title", FieldKind::Text)
                .required()
                .text(f.map_or("", |f| &f.title)),
            Field::new(
                "year",
                "年份",
                "Year",
                FieldKind::Number {
                    min: 1900,
                    max: 2100,
                },
            )
            .required()
            .text(&f.map_or(String::new(), |f| f.year.to_string())),
            Field::new(
                "minutes",
                "片长(分钟)",
                "Minutes",
                FieldKind::Number { min: 1, max: 600 },
            )
            .required()
            .text(&f.map_or(String::new(), |f| f.minutes.to_string())),
            Field::new("note", "简介", "Note", FieldKind::Text)
                .text(f.and_then(|f| f.note.as_deref()).unwrap_or("")),
        ],
    ))
}

pub(super) fn apply(r: &mut Reader, index: Option<usize>, next: &mut Schedule) -> Option<String> {
    let sc = next.screenings.as_mut()?;
    let old = index.and_then(|i| sc.films.get(i)).cloned();
    let o = old.as_ref();
    let id = r.keep("id", o.map(|f| &f.id), |r| r.required_text("id"));
    let title = r.keep("title", o.map(|f| &f.title), |r| r.required_text("title"));
    let year = r.keep("year", o.map(|f| &f.year), |r| {
        r.number("year", true).flatten().map(to_u16)
    });
    let minutes = r.keep("minutes", o.map(|f| &f.minutes), |r| {
        r.number("minutes", true).flatten().map(to_u16)
    });
    let note = r.keep("note", o.map(|f| &f.note), |r| {
        Some(r.f.optional_text("note"))
    });
    let (Some(id), Some(title), Some(year), Some(minutes), Some(note)) =
        (id, title, year, minutes, note)
    else {
        return None;
    };
    let label = tr!(r.lang, "影片 {title}", "film {title}");
    let film = Film {
        id: id.clone(),
        title,
        year,
        minutes,
        note,
    };
    let Screenings {
        films, programme, ..
    } = sc;
    put_entry(
        r,
        films,
        index,
        film,
        |f| &f.id,
        |old, new| {
            for p in programme.iter_mut().filter(|p| p.film == old) {
                new.clone_into(&mut p.film);
            }
        },
    )?;
    Some(label)
}
