//! The three-command set-up of a shared copy and `sync`, `history` and
//! the merge driver, through the real binary as staff type them; and git
//! on the command line merging `.ron` files entry by entry.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{bin, find_program, ron_files, stderr, stdout};

/// `stationcal ARGS…` with the settings file `config` (the staffer's name).
fn run(config: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(config.parent().expect("folder"))
        .env("STATIONCAL_CONFIG", config)
        .args(args)
        .output()
        .expect("run stationcal")
}

fn config(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.ron"));
    std::fs::write(&path, format!("(name: \"{name}\")\n")).expect("config");
    path
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}\n{}", stdout(o), stderr(o));
    stdout(o)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn three_commands_set_up_a_shared_copy_and_a_week_of_edits_flows_both_ways() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (wang, li) = (config(tmp.path(), "王老师"), config(tmp.path(), "李老师"));
    let (a, b, shared) = (
        tmp.path().join("中心"),
        tmp.path().join("笔记本"),
        tmp.path().join("共享盘/石化.git"),
    );
    std::fs::create_dir_all(shared.parent().expect("parent")).expect("drive");
    let out = ok(&run(
        &wang,
        &["init", "--git", "--remote", s(&shared), s(&a)],
    ));
    assert!(
        out.contains("已开始记录") && out.contains("已发送"),
        "{out}"
    );
    let out = ok(&run(&li, &["clone", s(&shared), s(&b)]));
    assert!(out.contains("已复制到"), "{out}");
    assert_eq!(ron_files(&a), ron_files(&b));
    // A week: each day one of them edits by hand and syncs, the other syncs.
    let edits = [
        (
            &a,
            &wang,
            "title: \"读书沙龙\",",
            "title: \"读书沙龙（周一改）\",",
        ),
        (
            &b,
            &li,
            "title: \"远教展播\",",
            "title: \"远教展播（周二改）\",",
        ),
        (
            &a,
            &wang,
            "title: \"睦邻党课\",",
            "title: \"睦邻党课（周三改）\",",
        ),
        (
            &b,
            &li,
            "title: \"元旦迎新联欢会\",",
            "title: \"元旦迎新联欢会（周四改）\",",
        ),
        (
            &a,
            &wang,
            "title: \"学雷锋志愿服务日\",",
            "title: \"学雷锋志愿服务日（周五改）\",",
        ),
    ];
    for (dir, who, from, to) in edits {
        let path = dir.join("events.ron");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{from}");
        std::fs::write(&path, text.replace(from, to)).expect("edit");
        ok(&run(who, &["--dir", s(dir), "sync"]));
        let other = if dir == &a { (&b, &li) } else { (&a, &wang) };
        ok(&run(other.1, &["--dir", s(other.0), "sync"]));
    }
    assert_eq!(ron_files(&a), ron_files(&b));
    let events = std::fs::read_to_string(a.join("events.ron")).expect("read");
    for (_, _, _, to) in edits {
        assert!(events.contains(to), "{to} lost");
    }
    // Who changed 读书沙龙 (E03) and what it was before.
    let out = ok(&run(&li, &["--dir", s(&b), "history", "--entry", "E03"]));
    assert!(
        out.contains("王老师") && out.contains("读书沙龙（周一改）"),
        "{out}"
    );
    assert!(
        out.contains("title：\"读书沙龙\" 改为 \"读书沙龙（周一改）\""),
        "{out}"
    );
    let all = ok(&run(&li, &["--dir", s(&b), "history", "-n", "50"]));
    assert!(all.contains("王老师") && all.contains("李老师"), "{all}");
}

#[test]
fn the_same_entry_changed_on_both_computers_is_listed_and_settled_by_keep() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (wang, li) = (config(tmp.path(), "王老师"), config(tmp.path(), "李老师"));
    let (a, b, shared) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("s.git"),
    );
    // The shared copy as a file:// address, made by init like a path.
    let url = url::Url::from_file_path(&shared)
        .expect("file url")
        .to_string();
    ok(&run(&wang, &["init", "--git", "--remote", &url, s(&a)]));
    assert!(shared.join("HEAD").is_file());
    ok(&run(&li, &["clone", &url, s(&b)]));
    for (dir, t) in [(&a, "王"), (&b, "李")] {
        let p = dir.join("events.ron");
        let text = std::fs::read_to_string(&p).expect("read");
        std::fs::write(
            &p,
            text.replace("title: \"读书沙龙\",", &format!("title: \"读书沙龙{t}\",")),
        )
        .expect("edit");
    }
    ok(&run(&wang, &["--dir", s(&a), "sync"]));
    let before = ron_files(&b);
    let o = run(&li, &["--dir", s(&b), "sync"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("events[E03].title")
            && out.contains("读书沙龙王")
            && out.contains("读书沙龙李"),
        "{out}"
    );
    assert!(out.contains("--keep mine"), "{out}");
    assert_eq!(ron_files(&b), before, "nothing merged, nothing changed");
    ok(&run(&li, &["--dir", s(&b), "sync", "--keep", "mine"]));
    ok(&run(&wang, &["--dir", s(&a), "sync"]));
    assert_eq!(ron_files(&a), ron_files(&b));
    assert!(
        std::fs::read_to_string(a.join("events.ron"))
            .expect("read")
            .contains("读书沙龙李")
    );
}

#[test]
fn what_cannot_be_done_is_said_with_what_to_do() {
    let tmp = tempfile::tempdir().expect("tmp");
    let nameless = tmp.path().join("empty.ron");
    std::fs::write(&nameless, "()\n").expect("config");
    let wang = config(tmp.path(), "王老师");
    let plain = tmp.path().join("plain");
    ok(&run(&wang, &["init", s(&plain)]));
    // Not kept in history.
    let o = run(&wang, &["--dir", s(&plain), "sync"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("stationcal init --git"),
        "{}",
        stderr(&o)
    );
    // No name and no terminal to ask at.
    let o = run(&nameless, &["init", "--git", s(&plain)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("name:"), "{}", stderr(&o));
    // No shared copy set.
    ok(&run(&wang, &["init", "--git", s(&plain)]));
    let o = run(&wang, &["--dir", s(&plain), "sync"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--remote"), "{}", stderr(&o));
    // Cloning into a folder with files in it, or from nowhere.
    let o = run(
        &wang,
        &[
            "clone",
            s(&tmp.path().join("nowhere.git")),
            s(&tmp.path().join("new")),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        !tmp.path().join("nowhere.git").exists(),
        "clone never makes a shared copy"
    );
    let shared = tmp.path().join("s.git");
    ok(&run(
        &wang,
        &["--dir", s(&plain), "sync", "--remote", s(&shared)],
    ));
    let o = run(&wang, &["clone", s(&shared), s(&plain)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("不是空文件夹"), "{}", stderr(&o));
}

/// `git` on the command line, quiet and with a fixed identity.
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "git")
        .env("GIT_AUTHOR_EMAIL", "git@example.org")
        .env("GIT_COMMITTER_NAME", "git")
        .env("GIT_COMMITTER_EMAIL", "git@example.org")
        .args(args)
        .output()
        .expect("run git")
}

#[test]
fn git_pull_on_the_command_line_merges_ron_files_entry_by_entry() {
    if find_program(&["git"]).is_none() {
        assert!(std::env::var_os("CI").is_none(), "git is needed in CI");
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let wang = config(tmp.path(), "王老师");
    let (a, shared) = (tmp.path().join("a"), tmp.path().join("s.git"));
    ok(&run(
        &wang,
        &["init", "--git", "--remote", s(&shared), s(&a)],
    ));
    // Two plain git clones; `stationcal sync` once registers the driver
    // (a clone does not bring .git/config), as the README says.
    for name in ["x", "y"] {
        let o = git(tmp.path(), &["clone", "-q", s(&shared), name]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        ok(&run(&wang, &["--dir", s(&tmp.path().join(name)), "sync"]));
    }
    let (x, y) = (tmp.path().join("x"), tmp.path().join("y"));
    let edit = |dir: &Path, from: &str, to: &str| {
        let p = dir.join("events.ron");
        let text = std::fs::read_to_string(&p).expect("read");
        assert!(text.contains(from));
        std::fs::write(&p, text.replace(from, to)).expect("edit");
        let o = git(dir, &["commit", "-qam", "edit"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    // Neighbouring lines of the same entry: git's own line merge stops
    // here; the driver merges the two fields.
    edit(&x, "start: \"14:30\",", "start: \"14:00\",");
    edit(
        &y,
        "start: \"14:30\",\n            end: \"16:00\",",
        "start: \"14:30\",\n            end: \"16:30\",",
    );
    assert!(git(&x, &["push", "-q", "origin", "main"]).status.success());
    // Without the driver, git itself stops at these two lines.
    let plain = tmp.path().join("plain");
    assert!(
        git(tmp.path(), &["clone", "-q", s(&y), "plain"])
            .status
            .success()
    );
    // (A plain clone has no driver registered: git's own line merge.)
    let o = git(
        &plain,
        &["pull", "-q", "--no-rebase", "--no-edit", s(&shared), "main"],
    );
    assert!(
        !o.status.success(),
        "git alone merged it: the test proves nothing"
    );
    let o = git(
        &y,
        &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
    );
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(y.join("events.ron")).expect("read");
    assert!(
        text.contains("start: \"14:00\",\n            end: \"16:30\","),
        "{text}"
    );
    assert!(!text.contains("<<<<<<<"));
    let check = bin()
        .env("STATIONCAL_CONFIG", &wang)
        .args(["--dir", s(&y), "check"])
        .output()
        .expect("check");
    assert!(check.status.success(), "{}", stdout(&check));
    // The same field on both sides: left to the user, with the entry named.
    edit(&x, "title: \"远教展播\",", "title: \"远教展播x\",");
    edit(&y, "title: \"远教展播\",", "title: \"远教展播y\",");
    assert!(git(&x, &["push", "-q", "origin", "main"]).status.success());
    let o = git(&y, &["pull", "--no-rebase", "--no-edit", "origin", "main"]);
    assert!(!o.status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        said.contains("E04") && said.contains("两边都改了"),
        "{said}"
    );
}

#[test]
fn a_network_is_one_repository_and_each_site_edits_its_own_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (wang, li) = (config(tmp.path(), "王老师"), config(tmp.path(), "李老师"));
    let (a, b, shared) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("s.git"),
    );
    ok(&run(
        &wang,
        &["init", "--network", "--git", "--remote", s(&shared), s(&a)],
    ));
    ok(&run(&li, &["clone", s(&shared), s(&b)]));
    assert_eq!(
        ron_files(&a.join("东礁居民区")),
        ron_files(&b.join("东礁居民区"))
    );
    // 东礁's staffer saves in the app on computer B: the commit names the
    // site's file, with the staffer's name and the edit in words.
    let site = b.join("东礁居民区");
    let mut app = crate::store::git_sync::staff(&site, "李老师");
    let mut next = app.schedule.clone();
    let e = next
        .events
        .as_mut()
        .and_then(|e| e.events.iter_mut().find(|e| e.id == "D01"))
        .expect("D01");
    e.title = "东礁睦邻点（新）".to_owned();
    app.commit(next, "修改 D01 的名称");
    crate::support::ctrl_s(&mut app);
    assert!(
        crate::support::status(&app).contains("已记入历史"),
        "{}",
        crate::support::status(&app)
    );
    let repo = stationcal::store::git::Repo::find(&site).expect("the network's repository");
    assert_eq!(repo.root(), b.as_path());
    let v = repo.versions("东礁居民区/events.ron", 5).expect("versions");
    assert_eq!(
        (v[0].author.as_str(), v[0].summary.as_str()),
        ("李老师", "修改 D01 的名称")
    );
    crate::support::press(&mut app, "S");
    assert!(
        crate::support::status(&app).contains("已发送"),
        "{}",
        crate::support::status(&app)
    );
    drop(app);
    // The centre syncs the whole network on computer A.
    let out = ok(&run(&wang, &["--dir", s(&a), "sync"]));
    assert!(out.contains("东礁居民区/events.ron"), "{out}");
    assert_eq!(ron_files(&a.join("东礁居民区")), ron_files(&site));
    let check = run(&wang, &["--dir", s(&a), "check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_link_out_in_place_of_a_schedule_file_is_refused_at_once_and_said() {
    let tmp = tempfile::tempdir().expect("tmp");
    let wang = config(tmp.path(), "王老师");
    let a = tmp.path().join("a");
    ok(&run(&wang, &["init", "--git", s(&a)]));
    let head = stationcal::store::git::Repo::find(&a).and_then(|r| r.head_commit_id());
    let records = a.join("records.ron");
    std::fs::remove_file(&records).expect("rm");
    let outside = tmp.path().join("outside.ron");
    std::fs::write(&outside, "secret").expect("outside");
    for (make, words) in [
        (
            Box::new(|p: &Path| {
                let o = Command::new("mkfifo").arg(p).output().expect("mkfifo");
                assert!(o.status.success());
            }) as Box<dyn Fn(&Path)>,
            "FIFO",
        ),
        (
            Box::new(|p: &Path| std::os::unix::fs::symlink(&outside, p).expect("link")),
            "链接",
        ),
    ] {
        make(&records);
        // Never waits on the FIFO, never reads through the link.
        let o = run(&wang, &["--dir", s(&a), "sync"]);
        assert_eq!(o.status.code(), Some(2));
        let said = stderr(&o);
        assert!(
            said.contains("records.ron") && said.contains(words),
            "{said}"
        );
        assert!(
            !said.contains("NotAFile") && !said.contains("LinkOutside"),
            "{said}"
        );
        assert_eq!(
            stationcal::store::git::Repo::find(&a).and_then(|r| r.head_commit_id()),
            head
        );
        std::fs::remove_file(&records).expect("rm");
    }
    assert_eq!(
        std::fs::read_to_string(&outside).expect("outside"),
        "secret"
    );
}
