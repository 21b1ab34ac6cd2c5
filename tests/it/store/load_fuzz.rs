//! No file content makes loading panic: random byte-level mutations and
//! truncations of every sample file always give a schedule or positioned
//! problems, never a crash.

use proptest::prelude::*;
use stationcal::model::validate::Part;
use stationcal::store::{load_texts, sample};

/// Bytes RON and staff typing are most likely to get wrong.
const INTERESTING: &[&[u8]] = &[
    b"(",
    b")",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"/*",
    b"//",
    b"r#\"",
    b"\\",
    b"-",
    b"9",
    b"\n",
    b" ",
    "，".as_bytes(),
    "：".as_bytes(),
    "（".as_bytes(),
    "“".as_bytes(),
    "周".as_bytes(),
    "、".as_bytes(),
    "\u{3000}".as_bytes(),
    "【".as_bytes(),
    "”".as_bytes(),
    b"seets",
    b"\xff",
    b"\xe5",
];

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, usize),
    Replace(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..8).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 0..INTERESTING.len()).prop_map(|(a, i)| Mutation::Insert(a, i)),
        (any::<usize>(), 0..INTERESTING.len()).prop_map(|(a, i)| Mutation::Replace(a, i)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match *m {
        Mutation::Truncate(at) => bytes.truncate(at % len),
        Mutation::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Insert(at, i) => {
            let at = (at % len).min(bytes.len());
            bytes.splice(at..at, INTERESTING[i].iter().copied());
        }
        Mutation::Replace(at, i) => {
            let at = at % len;
            if at < bytes.len() {
                bytes.splice(at..=at, INTERESTING[i].iter().copied());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mutated_files_load_or_report_with_positions(which in 0usize..5, edits in prop::collection::vec(mutation(), 1..6)) {
        let mut texts = sample::texts();
        let (part, text) = texts[which].clone();
        let mut bytes = text.into_bytes();
        for m in &edits {
            apply(&mut bytes, m);
        }
        let Ok(text) = stationcal::store::load::decode(bytes) else {
            // Not UTF-8: the folder loader names it; nothing more to parse.
            return Ok(());
        };
        texts[which] = (part, text.clone());
        let loaded = load_texts(texts);
        for d in &loaded.diagnostics {
            // Every problem is either about the whole file or has a real position.
            prop_assert!(d.line == 0 || d.line <= text.lines().count().max(1) || d.file != part.file_name(), "{d:?}");
            let _ = d.render(stationcal::i18n::Lang::Zh);
            let _ = d.render(stationcal::i18n::Lang::En);
            if d.cause.is_unreadable_text() {
                prop_assert!(d.line >= 1, "{d:?}");
            }
        }
        let parsed = match part {
            Part::Station => !loaded.schedule.station.name.is_empty(),
            Part::Screenings => loaded.schedule.screenings.is_some(),
            Part::ServiceDays => loaded.schedule.service_days.is_some(),
            Part::Lectures => loaded.schedule.lectures.is_some(),
            Part::Events => loaded.schedule.events.is_some(),
            Part::Records => loaded.schedule.records.is_some(),
            // Not one of the sample's files.
            Part::Holidays => true,
        };
        let about_this_file = loaded.diagnostics.iter().any(|d| d.file == part.file_name());
        prop_assert!(parsed || about_this_file, "a file that did not load must be reported");
        // The other files always load.
        for (p, ok) in [
            (Part::Screenings, loaded.schedule.screenings.is_some()),
            (Part::Lectures, loaded.schedule.lectures.is_some()),
        ] {
            if p != part {
                prop_assert!(ok, "{p:?} should still load");
            }
        }
        // Expanding a year of the result never panics either.
        let year = stationcal::model::recurrence::DateRange::new(
            chrono::NaiveDate::from_ymd_opt(2026, 9, 1).expect("date"),
            chrono::NaiveDate::from_ymd_opt(2027, 8, 31).expect("date"),
        );
        let _ = loaded.schedule.occurrences(year);
    }
}
