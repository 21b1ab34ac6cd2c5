//! What changed between two versions of one file's value, entry by entry,
//! and putting one entry (or the whole value) back as it was: the history
//! view's "who changed what" and its restore.
//!
//! Entries are matched by the identity the three-way merge uses
//! ([`super::merge::identity`]: `id`, `month`, `name`, a session's lecture
//! and time, or `date`), so a film whose title changed is one change of
//! `films[F03]`, not a deletion and an addition.

use std::collections::HashMap;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::merge::{identity, keyed};

/// One step of the way to an entry: a field, or a list entry by identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    Field(String),
    Entry(String),
}

/// One entry (or plain field) that differs between two versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Where, as the merge names it: `films[F03]`, `weekly.start`.
    pub path: String,
    pub route: Vec<Route>,
    /// `None`: not there (added in `after`).
    pub before: Option<Value>,
    /// `None`: not there (deleted in `after`).
    pub after: Option<Value>,
}

impl Change {
    /// Whether this change is about the entry named `key` (an id such as
    /// `L15`, a date such as `2026-12-30`, or a month `2026-12`): one of
    /// its steps names it, or (for entries identified otherwise) either
    /// side's value mentions it.
    pub fn concerns(&self, key: &str) -> bool {
        let named = self.route.iter().any(|r| match r {
            Route::Entry(id) => id.split_once('=').is_some_and(|(_, v)| names(v, key)),
            Route::Field(_) => false,
        });
        named
            || [&self.before, &self.after]
                .into_iter()
                .flatten()
                .any(|v| mentions(v, key))
    }
}

/// Whether an identity's value names `key`: it is `key`, or (a session,
/// `L15@2026-12-30T14:00`) its lecture or its date is. Whole parts only:
/// `L1` is not `L15`, nor `2026-12-3` `2026-12-30`.
fn names(v: &str, key: &str) -> bool {
    if v == key {
        return true;
    }
    let Some((lecture, when)) = v.split_once('@') else {
        return false;
    };
    lecture == key || when.split_once('T').is_some_and(|(date, _)| date == key)
}

/// One field of an entry changed in place: its name, before and after.
pub type FieldChange<'a> = (String, Option<&'a Value>, Option<&'a Value>);

impl Change {
    /// For an entry changed in place (a record on both sides): its fields
    /// that differ, each before and after (`None`: not there), in the
    /// entry's order. `None` for an entry added or deleted, or a plain value.
    pub fn fields(&self) -> Option<Vec<FieldChange<'_>>> {
        let (Some(Value::Object(b)), Some(Value::Object(a))) = (&self.before, &self.after) else {
            return None;
        };
        let mut keys: Vec<&String> = a.keys().collect();
        keys.extend(b.keys().filter(|k| !a.contains_key(*k)));
        Some(
            keys.into_iter()
                .filter(|k| b.get(*k) != a.get(*k))
                .map(|k| (k.clone(), b.get(k), a.get(k)))
                .collect(),
        )
    }
}

fn mentions(v: &Value, key: &str) -> bool {
    match v {
        Value::String(s) => s == key,
        Value::Array(a) => a.iter().any(|x| mentions(x, key)),
        Value::Object(o) => o.values().any(|x| mentions(x, key)),
        _ => false,
    }
}

/// The entries that differ between `before` and `after`, in `after`'s order
/// (deleted ones where they were). Each list is walked once with maps.
pub fn changes<T: Serialize>(before: &T, after: &T) -> Vec<Change> {
    let to = |v: &T| serde_json::to_value(v).unwrap_or(Value::Null);
    let (b, a) = (to(before), to(after));
    let mut out = Vec::new();
    walk(Some(&b), Some(&a), &mut Vec::new(), "", &mut out);
    out
}

fn walk(
    b: Option<&Value>,
    a: Option<&Value>,
    route: &mut Vec<Route>,
    label: &str,
    out: &mut Vec<Change>,
) {
    if b == a {
        return;
    }
    // A file or list that is new (or gone) is its entries added (deleted),
    // one by one, not one change holding everything.
    let (empty_list, empty_record) = (
        Value::Array(Vec::new()),
        Value::Object(serde_json::Map::new()),
    );
    let missing = |v: Option<&Value>| v.is_none_or(Value::is_null);
    let empty_like = |other: Option<&Value>| match other {
        Some(Value::Array(_)) => Some(&empty_list),
        Some(Value::Object(o)) if route.is_empty() || !is_entry(o) => Some(&empty_record),
        _ => None,
    };
    let (b, a) = match (missing(b), missing(a)) {
        (true, false) => (empty_like(a).or(b), a),
        (false, true) => (b, empty_like(b).or(a)),
        _ => (b, a),
    };
    let whole = |route: &Vec<Route>, out: &mut Vec<Change>| {
        out.push(Change {
            path: if label.is_empty() {
                "*".to_owned()
            } else {
                label.to_owned()
            },
            route: route.clone(),
            before: b.cloned().filter(|v| !v.is_null()),
            after: a.cloned().filter(|v| !v.is_null()),
        });
    };
    match (b, a) {
        // A record (not an enum variant): field by field.
        (Some(Value::Object(bo)), Some(Value::Object(ao)))
            if route.is_empty() || (!is_entry(bo) && !is_entry(ao)) =>
        {
            let mut keys: Vec<&String> = ao.keys().collect();
            keys.extend(bo.keys().filter(|k| !ao.contains_key(*k)));
            for k in keys {
                route.push(Route::Field(k.clone()));
                let sub = if label.is_empty() {
                    k.clone()
                } else {
                    format!("{label}.{k}")
                };
                walk(bo.get(k), ao.get(k), route, &sub, out);
                route.pop();
            }
        }
        (Some(Value::Array(ba)), Some(Value::Array(aa))) => match (keyed(ba), keyed(aa)) {
            (Some(bk), Some(ak)) => {
                let bi: HashMap<&str, &Value> = bk.iter().map(|(k, v)| (k.as_str(), *v)).collect();
                let ai: HashMap<&str, &Value> = ak.iter().map(|(k, v)| (k.as_str(), *v)).collect();
                let mut emit = |k: &str, out: &mut Vec<Change>| {
                    let (bv, av) = (bi.get(k).copied(), ai.get(k).copied());
                    if bv != av {
                        route.push(Route::Entry(k.to_owned()));
                        out.push(Change {
                            path: format!("{label}[{}]", k.split_once('=').map_or(k, |(_, v)| v)),
                            route: route.clone(),
                            before: bv.cloned(),
                            after: av.cloned(),
                        });
                        route.pop();
                    }
                };
                for (k, _) in &ak {
                    emit(k, out);
                }
                for (k, _) in &bk {
                    if !ai.contains_key(k.as_str()) {
                        emit(k, out);
                    }
                }
            }
            _ => whole(route, out),
        },
        _ => whole(route, out),
    }
}

/// A list entry rather than a record: it has an identity of its own.
fn is_entry(o: &serde_json::Map<String, Value>) -> bool {
    ["id", "month", "name", "date"]
        .iter()
        .any(|k| o.get(*k).is_some_and(Value::is_string))
}

/// `current` with the entry (or field) at `change.route` put back to
/// `change.before`: removed when it was not there, added at the end of
/// its list when it is not there now. `None` when the result does not
/// read as a `T`, or the place no longer exists.
pub fn restore<T: Serialize + DeserializeOwned>(current: &T, change: &Change) -> Option<T> {
    let mut v = serde_json::to_value(current).ok()?;
    put(&mut v, &change.route, change.before.clone())?;
    serde_json::from_value(v).ok()
}

fn put(v: &mut Value, route: &[Route], value: Option<Value>) -> Option<()> {
    let Some((first, rest)) = route.split_first() else {
        *v = value.unwrap_or(Value::Null);
        return Some(());
    };
    match first {
        Route::Field(k) => {
            let obj = v.as_object_mut()?;
            if rest.is_empty() {
                match value {
                    Some(x) => {
                        obj.insert(k.clone(), x);
                    }
                    None => {
                        obj.remove(k);
                    }
                }
                Some(())
            } else {
                put(obj.get_mut(k)?, rest, value)
            }
        }
        Route::Entry(id) => {
            let list = v.as_array_mut()?;
            let at = list
                .iter()
                .position(|x| identity(x).as_deref() == Some(id.as_str()));
            match (at, rest.is_empty(), value) {
                (Some(i), true, Some(x)) => list[i] = x,
                (Some(i), true, None) => {
                    list.remove(i);
                }
                (None, true, Some(x)) => list.push(x),
                (None, true, None) => {}
                (Some(i), false, value) => return put(&mut list[i], rest, value),
                (None, false, _) => return None,
            }
            Some(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Film;

    fn film(id: &str, title: &str) -> Film {
        Film {
            id: id.into(),
            title: title.into(),
            year: 2000,
            minutes: 100,
            note: None,
        }
    }

    #[test]
    fn a_changed_entry_is_one_change_with_both_sides() {
        let before = vec![film("F01", "a"), film("F02", "b"), film("F03", "c")];
        let after = vec![film("F01", "a"), film("F02", "b2"), film("F04", "d")];
        let c = changes(&before, &after);
        let paths: Vec<&str> = c.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["[F02]", "[F04]", "[F03]"]);
        assert!(c[1].before.is_none() && c[2].after.is_none());
        assert!(c[0].concerns("F02") && !c[0].concerns("F01"));
    }

    #[test]
    fn restoring_each_change_undoes_exactly_it() {
        let before = vec![film("F01", "a"), film("F02", "b"), film("F03", "c")];
        let after = vec![film("F01", "a"), film("F02", "b2"), film("F04", "d")];
        let c = changes(&before, &after);
        let back: Vec<Film> = restore(&after, &c[0]).expect("restores");
        assert_eq!(
            back,
            vec![film("F01", "a"), film("F02", "b"), film("F04", "d")]
        );
        let back: Vec<Film> = restore(&after, &c[1]).expect("restores");
        assert_eq!(back, vec![film("F01", "a"), film("F02", "b2")]);
        let back: Vec<Film> = restore(&after, &c[2]).expect("restores");
        assert_eq!(back.len(), 4);
        assert_eq!(back[3], film("F03", "c"));
        // Every change restored: the version before, as a set of entries.
        let all = c
            .iter()
            .try_fold(after.clone(), |v, ch| restore(&v, ch))
            .expect("restores");
        let mut ids: Vec<_> = all.iter().map(|f| f.id.clone()).collect();
        ids.sort();
        assert_eq!(ids, ["F01", "F02", "F03"]);
    }

    #[test]
    fn an_entry_is_concerned_by_its_whole_name_only() {
        let change = |id: &str| Change {
            path: String::new(),
            route: vec![Route::Field("sessions".into()), Route::Entry(id.into())],
            before: None,
            after: None,
        };
        let session = change("session=L15@2026-12-30T14:00");
        assert!(session.concerns("L15") && session.concerns("2026-12-30"));
        for other in ["L1", "L15@", "2026-12-3", "2026-12", "14:00", "T14:00"] {
            assert!(!session.concerns(other), "{other}");
        }
        let event = change("id=E10");
        assert!(event.concerns("E10") && !event.concerns("E1") && !event.concerns("10"));
        let month = change("month=2026-12");
        assert!(month.concerns("2026-12") && !month.concerns("2026-1"));
    }

    #[test]
    fn equal_values_have_no_changes() {
        let v = vec![film("F01", "a")];
        assert!(changes(&v, &v).is_empty());
    }
}
