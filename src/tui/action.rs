//! What a key press means. Keys are mapped to actions by the keymap
//! ([`super::keymap`]); the app and every dialog only ever see actions, so
//! a key the user remaps works everywhere and every hint can name it.
//!
//! Actions live in scopes: the calendar's own ([`Scope::View`]), those of
//! every dialog ([`Scope::Dialog`]), and those of one kind of dialog. One key
//! may mean different things in different scopes (`Enter` shows details in
//! the calendar and confirms in a dialog); within a scope it means one thing.

use strum::{EnumIter, EnumString, IntoEnumIterator, IntoStaticStr};

/// Where an action applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter)]
pub enum Scope {
    /// The calendar views.
    View,
    /// Every dialog: lists, forms, questions.
    Dialog,
    /// The merge dialog (a file changed on disk and here).
    Merge,
    /// The print preview.
    Print,
    /// The site picker of a network.
    Sites,
    /// The history window (a folder kept in git).
    History,
}

/// Everything a key can ask for. The names (`strum`) are those of the
/// keymap file and of `keys:` in config.ron.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, EnumString, IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    // Moving: also used in every list and scrolling window.
    Left,
    Right,
    Up,
    Down,
    #[strum(serialize = "previous")]
    PrevPage,
    #[strum(serialize = "next")]
    NextPage,
    Today,
    GoToDate,
    NextView,
    #[strum(serialize = "previous_view")]
    PrevView,
    #[strum(serialize = "week_view")]
    ViewWeek,
    #[strum(serialize = "month_view")]
    ViewMonth,
    #[strum(serialize = "agenda_view")]
    ViewAgenda,
    #[strum(serialize = "catalogue_view")]
    ViewCatalogue,
    #[strum(serialize = "stats_view")]
    ViewStats,
    Search,
    Filter,
    Details,
    Problems,
    Help,
    Quit,
    // Editing.
    Add,
    Delete,
    Undo,
    Redo,
    Save,
    #[strum(serialize = "open_in_editor")]
    OpenEditor,
    Print,
    /// The record of an activity held (sign-ups, attendance, summary).
    Record,
    /// Pick the shown sites and the active one (a network folder).
    Sites,
    /// Sync with the shared copy (a folder kept in git).
    Sync,
    /// Who changed the selected activity (or the folder), and when.
    History,
    // In every dialog.
    /// Take the choice, confirm the form.
    Confirm,
    /// Close without doing anything.
    Cancel,
    NextField,
    #[strum(serialize = "previous_field")]
    PrevField,
    /// Tick or untick; open a field's list of choices.
    Toggle,
    /// Empty the text field.
    ClearField,
    /// Remove the item of a list field.
    DeleteItem,
    /// Say yes to a question that changes a lot (the whole series).
    Yes,
    // The merge dialog.
    KeepMine,
    KeepTheirs,
    // The print preview.
    WriteHtml,
    WriteText,
    WriteCalendar,
    // The site picker.
    ShowAllSites,
    // The history view.
    /// This activity's versions, or the whole folder's.
    #[strum(serialize = "history_all")]
    HistoryAll,
    /// Put the selected change's entry back as it was before it.
    RestoreEntry,
    /// Put the whole file back as it was after the selected version.
    RestoreFile,
}

impl Action {
    /// Every action, in the order the help screen lists them.
    pub fn all() -> impl Iterator<Item = Action> {
        Action::iter()
    }

    /// The name used in the keymap file and in config overrides.
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn from_name(name: &str) -> Option<Action> {
        name.parse().ok()
    }

    /// Where the action applies.
    pub fn scope(self) -> Scope {
        use Action as A;
        match self {
            A::Confirm
            | A::Cancel
            | A::NextField
            | A::PrevField
            | A::Toggle
            | A::ClearField
            | A::DeleteItem
            | A::Yes => Scope::Dialog,
            A::KeepMine | A::KeepTheirs => Scope::Merge,
            A::WriteHtml | A::WriteText | A::WriteCalendar => Scope::Print,
            A::ShowAllSites => Scope::Sites,
            A::HistoryAll | A::RestoreEntry | A::RestoreFile => Scope::History,
            _ => Scope::View,
        }
    }

    /// The calendar's actions that also work in dialogs: moving in a list
    /// or a window, help, and `q` (which closes a window without a text
    /// field, as it always has).
    pub fn works_in_dialogs(self) -> bool {
        matches!(
            self,
            Action::Left
                | Action::Right
                | Action::Up
                | Action::Down
                | Action::PrevPage
                | Action::NextPage
                | Action::Quit
        )
    }

    /// What the help screen says the action does: (Chinese, English).
    pub fn describe(self) -> (&'static str, &'static str) {
        use Action as A;
        match self {
            A::Left => ("前一天 / 左移", "previous day / left"),
            A::Right => ("后一天 / 右移", "next day / right"),
            A::Up => ("上一项", "previous item"),
            A::Down => ("下一项", "next item"),
            A::PrevPage => ("上一周 / 上一月 / 上一页", "previous week / month / page"),
            A::NextPage => ("下一周 / 下一月 / 下一页", "next week / month / page"),
            A::Today => ("回到今天", "back to today"),
            A::GoToDate => ("跳到日期", "go to a date"),
            A::NextView => ("下一个视图", "next view"),
            A::PrevView => ("上一个视图", "previous view"),
            A::ViewWeek => ("周视图", "week view"),
            A::ViewMonth => ("月视图", "month view"),
            A::ViewAgenda => ("日程列表", "agenda view"),
            A::ViewCatalogue => ("片单与课程目录", "films and lectures"),
            A::ViewStats => (
                "统计：按月、季度、年的活动与人次",
                "statistics: activities and people by month, quarter, year",
            ),
            A::Search => ("搜索片名、课程、主讲人", "search titles, films, speakers"),
            A::Filter => ("按项目筛选", "filter by programme"),
            A::Details => ("查看详情；详情中再按修改", "details; again to edit"),
            A::Problems => ("文件问题列表", "problems in the files"),
            A::Help => ("帮助", "help"),
            A::Quit => ("退出（窗口里：关闭）", "quit (in a window: close it)"),
            A::Add => ("新增", "add"),
            A::Delete => ("删除或暂停", "delete or skip"),
            A::Undo => ("撤销", "undo"),
            A::Redo => ("重做", "redo"),
            A::Save => ("保存", "save"),
            A::OpenEditor => ("用编辑器打开所在文件", "open the file in $EDITOR"),
            A::Print => (
                "打印本周：预览，写出网页、文本或日历文件",
                "print the week: preview, then HTML, text or calendar file",
            ),
            A::Record => (
                "记录已举办的活动：报名、实到人数、小结",
                "record an activity held: sign-ups, attendance, summary",
            ),
            A::Sites => (
                "选择站点：显示哪些站点、当前修改哪个站点",
                "sites: which are shown, which one you edit",
            ),
            A::Sync => (
                "同步：保存后与共享副本交换修改（多台电脑）",
                "sync: save, then exchange edits with the shared copy (several computers)",
            ),
            A::Confirm => ("确认、选定", "confirm, choose"),
            A::Cancel => ("取消、关闭窗口", "cancel, close the window"),
            A::NextField => ("下一项（表单）", "next field (forms)"),
            A::PrevField => ("上一项（表单）", "previous field (forms)"),
            A::Toggle => ("勾选；打开选项列表", "tick; open a field's list"),
            A::ClearField => ("清空这一项", "clear the field"),
            A::DeleteItem => ("删除列表中的这一条", "remove the list item"),
            A::Yes => ("确认影响整个系列的操作", "say yes to a whole-series change"),
            A::KeepMine => ("合并：保留我的修改", "merge: keep mine"),
            A::KeepTheirs => ("合并：保留文件里的", "merge: keep the file's"),
            A::WriteHtml => (
                "打印预览：写出网页并打开",
                "print preview: write the page and open it",
            ),
            A::WriteText => ("打印预览：写出文本", "print preview: write the text"),
            A::WriteCalendar => (
                "打印预览：写出日历文件",
                "print preview: write the calendar file",
            ),
            A::ShowAllSites => ("站点：全部显示", "sites: show all"),
            A::History => (
                "历史记录：谁在什么时候改了这一项（或整个文件夹）",
                "history: who changed this activity (or the folder), and when",
            ),
            A::HistoryAll => (
                "历史：这一项 / 整个文件夹",
                "history: this activity / the whole folder",
            ),
            A::RestoreEntry => (
                "历史：把这一条恢复成这次修改之前的样子",
                "history: put this entry back as it was before this change",
            ),
            A::RestoreFile => (
                "历史：把整个文件恢复成这个版本",
                "history: put the whole file back as it was in this version",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_name_that_reads_back() {
        for a in Action::all() {
            assert_eq!(Action::from_name(a.name()), Some(a), "{a:?}");
        }
        assert_eq!(Action::PrevPage.name(), "previous");
        assert_eq!(Action::OpenEditor.name(), "open_in_editor");
        assert_eq!(Action::from_name("nonsense"), None);
    }
}
