//! `init --git`, `clone`, `sync`, `history` and `merge-driver`: a schedule
//! kept in git and shared between computers (the work is `store::git`'s).

use std::io::IsTerminal as _;
use std::path::Path;
use std::process::ExitCode;

use super::{Context, EXIT_CANNOT_RUN, EXIT_PROBLEMS, shown_path};
use crate::cli::KeepSide;
use crate::i18n::Lang;
use crate::store::git::filemerge::FileMerge;
use crate::store::git::sync::{self, SyncOptions, SyncOutcome, SyncReport};
use crate::store::git::words::init_message;
use crate::store::git::{GitError, Repo};
use crate::tr;

fn fail(lang: Lang, e: &GitError) -> ExitCode {
    eprintln!("stationcal: {}", e.message(lang));
    ExitCode::from(EXIT_CANNOT_RUN)
}

fn say(text: &str) {
    outln!("{}", crate::sanitize::line(text));
}

/// The staffer's name for the history: config.ron's `name:`, or asked
/// once at a terminal and written there.
fn author(ctx: &Context) -> Result<String, ExitCode> {
    if let Some(n) = ctx
        .config
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        return Ok(n.to_owned());
    }
    if !std::io::stdin().is_terminal() {
        return Err(fail(ctx.lang, &GitError::NoName));
    }
    eprint!(
        "{}",
        tr!(
            ctx.lang,
            "您的名字（每次保存都记下，写进 config.ron，只问一次）：",
            "Your name (recorded with each save, kept in config.ron, asked once): "
        )
    );
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    let name: String = line
        .chars()
        .filter(|c| !c.is_control() && *c != '<' && *c != '>')
        .collect();
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err(fail(ctx.lang, &GitError::NoName));
    }
    if let Some(path) = crate::paths::config_file()
        && let Err(why) = crate::config::save_name(&path, &name)
    {
        eprintln!("stationcal: {}: {why}", shown_path(&path));
    }
    Ok(name)
}

/// A shared copy given as a folder path that does not exist yet becomes an
/// empty shared repository there.
fn prepare_remote(address: &str) -> Result<(), GitError> {
    // `file:///mnt/共享盘/x.git` is a folder too.
    let from_url = address
        .starts_with("file://")
        .then(|| url::Url::parse(address).ok()?.to_file_path().ok())
        .flatten();
    let looks_like_url = from_url.is_none() && (address.contains("://") || address.contains('@'));
    let path = from_url.unwrap_or_else(|| std::path::PathBuf::from(address));
    if looks_like_url || path.exists() {
        return Ok(());
    }
    let mut opts = git2::RepositoryInitOptions::new();
    opts.bare(true).initial_head("main");
    git2::Repository::init_opts(&path, &opts)?;
    Ok(())
}

/// `stationcal init --git [--remote ADDRESS]`.
pub fn init(ctx: &Context, dir: Option<&Path>, network: bool, remote: Option<&str>) -> ExitCode {
    let dir = dir.unwrap_or(&ctx.dir);
    let has_schedule =
        crate::store::is_schedule_dir(dir) || crate::store::network::is_network_dir(dir);
    if !has_schedule {
        let code = super::init::run(ctx, Some(dir), network);
        if code != ExitCode::SUCCESS {
            return code;
        }
    }
    let name = match author(ctx) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let lang = ctx.lang;
    let repo = match Repo::init(dir, &name, &init_message(lang)) {
        Ok((repo, started)) => {
            say(&if started {
                tr!(
                    lang,
                    "已开始记录 {} 的历史：以后每次保存都是一个版本",
                    "{} now keeps history: every save is a version",
                    shown_path(dir)
                )
            } else {
                tr!(
                    lang,
                    "{} 已经在记录历史",
                    "{} already keeps history",
                    shown_path(dir)
                )
            });
            repo
        }
        Err(e) => return fail(lang, &e),
    };
    match remote {
        Some(address) => set_remote_and_sync(ctx, dir, &repo, address, &name, None),
        None => ExitCode::SUCCESS,
    }
}

fn set_remote_and_sync(
    ctx: &Context,
    dir: &Path,
    repo: &Repo,
    address: &str,
    name: &str,
    keep: Option<KeepSide>,
) -> ExitCode {
    if let Err(e) = prepare_remote(address).and_then(|()| repo.set_remote(address)) {
        return fail(ctx.lang, &e);
    }
    run_sync(ctx, dir, repo, name, keep)
}

/// A folder given as the shared copy must be there to be copied from.
fn missing_folder(address: &str) -> bool {
    !(address.contains("://") || address.contains('@') || Path::new(address).exists())
}

/// `stationcal clone ADDRESS [DIR]`.
pub fn clone(ctx: &Context, address: &str, dir: Option<&Path>) -> ExitCode {
    let lang = ctx.lang;
    let dir = dir.unwrap_or(&ctx.dir);
    if missing_folder(address) {
        return fail(
            lang,
            &GitError::Offline {
                url: address.to_owned(),
                detail: tr!(lang, "没有这个文件夹", "no such folder"),
            },
        );
    }
    let empty = match std::fs::read_dir(dir) {
        Ok(mut e) => e.next().is_none(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    };
    if !empty {
        eprintln!(
            "stationcal: {}",
            tr!(
                lang,
                "{} 不是空文件夹：请换一个新文件夹（clone 从不覆盖文件）",
                "{} is not empty: choose a new folder (clone never writes over files)",
                shown_path(dir)
            )
        );
        return ExitCode::from(EXIT_CANNOT_RUN);
    }
    let name = match author(ctx) {
        Ok(n) => n,
        Err(code) => return code,
    };
    let started = std::fs::create_dir_all(dir)
        .map_err(|e| GitError::Refused(dir.display().to_string(), e.to_string()))
        .and_then(|()| {
            let mut opts = git2::RepositoryInitOptions::new();
            opts.initial_head("main");
            git2::Repository::init_opts(dir, &opts)?;
            Repo::find(dir).ok_or_else(|| GitError::NotARepository(dir.to_path_buf()))
        });
    let repo = match started {
        Ok(r) => r,
        Err(e) => return fail(lang, &e),
    };
    if let Err(e) = repo.set_remote(address) {
        return fail(lang, &e);
    }
    let code = run_sync(ctx, dir, &repo, &name, None);
    if code == ExitCode::SUCCESS && repo.head_commit_id().is_none() {
        let address = crate::store::git::words::shown_url(address);
        eprintln!(
            "stationcal: {}",
            tr!(
                lang,
                "共享副本 {address} 是空的：请先在第一台电脑上运行 stationcal init --git --remote {address}",
                "the shared copy {address} is empty: run stationcal init --git --remote {address} on the first computer"
            )
        );
        return ExitCode::from(EXIT_CANNOT_RUN);
    }
    if code == ExitCode::SUCCESS {
        say(&tr!(
            lang,
            "已复制到 {}：打开它（stationcal --dir {}），以后用 stationcal sync 或程序里的同步键交换修改",
            "copied to {}: open it (stationcal --dir {}); exchange edits with stationcal sync or the app's sync key",
            shown_path(dir),
            shown_path(dir)
        ));
    }
    code
}

/// `stationcal sync [--remote ADDRESS] [--keep mine|theirs]`.
pub fn sync(ctx: &Context, remote: Option<&str>, keep: Option<KeepSide>) -> ExitCode {
    let Some(repo) = Repo::find(&ctx.dir) else {
        return fail(ctx.lang, &GitError::NotARepository(ctx.dir.clone()));
    };
    let name = match author(ctx) {
        Ok(n) => n,
        Err(code) => return code,
    };
    match remote {
        Some(address) => set_remote_and_sync(ctx, &ctx.dir, &repo, address, &name, keep),
        None => run_sync(ctx, &ctx.dir, &repo, &name, keep),
    }
}

fn run_sync(
    ctx: &Context,
    dir: &Path,
    repo: &Repo,
    name: &str,
    keep: Option<KeepSide>,
) -> ExitCode {
    let lang = ctx.lang;
    // The app has the folder open: its sync key does this with its edits.
    let _lock = match crate::store::lock::FolderLock::acquire(dir) {
        Ok(l) => l,
        Err(held) => {
            eprintln!(
                "stationcal: {}",
                tr!(
                    lang,
                    "{} 要同步，请在那个窗口按同步键（S），或关闭它后再运行 stationcal sync。",
                    "{} To sync, press the sync key (S) there, or close it and run stationcal sync.",
                    held.message(lang)
                )
            );
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    let opts = SyncOptions { author: name, lang };
    let mut outcome = sync::sync(repo, opts);
    loop {
        match outcome {
            Err(e) => return fail(lang, &e),
            Ok(SyncOutcome::Done(report)) => {
                say(&report_words(&report, lang));
                return ExitCode::SUCCESS;
            }
            Ok(SyncOutcome::Conflicts(mut pending)) => {
                let Some((path, _, conflicts)) = pending.next_conflict() else {
                    return ExitCode::SUCCESS;
                };
                let Some(side) = keep else {
                    say(&tr!(
                        lang,
                        "{path} 在本机和共享副本上都改了同一条，没有合并，什么也没改：",
                        "{path}: the same entries changed here and in the shared copy; nothing merged, nothing changed:"
                    ));
                    for c in conflicts {
                        let show = |v: &Option<serde_json::Value>| match v {
                            Some(v) => ron::to_string(v).unwrap_or_default(),
                            None => tr!(lang, "（已删除）", "(deleted)"),
                        };
                        say(&format!("  {}", c.path));
                        say(&tr!(lang, "    本机：{}", "    here: {}", show(&c.mine)));
                        say(&tr!(
                            lang,
                            "    共享副本：{}",
                            "    shared copy: {}",
                            show(&c.theirs)
                        ));
                    }
                    say(&tr!(
                        lang,
                        "请在程序里按 S 同步并逐条选择，或运行 stationcal sync --keep mine（保留本机的）/ --keep theirs（用共享副本的）",
                        "sync with S in the app and choose each, or run stationcal sync --keep mine / --keep theirs"
                    ));
                    return ExitCode::from(EXIT_PROBLEMS);
                };
                let n = conflicts.len();
                pending.decide(vec![side == KeepSide::Mine; n]);
                outcome = if pending.next_conflict().is_some() {
                    Ok(SyncOutcome::Conflicts(pending))
                } else {
                    pending.finish(repo, opts)
                };
            }
        }
    }
}

fn report_words(r: &SyncReport, lang: Lang) -> String {
    let list = |v: &[String]| v.join("、");
    let mut lines = Vec::new();
    if !r.outside.is_empty() {
        lines.push(tr!(
            lang,
            "外部编辑器的修改已记入历史：{}",
            "outside edits recorded: {}",
            list(&r.outside)
        ));
    }
    lines.push(if r.received.is_empty() {
        tr!(lang, "没有收到新的修改", "nothing new came in")
    } else {
        tr!(lang, "收到：{}", "received: {}", list(&r.received))
    });
    if !r.merged.is_empty() {
        lines.push(tr!(
            lang,
            "逐条合并了两边的修改：{}",
            "merged entry by entry: {}",
            list(&r.merged)
        ));
    }
    lines.push(if r.sent {
        tr!(
            lang,
            "本机的修改已发送到共享副本",
            "sent this computer's edits to the shared copy"
        )
    } else {
        tr!(lang, "没有要发送的修改", "nothing to send")
    });
    tr!(lang, "已同步。", "synced. ") + &lines.join(tr!(lang, "；", "; ").as_str())
}

/// `stationcal history [--entry ID] [-n N]`.
pub fn history(ctx: &Context, entry: Option<&str>, limit: usize) -> ExitCode {
    let lang = ctx.lang;
    let Some(repo) = Repo::find(&ctx.dir) else {
        return fail(lang, &GitError::NotARepository(ctx.dir.clone()));
    };
    let folder = repo.folder().to_owned();
    // Entry mode looks through more versions to find `limit` of that entry.
    let scan = if entry.is_some() {
        limit.saturating_mul(50)
    } else {
        limit
    };
    let versions = match repo.versions(&folder, scan) {
        Ok(v) => v,
        Err(e) => return fail(lang, &e),
    };
    let mut shown = 0;
    let mut cache = crate::store::git::history::ReadCache::default();
    for v in versions {
        if shown >= limit {
            break;
        }
        let changes = match entry {
            Some(key) => {
                let files = repo
                    .changes_in(v.id, &folder, &mut cache)
                    .unwrap_or_default();
                let hits: Vec<_> = files
                    .into_iter()
                    .flat_map(|f| {
                        let path = f.path.clone();
                        f.changes
                            .into_iter()
                            .filter(|c| c.concerns(key))
                            .map(move |c| (path.clone(), c))
                    })
                    .collect();
                if hits.is_empty() {
                    continue;
                }
                hits
            }
            None => Vec::new(),
        };
        shown += 1;
        say(&format!(
            "{}  {}  {}",
            v.when.format("%Y-%m-%d %H:%M"),
            v.author,
            v.summary
        ));
        let show = |x: &Option<serde_json::Value>, none: String| match x {
            Some(x) => ron::to_string(x).unwrap_or_default(),
            None => none,
        };
        for (path, c) in changes {
            say(&format!("  {path} {}", c.path));
            if let Some(fields) = c.fields() {
                // Changed in place: only what differs.
                for (k, before, after) in fields {
                    let none = || tr!(lang, "（无）", "(none)");
                    say(&tr!(
                        lang,
                        "    {k}：{} 改为 {}",
                        "    {k}: {} -> {}",
                        show(&before.cloned(), none()),
                        show(&after.cloned(), none())
                    ));
                }
                continue;
            }
            say(&tr!(
                lang,
                "    之前：{}",
                "    before: {}",
                show(&c.before, tr!(lang, "（没有）", "(none)"))
            ));
            say(&tr!(
                lang,
                "    之后：{}",
                "    after: {}",
                show(&c.after, tr!(lang, "（已删除）", "(deleted)"))
            ));
        }
    }
    if shown == 0 {
        say(&tr!(lang, "没有找到版本", "no versions found"));
    }
    ExitCode::SUCCESS
}

/// `stationcal merge-driver BASE OURS THEIRS PATH`, run by git for `*.ron`
/// (.gitattributes): merges entry by entry into OURS. Exit 0 when merged;
/// 1 (OURS untouched, git marks the file conflicted) when the same entry
/// changed on both sides or a version does not read.
pub fn merge_driver(
    ctx: &Context,
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: &str,
) -> ExitCode {
    let lang = ctx.lang;
    let read = |p: &Path| {
        crate::store::fsio::read_file(p, crate::store::load::MAX_FILE_BYTES)
            .ok()
            .flatten()
    };
    let (Some(b), Some(o), Some(t)) = (read(base), read(ours), read(theirs)) else {
        eprintln!(
            "stationcal merge-driver: {}",
            tr!(
                lang,
                "{path} 的一个版本读不到",
                "a version of {path} cannot be read"
            )
        );
        return ExitCode::from(EXIT_PROBLEMS);
    };
    let merged = match FileMerge::new(path, Some(&b), &o, &t) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("stationcal merge-driver: {}", e.message(lang));
            return ExitCode::from(EXIT_PROBLEMS);
        }
    };
    if !merged.conflicts().is_empty() {
        for c in merged.conflicts() {
            eprintln!(
                "stationcal merge-driver: {}",
                tr!(
                    lang,
                    "{path} 的 {} 两边都改了：请在 stationcal 里同步（S）逐条选择，或手工改好后 git add",
                    "{path}: {} changed on both sides: sync in stationcal (S) to choose, or fix it by hand and git add",
                    crate::sanitize::line(&c.path)
                )
            );
        }
        return ExitCode::from(EXIT_PROBLEMS);
    }
    let text = match merged.text(&[]) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("stationcal merge-driver: {}", e.message(lang));
            return ExitCode::from(EXIT_PROBLEMS);
        }
    };
    let plain = std::fs::symlink_metadata(ours).is_ok_and(|m| m.is_file());
    if !plain || std::fs::write(ours, text).is_err() {
        eprintln!(
            "stationcal merge-driver: {}",
            tr!(lang, "无法写入 {}", "cannot write {}", shown_path(ours))
        );
        return ExitCode::from(EXIT_PROBLEMS);
    }
    ExitCode::SUCCESS
}
