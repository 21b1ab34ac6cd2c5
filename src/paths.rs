//! Where the schedule folder is: `--dir`, then `$STATIONCAL_DIR`, then the
//! config file's `data_dir`, then the platform's data folder.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// Why a folder was chosen, for the status line and `--help` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
    Config,
    Default,
}

pub const ENV_VAR: &str = "STATIONCAL_DIR";

pub fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("cn", "stationcal", "stationcal")
}

/// Names another config file (for tests and for trying settings out).
pub const CONFIG_ENV_VAR: &str = "STATIONCAL_CONFIG";

/// The config file's path: `$STATIONCAL_CONFIG`, else `config.ron` in the
/// platform's config folder.
pub fn config_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(CONFIG_ENV_VAR).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    project_dirs().map(|p| p.config_dir().join("config.ron"))
}

/// Chooses the schedule folder from the flag, the environment and the config.
pub fn schedule_dir(
    flag: Option<&Path>,
    env: Option<&std::ffi::OsStr>,
    config_dir: Option<&Path>,
) -> Option<(PathBuf, Source)> {
    // An empty setting names no folder: it must never mean "here", or the
    // sample would be written into whatever folder the program started in.
    let named = |p: &Path| !p.as_os_str().to_string_lossy().trim().is_empty();
    if let Some(d) = flag.filter(|d| named(d)) {
        return Some((d.to_path_buf(), Source::Flag));
    }
    if let Some(e) = env.filter(|e| named(Path::new(e))) {
        return Some((PathBuf::from(e), Source::Env));
    }
    if let Some(c) = config_dir.filter(|c| named(c)) {
        return Some((c.to_path_buf(), Source::Config));
    }
    project_dirs().map(|p| (p.data_dir().join("schedule"), Source::Default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_config() {
        let flag = Path::new("/a");
        let env = std::ffi::OsStr::new("/b");
        let conf = Path::new("/c");
        assert_eq!(
            schedule_dir(Some(flag), Some(env), Some(conf)),
            Some((flag.into(), Source::Flag))
        );
        assert_eq!(
            schedule_dir(None, Some(env), Some(conf)),
            Some(("/b".into(), Source::Env))
        );
        assert_eq!(
            schedule_dir(None, Some(std::ffi::OsStr::new("")), Some(conf)),
            Some((conf.into(), Source::Config))
        );
        // Empty (or blank) settings name no folder, never the current one.
        for blank in ["", "  "] {
            let (d, s) = schedule_dir(
                Some(Path::new(blank)),
                Some(std::ffi::OsStr::new(blank)),
                Some(Path::new(blank)),
            )
            .expect("a home folder exists in tests");
            assert_eq!(s, Source::Default, "{blank:?}");
            assert!(d.ends_with("schedule"));
        }
        let (d, s) = schedule_dir(None, None, None).expect("a home folder exists in tests");
        assert_eq!(s, Source::Default);
        assert!(d.ends_with("schedule"));
    }
}
