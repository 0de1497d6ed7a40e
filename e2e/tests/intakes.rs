//! Intakes in the real window: confirm the demo's matches, add public
//! holidays, propose and save a plan, look at the week, have a move onto a
//! weekend refused, record a klik and a "no klik" with a reason and see the
//! rematch proposed, open the printed schedule, and see the screen in Dutch.

use klik_e2e::{App, fresh_data_dir};

#[tokio::test]
async fn plan_move_decide_and_print_intakes_on_the_demo() {
    let data = fresh_data_dir("intakes");
    let app = App::launch(&data).await;
    app.open_demo_programme().await;
    // The programme's home says what comes next: the mentees wait for a
    // mentor, and the page's main button goes to the matching board.
    let checklist = app
        .find_containing("#programme-checklist", "mentees without a mentor")
        .await;
    let next = checklist
        .find(fantoccini::Locator::Css(".checklist-step.next"))
        .await
        .unwrap();
    assert_eq!(
        next.attr("data-phase").await.unwrap().as_deref(),
        Some("matching")
    );
    app.find_containing(
        "#programme-checklist .checklist-step[data-phase='preparation']",
        "Done",
    )
    .await;
    app.find_containing("#programme-dashboard", "mentees without a mentor")
        .await;
    app.screenshot("10-checklist-en").await;
    app.find_containing("#next-step", "Propose mentors").await;
    app.click("#next-step").await;
    app.click("#matching-propose").await;
    app.find("#matching-board .pair").await;
    app.click("#matching-accept-all").await;
    app.find_containing("#matching-confirm", "12").await;
    app.click("#matching-confirm").await;
    app.click("#confirm-ok").await;
    app.find_containing("#match-table", "Confirmed").await;

    // Confirming offers the next step at once: planning the intakes.
    app.find_containing("#toasts", "Plan the intakes").await;
    app.click("#toasts .toast button").await;
    // Twelve pairs to plan; settings open while nothing is planned yet.
    app.find_containing("#intake-summary-to_plan", "12").await;
    // The home page agrees: twelve intakes to plan, one button away.
    app.click("#programme-tab-overview").await;
    app.find_containing(
        "#programme-checklist .checklist-step.next[data-phase='intake']",
        "12 intakes to plan",
    )
    .await;
    app.screenshot("11-checklist-intakes-en").await;
    app.click("#checklist-plan_intakes").await;
    app.find_containing("#intake-summary-to_plan", "12").await;
    app.screenshot("40-intakes-en").await;
    let holidays = app.find("[id^='intake-holidays-be']").await;
    holidays.click().await.unwrap();
    app.find_containing("#toasts", "Public holidays of").await;
    let christmas = app.find("#closed-days [data-day^='25/12/']").await;
    let name = christmas
        .find(fantoccini::Locator::Css("input[name$='.label']"))
        .await
        .unwrap();
    assert_eq!(
        name.prop("value").await.unwrap().as_deref(),
        Some("Kerstmis")
    );

    // Propose, look, save.
    app.click("#intake-propose").await;
    app.find("#intake-proposal-table").await;
    app.screenshot("41-intake-proposal-en").await;
    app.click("#intake-save-plan").await;
    app.find_containing("#toasts", "intake talks planned").await;
    let planned = app.find("#intake-table tr[data-state='planned']").await;
    let pair = planned.attr("data-match").await.unwrap().unwrap();
    app.click("#intake-mode-week").await;
    // The week is a calendar: the talk placed at its time, coloured by its
    // state, and a closed day named in its column.
    app.find(&format!(
        "#intake-week .calendar-talk.intake-planned[data-match='{pair}']"
    ))
    .await;
    app.find_containing(".calendar-legend", "Outcome missing")
        .await;
    app.dismiss_messages().await;
    app.client
        .execute(
            "document.getElementById('intake-week').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    app.screenshot("42-intake-week-en").await;
    for _ in 0..3 {
        app.click("#intake-week-next").await;
    }
    app.find_containing("#intake-week-label", "21/12").await;
    app.find_containing("#intake-week .calendar-closed", "Kerstmis")
        .await;
    app.screenshot("42-intake-week-closed-en").await;
    // A planned talk in the calendar opens its outcome, as the list does.
    for _ in 0..3 {
        app.click("#intake-week-previous").await;
    }
    app.click(&format!("#intake-week .calendar-talk[data-match='{pair}']"))
        .await;
    app.find("#outcome-dialog[open]").await;
    app.client
        .execute("document.getElementById('outcome-dialog').close();", vec![])
        .await
        .unwrap();
    app.click("#intake-mode-list").await;

    // The invitation to the talk as an e-mail draft with its calendar file:
    // written into Klik's documents folder, read back by Python's email.
    app.click("#programme-tab-messages").await;
    app.find("#message-pairs").await;
    app.click(&format!("#write-intake-{pair}")).await;
    app.find_containing("#toasts", "draft").await;
    let draft = std::fs::read_dir(data.join("documents"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "eml"))
        .expect("the draft is in Klik's documents folder");
    assert!(
        draft.to_string_lossy().contains(&format!(" m{pair} ")),
        "named by the pair's number: {draft:?}"
    );
    let read = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import email,sys\n\
from email import policy\n\
m=email.message_from_binary_file(open(sys.argv[1],'rb'),policy=policy.default)\n\
a=[p for p in m.iter_attachments()][0]\n\
print(m['X-Unsent'], len(m['To'].addresses), a.get_content_type(), a.get_filename(), b'BEGIN:VEVENT' in a.get_payload(decode=True))",
        )
        .arg(&draft)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&read.stdout).trim(),
        "1 2 text/calendar Intakegesprek.ics True",
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    // Ticked as sent, and still ticked when the page is drawn again.
    app.click(&format!(
        "#message-pairs tr[data-match='{pair}'] .sent-tick[data-kind='intake']"
    ))
    .await;
    app.find_containing(
        &format!("#message-pairs tr[data-match='{pair}']"),
        "Sent on",
    )
    .await;
    app.dismiss_messages().await;
    app.screenshot("13-messages-en").await;
    app.click("#programme-tab-intakes").await;
    app.find("#intake-table").await;

    // A Saturday is refused with the reason, in the dialog.
    app.click(&format!("#intake-menu-{pair} summary")).await;
    app.click(&format!("#intake-move-{pair}")).await;
    app.find("#move-intake-dialog[open]").await;
    app.type_into("#move-intake-dialog input[name='date']", "01-01-2028")
        .await;
    app.type_into("#move-intake-dialog input[name='time']", "10:00")
        .await;
    app.click("#move-intake-confirm").await;
    // A closed weekday is a planning rule: Klik names it and asks before
    // setting the talk anyway; declining keeps the reason in the dialog.
    app.find_containing("#confirm-text", "weekday").await;
    app.screenshot("43-intake-move-anyway-en").await;
    app.click("#confirm-cancel").await;
    app.find_containing("#move-intake-dialog .error-summary", "weekday")
        .await;
    app.screenshot("43-intake-move-refused-en").await;
    // One click on a free time fills the fields; saving moves the talk.
    app.click("#intake-free-times .free-time").await;
    app.click("#move-intake-confirm").await;
    app.find_containing("#toasts", "has a new time").await;

    // A klik on another planned pair: the mentoring starts. Its talk is still
    // to come, so the klik is refused until the officer says the talk was
    // held (today, earlier than planned).
    let other = app
        .find(&format!(
            "#intake-table tr[data-state='planned']:not([data-match='{pair}'])"
        ))
        .await;
    let other_pair = other.attr("data-match").await.unwrap().unwrap();
    app.click(&format!("tr[data-match='{other_pair}'] .intake-outcome"))
        .await;
    app.find("#outcome-dialog[open]").await;
    app.click("#outcome-klik").await;
    app.click("#outcome-confirm").await;
    app.find_containing("#outcome-dialog .error-summary", "not taken place yet")
        .await;
    let today = klik::clock::now().format("%d-%m-%Y").to_string();
    app.type_into("#outcome-dialog input[name='held']", &today)
        .await;
    app.type_into("#outcome-dialog input[name='held_time']", "00:00")
        .await;
    app.click("#outcome-confirm").await;
    app.find_containing(&format!("tr[data-match='{other_pair}']"), "Klik")
        .await;
    // After a klik the agreement comes next, offered at once.
    app.find_containing("#toasts", "Prepare the agreement")
        .await;
    app.click("#toasts .toast button").await;
    app.find("#agreement-form").await;
    app.client.back().await.unwrap();
    app.find("#intake-table").await;

    // No klik needs a reason; with one the pair is dissolved and the row says so.
    let mentee = app
        .text(&format!("tr[data-match='{pair}'] th .person-name"))
        .await;
    app.click(&format!("tr[data-match='{pair}'] .intake-outcome"))
        .await;
    app.find("#outcome-dialog[open]").await;
    app.click("#outcome-no").await;
    app.click("#outcome-confirm").await;
    app.find_containing("#outcome-dialog .error-summary", "required")
        .await;
    app.type_into(
        "#outcome-dialog textarea[name='reason']",
        "Andere verwachtingen over de aanpak",
    )
    .await;
    app.type_into("#outcome-dialog input[name='held']", &today)
        .await;
    app.type_into("#outcome-dialog input[name='held_time']", "00:00")
        .await;
    app.click("#outcome-confirm").await;
    let said = app
        .find_containing("#toasts", "No klik")
        .await
        .text()
        .await
        .unwrap();
    assert!(said.contains(&format!("for {mentee}")), "{said}");
    app.find_containing(&format!("tr[data-match='{pair}']"), "Andere verwachtingen")
        .await;
    app.screenshot("45-intake-no-klik-en").await;

    // The home page names what waits in every phase: the mentee without a
    // klik waits for a new mentor, the pair with a klik for its agreement.
    app.click("#programme-tab-overview").await;
    app.find_containing("#attention-programme", "1 mentee waits for a new mentor")
        .await;
    app.find_containing("#programme-checklist", "1 agreement to complete and sign")
        .await;
    app.dismiss_messages().await;
    app.screenshot("12-checklist-after-intakes-en").await;
    app.click("#programme-tab-intakes").await;
    app.find("#intake-table").await;

    // The rematch: the matching board proposes the mentor the message named.
    let mentor = said
        .split("Klik now proposes ")
        .nth(1)
        .and_then(|rest| rest.split(" for ").next())
        .unwrap_or_else(|| panic!("the message names the next mentor: {said}"))
        .to_string();
    // The home page's button for the waiting mentee leads to the board.
    app.click("#programme-tab-overview").await;
    app.find_containing("#checklist-find_new_mentor", "Find a mentor")
        .await;
    app.click("#checklist-find_new_mentor").await;
    app.click("#matching-propose").await;
    // The board redraws once the proposal is in: wait for the pair itself.
    app.find_containing_all("#matching-board .pair", &[&mentee, &mentor])
        .await;
    // The person's page keeps the history: the match, the talk and the reason.
    app.click("#programme-tab-participants").await;
    app.find_containing("a.participant-link", &mentee)
        .await
        .click()
        .await
        .unwrap();
    app.find_containing("#participant-history", "Andere verwachtingen")
        .await;
    app.screenshot("46-participant-history-en").await;
    app.click("#participant-privacy h2").await;
    app.find_containing("#participant-privacy", "Erase this person")
        .await;
    app.find_containing("#export-person-pdf", "Export everything as a readable PDF")
        .await;
    app.dismiss_messages().await;
    app.screenshot("58-participant-privacy-en").await;
    app.client.back().await.unwrap();
    app.client.back().await.unwrap();
    app.click("#programme-tab-intakes").await;
    app.find("#intake-table").await;

    // The printed schedule, in the programme's language (Dutch).
    app.click("#intake-schedule").await;
    app.find_containing("#toasts", "Planning intakegesprekken")
        .await;
    let schedule = std::fs::read_dir(data.join("documents"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("Planning intakegesprekken"))
        .expect("the schedule is in Klik's documents folder");
    let text = std::process::Command::new("pdftotext")
        .args([schedule.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Planning intakegesprekken"), "{text}");
    assert!(text.contains("pagina 1 van"), "{text}");

    // The same screen in Dutch.
    app.switch_to_dutch().await;
    app.find_containing("#intake-list-title", "Intakegesprekken")
        .await;
    app.find_containing(&format!("tr[data-match='{pair}']"), "Geen klik")
        .await;
    app.screenshot("44-intakes-nl").await;
    app.click("#programme-tab-participants").await;
    app.find_containing("a.participant-link", &mentee)
        .await
        .click()
        .await
        .unwrap();
    app.find_containing("#participant-history", "Geen klik")
        .await;
    app.screenshot("47-participant-history-nl").await;
    // The person's rights, at the bottom of the same page.
    app.click("#participant-privacy h2").await;
    app.find_containing("#participant-privacy", "Deze persoon wissen")
        .await;
    app.find_containing("#export-person-pdf", "Alles exporteren als leesbare pdf")
        .await;
    app.screenshot("57-participant-privacy-nl").await;
    // Export everything about her, as JSON and as a readable PDF, and read
    // both files back.
    app.click("#export-person").await;
    app.find_containing("#toasts", ".json").await;
    let saved = klik_e2e::saved(&data);
    let json = std::fs::read_dir(&saved)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("the JSON export is written");
    let export: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert!(
        mentee.starts_with(export["profile"]["first_name"].as_str().unwrap()),
        "{export}"
    );
    app.click("#export-person-pdf").await;
    app.find_containing("#toasts", ".pdf").await;
    let pdf = std::fs::read_dir(&saved)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("the PDF export is written");
    let text = std::process::Command::new("pdftotext")
        .args([pdf.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(text.contains(&mentee), "{text}");
    // Erase her: asked first, naming her; then the list shows a neutral
    // label in her place and her name nowhere.
    app.click("#erase-person").await;
    app.find_containing("#confirm-text", &mentee).await;
    app.click("#confirm-ok").await;
    app.find_containing("#toasts", &mentee).await;
    app.find("#participant-table").await;
    let table = app.text("#participant-table").await;
    assert!(!table.contains(&mentee), "{table}");
    assert!(table.contains("Gewist"), "{table}");
    app.screenshot("59-participant-erased-nl").await;
    app.quit().await;
}
