//! Three-way merge of one schedule file's value: the version loaded
//! (`base`), the user's edits (`mine`) and what is on disk now (`theirs`).
//! Edits to different entries combine; the same entry changed on both
//! sides is a conflict the user resolves.
//!
//! Values are compared as JSON trees (the serde form of the schedule
//! types), so one algorithm serves every file. List entries are matched by
//! their identity: `id`, `month`, `name` or `date`, whichever they have.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The same entry changed differently on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Where, e.g. `films[F03]` or `slot.start`.
    pub path: String,
    /// The user's version (`None`: deleted).
    pub mine: Option<Value>,
    /// The version on disk (`None`: deleted).
    pub theirs: Option<Value>,
}

/// The merge result before conflicts are resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    merged: Value,
    pub conflicts: Vec<Conflict>,
    /// Where each conflict sits in `merged`, to apply the choice.
    slots: Vec<Slot>,
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone, PartialEq)]
struct Slot(Vec<Step>);

/// Merges three versions of one file's value.
pub fn merge3<T: Serialize>(base: &T, mine: &T, theirs: &T) -> Merge {
    let to = |v: &T| serde_json::to_value(v).unwrap_or(Value::Null);
    let (b, m, t) = (to(base), to(mine), to(theirs));
    let mut out = Merge {
        merged: Value::Null,
        conflicts: Vec::new(),
        slots: Vec::new(),
    };
    let mut path = Vec::new();
    out.merged = merge_value(
        Some(&b),
        Some(&m),
        Some(&t),
        &mut path,
        "",
        &mut out.conflicts,
        &mut out.slots,
    )
    .unwrap_or(Value::Null);
    out
}

impl Merge {
    /// The merged value with each conflict decided (`true`: the user's side).
    /// `None` when the result does not read as a `T` (should not happen).
    pub fn resolve<T: DeserializeOwned>(&self, take_mine: &[bool]) -> Option<T> {
        let mut merged = self.merged.clone();
        // Deleted entries are marked `null` in lists; apply choices first.
        for (i, c) in self.conflicts.iter().enumerate() {
            let mine = take_mine.get(i).copied().unwrap_or(false);
            let chosen = if mine {
                c.mine.clone()
            } else {
                c.theirs.clone()
            };
            if let Some(place) = self.slots.get(i).and_then(|s| slot_mut(&mut merged, &s.0)) {
                *place = chosen.unwrap_or(Value::Null);
            }
        }
        drop_deleted(&mut merged);
        serde_json::from_value(merged).ok()
    }
}

fn slot_mut<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut cur = v;
    for s in path {
        cur = match s {
            Step::Key(k) => cur.as_object_mut()?.get_mut(k)?,
            Step::Index(i) => cur.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(cur)
}

/// Removes list entries left `null` (deleted by the chosen side).
fn drop_deleted(v: &mut Value) {
    match v {
        Value::Array(items) => {
            items.retain(|x| !x.is_null());
            items.iter_mut().for_each(drop_deleted);
        }
        Value::Object(map) => {
            map.retain(|_, x| !x.is_null());
            map.values_mut().for_each(drop_deleted);
        }
        _ => {}
    }
}

/// An entry's identity within its list, if it has one.
pub(crate) fn identity(v: &Value) -> Option<String> {
    let obj = match v {
        Value::Object(o) if o.len() == 1 && o.values().all(Value::is_object) => {
            // An enum variant such as {"Skip": {...}}: identified by its date.
            o.values().next()?.as_object()?
        }
        Value::Object(o) => o,
        Value::String(s) => return Some(format!("={s}")),
        _ => return None,
    };
    for key in ["id", "month", "name"] {
        if let Some(Value::String(s)) = obj.get(key) {
            return Some(format!("{key}={s}"));
        }
    }
    // Sessions: a lecture on a date at a time.
    if let (Some(Value::String(l)), Some(Value::String(d)), Some(Value::String(s))) =
        (obj.get("lecture"), obj.get("date"), obj.get("start"))
    {
        return Some(format!("session={l}@{d}T{s}"));
    }
    if let Some(Value::String(d)) = obj.get("date") {
        return Some(format!("date={d}"));
    }
    None
}

pub(crate) fn keyed(items: &[Value]) -> Option<Vec<(String, &Value)>> {
    let pairs: Option<Vec<_>> = items.iter().map(|v| identity(v).map(|k| (k, v))).collect();
    let pairs = pairs?;
    let mut keys: Vec<&String> = pairs.iter().map(|(k, _)| k).collect();
    keys.sort();
    keys.dedup();
    // Identities must be unique to match entries safely.
    (keys.len() == pairs.len()).then_some(pairs)
}

fn conflict(
    path: &[Step],
    label: &str,
    mine: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<Conflict>,
    slots: &mut Vec<Slot>,
) -> Value {
    conflicts.push(Conflict {
        path: label.to_owned(),
        mine: mine.cloned(),
        theirs: theirs.cloned(),
    });
    slots.push(Slot(path.to_vec()));
    theirs.cloned().unwrap_or(Value::Null)
}

/// Merges one value; `None` means "absent" (deleted or never there).
fn merge_value(
    b: Option<&Value>,
    m: Option<&Value>,
    t: Option<&Value>,
    path: &mut Vec<Step>,
    label: &str,
    conflicts: &mut Vec<Conflict>,
    slots: &mut Vec<Slot>,
) -> Option<Value> {
    if m == t {
        return m.cloned();
    }
    if m == b {
        return t.cloned();
    }
    if t == b {
        return m.cloned();
    }
    // Both changed, differently: look inside when both are records or lists.
    match (b, m, t) {
        (Some(Value::Object(bo)), Some(Value::Object(mo)), Some(Value::Object(to)))
            if !is_variant(mo) || same_variant(mo, to) =>
        {
            let mut keys: Vec<&String> = to.keys().collect();
            for k in mo.keys() {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            let mut out = Map::new();
            for k in keys {
                path.push(Step::Key(k.clone()));
                let sub = if label.is_empty() {
                    k.clone()
                } else {
                    format!("{label}.{k}")
                };
                if let Some(v) = merge_value(
                    bo.get(k),
                    mo.get(k),
                    to.get(k),
                    path,
                    &sub,
                    conflicts,
                    slots,
                ) {
                    out.insert(k.clone(), v);
                }
                path.pop();
            }
            Some(Value::Object(out))
        }
        (Some(Value::Array(ba)), Some(Value::Array(ma)), Some(Value::Array(ta))) => {
            match (keyed(ba), keyed(ma), keyed(ta)) {
                (Some(bk), Some(mk), Some(tk)) => {
                    Some(merge_list(&bk, &mk, &tk, path, label, conflicts, slots))
                }
                _ => Some(conflict(path, label, m, t, conflicts, slots)),
            }
        }
        _ => Some(conflict(path, label, m, t, conflicts, slots)),
    }
}

fn is_variant(o: &Map<String, Value>) -> bool {
    o.len() == 1
        && o.values().all(Value::is_object)
        && o.keys()
            .all(|k| k.chars().next().is_some_and(char::is_uppercase))
}

fn same_variant(a: &Map<String, Value>, b: &Map<String, Value>) -> bool {
    a.keys().eq(b.keys())
}

/// Merges a list entry by entry, keeping the disk's order and adding the
/// user's new entries after the entry they follow. Entries are looked up
/// by identity in maps, so a list of thousands costs its length, not its
/// square (a sync of ten years of a network merges such lists).
fn merge_list(
    b: &[(String, &Value)],
    m: &[(String, &Value)],
    t: &[(String, &Value)],
    path: &mut Vec<Step>,
    label: &str,
    conflicts: &mut Vec<Conflict>,
    slots: &mut Vec<Slot>,
) -> Value {
    use std::collections::{HashMap, HashSet};
    let index = |list: &[(String, &Value)]| -> HashMap<String, Value> {
        list.iter()
            .map(|(k, v)| (k.clone(), (*v).clone()))
            .collect()
    };
    let (bi, mi, ti) = (index(b), index(m), index(t));
    // The user's additions, grouped by the entry they follow in the user's
    // list (the nearest earlier one that is on disk); `None`: at the top.
    let mut added_after: HashMap<Option<String>, Vec<String>> = HashMap::new();
    let mut last_on_disk: Option<String> = None;
    for (k, _) in m {
        if ti.contains_key(k) {
            last_on_disk = Some(k.clone());
        } else if !bi.contains_key(k) {
            added_after
                .entry(last_on_disk.clone())
                .or_default()
                .push(k.clone());
        }
    }
    let mut order: Vec<String> = Vec::with_capacity(t.len() + m.len());
    if let Some(top) = added_after.remove(&None) {
        order.extend(top);
    }
    for (k, _) in t {
        order.push(k.clone());
        if let Some(after) = added_after.remove(&Some(k.clone())) {
            order.extend(after);
        }
    }
    // Entries the user kept but the disk deleted, or the reverse, are in `b`.
    let placed: HashSet<String> = order.iter().cloned().collect();
    for (k, _) in b {
        if !placed.contains(k) && mi.contains_key(k) && !ti.contains_key(k) {
            order.push(k.clone());
        }
    }
    let mut out: Vec<Value> = Vec::with_capacity(order.len());
    for k in order {
        let (bv, mv, tv) = (bi.get(&k), mi.get(&k), ti.get(&k));
        path.push(Step::Index(out.len()));
        let sub = format!(
            "{label}[{}]",
            k.split_once('=').map_or(k.as_str(), |(_, v)| v)
        );
        let v = merge_value(bv, mv, tv, path, &sub, conflicts, slots);
        path.pop();
        // `None`: deleted on one side and untouched on the other, so gone.
        if let Some(v) = v {
            out.push(v);
        }
    }
    Value::Array(out)
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
    fn edits_to_different_entries_combine() {
        let base = vec![film("F01", "a"), film("F02", "b")];
        let mine = vec![film("F01", "a2"), film("F02", "b"), film("F03", "new")];
        let theirs = vec![film("F01", "a"), film("F02", "b2")];
        let m = merge3(&base, &mine, &theirs);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        let merged: Vec<Film> = m.resolve(&[]).expect("reads back");
        assert_eq!(
            merged,
            vec![film("F01", "a2"), film("F02", "b2"), film("F03", "new")]
        );
    }

    #[test]
    fn the_same_entry_changed_on_both_sides_asks() {
        let base = vec![film("F01", "a")];
        let mine = vec![film("F01", "mine")];
        let theirs = vec![film("F01", "theirs")];
        let m = merge3(&base, &mine, &theirs);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].path, "[F01].title");
        let take_mine: Vec<Film> = m.resolve(&[true]).expect("reads");
        assert_eq!(take_mine, vec![film("F01", "mine")]);
        let take_theirs: Vec<Film> = m.resolve(&[false]).expect("reads");
        assert_eq!(take_theirs, vec![film("F01", "theirs")]);
    }

    #[test]
    fn deleted_here_and_changed_there_is_a_conflict_and_either_side_can_win() {
        let base = vec![film("F01", "a"), film("F02", "b")];
        let mine = vec![film("F02", "b")];
        let theirs = vec![film("F01", "changed"), film("F02", "b")];
        let m = merge3(&base, &mine, &theirs);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].mine, None);
        let mine_wins: Vec<Film> = m.resolve(&[true]).expect("reads");
        assert_eq!(mine_wins, vec![film("F02", "b")]);
        let theirs_win: Vec<Film> = m.resolve(&[false]).expect("reads");
        assert_eq!(theirs_win.len(), 2);
    }

    #[test]
    fn deleted_on_one_side_untouched_on_the_other_is_deleted() {
        let base = vec![film("F01", "a"), film("F02", "b")];
        let mine = vec![film("F01", "a"), film("F02", "b")];
        let theirs = vec![film("F02", "b")];
        let merged: Vec<Film> = merge3(&base, &mine, &theirs).resolve(&[]).expect("reads");
        assert_eq!(merged, vec![film("F02", "b")]);
    }
}
