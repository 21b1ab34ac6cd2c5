//! Forms: labelled fields, Tab / Shift-Tab between them, Enter to confirm,
//! Esc to cancel. Dates and times accept what people type and say what is
//! wrong inline; rooms, films and lectures are picked from lists so a
//! reference can never dangle.

use chrono::{Datelike, NaiveDate, NaiveTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::text::LineInput;
use crate::i18n::Lang;

/// One entry of a pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What is stored (an id, a room name).
    pub value: String,
    /// What is shown.
    pub label: String,
    /// Extra text the search matches (a lecture's speaker).
    pub search: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            search: String::new(),
        }
    }

    #[must_use]
    pub fn with_search(mut self, s: impl Into<String>) -> Choice {
        self.search = s.into();
        self
    }

    fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        q.is_empty()
            || self.label.to_lowercase().contains(&q)
            || self.search.to_lowercase().contains(&q)
            || self.value.to_lowercase().contains(&q)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Date,
    Time,
    Number {
        min: u32,
        max: u32,
    },
    /// Several values, written separated by 、 or commas.
    List,
    /// One of a list; long lists are searched in a picker.
    Choice(Vec<Choice>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub label: (&'static str, &'static str),
    pub kind: FieldKind,
    pub required: bool,
    pub input: LineInput,
    /// The chosen entry of a choice field.
    pub selected: Option<usize>,
    pub error: Option<String>,
}

impl Field {
    pub fn new(key: &'static str, zh: &'static str, en: &'static str, kind: FieldKind) -> Field {
        Field {
            key,
            label: (zh, en),
            kind,
            required: false,
            input: LineInput::default(),
            selected: None,
            error: None,
        }
    }

    #[must_use]
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    #[must_use]
    pub fn text(mut self, s: &str) -> Field {
        self.input = LineInput::with_text(s);
        self
    }

    /// Selects the choice whose value is `value`, if there is one.
    #[must_use]
    pub fn choose(mut self, value: Option<&str>) -> Field {
        if let FieldKind::Choice(options) = &self.kind {
            self.selected = value.and_then(|v| options.iter().position(|c| c.value == v));
        }
        self
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.label.0, self.label.1)
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.kind, FieldKind::Choice(_))
    }

    /// What the field shows: the typed text, or the chosen entry's label.
    pub fn shown(&self) -> String {
        match &self.kind {
            FieldKind::Choice(options) => self
                .selected
                .and_then(|i| options.get(i))
                .map(|c| c.label.clone())
                .unwrap_or_default(),
            _ => self.input.text().to_owned(),
        }
    }
}

/// The searchable list opened over a choice field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Picker {
    pub input: LineInput,
    pub matches: Vec<usize>,
    pub selected: usize,
}

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
        Form {
            title,
            fields,
            focus: 0,
            picker: None,
            message: None,
            warnings: Vec::new(),
            warned: false,
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

    /// Takes one key.
    pub fn handle_key(&mut self, key: &KeyEvent) -> FormOutcome {
        if self.picker.is_some() {
            self.picker_key(key);
            return FormOutcome::Continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let n = self.fields.len();
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Enter => return FormOutcome::Submit,
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % n.max(1),
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + n.max(1) - 1) % n.max(1),
            code => {
                let Some(field) = self.fields.get_mut(self.focus) else {
                    return FormOutcome::Continue;
                };
                field.error = None;
                self.warned = false;
                match (&field.kind, code) {
                    (FieldKind::Choice(options), KeyCode::Left | KeyCode::Right) => {
                        let len = options.len();
                        if len > 0 {
                            let cur = field.selected.unwrap_or(0);
                            field.selected = Some(if code == KeyCode::Left {
                                (cur + len - 1) % len
                            } else {
                                (cur + 1) % len
                            });
                        }
                    }
                    (FieldKind::Choice(_), KeyCode::Char(c)) if !ctrl => {
                        let mut picker = Picker::default();
                        if c != ' ' {
                            picker.input.insert(c);
                        }
                        self.picker = Some(picker);
                        self.refresh_picker();
                    }
                    (FieldKind::Choice(_), KeyCode::Backspace | KeyCode::Delete)
                        if !field.required =>
                    {
                        field.selected = None;
                    }
                    (FieldKind::Choice(_), _) => {}
                    (_, KeyCode::Char('u')) if ctrl => field.input = LineInput::default(),
                    (_, KeyCode::Char(_)) if ctrl => {}
                    (_, KeyCode::Char(c)) => field.input.insert(c),
                    (_, KeyCode::Backspace) => field.input.backspace(),
                    (_, KeyCode::Delete) => field.input.delete(),
                    (_, KeyCode::Left) => field.input.left(),
                    (_, KeyCode::Right) => field.input.right(),
                    (_, KeyCode::Home) => field.input.home(),
                    (_, KeyCode::End) => field.input.end(),
                    _ => {}
                }
            }
        }
        FormOutcome::Continue
    }

    /// Pasted text goes into the focused text field or the open picker.
    pub fn paste(&mut self, text: &str) {
        if let Some(p) = &mut self.picker {
            p.input.paste(text);
            self.refresh_picker();
            return;
        }
        if let Some(f) = self.fields.get_mut(self.focus)
            && !f.is_choice()
        {
            f.input.paste(text);
            f.error = None;
        }
    }

    fn picker_key(&mut self, key: &KeyEvent) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        match key.code {
            KeyCode::Esc => self.picker = None,
            KeyCode::Enter | KeyCode::Tab => {
                let chosen = picker.matches.get(picker.selected).copied();
                if let Some(f) = self.fields.get_mut(self.focus)
                    && chosen.is_some()
                {
                    f.selected = chosen;
                    f.error = None;
                }
                self.picker = None;
            }
            KeyCode::Up => picker.selected = picker.selected.saturating_sub(1),
            KeyCode::Down => {
                picker.selected = (picker.selected + 1).min(picker.matches.len().saturating_sub(1));
            }
            KeyCode::Char(_) if key.modifiers.contains(KeyModifiers::CONTROL) => {}
            KeyCode::Char(c) => {
                picker.input.insert(c);
                self.refresh_picker();
            }
            KeyCode::Backspace => {
                picker.input.backspace();
                self.refresh_picker();
            }
            KeyCode::Left => picker.input.left(),
            KeyCode::Right => picker.input.right(),
            _ => {}
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

    /// Several values from a list field.
    pub fn list(&self, key: &str) -> Vec<String> {
        split_list(&self.text(key))
    }
}

/// Splits "心理咨询、血压测量, 理发" into its parts.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads a date as people type it: `2026-11-25`, `11-25`, `11/25`, `11月25日`
/// (the year taken from `around`).
pub fn parse_date_input(s: &str, around: NaiveDate) -> Option<NaiveDate> {
    let t = s.trim();
    if let Ok(d) = crate::model::values::parse_date(t) {
        return Some(d);
    }
    let cleaned = t.replace(['月', '/', '.'], "-").replace(['日', '号'], "");
    let (m, d) = cleaned.split_once('-')?;
    let (m, d): (u32, u32) = (m.trim().parse().ok()?, d.trim().parse().ok()?);
    NaiveDate::from_ymd_opt(around.year(), m, d)
}

/// Reads a time as people type it: `14:00`, `1400`, `9:30`, `930`, `14`.
pub fn parse_time_input(s: &str) -> Option<NaiveTime> {
    let t = s.trim().replace('：', ":");
    if let Ok(time) = crate::model::values::parse_time(&t) {
        return Some(time);
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) || t.is_empty() || t.len() > 4 {
        return None;
    }
    let (h, m) = match t.len() {
        1 | 2 => (t.as_str(), "0"),
        3 => (&t[..1], &t[1..]),
        _ => (&t[..2], &t[2..]),
    };
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn dates_as_people_type_them() {
        let around = d(2026, 11, 27);
        for s in ["2026-11-25", "11-25", "11/25", "11月25日", " 11-25 "] {
            assert_eq!(parse_date_input(s, around), Some(d(2026, 11, 25)), "{s}");
        }
        assert_eq!(parse_date_input("2027-01-05", around), Some(d(2027, 1, 5)));
        assert_eq!(parse_date_input("2-30", around), None);
        assert_eq!(parse_date_input("下周三", around), None);
    }

    #[test]
    fn times_as_people_type_them() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_time_input("14:00"), t(14, 0));
        assert_eq!(parse_time_input("1400"), t(14, 0));
        assert_eq!(parse_time_input("9:30"), t(9, 30));
        assert_eq!(parse_time_input("930"), t(9, 30));
        assert_eq!(parse_time_input("14"), t(14, 0));
        assert_eq!(parse_time_input("14：30"), t(14, 30));
        assert_eq!(parse_time_input("2500"), None);
        assert_eq!(parse_time_input("14:60"), None);
        assert_eq!(parse_time_input("下午两点"), None);
    }

    #[test]
    fn lists_split_on_chinese_and_ascii_separators() {
        assert_eq!(
            split_list("心理咨询、血压测量, 理发；"),
            vec!["心理咨询", "血压测量", "理发"]
        );
        assert!(split_list("  ").is_empty());
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
        form.handle_key(&key('陆'));
        let (picker, _) = form.picker_options().expect("picker open");
        assert_eq!(picker.matches, vec![1]);
        form.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert!(form.picker.is_none());
        assert_eq!(form.choice("lecture").as_deref(), Some("L02"));
        // Enter with no picker open confirms the form.
        assert_eq!(
            form.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            FormOutcome::Submit
        );
    }
}
