//! Several sites in one calendar: the app on a network folder.
//!
//! `App::schedule` is always the *active* site's schedule: the one editing
//! and saving apply to. The other sites are held read-only in
//! [`NetworkView`]; the views show the activities of every shown site,
//! each marked with its site. `s` opens the site picker: Space shows or
//! hides a site, Enter makes it the active one, `a` shows all.

use std::path::{Path, PathBuf};

use super::action::Action;
use super::app::App;
use crate::model::history::History;
use crate::model::network::merge;
use crate::model::recurrence::DateRange;
use crate::model::{Occurrence, Schedule};
use crate::store::Diagnostic;
use crate::store::storage::Storage;
use crate::tr;

/// One site of the network as the app holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteView {
    pub name: String,
    /// At most four columns, for crowded cells (`紫卫`).
    pub short: String,
    pub folder: String,
    /// The site's schedule; for the active site this copy is stale (the
    /// live one is `App::schedule`) until another site becomes active.
    pub schedule: Schedule,
    /// Whether its folder was read; a site that was not can never be
    /// made active (it has nothing to edit, and nothing to save over).
    pub loaded: bool,
}

/// The network around the active site.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkView {
    pub name: String,
    /// The network folder; each site is in `root/folder`.
    pub root: PathBuf,
    pub sites: Vec<SiteView>,
    /// The site whose schedule is `App::schedule`.
    pub active: usize,
    /// Which sites are shown, by index; the active one always is.
    pub shown: Vec<bool>,
}

/// Opens a site's folder for saving, when the app is given a way to: the
/// storage, and the folder as read now (which the app then edits, so that
/// its edits are measured against exactly what the storage holds).
pub type StorageOpener = fn(&Path) -> Option<(Box<dyn Storage>, crate::store::Loaded)>;

impl NetworkView {
    /// From a loaded network, with site `active` active and every site shown.
    pub fn new(root: &Path, network: crate::model::network::Network, active: usize) -> Self {
        let n = network.sites.len();
        NetworkView {
            name: network.name,
            root: root.to_path_buf(),
            sites: network
                .sites
                .into_iter()
                .map(|s| SiteView {
                    name: s.name,
                    short: s.short,
                    folder: s.folder,
                    schedule: s.schedule,
                    loaded: s.loaded,
                })
                .collect(),
            active: active.min(n.saturating_sub(1)),
            shown: vec![true; n],
        }
    }

    fn shown_count(&self) -> usize {
        self.shown.iter().filter(|s| **s).count()
    }
}

/// What the app starts from on a network folder: the active site's
/// schedule and everything else.
pub struct NetworkStart {
    pub schedule: Schedule,
    pub diagnostics: Vec<Diagnostic>,
    /// The active site's folder (`None`: no site could be read).
    pub dir: Option<PathBuf>,
    pub view: NetworkView,
}

/// Reads the network at `root` for the app, the first site that was read
/// active. `dir` is `None` when no site could be read: nothing is editable.
pub fn load(root: &Path) -> NetworkStart {
    let loaded = crate::store::network::load_network(root);
    let active = loaded.network.sites.iter().position(|s| s.loaded);
    let mut view = NetworkView::new(root, loaded.network, active.unwrap_or(0));
    let schedule = view
        .sites
        .get(view.active)
        .map(|s| s.schedule.clone())
        .unwrap_or_default();
    let dir = active
        .and_then(|i| view.sites.get(i))
        .and_then(|s| crate::store::network::site_dir(root, &s.folder).ok());
    if view.sites.is_empty() {
        view.shown.clear();
    }
    NetworkStart {
        schedule,
        diagnostics: loaded.diagnostics,
        dir,
        view,
    }
}

impl App {
    /// Makes the app show a network around its (active) schedule.
    pub fn set_network(&mut self, view: NetworkView) {
        self.network = Some(view);
        self.refresh_all();
    }

    /// Whether more than one site is shown: views then mark each activity's site.
    pub fn several_sites(&self) -> bool {
        self.network.as_ref().is_some_and(|n| n.shown_count() > 1)
    }

    /// The schedule an occurrence of site `site` comes from.
    pub fn schedule_of(&self, site: u16) -> &Schedule {
        match &self.network {
            Some(n) if usize::from(site) != n.active => n
                .sites
                .get(usize::from(site))
                .map_or(&self.schedule, |s| &s.schedule),
            _ => &self.schedule,
        }
    }

    /// The site's name, in a network.
    pub fn site_name(&self, site: u16) -> Option<&str> {
        let n = self.network.as_ref()?;
        n.sites.get(usize::from(site)).map(|s| s.name.as_str())
    }

    /// The short label of an activity's site, when several sites are shown.
    pub fn site_tag(&self, o: &Occurrence) -> Option<&str> {
        if !self.several_sites() {
            return None;
        }
        let n = self.network.as_ref()?;
        n.sites.get(usize::from(o.site)).map(|s| s.short.as_str())
    }

    /// The header's name: the station, or in a network which sites are shown
    /// (`石化街道 全部站点`, `石化街道 3个站点`, the one site's name).
    pub fn header_name(&self) -> String {
        let Some(n) = &self.network else {
            return self.schedule.station.name.clone();
        };
        let count = n.shown_count();
        if count == 1 {
            let only = n.shown.iter().position(|s| *s).unwrap_or(n.active);
            return n
                .sites
                .get(only)
                .map(|s| s.name.clone())
                .unwrap_or_default();
        }
        let which = if count == n.sites.len() {
            tr!(self.lang, "全部站点", "all sites")
        } else {
            tr!(self.lang, "{count}个站点", "{count} sites")
        };
        format!("{} {which}", n.name)
    }

    /// The activities of every shown site in `range`, the active site's from
    /// the live schedule; a single station's otherwise.
    pub(crate) fn window_occurrences(&self, range: DateRange) -> Vec<Occurrence> {
        let Some(n) = &self.network else {
            return self.schedule.occurrences(range);
        };
        merge(
            n.sites.iter().enumerate().filter_map(|(i, s)| {
                let shown = n.shown.get(i).copied().unwrap_or(true);
                let schedule = if i == n.active {
                    &self.schedule
                } else {
                    &s.schedule
                };
                shown.then_some((i, schedule))
            }),
            range,
        )
    }

    /// The activities in `range` that `keep` accepts, of every shown site.
    /// In a network the activities of the range are worked out once per
    /// search (kept in `search_cache`), not again for every typed character.
    pub(crate) fn search_occurrences(
        &self,
        range: DateRange,
        keep: &dyn Fn(&Occurrence) -> bool,
    ) -> Vec<Occurrence> {
        if self.network.is_none() {
            return self
                .schedule
                .occurrences(range)
                .into_iter()
                .filter(|o| keep(o))
                .collect();
        }
        let mut cache = self.search_cache.borrow_mut();
        if cache.as_ref().is_none_or(|(r, _)| *r != range) {
            *cache = Some((range, self.window_occurrences(range)));
        }
        cache
            .as_ref()
            .map(|(_, all)| all.iter().filter(|o| keep(o)).cloned().collect())
            .unwrap_or_default()
    }

    /// `Ok` when the selected activity belongs to the site being edited;
    /// otherwise the sentence that says whose it is and what to do.
    pub fn selected_is_editable(&self) -> Result<(), String> {
        let (Some(n), Some(o)) = (&self.network, self.selected_occurrence()) else {
            return Ok(());
        };
        if usize::from(o.site) == n.active {
            return Ok(());
        }
        // The site by its short name, as the calendar tags it: the whole
        // sentence then fits the status line of an 80-column terminal.
        let name = n
            .sites
            .get(usize::from(o.site))
            .map_or("", |s| s.short.as_str());
        let key = self.keymap.label(Action::Sites);
        Err(tr!(
            self.lang,
            "这是{name}的活动：按 {key} 把它设为当前站点后再修改",
            "this is {name}'s: press {key} and make it the active site to change it"
        ))
    }

    /// Puts [`App::selected_is_editable`]'s refusal in the status line.
    pub(crate) fn refuse_other_site(&mut self) -> bool {
        match self.selected_is_editable() {
            Ok(()) => false,
            Err(why) => {
                self.status = Some(why);
                true
            }
        }
    }

    /// Shows every site.
    pub(crate) fn show_all_sites(&mut self) {
        if let Some(n) = &mut self.network {
            n.shown.iter_mut().for_each(|s| *s = true);
        }
    }

    /// After the shown or active sites changed: the activity that was
    /// selected stays selected while its site is shown (staff make its site
    /// the active one to change it, as [`App::selected_is_editable`] tells
    /// them); otherwise the views start again at the day's first activity.
    pub(crate) fn after_sites_changed(&mut self) {
        let id = |o: &Occurrence| (o.site, o.key.clone(), o.date, o.start);
        let was = self.selected_occurrence().map(id);
        self.selected = 0;
        self.refresh_all();
        if let Some(was) = was
            && let Some(i) = self.day(self.cursor).iter().position(|o| id(o) == was)
        {
            self.selected = i;
        }
    }

    /// The site the site picker opens on: the selected activity's, so
    /// that `s` then Enter makes it the one edited; else the active one.
    pub(crate) fn site_to_pick(&self) -> usize {
        let active = self.network.as_ref().map_or(0, |n| n.active);
        self.selected_occurrence()
            .map_or(active, |o| usize::from(o.site))
    }

    pub(crate) fn toggle_site(&mut self, i: usize) {
        let lang = self.lang;
        let Some(n) = &mut self.network else { return };
        if i == n.active {
            self.status = Some(tr!(
                lang,
                "当前站点总是显示；要隐藏它，先把别的站点设为当前站点",
                "the active site is always shown: make another site active first"
            ));
            return;
        }
        if let Some(s) = n.shown.get_mut(i) {
            *s = !*s;
        }
    }

    /// Makes site `i` the one editing applies to. Refused while there are
    /// unsaved changes: they belong to the current site's files.
    pub fn make_active(&mut self, i: usize) {
        let lang = self.lang;
        let Some(n) = &self.network else { return };
        if i >= n.sites.len() || i == n.active {
            if let Some(n) = &mut self.network
                && let Some(s) = n.shown.get_mut(i)
            {
                *s = true;
            }
            return;
        }
        if self.is_dirty() {
            let save = self.keymap.label(Action::Save);
            self.status = Some(tr!(
                lang,
                "有未保存的修改：请先保存（{save}）或撤销，再切换当前站点",
                "there are unsaved changes: save ({save}) or undo them before switching sites"
            ));
            return;
        }
        let site = &n.sites[i];
        let name = site.name.clone();
        // The one check of a site's folder: a bad name or a link out of the
        // network folder is never opened, let alone written.
        let dir = match crate::store::network::site_dir(&n.root, &site.folder) {
            Ok(dir) if site.loaded => dir,
            _ => {
                let key = self.keymap.label(Action::Problems);
                self.status = Some(tr!(
                    lang,
                    "{name} 的文件夹没有读进来（按 {key} 查看问题），不能设为当前站点",
                    "the folder of {name} was not read ({key} lists the problems): it cannot be made active"
                ));
                return;
            }
        };
        // What the site's folder holds now, and the storage that saves it.
        let opened = self.open_storage.and_then(|open| open(&dir));
        let Some(n) = &mut self.network else { return };
        let old = n.active;
        let live = std::mem::take(&mut self.schedule);
        if let Some(s) = n.sites.get_mut(old) {
            s.schedule = live;
        }
        n.active = i;
        if let Some(s) = n.shown.get_mut(i) {
            *s = true;
        }
        self.schedule = n.sites[i].schedule.clone();
        if let Some((storage, loaded)) = opened {
            self.schedule = loaded.schedule;
            if let Some(s) = self.network.as_mut().and_then(|n| n.sites.get_mut(i)) {
                s.schedule = self.schedule.clone();
            }
            self.read_only = storage.read_only();
            self.storage = Some(storage);
            // Named with the (now active) site's folder.
            self.replace_file_diagnostics(loaded.diagnostics);
        } else {
            self.storage = None;
            self.read_only = None;
        }
        self.saved = self.schedule.clone();
        self.history = History::default();
        self.saved_depth = 0;
        self.catalogue_index = 0;
        self.dir = dir;
        self.status = Some(tr!(
            lang,
            "当前站点：{name}（修改和保存都针对这个站点）",
            "active site: {name} (edits and saves apply to it)"
        ));
    }
}
