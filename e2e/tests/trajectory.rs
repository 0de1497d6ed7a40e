//! The trajectory in the real window: on the demo, with one pair after its
//! klik and an agreement with a goal (prepared through the `klik` command
//! line, as a script would), log a meeting (a duration of 0 refused first),
//! update the goal (140 % refused first), record a check-in, and print the
//! programme report from the window and read it back; then in Dutch.

use std::path::Path;
use std::process::Command;

use klik_e2e::{App, cli, fresh_data_dir};

fn klik(db: &Path, args: &[&str]) -> serde_json::Value {
    let output = Command::new(cli())
        .arg("--json")
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_GB.UTF-8")
        .output()
        .expect("the klik command line runs");
    assert!(
        output.status.success(),
        "klik {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null)
}

#[tokio::test]
async fn log_a_meeting_update_a_goal_and_print_the_programme_report() {
    let data = fresh_data_dir("trajectory");
    let db = data.join("demo").join("klik-demo.sqlite");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    klik(&db, &["demo"]);
    klik(&db, &["match", "confirm", "--programme", "1"]);
    // The demo's closed programme has matches of its own; take this one's first.
    let pairs = klik(&db, &["match", "list", "--programme", "1"]);
    let first = pairs[0]["id"].as_i64().unwrap().to_string();
    let first = first.as_str();
    // The intake took place this morning, outside Klik's plan.
    let today = klik::clock::now().format("%d-%m-%Y").to_string();
    klik(
        &db,
        &[
            "intake",
            "outcome",
            "--match",
            first,
            "--klik",
            "yes",
            "--held",
            &today,
            "--held-time",
            "00:00",
        ],
    );
    klik(
        &db,
        &[
            "agreement",
            "edit",
            "--match",
            first,
            "--goal",
            "Leren onderhandelen met leveranciers|Zelf het raamcontract leiden||Twee offertes lezen",
        ],
    );

    let app = App::launch(&data).await;
    app.open_demo_programme().await;
    // The overview's dashboard: the figures and what needs attention.
    app.find_containing("#programme-dashboard", "under way")
        .await;
    app.screenshot("48-dashboard-en").await;

    app.click("#programme-tab-trajectory").await;
    app.find("#trajectory-pairs").await;
    app.click(&format!(
        "#trajectory-pairs tr[data-match='{first}'] .pair-link"
    ))
    .await;
    app.find("#pair-page #pair-goals").await;

    // A meeting of 0 minutes is refused in the dialog; 60 is logged.
    app.click("#add-meeting").await;
    app.find("#meeting-dialog[open]").await;
    app.screenshot("49-meeting-dialog-en").await;
    // WebKitWebDriver only clears a dialog's other fields once its focused
    // (first) field has been typed in, as a person starting at the top would.
    let today = app
        .find("#meeting-dialog input[name='date']")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    app.type_into("#meeting-dialog input[name='date']", &today)
        .await;
    app.type_into("#meeting-dialog input[name='minutes']", "0")
        .await;
    app.click("#meeting-dialog-save").await;
    app.find_containing(
        "#meeting-dialog .error-summary",
        "must be a whole number from 5 to 480",
    )
    .await;
    app.type_into("#meeting-dialog input[name='minutes']", "60")
        .await;
    app.type_into(
        "#meeting-dialog input[name='topics']",
        "Kennismaking en leerdoelen",
    )
    .await;
    app.type_into(
        "#meeting-dialog textarea[name='next_steps']",
        "Offerte van Van Dijk samen lezen",
    )
    .await;
    app.click("#meeting-dialog-save").await;
    app.find_containing("#toasts", "Meeting logged").await;
    app.find_containing("#pair-meetings", "Kennismaking en leerdoelen")
        .await;
    app.find_containing("#pair-next-steps", "Offerte van Van Dijk")
        .await;

    // Goal 1: 140 % is refused; 40 % in progress is saved and shown.
    app.click("#pair-goals li[data-position='1'] .goal-update")
        .await;
    app.find("#progress-dialog[open]").await;
    app.find("#progress-dialog select[name='state']")
        .await
        .select_by_value("in_progress")
        .await
        .unwrap();
    app.type_into("#progress-dialog input[name='percent']", "140")
        .await;
    app.click("#progress-dialog-save").await;
    app.find_containing("#progress-dialog .error-summary", "from 0 to 100")
        .await;
    app.type_into("#progress-dialog input[name='percent']", "40")
        .await;
    app.type_into(
        "#progress-dialog textarea[name='note']",
        "Eerste offerte samen gelezen",
    )
    .await;
    app.click("#progress-dialog-save").await;
    app.find_containing("#toasts", "Goal 1 updated").await;
    app.find_containing("#pair-goals li[data-position='1']", "In progress")
        .await;
    app.find_containing("#pair-goals li[data-position='1']", "40 %")
        .await;

    // A check-in of both.
    app.click("#add-checkin").await;
    app.find("#checkin-dialog[open]").await;
    app.find("#checkin-dialog select[name='moment']")
        .await
        .select_by_value("after_meetings")
        .await
        .unwrap();
    app.type_into("#checkin-dialog input[name='mentee_satisfaction']", "5")
        .await;
    app.type_into("#checkin-dialog input[name='mentor_satisfaction']", "4")
        .await;
    app.click("#checkin-dialog-save").await;
    app.find_containing("#toasts", "Check-in recorded").await;
    app.find_containing("#pair-checkins", "5 / 5").await;
    app.screenshot("49-pair-en").await;

    // The programme report, printed from the window and read back.
    app.click("#pair-page .breadcrumb a").await;
    // One meeting held; the klik was today, so no meeting is expected yet:
    // the column says "1", never "1 / 0".
    let meetings = app
        .find_containing(
            &format!("#trajectory-pairs tr[data-match='{first}'] td:nth-child(3)"),
            "1",
        )
        .await;
    assert_eq!(meetings.text().await.unwrap(), "1");
    app.screenshot("50-trajectory-en").await;
    app.click("#open-programme-report").await;
    app.find_containing("#toasts", "Programmarapport").await;
    let report = std::fs::read_dir(data.join("documents"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("Programmarapport"))
        .expect("the report is in Klik's documents folder");
    let text = Command::new("pdftotext")
        .args([report.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8(text.stdout).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Programmarapport"), "{flat}");
    assert!(flat.contains("Gehouden gesprekken 1"), "{flat}");
    assert!(flat.contains("Leerdoelen gesteld 1"), "{flat}");
    assert!(flat.contains("Tevredenheid mentees (1–5) 5,0"), "{flat}");

    // A workshop this morning: planned, its attendance registered.
    let today = klik::date::short(klik::clock::now().date(), "en");
    app.click("#add-workshop").await;
    app.find("#workshop-dialog[open]").await;
    app.type_into("#workshop-dialog input[name='title']", "Feedback geven")
        .await;
    app.type_into("#workshop-dialog input[name='date']", &today)
        .await;
    app.type_into("#workshop-dialog input[name='time']", "00:15")
        .await;
    app.find("#workshop-dialog select[name='audience']")
        .await
        .select_by_value("mentees")
        .await
        .unwrap();
    app.click("#workshop-dialog input[name='required']").await;
    app.click("#workshop-dialog-save").await;
    app.find_containing("#toasts", "Workshop planned").await;
    app.click("#workshop-table .workshop-attendance").await;
    app.find("#attendance-dialog[open]").await;
    app.click("#attendance-dialog input[name='present']").await;
    app.click("#attendance-dialog-save").await;
    app.find_containing("#toasts", "Attendance of").await;
    app.find_containing("#workshop-table", "1 / 12").await;

    // The closing evaluation: Klik's questions, one participant's answers.
    app.click("#evaluation-standard").await;
    app.find_containing("#evaluation-questions", "Hoe tevreden ben je")
        .await;
    app.click("#closing-card details summary").await;
    app.click("#closing-card .respondents button").await;
    app.find("#answers-dialog[open]").await;
    app.type_into("#answers-dialog input[name='q1']", "9").await;
    app.click("#answers-dialog-save").await;
    app.find_containing("#answers-dialog .error-summary", "from 1 to 5")
        .await;
    app.type_into("#answers-dialog input[name='q1']", "4").await;
    app.click("#answers-dialog-save").await;
    app.find_containing("#evaluation-questions", "Average 4.0 of 5 (n = 1)")
        .await;
    app.screenshot("53-workshops-closing-en").await;

    // Backups and retention in Settings, in English.
    app.click("#nav-settings").await;
    app.click("#backups-card h2").await;
    app.find_containing("#backup-last", "Last automatic backup")
        .await;
    app.dismiss_messages().await;
    app.screenshot("59-backups-en").await;
    app.client.back().await.unwrap();
    app.find("#trajectory").await;

    // The same screens in Dutch.
    app.switch_to_dutch().await;
    app.find_containing("#trajectory", "Vraagt aandacht").await;
    app.screenshot("51-trajectory-nl").await;
    app.click(&format!(
        "#trajectory-pairs tr[data-match='{first}'] .pair-link"
    ))
    .await;
    app.find_containing("#pair-goals", "Bezig").await;
    app.screenshot("52-pair-nl").await;

    // The programme's home in Dutch: the checklist and the week's list.
    app.click("#pair-page .breadcrumb a").await;
    app.click("#programme-tab-overview").await;
    app.find_containing("#programme-checklist", "Stap voor stap")
        .await;
    app.dismiss_messages().await;
    app.screenshot("14-checklist-nl").await;
    // The agreement to sign is one button away on the home page.
    app.click("#checklist-sign_agreements").await;
    app.find("#agreement-form").await;
    app.client.back().await.unwrap();
    app.find("#programme-checklist").await;
    app.click("#print-week").await;
    let said = app
        .find_containing("#toasts", ".pdf")
        .await
        .text()
        .await
        .unwrap();
    let week = std::fs::read_dir(data.join("documents"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("Deze week"))
        .unwrap_or_else(|| panic!("the week's list is in Klik's documents folder: {said}"));
    let text = std::process::Command::new("pdftotext")
        .args([week.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(text.contains("Overeenkomsten te tekenen"), "{text}");

    // The tables at 1280 × 720 in Dutch and in French, the longest words:
    // every column in view, nothing to scroll sideways.
    for (code, settings, suffix) in [("nl", "Instellingen", "nl"), ("fr", "Paramètres", "fr")] {
        if code == "fr" {
            app.switch_language(code, settings).await;
        }
        for (tab, table) in [
            ("participants", "#participant-table"),
            ("matching", "#match-table"),
            ("intakes", "#intake-table"),
            ("trajectory", "#trajectory-pairs"),
            ("messages", "#message-pairs"),
        ] {
            app.click(&format!("#programme-tab-{tab}")).await;
            app.fits(table).await;
            if code == "fr" {
                app.dismiss_messages().await;
                app.scroll_to(table).await;
                app.screenshot(&format!("66-{tab}-{suffix}")).await;
            }
        }
        app.click("#nav-programmes").await;
        app.fits("#programme-table").await;
        app.client.back().await.unwrap();
        app.find("#programme-tabs, .tabs").await;
    }
    app.switch_to_dutch().await;

    // Closing the programme: asked first, naming what it does, then done
    // and archived.
    app.click("#programme-tab-trajectory").await;
    app.click("#close-programme").await;
    app.find_containing("#confirm-text", "afgerond").await;
    app.screenshot("54-close-question-nl").await;
    app.click("#confirm-ok").await;
    app.find_containing("#toasts", "Programma afgesloten").await;
    app.find_containing("#closing-card", "Afgesloten").await;
    app.click("#closing-card h2").await;
    app.screenshot("54-closed-nl").await;
    app.click("#programme-tab-overview").await;
    // Closed says so everywhere: the checklist done, nothing to count down.
    app.find_containing("#programme-checklist", "Afgesloten op")
        .await;
    app.find_containing("#programme-standing", "Afgesloten")
        .await;
    app.find("#read-only-notice").await;
    app.find_containing("#programme-dashboard", "afgerond")
        .await;
    app.screenshot("55-dashboard-nl").await;
    app.quit().await;
}
