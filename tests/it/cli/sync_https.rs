//! Sync over HTTPS to a Gitea-like server (git's own `git-http-backend`
//! behind TLS and Basic authentication, `tests/fixtures/git/https_server.py`):
//! the certificate checked against the one the computer trusts, the
//! password from the address, a wrong password refused with a clear message
//! and nothing lost, and the password never shown.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

use crate::support::{asset, bin, find_program, ron_files, stderr, stdout};

struct Server {
    child: Child,
    port: u16,
    cert: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether the tools are here (python3, openssl, git-http-backend); under
/// CI they must be.
fn tools() -> bool {
    let here = find_program(&["python3"]).is_some()
        && find_program(&["openssl"]).is_some()
        && Path::new("/usr/lib/git-core/git-http-backend").is_file();
    assert!(
        here || std::env::var_os("CI").is_none(),
        "python3, openssl and git are needed in CI"
    );
    here
}

fn serve(root: &Path, tmp: &Path) -> Server {
    let (cert, key) = (tmp.join("cert.pem"), tmp.join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
        ])
        .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let portfile = tmp.join("port");
    let child = Command::new("python3")
        .arg(asset("tests/fixtures/git/https_server.py"))
        .arg(root)
        .arg(&cert)
        .arg(&key)
        .args(["wang", "s3cret-词"])
        .arg(&portfile)
        .spawn()
        .expect("start the server");
    let start = Instant::now();
    let port = loop {
        if let Ok(p) = std::fs::read_to_string(&portfile) {
            break p.trim().parse().expect("a port");
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    Server { child, port, cert }
}

fn run(server: &Server, config: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(config.parent().expect("folder"))
        .env("STATIONCAL_CONFIG", config)
        // The computer trusts this server's certificate (and no other).
        .env("SSL_CERT_FILE", &server.cert)
        .env_remove("SSL_CERT_DIR")
        .env("HOME", config.parent().expect("folder"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(args)
        .output()
        .expect("run stationcal")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}\n{}", stdout(o), stderr(o));
    stdout(o)
}

#[test]
fn sync_over_https_with_the_password_in_the_address() {
    if !tools() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("srv");
    std::fs::create_dir(&root).expect("srv");
    let mut opts = git2::RepositoryInitOptions::new();
    opts.bare(true).initial_head("main");
    git2::Repository::init_opts(root.join("shihua.git"), &opts).expect("bare");
    let server = serve(&root, tmp.path());
    let wang = tmp.path().join("wang.ron");
    std::fs::write(&wang, "(name: \"王老师\")\n").expect("config");
    let url = format!(
        "https://wang:s3cret-%E8%AF%8D@localhost:{}/shihua.git",
        server.port
    );
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let s = |p: &Path| p.to_str().expect("utf-8").to_owned();
    let out = ok(&run(
        &server,
        &wang,
        &["init", "--git", "--remote", &url, &s(&a)],
    ));
    assert!(out.contains("已发送"), "{out}");
    ok(&run(&server, &wang, &["clone", &url, &s(&b)]));
    assert_eq!(ron_files(&a), ron_files(&b));
    let p = a.join("events.ron");
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(
        &p,
        text.replace("title: \"读书沙龙\",", "title: \"读书沙龙（HTTPS）\","),
    )
    .expect("edit");
    ok(&run(&server, &wang, &["--dir", &s(&a), "sync"]));
    ok(&run(&server, &wang, &["--dir", &s(&b), "sync"]));
    assert_eq!(ron_files(&a), ron_files(&b));

    // A wrong password: refused, said, nothing lost, the password not shown.
    let bad = url.replace("s3cret-%E8%AF%8D", "wrong-pass");
    std::fs::write(
        &p,
        std::fs::read_to_string(&p)
            .expect("read")
            .replace("（HTTPS）", "（密码错时改）"),
    )
    .expect("edit");
    let o = run(&server, &wang, &["--dir", &s(&a), "sync", "--remote", &bad]);
    assert_eq!(o.status.code(), Some(2));
    let said = stderr(&o);
    assert!(
        said.contains("连不上共享副本") && said.contains("下次同步"),
        "{said}"
    );
    assert!(
        !said.contains("wrong-pass") && !said.contains("s3cret"),
        "{said}"
    );
    let repo = stationcal::store::git::Repo::find(&a).expect("repo");
    assert_eq!(
        repo.versions("", 1).expect("versions")[0].summary,
        "在外部编辑器中修改 events.ron"
    );
    // The right address again: the kept version goes.
    ok(&run(
        &server,
        &wang,
        &["--dir", &s(&a), "sync", "--remote", &url],
    ));
    ok(&run(&server, &wang, &["--dir", &s(&b), "sync"]));
    assert!(
        std::fs::read_to_string(b.join("events.ron"))
            .expect("read")
            .contains("（密码错时改）")
    );
    // A server whose certificate this computer does not trust is refused.
    let untrusted = bin()
        .env("STATIONCAL_CONFIG", &wang)
        .env("SSL_CERT_FILE", tmp.path().join("no-such-cert.pem"))
        .env("SSL_CERT_DIR", tmp.path().join("no-such-dir"))
        .env("HOME", tmp.path())
        .args(["--dir", &s(&b), "sync"])
        .output()
        .expect("run");
    assert_eq!(untrusted.status.code(), Some(2), "{}", stdout(&untrusted));
    assert!(
        stderr(&untrusted).contains("连不上共享副本"),
        "{}",
        stderr(&untrusted)
    );
    // No commit message carries the password.
    for v in repo.versions("", 50).expect("versions") {
        assert!(
            !v.message.contains("s3cret") && !v.message.contains("%E8"),
            "{}",
            v.message
        );
    }
}
