//! The two interface languages. Chinese is the default.
//!
//! Every sentence the program shows is written once, Chinese and English
//! side by side, with [`tr!`](crate::tr): the compiler checks that both are
//! there and that both use the same values, so neither can drift out of
//! date unnoticed. [`Lang::pick`] is the same for a fixed word that must be
//! a `&'static str` (a tab label).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Chooses the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A sentence in the interface language, as a `String`:
/// `tr!(lang, "已保存 {files}", "saved {files}")`. Both texts are format
/// strings (values by name from the surrounding code, or given after them).
#[macro_export]
macro_rules! tr {
    ($lang:expr, $zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::i18n::Lang::Zh => format!($zh $(, $arg)*),
            $crate::i18n::Lang::En => format!($en $(, $arg)*),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn tr_formats_the_text_of_the_language() {
        let files = "events.ron";
        assert_eq!(
            tr!(Lang::Zh, "已保存 {files}", "saved {files}"),
            "已保存 events.ron"
        );
        assert_eq!(
            tr!(Lang::En, "已保存 {files}", "saved {files}"),
            "saved events.ron"
        );
        assert_eq!(tr!(Lang::En, "{}个", "{} of them", 3), "3 of them");
    }
}
