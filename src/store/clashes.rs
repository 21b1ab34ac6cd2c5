//! Clash warnings for `stationcal check`: what the views mark `!` (a room
//! or a speaker booked twice at once), placed at a line of a file like every
//! other problem. Clashes depend on dates, so they are found over a window
//! the command chooses (from today, a year ahead); loading alone never looks
//! for them, which keeps every start and reload as fast as before.

use std::collections::HashMap;

use crate::model::clash_report::{self, Placed};
use crate::model::conflicts;
use crate::model::network::merge;
use crate::model::recurrence::DateRange;
use crate::model::validate::{Finding, Issue, Severity, entry_of};

use super::load::{Loaded, place};

/// Adds a warning for each clash group of `sites` in `window`, at the
/// activity of the group that starts last, in that activity's site.
/// `sites` are the loaded sites with their index in the network (0 for a
/// single station) and their names (for a clash across sites).
pub fn add_warnings(sites: &mut [(usize, String, Loaded)], window: DateRange) {
    let occurrences = merge(sites.iter().map(|(i, _, l)| (*i, &l.schedule)), window);
    let clashes = conflicts::find(&occurrences);
    if clashes.is_empty() {
        return;
    }
    // By site index, so neither naming nor sorting out costs sites × reports.
    let names: HashMap<usize, &str> = sites.iter().map(|(i, n, _)| (*i, n.as_str())).collect();
    let name_of = |site: u16| names.get(&usize::from(site)).map(|n| (*n).to_owned());
    let mut by_site: HashMap<usize, Vec<Placed>> = HashMap::new();
    for p in clash_report::reports(&occurrences, &clashes, name_of) {
        by_site.entry(usize::from(p.site)).or_default().push(p);
    }
    for (i, _, loaded) in sites.iter_mut() {
        let Some(placed) = by_site.remove(i) else {
            continue;
        };
        let findings = placed
            .into_iter()
            .map(|Placed { key, report, .. }| {
                let (part, at) = entry_of(&loaded.schedule, &key);
                Finding {
                    part,
                    at,
                    severity: Severity::Warning,
                    issue: Issue::Clash(Box::new(report)),
                }
            })
            .collect();
        place(loaded, findings);
    }
}

/// [`add_warnings`] for a single station.
pub fn add_station_warnings(loaded: &mut Loaded, window: DateRange) {
    let mut sites = vec![(0, String::new(), std::mem::take(loaded))];
    add_warnings(&mut sites, window);
    if let Some((_, _, l)) = sites.pop() {
        *loaded = l;
    }
}
