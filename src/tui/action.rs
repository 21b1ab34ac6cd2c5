//! What a key press means. Keys are mapped to actions by the keymap; the
//! app only ever sees actions.

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Left,
    Right,
    Up,
    Down,
    PrevPage,
    NextPage,
    Today,
    GoToDate,
    NextView,
    PrevView,
    ViewWeek,
    ViewMonth,
    ViewAgenda,
    ViewCatalogue,
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
    OpenEditor,
    Print,
    /// Pick the shown sites and the active one (a network folder).
    Sites,
}

impl Action {
    pub const ALL: [Action; 28] = [
        Action::Left,
        Action::Right,
        Action::Up,
        Action::Down,
        Action::PrevPage,
        Action::NextPage,
        Action::Today,
        Action::GoToDate,
        Action::NextView,
        Action::PrevView,
        Action::ViewWeek,
        Action::ViewMonth,
        Action::ViewAgenda,
        Action::ViewCatalogue,
        Action::Search,
        Action::Filter,
        Action::Details,
        Action::Problems,
        Action::Help,
        Action::Quit,
        Action::Add,
        Action::Delete,
        Action::Undo,
        Action::Redo,
        Action::Save,
        Action::OpenEditor,
        Action::Print,
        Action::Sites,
    ];

    /// The name used in the keymap file and in config overrides.
    pub fn name(self) -> &'static str {
        match self {
            Action::Left => "left",
            Action::Right => "right",
            Action::Up => "up",
            Action::Down => "down",
            Action::PrevPage => "previous",
            Action::NextPage => "next",
            Action::Today => "today",
            Action::GoToDate => "go_to_date",
            Action::NextView => "next_view",
            Action::PrevView => "previous_view",
            Action::ViewWeek => "week_view",
            Action::ViewMonth => "month_view",
            Action::ViewAgenda => "agenda_view",
            Action::ViewCatalogue => "catalogue_view",
            Action::Search => "search",
            Action::Filter => "filter",
            Action::Details => "details",
            Action::Problems => "problems",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Add => "add",
            Action::Delete => "delete",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Save => "save",
            Action::OpenEditor => "open_in_editor",
            Action::Print => "print",
            Action::Sites => "sites",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// What the help screen says the action does: (Chinese, English).
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Action::Left => ("前一天 / 左移", "previous day / left"),
            Action::Right => ("后一天 / 右移", "next day / right"),
            Action::Up => ("上一项", "previous item"),
            Action::Down => ("下一项", "next item"),
            Action::PrevPage => ("上一周 / 上一月", "previous week / month"),
            Action::NextPage => ("下一周 / 下一月", "next week / month"),
            Action::Today => ("回到今天", "back to today"),
            Action::GoToDate => ("跳到日期", "go to a date"),
            Action::NextView => ("下一个视图", "next view"),
            Action::PrevView => ("上一个视图", "previous view"),
            Action::ViewWeek => ("周视图", "week view"),
            Action::ViewMonth => ("月视图", "month view"),
            Action::ViewAgenda => ("日程列表", "agenda view"),
            Action::ViewCatalogue => ("片单与课程目录", "films and lectures"),
            Action::Search => ("搜索片名、课程、主讲人", "search titles, films, speakers"),
            Action::Filter => ("按项目筛选", "filter by programme"),
            Action::Details => ("查看详情；详情中再按修改", "details; again to edit"),
            Action::Problems => ("文件问题列表", "problems in the files"),
            Action::Help => ("帮助", "help"),
            Action::Quit => ("退出", "quit"),
            Action::Add => ("新增", "add"),
            Action::Delete => ("删除或暂停", "delete or skip"),
            Action::Undo => ("撤销", "undo"),
            Action::Redo => ("重做", "redo"),
            Action::Save => ("保存", "save"),
            Action::OpenEditor => ("用编辑器打开所在文件", "open the file in $EDITOR"),
            Action::Print => (
                "打印本周：预览，写出网页、文本或日历文件",
                "print the week: preview, then HTML, text or calendar file",
            ),
            Action::Sites => (
                "选择站点：显示哪些站点、当前修改哪个站点",
                "sites: which are shown, which one you edit",
            ),
        }
    }
}
