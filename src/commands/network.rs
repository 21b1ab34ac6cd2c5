//! The schedule a printing command outputs: one station's folder, or the
//! chosen sites of a network folder (`--site NAME`, repeatable; all when
//! none is named).

use std::process::ExitCode;

use super::{Context, EXIT_CANNOT_RUN, EXIT_PROBLEMS, load_for_output};
use crate::i18n::Lang;
use crate::model::network::Network;
use crate::model::recurrence::DateRange;
use crate::print::{self, WeekSheet};
use crate::store;
use crate::tr;

/// Loads the folder (a station or a network) and words the sheet for
/// `range`. Problems go to stderr; errors stop the output unless `force`;
/// an unknown site name stops it with the list of names (exit 2).
pub fn load_sheet(
    ctx: &Context,
    force: bool,
    sites: &[String],
    range: DateRange,
) -> Result<WeekSheet, ExitCode> {
    if !store::network::is_network_dir(&ctx.dir) {
        let schedule = load_for_output(ctx, force)?;
        let name = schedule.station.name.as_str();
        if let Some(bad) = sites.iter().find(|s| s.trim() != name) {
            unknown_site(ctx.lang, bad, &[name.to_owned()]);
            return Err(ExitCode::from(EXIT_CANNOT_RUN));
        }
        let sheet = print::week_sheet(&schedule, range, ctx.today, ctx.lang);
        // The process ends after printing: freeing a large schedule entry by
        // entry would only delay the exit.
        std::mem::forget(schedule);
        return Ok(sheet);
    }
    let loaded = store::network::load_network(&ctx.dir);
    super::say_problems(ctx, &loaded.diagnostics)?;
    let shown = chosen_sites(&loaded.network, sites, ctx.lang)?;
    if loaded.has_errors() && !force {
        eprintln!(
            "stationcal: {}",
            ctx.lang.pick(
                "日程文件有错误，没有输出。请先改正上面的错误，或加 --force 照样输出。",
                "the schedule has errors, so nothing was output. Fix them first, or add --force to output anyway."
            )
        );
        return Err(ExitCode::from(EXIT_PROBLEMS));
    }
    let sheet = print::network_sheet(&loaded.network, &shown, range, ctx.today, ctx.lang);
    // As above: the process ends after printing.
    std::mem::forget(loaded);
    Ok(sheet)
}

/// Which sites `--site` names: all when none is named.
pub fn chosen_sites(
    network: &Network,
    names: &[String],
    lang: Lang,
) -> Result<Vec<bool>, ExitCode> {
    if names.is_empty() {
        return Ok(vec![true; network.sites.len()]);
    }
    let mut shown = vec![false; network.sites.len()];
    for n in names {
        let Some(i) = network.find_site(n) else {
            let all: Vec<String> = network
                .sites
                .iter()
                .map(|s| format!("{} ({})", s.name, s.folder))
                .collect();
            unknown_site(lang, n, &all);
            return Err(ExitCode::from(EXIT_CANNOT_RUN));
        };
        shown[i] = true;
    }
    Ok(shown)
}

/// Names typed and names from `network.ron` are shown, never raw.
pub(super) fn unknown_site(lang: Lang, name: &str, all: &[String]) {
    let name = crate::sanitize::line(name);
    let all: Vec<_> = all.iter().map(|s| crate::sanitize::line(s)).collect();
    let all = all.join("\n  ");
    eprintln!(
        "stationcal: {}",
        tr!(
            lang,
            "没有名为 \"{name}\" 的站点。可用的站点（名称或文件夹）：\n  {all}",
            "there is no site \"{name}\". Sites (name or folder):\n  {all}"
        )
    );
}
