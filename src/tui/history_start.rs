//! Starting history from the history window. The app does not know the
//! staffer's name here yet (the saving side asks for it), so this only
//! says how to start; the lead's `App::start_history` replaces it.

use super::app::App;
use crate::tr;

impl App {
    /// Starts keeping history in the folder, or says how to.
    pub fn start_history(&mut self) {
        let lang = self.lang;
        self.status = Some(if self.has_storage() {
            tr!(
                lang,
                "请在命令行运行 stationcal init --git 开始记录历史，然后重新打开",
                "run stationcal init --git to start keeping history, then open the folder again"
            )
        } else {
            tr!(
                lang,
                "没有关联的日程文件夹，无法记录历史",
                "no schedule folder: no history can be kept"
            )
        });
    }
}
