//! The `zhichan` binary as a user runs it.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions unwrap too

use std::path::PathBuf;
use std::process::Command;

fn zhichan(data_dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhichan"));
    command.arg("--data-dir").arg(data_dir).env_remove("ZHICHAN_DATABASE_URL").env("NO_COLOR", "1");
    command
}

fn shared_data() -> Option<PathBuf> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

/// Every record-bearing file and every reference table under ../shared/data imports, with
/// nothing rejected.
#[test]
fn every_shared_data_file_imports_through_the_cli() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let output = zhichan(dir.path()).arg("import").arg(&data).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("rejected 0"), "{stdout}");
    for table in ["similar_groups", "ipc", "technology_fields", "nice_items", "office_codes"] {
        assert!(stdout.contains(&format!("loaded {table} ")), "{table} missing:\n{stdout}");
    }
    let read: u64 = stdout
        .split_once("read ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(read >= 530, "records read: {read}");
    assert!(stdout.contains("search index: ") && stdout.contains("records indexed"), "{stdout}");

    // The imported records are searchable from the CLI: totals, hits, JSON, errors with a caret.
    let search = |args: &[&str]| zhichan(dir.path()).arg("search").args(args).output().unwrap();
    let output = search(&["MYSQL"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && stdout.contains("records match"), "{stdout}");
    assert!(stdout.lines().any(|line| line.starts_with("US ") && line.contains("78002299") && line.contains("MYSQL")));
    let output = search(&["--json", "--limit", "2", "ipc:G06F*"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(json["total"].as_u64().unwrap() > 2, "{json}");
    assert_eq!(json["hits"].as_array().unwrap().len(), 2);
    assert!(json["next"].is_string(), "a cursor for the next page");
    let output = search(&["--json", "--limit", "1", "--cursor", json["next"].as_str().unwrap(), "ipc:G06F*"]);
    let next: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_ne!(next["hits"][0]["number"], json["hits"][0]["number"]);
    let output = search(&["ti:(wireless"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("position") && stderr.contains('^'), "{stderr}");

    // Rebuilding gives the same answers.
    let output = zhichan(dir.path()).args(["index", "rebuild"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && stdout.contains("rebuilt: ") && stdout.contains("(current)"), "{stdout}");
    let output = search(&["--json", "--limit", "2", "ipc:G06F*"]);
    let again: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(again["total"], json["total"]);

    // The import ran the watch: nothing is left for `watch run`.
    let output = zhichan(dir.path()).args(["watch", "run"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && stdout.starts_with("watch: 0 records screened"), "{stdout}");
}

#[test]
fn a_bad_file_fails_the_import_and_names_itself() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.xml");
    std::fs::write(&bad, "<case-file><serial-number>1</serial").unwrap();
    let output = zhichan(&dir.path().join("data")).arg("import").arg(&bad).output().unwrap();
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("broken.xml") && stdout.contains("rejected 1"), "{stdout}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 record(s) rejected"));
}

#[test]
fn config_default_prints_a_parseable_example() {
    let dir = tempfile::tempdir().unwrap();
    let output = zhichan(dir.path()).args(["config", "default"]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("[server]") && text.contains("bind = \"127.0.0.1:8080\""));
}

#[test]
fn admin_load_calendar_loads_a_year_and_names_the_file_and_field_it_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let year = |adjusted: &str| {
        format!(
            r#"{{"region": "mainland", "year": 2027, "source": "test fixture",
                "holidays": [{{"date": "2027-02-06", "name": "春节"}}], "adjusted_working_days": ["{adjusted}"]}}"#
        )
    };
    let good = dir.path().join("mainland-2027.json");
    std::fs::write(&good, year("2027-02-13")).unwrap();
    let output = zhichan(&dir.path().join("data")).args(["admin", "load-calendar"]).arg(&good).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("loaded the mainland calendar for 2027: holidays 1, adjusted working days 1"), "{stdout}");

    let bad = dir.path().join("wrong-2027.json");
    std::fs::write(&bad, year("2027-02-15")).unwrap();
    let output = zhichan(&dir.path().join("data")).args(["admin", "load-calendar"]).arg(&bad).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("wrong-2027.json: adjusted_working_days") && stderr.contains("2027-02-15"), "{stderr}");

    let output = zhichan(&dir.path().join("data")).args(["admin", "load-calendar", "absent.json"]).output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read absent.json"));
}

#[test]
fn watch_screen_scores_pairs_from_stdin_in_order() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = zhichan(dir.path())
        .args(["watch", "screen"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let input = concat!(
        r#"{"id":"x1","watched":{"marks":["Hisense","海信"],"classes":[7,9,11]},"filing":{"mark":"HiSense","office":"DE","classes":[7,9,11]}}"#,
        "\n{broken\n",
        r#"{"id":"x3","watched":{"marks":["五粮液"]},"filing":{"mark":"WULIANGYE","office":"US"}}"#,
        "\n",
    );
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&output.stdout).lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!((lines[0]["id"].as_str(), lines[0]["alert"].as_bool()), (Some("x1"), Some(true)));
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].is_string());
    assert_eq!((lines[2]["id"].as_str(), lines[2]["alert"].as_bool()), (Some("x3"), Some(true)));
    assert!(lines[2]["reasons"].as_array().is_some_and(|reasons| !reasons.is_empty()));
}

/// `admin verify-case` exits 0 on an intact history, and after a direct edit of the database
/// fails naming the entry altered.
#[tokio::test]
async fn verify_case_names_the_first_altered_entry() {
    use zhichan_core::case::{EntryInput, EntryKind, OpenCase};
    use zhichan_core::organisations::ProfileInput;
    use zhichan_core::{Actor, Core, CoreSettings, RequestContext};

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("zhichan.sqlite3").display());
    let core = Core::open(&url, CoreSettings::default()).await.unwrap();
    let admin = Actor::new(core.create_administrator("root@example.cn", "管理员", "a-long-secret-1").await.unwrap());
    let context = RequestContext::cli();
    let profile = ProfileInput { name_zh: "深圳市海鹰电子有限公司".into(), ..ProfileInput::default() };
    let organisation =
        core.create_organisation(&admin, zhichan_domain::OrgKind::Enterprise, &profile, &context).await.unwrap();
    let input = OpenCase {
        kind: "consultation".into(),
        title: "欧盟商标续展".into(),
        summary: "续展宽限期还剩多久？".into(),
        organisation_id: Some(organisation.id),
        ..OpenCase::default()
    };
    let case = core.open_case(&admin, &context, input).await.unwrap();
    let message = EntryInput { kind: EntryKind::Message, text: "宽限期为六个月".into() };
    core.add_case_entry(&admin, &context, case.id, message).await.unwrap();

    let verify = || zhichan(dir.path()).args(["admin", "verify-case", &case.id.to_string()]).output().unwrap();
    let intact = verify();
    assert!(intact.status.success(), "{}", String::from_utf8_lossy(&intact.stderr));
    assert!(String::from_utf8_lossy(&intact.stdout).contains("history intact (2 entries verified)"));

    zhichan_testkit::tamper(&url, "UPDATE case_events SET body = replace(body, '六个月', '一年') WHERE seq = 2").await;
    let altered = verify();
    assert!(!altered.status.success());
    let stderr = String::from_utf8_lossy(&altered.stderr);
    assert!(stderr.contains("history entry 2 is not as written"), "{stderr}");
}
