//! A list with one entry selected: how every list in every dialog moves,
//! by the same actions (so a remapped `down` works in all of them), and
//! stopping at both ends.

use crate::tui::action::Action;

/// How far `previous`/`next` move in a list.
pub const PAGE: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Menu {
    selected: usize,
    len: usize,
}

impl Menu {
    pub fn new(len: usize, selected: usize) -> Menu {
        Menu {
            selected: selected.min(len.saturating_sub(1)),
            len,
        }
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The list changed length (search results): the selection stays in it.
    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// Selects entry `i` when there is one.
    pub fn select(&mut self, i: usize) -> bool {
        if i < self.len {
            self.selected = i;
            true
        } else {
            false
        }
    }

    /// Moves for `up`/`down` (one) and `previous`/`next` (a page); `true`
    /// when the action is one of these, whether or not the selection moved.
    pub fn step(&mut self, action: Option<Action>) -> bool {
        let last = self.len.saturating_sub(1);
        self.selected = match action {
            Some(Action::Up) => self.selected.saturating_sub(1),
            Some(Action::Down) => (self.selected + 1).min(last),
            Some(Action::PrevPage) => self.selected.saturating_sub(PAGE),
            Some(Action::NextPage) => (self.selected + PAGE).min(last),
            _ => return false,
        };
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_menu_moves_by_actions_and_stops_at_both_ends() {
        let mut m = Menu::new(3, 0);
        assert!(m.step(Some(Action::Up)));
        assert_eq!(m.selected(), 0);
        m.step(Some(Action::Down));
        m.step(Some(Action::Down));
        m.step(Some(Action::Down));
        assert_eq!(m.selected(), 2);
        assert!(!m.step(Some(Action::Confirm)));
        m.step(Some(Action::PrevPage));
        assert_eq!(m.selected(), 0);
        m.set_len(0);
        assert_eq!(m.selected(), 0);
        assert!(!m.select(0));
        let mut empty = Menu::new(0, 5);
        empty.step(Some(Action::Down));
        assert_eq!(empty.selected(), 0);
    }
}
