//! Forms: labelled fields, Tab / Shift-Tab between them, Enter to confirm,
//! Esc to cancel. Dates and times accept what people type and say what is
//! wrong inline; rooms, films and lectures are picked from lists so a
//! reference can never dangle; lists are edited one item a row.
//!
//! Every field remembers what it was opened with, so the code applying a
//! form can tell a field the user touched from one they did not, and give
//! the untouched ones back exactly.

use ratatui::crossterm::event::KeyCode;

use super::action::Action;
use super::dialog::{Input, is_typing};
pub use super::field::{Choice, Field, FieldKind, Picker};
use super::list_input::ListInput;

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    Continue,
    Submit,
    Cancel,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub picker: Option<Picker>,
    /// A problem with the form as a whole, shown under the fields.
    pub message: Option<String>,
    /// Conflicts found on the last confirm; a second Enter saves anyway.
    pub warnings: Vec<String>,
    pub warned: bool,
}

impl Form {
    pub fn new(title: String, fields: Vec<Field>) -> Form {
        let mut form = Form {
            title,
            fields,
            focus: 0,
            picker: None,
            message: None,
            warnings: Vec::new(),
            warned: false,
        };
        form.select_focused();
        form
    }

    /// A one-line field the focus arrives in has its text selected, as on
    /// any PC form: typing replaces it (`09:30`, then `19:00`, gives
    /// `19:00`); an arrow, Home or End edits it instead.
    fn select_focused(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus)
            && !f.is_choice()
            && !f.is_list()
        {
            f.input.select_all();
        }
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    /// Marks a field wrong, and moves the focus to the first wrong field.
    pub fn set_error(&mut self, key: &str, message: String) {
        if let Some(f) = self.field_mut(key) {
            f.error = Some(message);
        }
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    pub fn clear_errors(&mut self) {
        for f in &mut self.fields {
            f.error = None;
        }
        self.message = None;
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    /// Whether any field holds something else than it was opened with.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(Field::changed)
    }

    /// Whether the field `key` was changed (a missing field was not).
    pub fn field_changed(&self, key: &str) -> bool {
        self.field(key).is_some_and(Field::changed)
    }

    /// Whether a printable key is typed into the form: a text, date,
    /// time, number or list field has the focus, or a choice's list is
    /// open. On a choice field it opens the list with that letter instead.
    pub fn typing(&self) -> bool {
        self.picker.is_some() || self.fields.get(self.focus).is_some_and(|f| !f.is_choice())
    }

    /// Takes a key as the app would give it: looked up in `keymap` unless
    /// it is typing (for driving a form on its own).
    pub fn handle_key(
        &mut self,
        key: &ratatui::crossterm::event::KeyEvent,
        keymap: &super::keymap::Keymap,
    ) -> FormOutcome {
        let action = if self.typing() && is_typing(key) {
            None
        } else {
            keymap.dialog_action(key, None)
        };
        self.handle(Input { key, action })
    }

    /// Takes one key, as the keymap read it (see [`crate::tui::dialog`]).
    pub fn handle(&mut self, input: Input<'_>) -> FormOutcome {
        if self.picker.is_some() {
            self.picker_key(input);
            return FormOutcome::Continue;
        }
        match input.action {
            Some(Action::Cancel) => return FormOutcome::Cancel,
            Some(Action::Confirm) => return FormOutcome::Submit,
            Some(Action::NextField) => self.move_focus(true, false),
            Some(Action::PrevField) => self.move_focus(false, false),
            // In a list, Up and Down go from item to item first.
            Some(Action::Down) => {
                if !self.focused_list().is_some_and(ListInput::down) {
                    self.move_focus(true, true);
                }
            }
            Some(Action::Up) => {
                if !self.focused_list().is_some_and(ListInput::up) {
                    self.move_focus(false, true);
                }
            }
            _ => self.field_key(input),
        }
        FormOutcome::Continue
    }

    /// A key for the focused field itself.
    fn field_key(&mut self, input: Input<'_>) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        field.error = None;
        self.warned = false;
        match (&field.kind, input.action) {
            (FieldKind::Choice(options), Some(a @ (Action::Left | Action::Right))) => {
                let len = options.len();
                if len > 0 {
                    let cur = field.selected.unwrap_or(0);
                    field.selected = Some(if a == Action::Left {
                        (cur + len - 1) % len
                    } else {
                        (cur + 1) % len
                    });
                }
            }
            (FieldKind::Choice(_), Some(Action::Toggle)) => self.open_picker(None),
            (FieldKind::Choice(_), _) if is_typing(input.key) => {
                if let KeyCode::Char(c) = input.key.code {
                    self.open_picker(Some(c));
                }
            }
            (FieldKind::Choice(_), Some(Action::ClearField)) if !field.required => {
                field.selected = None;
            }
            (FieldKind::Choice(_), _)
                if matches!(input.key.code, KeyCode::Backspace | KeyCode::Delete)
                    && !field.required =>
            {
                field.selected = None;
            }
            (FieldKind::Choice(_), _) => {}
            (FieldKind::List, _) => list_key(&mut field.list, input),
            _ => {
                field.input.edit(input);
            }
        }
    }

    /// A click on field `field`, on its `row`-th row, `col` columns into its
    /// value (`None`: on its label): the focus goes there; in a text the
    /// caret goes to the column clicked; on a choice its list opens.
    pub fn click_field(&mut self, field: usize, row: usize, col: Option<usize>) {
        if field >= self.fields.len() {
            return;
        }
        if field != self.focus {
            if let Some(list) = self.focused_list() {
                list.blur();
            }
            self.focus = field;
        }
        let f = &mut self.fields[field];
        if f.is_choice() {
            if col.is_some() {
                self.open_picker(None);
            }
            return;
        }
        if f.is_list() {
            f.list.focus_row(row);
            if let (Some(c), Some(item)) = (col, f.list.current_mut_item()) {
                // Items are drawn after their `- `.
                item.set_caret_column(c.saturating_sub(2));
            }
            return;
        }
        match col {
            Some(c) => f.input.set_caret_column(c),
            None => f.input.select_all(),
        }
    }

    /// Takes entry `k` of the open pick list (counted among the matches).
    pub fn pick(&mut self, k: usize) {
        let Some(picker) = &self.picker else { return };
        let chosen = picker.matches.get(k).copied();
        if let (Some(f), Some(c)) = (self.fields.get_mut(self.focus), chosen) {
            f.selected = Some(c);
            f.error = None;
            self.picker = None;
        }
    }

    /// The wheel: moves in the open pick list, else from field to field.
    pub fn wheel(&mut self, down: bool) {
        if let Some(p) = &mut self.picker {
            p.selected = if down {
                (p.selected + 1).min(p.matches.len().saturating_sub(1))
            } else {
                p.selected.saturating_sub(1)
            };
            return;
        }
        self.move_focus(down, false);
    }

    fn open_picker(&mut self, first: Option<char>) {
        let mut picker = Picker::default();
        if let Some(c) = first.filter(|c| *c != ' ') {
            picker.input.insert(c);
        }
        self.picker = Some(picker);
        self.refresh_picker();
    }

    fn focused_list(&mut self) -> Option<&mut ListInput> {
        self.fields
            .get_mut(self.focus)
            .filter(|f| f.is_list())
            .map(|f| &mut f.list)
    }

    /// Focus to the next or previous field. A list entered by Up (from the
    /// field below) starts on its adding row, otherwise on its first item.
    fn move_focus(&mut self, forward: bool, by_arrow: bool) {
        let n = self.fields.len().max(1);
        if let Some(list) = self.focused_list() {
            list.blur();
        }
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        if let Some(list) = self.focused_list() {
            if by_arrow && !forward {
                list.focus_last();
            } else {
                list.focus_first();
            }
        }
        self.select_focused();
    }

    /// Pasted text goes into the focused text field or the open picker; in
    /// a list, each line becomes an item.
    pub fn paste(&mut self, text: &str) {
        if let Some(p) = &mut self.picker {
            p.input.paste(text);
            self.refresh_picker();
            return;
        }
        if let Some(f) = self.fields.get_mut(self.focus) {
            match f.kind {
                FieldKind::Choice(_) => return,
                FieldKind::List => f.list.paste(text),
                _ => f.input.paste(text),
            }
            f.error = None;
        }
    }

    fn picker_key(&mut self, input: Input<'_>) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        if is_typing(input.key) {
            picker.input.edit(input);
            self.refresh_picker();
            return;
        }
        match input.action {
            Some(Action::Cancel) => self.picker = None,
            Some(Action::Confirm | Action::NextField | Action::Toggle) => {
                let chosen = picker.matches.get(picker.selected).copied();
                if let Some(f) = self.fields.get_mut(self.focus)
                    && chosen.is_some()
                {
                    f.selected = chosen;
                    f.error = None;
                }
                self.picker = None;
            }
            Some(Action::Up) => picker.selected = picker.selected.saturating_sub(1),
            Some(Action::Down) => {
                picker.selected = (picker.selected + 1).min(picker.matches.len().saturating_sub(1));
            }
            _ => {
                if picker.input.edit(input) {
                    self.refresh_picker();
                }
            }
        }
    }

    fn refresh_picker(&mut self) {
        let Some(field) = self.fields.get(self.focus) else {
            return;
        };
        let FieldKind::Choice(options) = &field.kind else {
            return;
        };
        if let Some(p) = &mut self.picker {
            p.matches = options
                .iter()
                .enumerate()
                .filter(|(_, c)| c.matches(p.input.text()))
                .map(|(i, _)| i)
                .collect();
            p.selected = field
                .selected
                .and_then(|s| p.matches.iter().position(|m| *m == s))
                .unwrap_or(0);
        }
    }

    /// The options of the focused choice field, when its picker is open.
    pub fn picker_options(&self) -> Option<(&Picker, &[Choice])> {
        let p = self.picker.as_ref()?;
        match &self.fields.get(self.focus)?.kind {
            FieldKind::Choice(options) => Some((p, options)),
            _ => None,
        }
    }

    // ----- reading values, with messages for what is wrong -----

    pub fn text(&self, key: &str) -> String {
        self.field(key)
            .map(|f| f.input.text().trim().to_owned())
            .unwrap_or_default()
    }

    /// A text that may be left empty.
    pub fn optional_text(&self, key: &str) -> Option<String> {
        Some(self.text(key)).filter(|t| !t.is_empty())
    }

    /// The value of the chosen entry of a choice field.
    pub fn choice(&self, key: &str) -> Option<String> {
        let f = self.field(key)?;
        let FieldKind::Choice(options) = &f.kind else {
            return None;
        };
        f.selected
            .and_then(|i| options.get(i))
            .map(|c| c.value.clone())
    }

    /// The items of a list field.
    pub fn list(&self, key: &str) -> Vec<String> {
        self.field(key).map(|f| f.list.values()).unwrap_or_default()
    }
}

/// A key in a list field: editing the focused item, `delete_item` removes
/// it, `clear_field` empties it.
fn list_key(list: &mut ListInput, input: Input<'_>) {
    if is_typing(input.key) {
        if let KeyCode::Char(c) = input.key.code {
            list.insert(c);
        }
        return;
    }
    match (input.action, input.key.code) {
        (Some(Action::ClearField), _) => list.clear(),
        (Some(Action::DeleteItem), _) => list.remove_item(),
        (_, KeyCode::Backspace) => list.backspace(),
        (_, KeyCode::Delete) => list.delete(),
        (_, KeyCode::Left) => list.left(),
        (_, KeyCode::Right) => list.right(),
        (_, KeyCode::Home) => list.home(),
        (_, KeyCode::End) => list.end(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    /// A key as the app gives it to a form: looked up in the default keymap.
    fn press(form: &mut Form, key: &KeyEvent) -> FormOutcome {
        form.handle_key(key, &crate::tui::keymap::Keymap::default_keys())
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn services_form() -> Form {
        let items = ["测血压、血糖".to_owned(), "爱心理发".to_owned()];
        Form::new(
            "t".into(),
            vec![
                Field::new("theme", "主题", "Theme", FieldKind::Text).text("健康义诊乐"),
                Field::new("services", "服务项目", "Services", FieldKind::List).items(&items),
                Field::new("date", "日期", "Date", FieldKind::Date).text("2027-03-20"),
            ],
        )
    }

    #[test]
    fn a_list_keeps_items_whole_and_is_edited_by_keys() {
        let mut form = services_form();
        // Walking through every field and item changes nothing.
        for _ in 0..6 {
            press(&mut form, &key(KeyCode::Down));
        }
        for _ in 0..6 {
            press(&mut form, &key(KeyCode::Up));
        }
        assert!(!form.changed());
        assert_eq!(form.list("services"), ["测血压、血糖", "爱心理发"]);
        // Tab into the list: its first item; Down twice: the adding row.
        press(&mut form, &key(KeyCode::Tab));
        assert_eq!(form.focus, 1);
        press(&mut form, &key(KeyCode::Down));
        press(&mut form, &key(KeyCode::Down));
        for c in "中医推拿、拔罐".chars() {
            press(&mut form, &key(KeyCode::Char(c)));
        }
        assert!(form.field_changed("services"));
        assert!(!form.field_changed("theme"));
        // Ctrl-d removes the focused item ("爱心理发" after going up).
        press(&mut form, &key(KeyCode::Up));
        press(
            &mut form,
            &KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL),
        );
        assert_eq!(form.list("services"), ["测血压、血糖", "中医推拿、拔罐"]);
        // Down from the adding row goes on to the next field.
        press(&mut form, &key(KeyCode::Down));
        press(&mut form, &key(KeyCode::Down));
        assert_eq!(form.focus, 2);
        // Up from the field below enters the list on its adding row.
        press(&mut form, &key(KeyCode::Up));
        assert_eq!(form.focus, 1);
        assert_eq!(form.fields[1].line(), None);
    }

    #[test]
    fn a_field_typed_back_to_what_it_was_is_unchanged() {
        let mut form = services_form();
        assert!(!form.changed());
        // End puts the caret after the text instead of replacing it.
        press(&mut form, &key(KeyCode::End));
        press(&mut form, &key(KeyCode::Backspace));
        assert!(form.field_changed("theme"));
        press(&mut form, &key(KeyCode::Char('乐')));
        assert!(!form.changed());
    }

    #[test]
    fn typing_into_a_filled_field_replaces_it_and_a_caret_key_edits_it() {
        let time_form = || {
            Form::new(
                "t".into(),
                vec![
                    Field::new("theme", "主题", "Theme", FieldKind::Text).text("健康义诊乐"),
                    Field::new("start", "开始", "Start", FieldKind::Time).text("09:30"),
                ],
            )
        };
        let mut form = time_form();
        press(&mut form, &key(KeyCode::Tab));
        assert!(form.fields[1].input.is_selected());
        for c in "19:00".chars() {
            press(&mut form, &key(KeyCode::Char(c)));
        }
        assert_eq!(form.text("start"), "19:00");
        // The first field is selected when the form opens, too.
        let mut form = time_form();
        press(&mut form, &key(KeyCode::Char('法')));
        assert_eq!(form.text("theme"), "法");
        // Left, Home or End first: the key edits at the caret.
        for k in [KeyCode::Left, KeyCode::Home, KeyCode::End] {
            let mut form = time_form();
            press(&mut form, &key(KeyCode::Tab));
            press(&mut form, &key(k));
            press(&mut form, &key(KeyCode::Char('0')));
            assert_ne!(form.text("start"), "0", "{k:?}");
            assert_eq!(form.text("start").len(), 6, "{k:?}");
        }
        // Backspace on a selected field empties it; Tab away and back selects again.
        let mut form = time_form();
        press(&mut form, &key(KeyCode::Tab));
        press(&mut form, &key(KeyCode::Backspace));
        assert_eq!(form.text("start"), "");
    }

    #[test]
    fn choice_fields_open_a_searchable_picker() {
        let options = vec![
            Choice::new("L01", "从四史看石化").with_search("沈国良"),
            Choice::new("L02", "石化街道的创业故事").with_search("陆建华"),
        ];
        let mut form = Form::new(
            "t".into(),
            vec![Field::new(
                "lecture",
                "课程",
                "Lecture",
                FieldKind::Choice(options),
            )],
        );
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        press(&mut form, &key('陆'));
        let (picker, _) = form.picker_options().expect("picker open");
        assert_eq!(picker.matches, vec![1]);
        press(
            &mut form,
            &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        );
        assert!(form.picker.is_none());
        assert_eq!(form.choice("lecture").as_deref(), Some("L02"));
        // Enter with no picker open confirms the form.
        assert_eq!(
            press(
                &mut form,
                &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
            ),
            FormOutcome::Submit
        );
    }
}
