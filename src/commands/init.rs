//! `stationcal init [DIR]`: write the bundled sample, never over existing files.

use std::path::Path;
use std::process::ExitCode;

use super::{Context, EXIT_CANNOT_RUN};
use crate::store::sample;
use crate::tr;

pub fn run(ctx: &Context, dir: Option<&Path>, network: bool) -> ExitCode {
    let dir = dir.unwrap_or(&ctx.dir);
    if dir.as_os_str().to_string_lossy().trim().is_empty() {
        // "" would mean the current folder: say which folder instead.
        eprintln!(
            "stationcal: {}",
            ctx.lang.pick(
                "文件夹名是空的：请写出要写入示例的文件夹，如 stationcal init 日程",
                "the folder name is empty: name the folder to write the sample to, e.g. stationcal init schedule"
            )
        );
        return ExitCode::from(EXIT_CANNOT_RUN);
    }
    let written = if network {
        crate::store::network::write_network_sample(dir)
    } else {
        sample::write_sample(dir)
    };
    match written {
        Ok(()) => {
            let what = if network {
                ctx.lang.pick("示例站点网络", "network")
            } else {
                ctx.lang.pick("示例日程", "schedule")
            };
            let dir = super::shown_path(dir);
            outln!(
                "{}",
                tr!(
                    ctx.lang,
                    "已在 {dir} 写入{what}",
                    "wrote the sample {what} to {dir}"
                )
            );
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
