//! A list edited as a list: one item a row, each a [`LineInput`], and an
//! empty row at the end that takes a new item. Items are never joined into
//! one text and split again, so an item such as `测血压、血糖` stays one item.
//!
//! An item the user did not edit gives back its text exactly as it was
//! opened (spaces and all); an edited one is trimmed, and an edited one left
//! empty is dropped.

use super::text::LineInput;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    input: LineInput,
    /// The text the item was opened with; `None` for an item added here.
    original: Option<String>,
}

impl Item {
    fn untouched(&self) -> bool {
        self.original.as_deref() == Some(self.input.text())
    }

    /// What the item gives back: `None` when it is dropped.
    fn value(&self) -> Option<String> {
        if self.untouched() {
            return Some(self.input.text().to_owned());
        }
        Some(self.input.text().trim().to_owned()).filter(|t| !t.is_empty())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListInput {
    items: Vec<Item>,
    /// The focused row: an item, or `items.len()` for the row that adds one.
    row: usize,
}

impl ListInput {
    pub fn with_items(items: &[String]) -> ListInput {
        ListInput {
            items: items
                .iter()
                .map(|t| Item {
                    input: LineInput::with_text(t),
                    original: Some(t.clone()),
                })
                .collect(),
            row: 0,
        }
    }

    /// The list's value: see the module documentation.
    pub fn values(&self) -> Vec<String> {
        self.items.iter().filter_map(Item::value).collect()
    }

    /// The items' inputs, in order (the adding row is not among them).
    pub fn items(&self) -> impl Iterator<Item = &LineInput> {
        self.items.iter().map(|i| &i.input)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The focused row; `len()` is the adding row.
    pub fn row(&self) -> usize {
        self.row
    }

    /// Rows drawn: the items and the adding row.
    pub fn rows(&self) -> usize {
        self.items.len() + 1
    }

    /// The focused item's input; `None` on the adding row.
    pub fn current(&self) -> Option<&LineInput> {
        self.items.get(self.row).map(|i| &i.input)
    }

    /// The focused item's input, making the adding row a new item first.
    fn current_mut(&mut self) -> &mut LineInput {
        if self.row >= self.items.len() {
            self.row = self.items.len();
            self.items.push(Item {
                input: LineInput::default(),
                original: None,
            });
        }
        &mut self.items[self.row].input
    }

    /// Focus goes to row `row` (a click); past the items, the adding row.
    pub fn focus_row(&mut self, row: usize) {
        if row == self.row {
            return;
        }
        self.leave_row();
        self.row = row.min(self.items.len());
    }

    /// The focused item's input to move its caret; `None` on the adding row.
    pub fn current_mut_item(&mut self) -> Option<&mut LineInput> {
        self.items.get_mut(self.row).map(|i| &mut i.input)
    }

    /// Focus arrives from the field above: the first row.
    pub fn focus_first(&mut self) {
        self.leave_row();
        self.row = 0;
    }

    /// Focus arrives from the field below: the adding row.
    pub fn focus_last(&mut self) {
        self.leave_row();
        self.row = self.items.len();
    }

    /// Focus leaves the list.
    pub fn blur(&mut self) {
        self.leave_row();
    }

    /// An item added here and left empty is not kept as a blank row.
    fn leave_row(&mut self) {
        if let Some(item) = self.items.get(self.row)
            && item.original.is_none()
            && item.input.text().trim().is_empty()
        {
            self.items.remove(self.row);
        }
    }

    /// Up one row; `false` when already on the first (focus leaves the list).
    pub fn up(&mut self) -> bool {
        if self.row == 0 {
            return false;
        }
        self.leave_row();
        self.row -= 1;
        true
    }

    /// Down one row; `false` when already on the adding row.
    pub fn down(&mut self) -> bool {
        if self.row >= self.items.len() {
            return false;
        }
        let before = self.items.len();
        self.leave_row();
        // Leaving an empty new item removed it: the next row moved up to it.
        if self.items.len() == before {
            self.row += 1;
        }
        true
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.current_mut().insert(c);
    }

    /// Pasted text: one item a line, the first line into the focused item.
    pub fn paste(&mut self, s: &str) {
        let mut lines = s.lines().filter(|l| !l.trim().is_empty());
        let Some(first) = lines.next() else {
            return;
        };
        self.current_mut().paste(first);
        for line in lines {
            self.row += 1;
            self.items.insert(
                self.row,
                Item {
                    input: LineInput::with_text(&line.replace('\t', " ")),
                    original: None,
                },
            );
        }
    }

    /// Deletes before the caret; on an empty item, removes the item and
    /// goes to the end of the one above.
    pub fn backspace(&mut self) {
        match self.items.get_mut(self.row) {
            Some(item) if !item.input.text().is_empty() => item.input.backspace(),
            Some(_) => {
                self.items.remove(self.row);
                if self.row > 0 {
                    self.row -= 1;
                    if let Some(above) = self.items.get_mut(self.row) {
                        above.input.end();
                    }
                }
            }
            None => {
                let last = self.items.len().checked_sub(1);
                if let Some(item) = last.and_then(|i| self.items.get_mut(i)) {
                    item.input.end();
                    self.row = last.unwrap_or(0);
                }
            }
        }
    }

    pub fn delete(&mut self) {
        if let Some(item) = self.items.get_mut(self.row) {
            item.input.delete();
        }
    }

    /// Removes the focused item; the row below takes the focus.
    pub fn remove_item(&mut self) {
        if self.row < self.items.len() {
            self.items.remove(self.row);
        }
    }

    /// Empties the focused item (the item stays until it is left).
    pub fn clear(&mut self) {
        if let Some(item) = self.items.get_mut(self.row) {
            item.input = LineInput::default();
        }
    }

    pub fn left(&mut self) {
        if let Some(item) = self.items.get_mut(self.row) {
            item.input.left();
        }
    }

    pub fn right(&mut self) {
        if let Some(item) = self.items.get_mut(self.row) {
            item.input.right();
        }
    }

    pub fn home(&mut self) {
        if let Some(item) = self.items.get_mut(self.row) {
            item.input.home();
        }
    }

    pub fn end(&mut self) {
        if let Some(item) = self.items.get_mut(self.row) {
            item.input.end();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> ListInput {
        ListInput::with_items(&items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    fn typed(l: &mut ListInput, s: &str) {
        for c in s.chars() {
            l.insert(c);
        }
    }

    #[test]
    fn untouched_items_come_back_exactly_even_with_separators_and_spaces() {
        let items = ["测血压、血糖", " 理发 ", "", "a, b; c"];
        let mut l = list(&items);
        assert_eq!(l.values(), items);
        // Walking over every row changes nothing either.
        while l.down() {}
        while l.up() {}
        assert_eq!(l.values(), items);
    }

    #[test]
    fn add_edit_and_remove_items_by_keys() {
        let mut l = list(&["测血压、血糖", "爱心理发"]);
        // Add: down to the adding row and type.
        assert!(l.down() && l.down());
        assert_eq!(l.row(), 2);
        typed(&mut l, "中医推拿、拔罐 ");
        assert_eq!(l.values(), ["测血压、血糖", "爱心理发", "中医推拿、拔罐"]);
        // Edit the first item.
        assert!(l.up() && l.up());
        l.end();
        typed(&mut l, "、尿酸");
        assert_eq!(l.values()[0], "测血压、血糖、尿酸");
        // Remove the second: empty it, then backspace removes the row.
        assert!(l.down());
        l.clear();
        l.backspace();
        assert_eq!(l.values(), ["测血压、血糖、尿酸", "中医推拿、拔罐"]);
        assert_eq!(l.row(), 0);
        // Remove outright.
        l.remove_item();
        assert_eq!(l.values(), ["中医推拿、拔罐"]);
        assert!(!l.up(), "the first row: focus leaves the list");
    }

    #[test]
    fn an_added_row_left_empty_disappears() {
        let mut l = list(&["心理咨询"]);
        l.focus_last();
        typed(&mut l, " ");
        assert_eq!(l.len(), 2);
        assert!(l.up());
        assert_eq!(l.len(), 1);
        assert_eq!(l.values(), ["心理咨询"]);
        // Down from the last item reaches the adding row; down again leaves.
        assert!(l.down());
        assert_eq!(l.current(), None);
        assert!(!l.down());
    }

    #[test]
    fn pasted_lines_become_items() {
        let mut l = ListInput::default();
        l.paste("测血压、血糖\r\n\n爱心理发\n");
        assert_eq!(l.values(), ["测血压、血糖", "爱心理发"]);
        assert_eq!(l.row(), 1);
    }
}
