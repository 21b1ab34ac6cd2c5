//! Dialogs: windows over the calendar that take the keys while open (help,
//! details, a form, a question). Each kind is one file in [`super::dialogs`]
//! holding its state, what it does with each key and how it is drawn; the
//! app keeps a stack of them and gives every key to the top one.
//!
//! A key reaches a dialog already looked up in the keymap (its own scope
//! first, then every dialog's, then moving as in the calendar), so a key the
//! user remaps works in every dialog. A dialog whose text field has the
//! focus ([`Dialog::typing`]) gets printable keys as typing instead.

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use ratatui::layout::{Position, Rect};

use super::action::{Action, Scope};
use super::app::App;

/// What happens to a dialog after it handled a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// It stays open.
    Keep,
    /// It closes (a dialog it opened meanwhile stays).
    Close,
}

/// A key as a dialog gets it: the key, and what the keymap says it means
/// there (`None` for typing, or a key with no meaning).
#[derive(Debug, Clone, Copy)]
pub struct Input<'k> {
    pub key: &'k KeyEvent,
    pub action: Option<Action>,
}

impl Input<'_> {
    /// A digit key `1`-`9` as a 0-based index (menus choose by number).
    pub fn digit(&self) -> Option<usize> {
        match self.key.code {
            KeyCode::Char(c @ '1'..='9')
                if self
                    .key
                    .modifiers
                    .difference(KeyModifiers::SHIFT)
                    .is_empty() =>
            {
                Some(c as usize - '1' as usize)
            }
            _ => None,
        }
    }

    /// Closes a window without a text field: `Esc` (cancel) or `q` (quit).
    pub fn closes(&self) -> bool {
        matches!(self.action, Some(Action::Cancel | Action::Quit))
    }
}

/// Whether a key is typing: a character without Ctrl or Alt.
pub fn is_typing(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// One kind of dialog.
pub trait Dialog: Any {
    /// The dialog's own actions (looked up before those of every dialog).
    fn scope(&self) -> Option<Scope> {
        None
    }

    /// Whether a text field has the focus: printable keys are typed.
    fn typing(&self) -> bool {
        false
    }

    /// Takes one key. The dialog is off the app's stack meanwhile, so it
    /// may change the app freely, and open another dialog with
    /// [`App::open`].
    fn handle(&mut self, app: &mut App, input: Input<'_>) -> Flow;

    /// Takes pasted text (bracketed paste); by default ignored.
    fn paste(&mut self, _app: &mut App, _text: &str) -> Flow {
        Flow::Keep
    }

    /// Takes a mouse event inside or outside its area; by default ignored.
    fn mouse(&mut self, _app: &mut App, _event: &MouseEvent, _area: Rect) -> Flow {
        Flow::Keep
    }

    /// Where it is drawn on a screen of `screen`.
    fn area(&self, app: &App, screen: Rect) -> Rect;

    /// Draws it into `area` (already cleared, borders safe over wide
    /// characters: see [`super::text::blank_wide_cells_at_edges`]).
    fn render(&self, app: &App, area: Rect, buf: &mut Buffer);

    /// Where the terminal's cursor goes: the caret of its focused text
    /// field, so an input method's window appears there.
    fn cursor(&self, _app: &App, _area: Rect) -> Option<Position> {
        None
    }

    /// The dialog's type, for messages and tests.
    fn name(&self) -> &'static str {
        std::any::type_name::<Self>()
    }

    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// The `as_any` pair every dialog needs (a trait cannot provide it).
#[macro_export]
macro_rules! dialog_any {
    () => {
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
        fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
            self
        }
    };
}
