//! Any text and any list items (separators, quotes, spaces, blank items)
//! survive a change of another field of their form, and a list edited by
//! keys changes only the item edited.

use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stationcal::i18n::Lang;
use stationcal::model::Schedule;
use stationcal::model::values::Time;
use stationcal::tui::form::Form;
use stationcal::tui::forms::{EditForm, FormKind, apply, build};

use crate::support::{date, sample_app};

/// Text as staff write it, with what a join-and-split or a trim would break.
fn text() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec![
        '测', '血', '压', '糖', '理', '发', '、', ',', '，', ';', '；', ' ', '　', '"', '\\', '/',
        '|', 'a', '1',
    ]);
    prop::collection::vec(chars, 0..8).prop_map(|v| v.into_iter().collect())
}

fn items() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..5)
}

/// The bundled sample, read once.
fn sample() -> Schedule {
    static SAMPLE: std::sync::OnceLock<Schedule> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| sample_app(Lang::Zh).schedule).clone()
}

fn press(form: &mut Form, code: KeyCode) {
    form.handle_key(
        &KeyEvent::new(code, KeyModifiers::NONE),
        &stationcal::tui::keymap::Keymap::default_keys(),
    );
}

fn type_text(form: &mut Form, s: &str) {
    for c in s.chars() {
        press(form, KeyCode::Char(c));
    }
}

fn focus(form: &mut Form, key: &str) {
    for _ in 0..form.fields.len() {
        if form.fields.get(form.focus).is_some_and(|f| f.key == key) {
            return;
        }
        press(form, KeyCode::Tab);
    }
    panic!("no field {key}");
}

/// Every field and list item visited, nothing typed.
fn walk(form: &mut Form) {
    let rows: usize = form
        .fields
        .iter()
        .map(|f| if f.is_list() { f.list.rows() } else { 1 })
        .sum();
    for _ in 0..rows {
        press(form, KeyCode::Down);
    }
    for _ in 0..rows {
        press(form, KeyCode::Up);
    }
}

fn retype(form: &mut Form, key: &str, s: &str) {
    focus(form, key);
    form.handle_key(
        &KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        &stationcal::tui::keymap::Keymap::default_keys(),
    );
    type_text(form, s);
}

fn applied(ef: &mut EditForm, s: &Schedule) -> Schedule {
    apply(ef, s, Lang::Zh)
        .unwrap_or_else(|| panic!("refused: {:?}", ef.form.fields))
        .0
}

const MARCH: (i32, u32) = (2027, 3);

fn month(s: &mut Schedule) -> &mut stationcal::model::MonthEntry {
    let first = date(MARCH.0, MARCH.1, 1);
    s.service_days
        .as_mut()
        .and_then(|sd| sd.months.iter_mut().find(|m| *m.month == first))
        .expect("the sample has March")
}

fn march_form(s: &Schedule) -> EditForm {
    let first = date(MARCH.0, MARCH.1, 1);
    build(FormKind::ServiceMonth { month: first }, s, first, Lang::Zh).expect("form")
}

fn at(h: u32, m: u32) -> Time {
    Time(NaiveTime::from_hms_opt(h, m, 0).expect("time"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_month_keeps_any_theme_services_and_partners(
        theme in text(),
        services in items(),
        partners in items(),
    ) {
        let mut s = sample();
        let m = month(&mut s);
        m.theme.clone_from(&theme);
        m.services.clone_from(&services);
        m.partners.clone_from(&partners);
        let mut ef = march_form(&s);
        prop_assert_eq!(ef.form.list("services"), services.clone());
        walk(&mut ef.form);
        prop_assert!(!ef.form.changed());
        prop_assert!(applied(&mut ef.clone(), &s) == s);
        retype(&mut ef.form, "start", "0815");
        let mut expected = s.clone();
        month(&mut expected).start = Some(at(8, 15));
        prop_assert!(applied(&mut ef, &s) == expected);
    }

    #[test]
    fn one_item_edited_by_keys_changes_only_that_item(
        services in prop::collection::vec(text(), 1..5),
        pick in any::<prop::sample::Index>(),
        remove in any::<bool>(),
    ) {
        let mut s = sample();
        month(&mut s).services.clone_from(&services);
        let mut ef = march_form(&s);
        let k = pick.index(services.len());
        focus(&mut ef.form, "services");
        for _ in 0..k {
            press(&mut ef.form, KeyCode::Down);
        }
        let mut expected = s.clone();
        if remove {
            ef.form.handle_key(&KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL), &stationcal::tui::keymap::Keymap::default_keys());
            month(&mut expected).services.remove(k);
        } else {
            press(&mut ef.form, KeyCode::End);
            type_text(&mut ef.form, "、尿酸");
            let edited = format!("{}、尿酸", services[k]).trim().to_owned();
            month(&mut expected).services[k] = edited;
        }
        // Leaving the list does not touch it further.
        press(&mut ef.form, KeyCode::Tab);
        prop_assert!(applied(&mut ef, &s) == expected);
    }

    #[test]
    fn a_film_keeps_any_title_and_note(title in text(), note in prop::option::of(text())) {
        let mut s = sample();
        let film = &mut s.screenings.as_mut().expect("screenings").films[0];
        film.title.clone_from(&title);
        film.note.clone_from(&note);
        let mut ef = build(FormKind::Film { index: Some(0) }, &s, date(2026, 11, 27), Lang::Zh)
            .expect("form");
        walk(&mut ef.form);
        prop_assert!(applied(&mut ef.clone(), &s) == s);
        retype(&mut ef.form, "minutes", "99");
        let mut expected = s.clone();
        expected.screenings.as_mut().expect("screenings").films[0].minutes = 99;
        prop_assert!(applied(&mut ef, &s) == expected);
    }

    #[test]
    fn an_event_keeps_any_texts(
        title in text(),
        place in prop::option::of(text()),
        organiser in prop::option::of(text()),
        note in prop::option::of(text()),
    ) {
        let mut s = sample();
        let e = &mut s.events.as_mut().expect("events").events[0];
        e.title.clone_from(&title);
        e.place.clone_from(&place);
        e.organiser.clone_from(&organiser);
        e.note.clone_from(&note);
        let around: NaiveDate = *e.date;
        let mut ef = build(FormKind::Event { index: Some(0) }, &s, around, Lang::Zh)
            .expect("form");
        walk(&mut ef.form);
        prop_assert!(applied(&mut ef.clone(), &s) == s);
        retype(&mut ef.form, "end", "2115");
        let mut expected = s.clone();
        expected.events.as_mut().expect("events").events[0].end = at(21, 15);
        prop_assert!(applied(&mut ef, &s) == expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The record form (`records.ron`) gives back any texts and list
    /// items it did not change, like every other form.
    #[test]
    fn a_record_keeps_any_texts(
        recorded_by in prop::option::of(text()),
        summary in prop::option::of(text()),
        photos in items(),
        services in items(),
    ) {
        use stationcal::tui::forms::RecordKey;
        use stationcal::model::records::{ActivityRef, Served};
        let day = date(2026, 11, 21);
        let mut s = sample();
        let records = s.records.as_mut().expect("records");
        let i = records.find(day, &ActivityRef::ServiceDay).expect("the 11-21 record").0;
        let r = &mut records.records[i];
        r.recorded_by.clone_from(&recorded_by);
        r.summary.clone_from(&summary);
        r.photos.clone_from(&photos);
        r.served = services
            .iter()
            .enumerate()
            .map(|(n, service)| Served { service: service.clone(), people: n as u32 })
            .collect();
        let kind = FormKind::Record { key: RecordKey::ServiceDay(date(2026, 11, 1)), date: day };
        let mut ef = build(kind, &s, day, Lang::Zh).expect("form");
        walk(&mut ef.form);
        prop_assert!(applied(&mut ef.clone(), &s) == s);
        retype(&mut ef.form, "attended", "70");
        let mut expected = s.clone();
        expected.records.as_mut().expect("records").records[i].attended = Some(70);
        prop_assert!(applied(&mut ef, &s) == expected);
    }
}
