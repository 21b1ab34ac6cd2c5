//! Keys to actions, as data: the default table is `assets/keymap.ron`,
//! embedded in the binary; the user's overrides from `config.ron` replace
//! the keys of the actions they name. The help screen is drawn from the
//! same table, so it always shows the keys that really work.

use std::collections::BTreeMap;
use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Scope};
use crate::config::Config;
use crate::model::validate::Severity;
use crate::store::{Cause, Diagnostic};

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.ron");

/// A key with its modifiers, comparable regardless of how the terminal
/// reported Shift on printable characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn from_event(e: &KeyEvent) -> Key {
        // Shift is not compared: terminals report `E` with or without it.
        Key {
            code: e.code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Reads `"h"`, `"Ctrl-r"`, `"PageUp"`, `"F1"`.
    pub fn parse(s: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if let Some(r) = rest
                .strip_prefix("Ctrl-")
                .or_else(|| rest.strip_prefix("C-"))
            {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("Alt-")
                .or_else(|| rest.strip_prefix("M-"))
            {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest {
                "Left" => KeyCode::Left,
                "Right" => KeyCode::Right,
                "Up" => KeyCode::Up,
                "Down" => KeyCode::Down,
                "Home" => KeyCode::Home,
                "End" => KeyCode::End,
                "PageUp" => KeyCode::PageUp,
                "PageDown" => KeyCode::PageDown,
                "Tab" => KeyCode::Tab,
                "BackTab" => KeyCode::BackTab,
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Backspace" => KeyCode::Backspace,
                "Delete" => KeyCode::Delete,
                "Space" => KeyCode::Char(' '),
                f if f.starts_with('F') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
                }
                _ => return None,
            },
        };
        Some(Key { code, ctrl, alt })
    }

    /// How the help screen writes the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PageUp".into(),
            KeyCode::PageDown => "PageDown".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

/// A problem in a key table, reported in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapProblem {
    UnknownAction(String),
    UnknownKey(String),
}

#[derive(Debug, Clone)]
pub struct Keymap {
    /// Per action, its keys in the order written.
    keys: BTreeMap<Action, Vec<Key>>,
}

impl Keymap {
    /// The embedded default table.
    pub fn default_keys() -> Keymap {
        let table: BTreeMap<String, Vec<String>> =
            ron::from_str(DEFAULT_KEYMAP).unwrap_or_default();
        let mut map = Keymap {
            keys: BTreeMap::new(),
        };
        let problems = map.merge(&table);
        debug_assert!(problems.is_empty(), "bundled keymap: {problems:?}");
        map
    }

    /// The defaults with the user's overrides applied.
    pub fn with_overrides(
        overrides: &BTreeMap<String, Vec<String>>,
    ) -> (Keymap, Vec<KeymapProblem>) {
        let mut map = Keymap::default_keys();
        let problems = map.merge(overrides);
        (map, problems)
    }

    /// Replaces the keys of each action named in `table`. A key given to a
    /// new action is taken from whichever action of the same scope had it
    /// before (one key may mean different things in different scopes).
    fn merge(&mut self, table: &BTreeMap<String, Vec<String>>) -> Vec<KeymapProblem> {
        let mut problems = Vec::new();
        for (name, keys) in table {
            let Some(action) = Action::from_name(name) else {
                problems.push(KeymapProblem::UnknownAction(name.clone()));
                continue;
            };
            let mut parsed = Vec::new();
            for k in keys {
                match Key::parse(k) {
                    Some(key) => parsed.push(key),
                    None => problems.push(KeymapProblem::UnknownKey(k.clone())),
                }
            }
            for (other, keys) in &mut self.keys {
                if other.scope() == action.scope() {
                    keys.retain(|k| !parsed.contains(k));
                }
            }
            self.keys.insert(action, parsed);
        }
        problems
    }

    /// What a key means in the calendar views.
    pub fn action_for(&self, event: &KeyEvent) -> Option<Action> {
        self.action_in(event, Scope::View)
    }

    /// What a key means among the actions of `scope`.
    pub fn action_in(&self, event: &KeyEvent, scope: Scope) -> Option<Action> {
        let key = Key::from_event(event);
        self.keys
            .iter()
            .find(|(a, keys)| a.scope() == scope && keys.contains(&key))
            .map(|(a, _)| *a)
    }

    /// What a key means in a dialog: the dialog's own actions (`own`) first,
    /// then those of every dialog, then moving, paging and `q` as in the
    /// calendar.
    pub fn dialog_action(&self, event: &KeyEvent, own: Option<Scope>) -> Option<Action> {
        own.and_then(|s| self.action_in(event, s))
            .or_else(|| self.action_in(event, Scope::Dialog))
            .or_else(|| self.action_for(event).filter(|a| a.works_in_dialogs()))
    }

    pub fn keys_for(&self, action: Action) -> &[Key] {
        self.keys.get(&action).map_or(&[], Vec::as_slice)
    }

    /// Every key of an action, as the help screen writes them (`Enter/h`).
    pub fn labels(&self, action: Action) -> String {
        let keys = self.keys_for(action);
        if keys.is_empty() {
            return "-".to_owned();
        }
        keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
    }

    /// The first key of an action, as the help line writes it.
    pub fn label(&self, action: Action) -> String {
        self.keys_for(action)
            .first()
            .map_or_else(|| "-".to_owned(), Key::label)
    }
}

/// One diagnostic per problem in `keys:`, at the first place the offending
/// name is written in the file (line 0 when it cannot be found).
pub fn config_diagnostics(config: &Config, path: Option<&Path>) -> Vec<Diagnostic> {
    let (_, problems) = Keymap::with_overrides(&config.keys);
    if problems.is_empty() {
        return Vec::new();
    }
    let text = path
        .and_then(|p| crate::store::fsio::read_file(p, crate::config::MAX_CONFIG_BYTES).ok())
        .flatten()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default();
    let file = path.map_or_else(|| "config.ron".to_owned(), |p| p.display().to_string());
    problems
        .into_iter()
        .map(|p| {
            let (name, cause) = match p {
                KeymapProblem::UnknownAction(a) => (a.clone(), Cause::UnknownAction(a)),
                KeymapProblem::UnknownKey(k) => (k.clone(), Cause::UnknownKey(k)),
            };
            let quoted = format!("\"{name}\"");
            let found = text.lines().enumerate().find_map(|(i, l)| {
                let byte = l.find(&quoted)?;
                (!l.trim_start().starts_with("//"))
                    .then(|| (i + 1, l[..byte].chars().count() + 1, l))
            });
            let (line, col, source) = found.unwrap_or((0, 0, ""));
            Diagnostic {
                file: file.clone(),
                line,
                col,
                span: quoted.chars().count(),
                source_line: source.trim_end_matches('\r').to_owned(),
                severity: Severity::Error,
                cause,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn bundled_keymap_covers_every_action_with_the_documented_keys() {
        let table: BTreeMap<String, Vec<String>> =
            ron::from_str(DEFAULT_KEYMAP).expect("bundled keymap reads");
        let mut map = Keymap {
            keys: BTreeMap::new(),
        };
        assert_eq!(map.merge(&table), vec![]);
        for a in Action::all() {
            assert!(!map.keys_for(a).is_empty(), "{a:?} has no key");
        }
        // Within a scope, a key means one thing.
        let mut seen = std::collections::HashMap::new();
        for a in Action::all() {
            for k in map.keys_for(a) {
                if let Some(other) = seen.insert((a.scope(), *k), a) {
                    panic!("{} is both {other:?} and {a:?}", k.label());
                }
            }
        }
        // Enter shows details in the calendar and confirms in a dialog.
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(map.action_for(&enter), Some(Action::Details));
        assert_eq!(map.dialog_action(&enter, None), Some(Action::Confirm));
        assert_eq!(
            map.dialog_action(&enter, Some(Scope::Print)),
            Some(Action::WriteHtml)
        );
        // Moving works in dialogs too; adding does not.
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(map.dialog_action(&j, None), Some(Action::Down));
        let a = press(KeyCode::Char('a'), KeyModifiers::NONE);
        assert_eq!(map.dialog_action(&a, None), None);
        assert_eq!(
            map.dialog_action(&a, Some(Scope::Sites)),
            Some(Action::ShowAllSites)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char('['), KeyModifiers::NONE)),
            Some(Action::PrevPage)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
        // A plain `r` is not redo: it records an activity held.
        assert_eq!(
            map.action_for(&press(KeyCode::Char('r'), KeyModifiers::NONE)),
            Some(Action::Record)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char('E'), KeyModifiers::SHIFT)),
            Some(Action::OpenEditor)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char('4'), KeyModifiers::NONE)),
            Some(Action::ViewCatalogue)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char('5'), KeyModifiers::NONE)),
            Some(Action::ViewStats)
        );
    }

    #[test]
    fn overrides_replace_keys_and_take_them_from_other_actions() {
        let mut o = BTreeMap::new();
        o.insert("next".to_owned(), vec!["n".to_owned(), "l".to_owned()]);
        o.insert("no_such_action".to_owned(), vec!["x".to_owned()]);
        o.insert(
            "quit".to_owned(),
            vec!["Ctrl-q".to_owned(), "Hyper-q".to_owned()],
        );
        let (map, problems) = Keymap::with_overrides(&o);
        assert_eq!(
            problems,
            vec![
                KeymapProblem::UnknownAction("no_such_action".into()),
                KeymapProblem::UnknownKey("Hyper-q".into()),
            ]
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char('n'), KeyModifiers::NONE)),
            Some(Action::NextPage)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char(']'), KeyModifiers::NONE)),
            None
        );
        // `l` moved from right to next; Right arrow still moves right.
        assert_eq!(
            map.action_for(&press(KeyCode::Char('l'), KeyModifiers::NONE)),
            Some(Action::NextPage)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Right, KeyModifiers::NONE)),
            Some(Action::Right)
        );
        assert_eq!(
            map.action_for(&press(KeyCode::Char('q'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(map.label(Action::Quit), "Ctrl-q");
    }

    #[test]
    fn key_names_round_trip_through_labels() {
        for s in ["h", "Ctrl-r", "PageUp", "F1", "Enter", "?"] {
            let k = Key::parse(s).expect(s);
            assert_eq!(Key::parse(&k.label()), Some(k), "{s}");
        }
        assert_eq!(Key::parse("F99"), None);
    }
}
