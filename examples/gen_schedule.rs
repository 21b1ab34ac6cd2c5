//! Writes a schedule folder of any size for benchmarks and load tests.
//!
//! ```sh
//! cargo run --release --example gen_schedule -- --sites 37 --years 10 /tmp/net
//! cargo run --release --example gen_schedule -- --sites 1 --years 100 --explicit /tmp/one
//! ```
//!
//! `--sites 1` writes a single station folder, more write a network folder
//! (`network.ron` and one folder per site). `--explicit` writes every
//! activity with its own date instead of weekly and monthly rules.

use std::path::PathBuf;
use std::process::ExitCode;

use stationcal::store::generate::{self, GenOptions};

fn usage() -> ExitCode {
    eprintln!(
        "usage: gen_schedule [--sites N] [--years Y] [--from YEAR] [--network] [--explicit] [--seed S] OUT"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut opts = GenOptions::default();
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = |name: &str| -> Option<u64> {
            let v = args.next().and_then(|v| v.parse().ok());
            if v.is_none() {
                eprintln!("gen_schedule: {name} needs a number");
            }
            v
        };
        match a.as_str() {
            "--sites" => match number("--sites") {
                Some(n) if n >= 1 => opts.sites = n as usize,
                _ => return usage(),
            },
            "--years" => match number("--years") {
                Some(n) if (1..=400).contains(&n) => opts.years = n as u32,
                _ => return usage(),
            },
            "--from" => match number("--from") {
                Some(n) if (1900..=2500).contains(&n) => opts.first_year = n as i32,
                _ => return usage(),
            },
            "--seed" => match number("--seed") {
                Some(n) => opts.seed = n,
                None => return usage(),
            },
            "--network" => opts.network = true,
            "--explicit" => opts.explicit = true,
            "-h" | "--help" => {
                usage();
                return ExitCode::SUCCESS;
            }
            s if s.starts_with('-') => return usage(),
            s => out = Some(PathBuf::from(s)),
        }
    }
    let Some(out) = out else { return usage() };
    if out.join("station.ron").exists() || out.join("network.ron").exists() {
        eprintln!(
            "gen_schedule: {} already holds a schedule; choose an empty folder",
            out.display()
        );
        return ExitCode::from(2);
    }
    match generate::write(&out, &opts) {
        Ok(s) => {
            println!(
                "wrote {} site(s), {} entries, {} KiB to {}",
                s.sites,
                s.entries,
                s.bytes / 1024,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_schedule: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
