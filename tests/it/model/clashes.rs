//! Room and speaker clashes are reported as groups of overlapping
//! activities, found in time and memory that grow with the activities, not
//! with the pairs of them; each group is exactly a connected set of pairwise
//! clashes.

use crate::support;

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;
use stationcal::i18n::Lang;
use stationcal::model::conflicts::{self, Clash};
use stationcal::model::occurrence::{Detail, Occurrence, OccurrenceKey, Programme, Status};
use stationcal::model::validate::Part;

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

fn minutes(m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(m / 60, m % 60, 0).expect("time")
}

/// An activity: one-off events, or lectures when there is a speaker.
fn activity(
    index: usize,
    day: u32,
    span: (u32, u32),
    room: Option<&str>,
    site: u16,
    speaker: Option<&str>,
    skipped: bool,
) -> Occurrence {
    let detail = match speaker {
        Some(s) => Detail::Lecture {
            lecture_id: "L01".into(),
            speaker: Some(s.into()),
            group: None,
            minutes: None,
            summary: None,
            seats: None,
            series: String::new(),
        },
        None => Detail::Event {
            place: None,
            organiser: None,
            note: None,
            repeats: false,
        },
    };
    Occurrence {
        date: date(day),
        start: minutes(span.0),
        end: minutes(span.1),
        programme: if speaker.is_some() {
            Programme::Lecture
        } else {
            Programme::Event
        },
        title: Some(format!("活动{index}")),
        room: room.map(str::to_owned),
        status: if skipped {
            Status::Skipped("暂停".into())
        } else {
            Status::Scheduled
        },
        key: OccurrenceKey::Event {
            index,
            date: date(day),
        },
        detail,
        holiday: None,
        site,
    }
}

#[test]
fn ten_thousand_activities_in_one_room_at_one_hour_are_one_group_and_every_one_is_marked() {
    let n = 10_000;
    let all: Vec<Occurrence> = (0..n)
        .map(|i| {
            activity(
                i,
                27,
                (19 * 60, 20 * 60),
                Some("党员活动室"),
                0,
                None,
                false,
            )
        })
        .collect();
    let found = conflicts::find(&all);
    assert_eq!(found.groups().len(), 1);
    let g = &found.groups()[0];
    assert_eq!(g.clash, Clash::Room("党员活动室".into()));
    assert_eq!(g.members.len(), n);
    assert!(all.iter().all(|o| found.involves(o)));
    assert!(all.iter().all(|o| found.groups_of(o).count() == 1));
}

/// The app with `n` events in one room at one hour on Friday 2026-11-27.
fn crowded_app(n: usize, lang: Lang) -> stationcal::tui::app::App {
    let station =
        "Station(name: \"站\", rooms: [Room(name: \"党员活动室\", seats: 40)])".to_owned();
    let mut events = String::from("Events(events: [\n");
    for i in 0..n {
        events.push_str(&format!(
            "    Event(id: \"C{i}\", title: \"同一时间{i}\", date: \"2026-11-27\", start: \"19:00\", end: \"20:00\", room: \"党员活动室\"),\n"
        ));
    }
    events.push_str("])\n");
    support::app_on_texts(
        vec![(Part::Station, station), (Part::Events, events)],
        support::date(2026, 11, 27),
        lang,
    )
}

#[test]
fn in_the_app_every_crowded_activity_is_marked_and_its_note_names_three_and_counts_the_rest() {
    let app = crowded_app(500, Lang::Zh);
    let day = app.day(support::date(2026, 11, 27));
    assert_eq!(day.len(), 500);
    assert!(day.iter().all(|o| app.in_conflict(o)));
    // The others named are the next three in the day's order.
    let names: Vec<&str> = day[1..4]
        .iter()
        .map(|o| o.title.as_deref().unwrap_or(""))
        .collect();
    let note = app.conflict_note(day[0]).expect("a note");
    assert_eq!(
        note,
        format!(
            "冲突：与 {} 及另外 496 项 同时使用 党员活动室",
            names.join("、")
        )
    );
    let app = crowded_app(3, Lang::En);
    let day = app.day(support::date(2026, 11, 27));
    let note = app.conflict_note(day[2]).expect("a note");
    assert_eq!(
        note,
        "conflict: 党员活动室 is also booked for 同一时间0, 同一时间1"
    );
}

#[test]
fn a_chain_of_overlaps_is_one_group_and_touching_ends_do_not_clash() {
    let all = vec![
        activity(0, 27, (540, 600), Some("A"), 0, None, false),
        activity(1, 27, (570, 630), Some("A"), 0, None, false),
        activity(2, 27, (615, 660), Some("A"), 0, None, false),
        // Starts when the chain ends: no clash.
        activity(3, 27, (660, 720), Some("A"), 0, None, false),
        // Same time, other room, other site's room of the same name.
        activity(4, 27, (540, 600), Some("B"), 0, None, false),
        activity(5, 27, (540, 600), Some("A"), 1, None, false),
        // Skipped: takes no room.
        activity(6, 27, (540, 600), Some("A"), 1, None, true),
    ];
    let found = conflicts::find(&all);
    assert_eq!(found.groups().len(), 1, "{:#?}", found.groups());
    let keys: Vec<&OccurrenceKey> = found.groups()[0].members.iter().map(|m| &m.key).collect();
    assert_eq!(keys, [&all[0].key, &all[1].key, &all[2].key]);
    let marked: Vec<bool> = all.iter().map(|o| found.involves(o)).collect();
    assert_eq!(marked, [true, true, true, false, false, false, false]);
}

#[test]
fn a_speaker_clashes_across_sites_and_gets_a_second_group() {
    let all = vec![
        activity(0, 27, (540, 600), Some("A"), 0, Some("顾建华"), false),
        activity(1, 27, (570, 630), Some("A"), 3, Some("顾建华"), false),
        activity(2, 27, (570, 630), Some("A"), 0, None, false),
    ];
    let found = conflicts::find(&all);
    let clashes: Vec<&Clash> = found.groups_of(&all[0]).map(|g| &g.clash).collect();
    assert_eq!(
        clashes,
        [&Clash::Room("A".into()), &Clash::Speaker("顾建华".into())]
    );
    let speaker = found
        .groups()
        .iter()
        .find(|g| matches!(g.clash, Clash::Speaker(_)))
        .expect("a speaker group");
    assert!(speaker.across_sites());
}

/// What two activities share, in the pairwise definition.
fn shared(a: &Occurrence, b: &Occurrence) -> Vec<Clash> {
    let mut v = Vec::new();
    if let (Some(x), Some(y)) = (&a.room, &b.room)
        && x == y
        && a.site == b.site
    {
        v.push(Clash::Room(x.clone()));
    }
    if let (Some(x), Some(y)) = (a.speaker(), b.speaker())
        && x == y
    {
        v.push(Clash::Speaker(x.to_owned()));
    }
    v
}

fn root(p: &[usize], mut x: usize) -> usize {
    while p[x] != x {
        x = p[x];
    }
    x
}

/// The groups by the definition: connected sets of pairwise clashes.
fn reference(all: &[Occurrence]) -> BTreeSet<(NaiveDate, String, BTreeSet<usize>)> {
    let live = |o: &Occurrence| !o.is_skipped() && o.start < o.end;
    let mut edges: HashMap<(NaiveDate, String), Vec<(usize, usize)>> = HashMap::new();
    for i in 0..all.len() {
        for j in i + 1..all.len() {
            let (a, b) = (&all[i], &all[j]);
            if live(a) && live(b) && a.date == b.date && a.start < b.end && b.start < a.end {
                for c in shared(a, b) {
                    edges
                        .entry((a.date, format!("{c:?}")))
                        .or_default()
                        .push((i, j));
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    for ((d, c), es) in edges {
        // Union-find over the pairs of this date and clash.
        let mut parent: Vec<usize> = (0..all.len()).collect();
        for (i, j) in &es {
            let (ri, rj) = (root(&parent, *i), root(&parent, *j));
            parent[ri] = rj;
        }
        let mut comps: HashMap<usize, BTreeSet<usize>> = HashMap::new();
        for (i, j) in es {
            for x in [i, j] {
                let r = root(&parent, x);
                comps.entry(r).or_default().insert(x);
            }
        }
        for (_, members) in comps {
            out.insert((d, c.clone(), members));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn groups_are_exactly_the_connected_pairwise_clashes(
        raw in prop::collection::vec(
            (0u32..2, 0u32..12, 0u32..6, 0usize..3, 0u16..2, 0usize..3, prop::bool::weighted(0.1)),
            0..14,
        )
    ) {
        let rooms = [Some("A"), Some("B"), None];
        let speakers = [Some("X"), Some("Y"), None];
        let mut all: Vec<Occurrence> = raw
            .iter()
            .enumerate()
            .map(|(i, &(d, s, len, r, site, sp, skipped))| {
                let start = 480 + s * 15;
                activity(i, 26 + d, (start, start + len * 15), rooms[r], site, speakers[sp], skipped)
            })
            .collect();
        all.sort_by_key(|o| o.date);
        let index_of: HashMap<OccurrenceKey, usize> =
            all.iter().enumerate().map(|(i, o)| (o.key.clone(), i)).collect();
        let found = conflicts::find(&all);
        let got: BTreeSet<(NaiveDate, String, BTreeSet<usize>)> = found
            .groups()
            .iter()
            .map(|g| {
                let members = g.members.iter().map(|m| index_of[&m.key]).collect();
                (g.date, format!("{:?}", g.clash), members)
            })
            .collect();
        let want = reference(&all);
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(got.len(), found.groups().len(), "no group twice");
        for (i, o) in all.iter().enumerate() {
            let clashes = want.iter().any(|(_, _, m)| m.contains(&i));
            prop_assert_eq!(found.involves(o), clashes, "{:?}", o.key);
        }
    }
}
