//! `stationcal report`: the figures and the ledger. The workbook is read
//! back by an independent reader (Python's `openpyxl`, installed by
//! `.ci/run`): sheet names, headers, every ledger row against `list
//! --json` and `records.ron`, the totals as formulas and their values.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};

use serde_json::Value;
use stationcal::model::records::Records;

use crate::support::{date, sample_copy, sample_text, stationcal, stderr, stdout};

const READ: &str = r#"
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append([v.isoformat() if hasattr(v, "isoformat") else v for v in row])
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    dates = [c.is_date for c in ws["A"]]
    out[ws.title] = {"rows": rows, "freeze": ws.freeze_panes, "widths": widths, "a_is_date": dates}
print(json.dumps(out, ensure_ascii=False))
"#;

fn openpyxl_available() -> bool {
    Command::new("python3")
        .args(["-c", "import openpyxl"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn read_workbook(path: &std::path::Path) -> Value {
    let out = Command::new("python3")
        .args(["-c", READ])
        .arg(path)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "openpyxl could not read the workbook:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json from python")
}

fn rows<'a>(book: &'a Value, sheet: &str) -> &'a Vec<Value> {
    book[sheet]["rows"].as_array().expect("rows")
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// Display width as a spreadsheet counts it: a CJK character is two.
fn display(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum()
}

#[test]
fn openpyxl_reads_the_quarter_workbook_row_for_row() {
    if !openpyxl_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have python3 with openpyxl (pip install openpyxl)"
        );
        eprintln!(
            "SKIPPED: python3 -c 'import openpyxl' fails; pip install openpyxl to run this test"
        );
        return;
    }
    let dir = sample_copy();
    let book_path = dir.path().join("q4.xlsx");
    let path = book_path.to_string_lossy().into_owned();
    let o = stationcal(
        dir.path(),
        &[
            "report",
            "--quarter",
            "2026Q4",
            "--format",
            "xlsx",
            "--output",
            &path,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let book = read_workbook(&book_path);
    assert_eq!(book["sheets"], serde_json::json!(["汇总", "台账", "暂停"]));

    // The activities of the quarter up to today, as `list` gives them.
    let o = stationcal(
        dir.path(),
        &["list", "--json", "--from", "2026-10-01", "--days", "58"],
    );
    let listed: Vec<Value> = serde_json::from_str(&stdout(&o)).expect("list json");
    let held: Vec<&Value> = listed.iter().filter(|i| i["status"] != "skipped").collect();
    let skipped: Vec<&Value> = listed.iter().filter(|i| i["status"] == "skipped").collect();

    // The ledger: headers, one row per activity held, then the totals.
    let ledger = rows(&book, "台账");
    let head: Vec<&str> = ledger[0]
        .as_array()
        .expect("header")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        head,
        [
            "日期",
            "开始",
            "结束",
            "站点",
            "项目",
            "题目",
            "地点",
            "主讲人",
            "主讲人类别",
            "报名人数",
            "实到人数",
            "服务人次",
            "记录人",
            "活动小结"
        ]
    );
    assert_eq!(book["台账"]["freeze"], "A2");
    let body = &ledger[1..ledger.len() - 1];
    assert_eq!(body.len(), held.len(), "one ledger row per activity held");
    let records: Records = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&sample_text("records.ron"))
        .expect("records");
    let mut attended_total = 0.0;
    for (row, item) in body.iter().zip(&held) {
        let day = text(&item["date"]);
        assert_eq!(text(&row[0]), format!("{day}T00:00:00"), "a real date");
        assert_eq!(text(&row[1]), text(&item["start"]));
        assert_eq!(text(&row[2]), text(&item["end"]));
        let title = item["title"].as_str().unwrap_or("影片待定");
        assert_eq!(text(&row[5]), title, "{day}");
        // The record of this activity, if any, is on its row.
        let d = stationcal::model::values::parse_date(day).expect("date");
        let record = records.records.iter().find(|r| {
            *r.date == d && r.activity.programme() == programme_of(&item["programme"]) && {
                let id = &item["details"]["lecture_id"];
                match &r.activity {
                    stationcal::model::records::ActivityRef::Lecture(l) => id == l.as_str(),
                    _ => true,
                }
            }
        });
        let want = record.and_then(|r| r.attended).map(f64::from);
        assert_eq!(row[10].as_f64(), want, "{day} {title}");
        assert_eq!(
            row[9].as_f64(),
            record.and_then(|r| r.signed_up).map(f64::from)
        );
        attended_total += want.unwrap_or(0.0);
    }
    assert!(attended_total > 0.0);
    let total = ledger.last().expect("totals row");
    assert_eq!(text(&total[0]), "合计");
    let n = body.len() + 1;
    assert_eq!(text(&total[10]), format!("=SUM(K2:K{n})"));
    assert_eq!(text(&total[9]), format!("=SUM(J2:J{n})"));
    // Every date cell of the ledger is a date.
    let is_date = book["台账"]["a_is_date"].as_array().expect("dates");
    assert!(is_date[1..n].iter().all(|d| d == true));
    // Widths fit the widest title (a Chinese character counts two).
    let widest = body
        .iter()
        .map(|r| display(text(&r[5])))
        .fold(0.0, f64::max);
    let width = book["台账"]["widths"]["F"].as_f64().expect("width of F");
    assert!(width >= widest, "{width} < {widest}");

    // The skipped ones, with their reasons.
    let skip_rows = rows(&book, "暂停");
    assert_eq!(skip_rows.len() - 1, skipped.len());
    for (row, item) in skip_rows[1..].iter().zip(&skipped) {
        assert_eq!(text(&row[0]), format!("{}T00:00:00", text(&item["date"])));
        assert_eq!(text(&row[4]), text(&item["reason"]));
    }

    // The summary: the site's counts, and totals as SUM formulas.
    let summary = rows(&book, "汇总");
    assert_eq!(text(&summary[2][0]), "站点");
    assert_eq!(book["汇总"]["freeze"], "B4");
    let site = &summary[3];
    let count = |p: &str| {
        let n = held.iter().filter(|i| i["programme"] == p).count();
        f64::from(u32::try_from(n).expect("a count"))
    };
    assert_eq!(site[1].as_f64(), Some(count("screening")));
    assert_eq!(site[3].as_f64(), Some(count("lecture")));
    assert_eq!(site[8].as_f64(), Some(count("service_day")));
    assert_eq!(site[10].as_f64(), Some(count("event")));
    let viewers: f64 = body
        .iter()
        .filter(|r| text(&r[4]) == "电影放映")
        .filter_map(|r| r[10].as_f64())
        .sum();
    assert_eq!(site[2].as_f64(), Some(viewers));
    let totals = &summary[4];
    assert_eq!(text(&totals[0]), "合计");
    assert_eq!(text(&totals[1]), "=SUM(B4:B4)");
    assert_eq!(text(&totals[2]), "=SUM(C4:C4)");
}

fn programme_of(code: &Value) -> stationcal::model::Programme {
    use stationcal::model::Programme as P;
    match code.as_str() {
        Some("screening") => P::Screening,
        Some("service_day") => P::ServiceDay,
        Some("lecture") => P::Lecture,
        _ => P::Event,
    }
}

#[test]
fn the_text_report_counts_what_the_records_say() {
    let dir = sample_copy();
    let o = stationcal(dir.path(), &["report", "--month", "2026-11"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        s.starts_with("石化街道社区党群服务中心 活动台账 2026年11月\n"),
        "{s}"
    );
    // 88 + 76 at the two recorded screenings; 64 served on 11-21.
    assert!(s.contains("电影放映 4 场，观影 164 人次"), "{s}");
    assert!(s.contains("乐淘淘 1 次，服务 64 人次"), "{s}");
    assert!(
        s.contains("2026-11-04 14:00-16:00 电影放映 金刚川 多功能厅 报名 95 实到 88 记录人 王晓红"),
        "{s}"
    );
    let o = stationcal(
        dir.path(),
        &["--lang", "en", "report", "--month", "2026-11"],
    );
    assert!(
        stdout(&o).contains("Film screenings: 4, 164 viewers"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn csv_rows_are_the_ledger_and_formulas_stay_text() {
    let dir = sample_copy();
    // A summary a spreadsheet would run as a formula, with a comma and a quote.
    let text =
        sample_text("records.ron").replacen("共读《上海石化志》选段。", "=1+1, \\\"引\\\"", 1);
    std::fs::write(dir.path().join("records.ron"), text).expect("write");
    let o = stationcal(
        dir.path(),
        &["report", "--month", "2026-11", "--format", "csv"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    let lines: Vec<&str> = s.lines().collect();
    assert!(
        lines[0].starts_with("\u{feff}日期,开始,结束,站点,项目,题目"),
        "{}",
        lines[0]
    );
    // 29 activities held in November up to the 27th, one line each.
    assert_eq!(lines.len(), 1 + 29, "{s}");
    let salon = lines
        .iter()
        .find(|l| l.contains("读书沙龙"))
        .expect("salon");
    assert!(
        salon.ends_with(",18,,陈静,\"'=1+1, \"\"引\"\"\""),
        "{salon}"
    );
    let by_date: BTreeMap<&str, usize> = lines[1..].iter().fold(BTreeMap::new(), |mut m, l| {
        *m.entry(&l[..10]).or_default() += 1;
        m
    });
    assert_eq!(by_date.get("2026-11-04"), Some(&2));
    assert!(
        !by_date.contains_key("2026-11-30"),
        "after today: not held yet"
    );
    let _ = date(2026, 11, 1);
}
