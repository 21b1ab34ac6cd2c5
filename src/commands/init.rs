//! `stationcal init [DIR]`: write the bundled sample, never over existing files.

use std::path::Path;
use std::process::ExitCode;

use super::{Context, EXIT_CANNOT_RUN};
use crate::store::sample;

pub fn run(ctx: &Context, dir: Option<&Path>) -> ExitCode {
    let dir = dir.unwrap_or(&ctx.dir);
    let zh = ctx.lang == crate::i18n::Lang::Zh;
    match sample::write_sample(dir) {
        Ok(()) => {
            if zh {
                println!("已在 {} 写入示例日程", dir.display());
            } else {
                println!("wrote the sample schedule to {}", dir.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("stationcal: {}", e.message(ctx.lang));
            ExitCode::from(EXIT_CANNOT_RUN)
        }
    }
}
