//! A form's fields: text, date, time, number, list or choice, each with
//! what it was opened with (so a field the user did not touch gives its
//! value back exactly), and the searchable list opened over a choice.

use super::list_input::ListInput;
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

    pub(super) fn matches(&self, query: &str) -> bool {
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
    /// Several values, one item a row (never split on punctuation).
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
    /// The items of a list field.
    pub list: ListInput,
    pub error: Option<String>,
    /// The value the field was opened with.
    initial: Value,
}

/// What a field holds, to compare with what it was opened with.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Text(String),
    Choice(Option<usize>),
    List(Vec<String>),
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
            list: ListInput::default(),
            error: None,
            initial: Value::Text(String::new()),
        }
        .opened()
    }

    /// Takes what the field holds now as what it was opened with.
    fn opened(mut self) -> Field {
        self.initial = self.value();
        self
    }

    fn value(&self) -> Value {
        match self.kind {
            FieldKind::Choice(_) => Value::Choice(self.selected),
            FieldKind::List => Value::List(self.list.values()),
            _ => Value::Text(self.input.text().to_owned()),
        }
    }

    /// Whether the field holds something else than it was opened with.
    pub fn changed(&self) -> bool {
        self.value() != self.initial
    }

    #[must_use]
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    #[must_use]
    pub fn text(mut self, s: &str) -> Field {
        self.input = LineInput::with_text(s);
        self.opened()
    }

    /// The items of a list field.
    #[must_use]
    pub fn items(mut self, items: &[String]) -> Field {
        self.list = ListInput::with_items(items);
        self.opened()
    }

    /// Selects the choice whose value is `value`, if there is one.
    #[must_use]
    pub fn choose(mut self, value: Option<&str>) -> Field {
        if let FieldKind::Choice(options) = &self.kind {
            self.selected = value.and_then(|v| options.iter().position(|c| c.value == v));
        }
        self.opened()
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.label.0, self.label.1)
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.kind, FieldKind::Choice(_))
    }

    pub fn is_list(&self) -> bool {
        self.kind == FieldKind::List
    }

    /// The line being edited: the text field's, or the focused list item's
    /// (`None` on a choice, or on a list's adding row).
    pub fn line(&self) -> Option<&LineInput> {
        match self.kind {
            FieldKind::Choice(_) => None,
            FieldKind::List => self.list.current(),
            _ => Some(&self.input),
        }
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
