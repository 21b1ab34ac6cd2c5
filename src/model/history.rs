//! Undo and redo over whole schedule states. A station's schedule is small
//! (tens of kilobytes), so keeping each earlier state is simpler and exactly
//! right: undo returns to the very value it was, never to an approximation.

use super::schedule::Schedule;

/// One step of the session's editing history.
#[derive(Debug, Clone)]
struct Step {
    /// The schedule as it was before the step.
    before: Schedule,
    /// What the step did, for the status line ("已撤销：…").
    label: String,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records `current` as the state before an edit labelled `label`.
    pub fn record(&mut self, current: &Schedule, label: impl Into<String>) {
        self.undo.push(Step {
            before: current.clone(),
            label: label.into(),
        });
        self.redo.clear();
    }

    /// Goes back one step: returns the earlier state and the step's label.
    pub fn undo(&mut self, current: &Schedule) -> Option<(Schedule, String)> {
        let step = self.undo.pop()?;
        self.redo.push(Step {
            before: current.clone(),
            label: step.label.clone(),
        });
        Some((step.before, step.label))
    }

    /// Goes forward one undone step.
    pub fn redo(&mut self, current: &Schedule) -> Option<(Schedule, String)> {
        let step = self.redo.pop()?;
        self.undo.push(Step {
            before: current.clone(),
            label: step.label.clone(),
        });
        Some((step.before, step.label))
    }

    /// How many steps can be undone: noted at a save, so the next save
    /// can tell which edits it writes.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }

    /// The words of the edits made since the history was `depth` deep,
    /// oldest first (none when undone past it).
    pub fn labels_since(&self, depth: usize) -> Vec<String> {
        self.undo
            .get(depth..)
            .unwrap_or_default()
            .iter()
            .map(|s| s.label.clone())
            .collect()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Schedule {
        let mut s = Schedule::default();
        s.station.name = name.to_owned();
        s
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth_exactly() {
        let mut h = History::default();
        let a = named("a");
        let b = named("b");
        let c = named("c");
        h.record(&a, "to b");
        h.record(&b, "to c");
        let (back, label) = h.undo(&c).expect("one step back");
        assert_eq!((back.clone(), label.as_str()), (b.clone(), "to c"));
        let (back2, _) = h.undo(&back).expect("two steps back");
        assert_eq!(back2, a);
        assert!(h.undo(&back2).is_none());
        let (fwd, _) = h.redo(&back2).expect("redo");
        assert_eq!(fwd, b);
        let (fwd2, _) = h.redo(&fwd).expect("redo");
        assert_eq!(fwd2, c);
        assert!(h.redo(&fwd2).is_none());
    }

    #[test]
    fn a_new_edit_after_undo_drops_the_redo_steps() {
        let mut h = History::default();
        h.record(&named("a"), "to b");
        let (a, _) = h.undo(&named("b")).expect("undo");
        h.record(&a, "to x");
        assert!(!h.can_redo());
        assert!(h.can_undo());
    }
}
