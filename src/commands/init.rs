//! `stationcal init [DIR]`: write the bundled sample, never over existing files.

use std::path::Path;
use std::process::ExitCode;

use super::{Context, EXIT_CANNOT_RUN};
use crate::store::sample;

pub fn run(ctx: &Context, dir: Option<&Path>, network: bool) -> ExitCode {
    let dir = dir.unwrap_or(&ctx.dir);
    let zh = ctx.lang == crate::i18n::Lang::Zh;
    let written = if network {
        crate::store::network::write_network_sample(dir)
    } else {
        sample::write_sample(dir)
    };
    match written {
        Ok(()) => {
            if zh {
                let what = if network {
                    "示例站点网络"
                } else {
                    "示例日程"
                };
                outln!("已在 {} 写入{what}", super::shown_path(dir));
            } else {
                let what = if network { "network" } else { "schedule" };
                outln!("wrote the sample {what} to {}", super::shown_path(dir));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "stationcal: {}",
                crate::sanitize::line(&e.message(ctx.lang))
            );
            ExitCode::from(EXIT_CANNOT_RUN)
        }
    }
}
