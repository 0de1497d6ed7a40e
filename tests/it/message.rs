//! The messages to people: each moment's draft, written as an `.eml` file
//! and read back by Python's `email` package (as a mail program would),
//! with its calendar file or agreement attached; the programme's own
//! wording; the ticks of what went out; and what is refused.

use std::process::Command;

use klik::intake;
use klik::message::{self, Kind, WordingForm};
use klik::organisation::{self, Coordinator};
use klik::{Error, Store};

use super::trajectory::{today, written};

/// What Python's `email` package reads in an `.eml` file, as JSON.
fn parsed(bytes: &[u8]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.eml");
    std::fs::write(&path, bytes).unwrap();
    let script = r#"
import email, json, sys
from email import policy
with open(sys.argv[1], 'rb') as f:
    m = email.message_from_binary_file(f, policy=policy.default)
body = m.get_body(preferencelist=('plain',))
out = {
    'defects': [str(d) for d in m.defects],
    'unsent': m['X-Unsent'],
    'from': str(m['From']) if m['From'] else None,
    'to': [a.addr_spec for a in m['To'].addresses] if m['To'] else [],
    'to_names': [a.display_name for a in m['To'].addresses] if m['To'] else [],
    'bcc': [a.addr_spec for a in m['Bcc'].addresses] if m['Bcc'] else [],
    'subject': str(m['Subject']),
    'body': body.get_content(),
    'attachments': [
        {'name': p.get_filename(), 'type': p.get_content_type(), 'bytes': len(p.get_payload(decode=True)),
         'head': p.get_payload(decode=True)[:15].decode('latin-1')}
        for p in m.iter_attachments()
    ],
}
print(json.dumps(out))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn with_coordinator(store: &mut Store) {
    organisation::set_coordinator(
        store,
        &Coordinator {
            name: "Anaïs Peeters".into(),
            email: "anais@devries.be".into(),
        },
    )
    .unwrap();
}

#[test]
fn each_moment_is_a_draft_the_mail_program_reads_with_its_attachment() {
    let (mut store, id, pairs) = written("nl");
    with_coordinator(&mut store);
    let utc = klik::clock::utc(today());

    // The announcement to a pair: both addressed, the names filled in, Dutch.
    let a = &pairs[0];
    let announcement =
        message::compose(&store, id, Kind::Announcement, Some(a.id), today()).unwrap();
    let mail = parsed(&announcement.eml(utc));
    assert_eq!(mail["defects"], serde_json::json!([]));
    assert_eq!(mail["unsent"], "1");
    assert_eq!(mail["from"], "Anaïs Peeters <anais@devries.be>");
    assert_eq!(
        mail["to"],
        serde_json::json!([a.mentee_email, a.mentor_email])
    );
    assert_eq!(mail["to_names"][0], a.mentee_name.as_str());
    assert_eq!(
        mail["subject"],
        "Jullie mentoringkoppel in “Groeien in je rol”"
    );
    let body = mail["body"].as_str().unwrap();
    assert!(
        body.starts_with(&format!("Beste {} en {},", a.mentee_name, a.mentor_name)),
        "{body}"
    );
    assert!(body.trim_end().ends_with("Anaïs Peeters"), "{body}");
    assert_eq!(mail["attachments"], serde_json::json!([]));

    // The agreement to sign: its PDF attached, as the agreement prints.
    let agreement = message::compose(&store, id, Kind::Agreement, Some(a.id), today()).unwrap();
    let mail = parsed(&agreement.eml(utc));
    let attached = &mail["attachments"][0];
    assert_eq!(attached["name"], "Mentoringovereenkomst.pdf");
    assert_eq!(attached["type"], "application/pdf");
    assert!(attached["head"].as_str().unwrap().starts_with("%PDF-"));
    assert!(attached["bytes"].as_u64().unwrap() > 10_000);

    // Pair B has no agreement yet: refused, with why.
    let b = &pairs[1];
    match message::compose(&store, id, Kind::Agreement, Some(b.id), today()) {
        Err(Error::Invalid(problems)) => assert_eq!(problems[0].key, "error.message.no_agreement"),
        other => panic!("{other:?}"),
    }

    // The intake invitation: refused without a planned talk; with one, the
    // calendar file is attached and Python's icalendar reads it.
    let d = &pairs[3];
    match message::compose(&store, id, Kind::Intake, Some(d.id), today()) {
        Err(Error::Invalid(problems)) => {
            assert_eq!(problems[0].key, "error.intake.nothing_to_send")
        }
        other => panic!("{other:?}"),
    }
    intake::schedule_anyway(
        &mut store,
        d.id,
        klik::clock::pinned("2027-03-04T10:00:00").unwrap(),
        today(),
    )
    .unwrap();
    let invitation = message::compose(&store, id, Kind::Intake, Some(d.id), today()).unwrap();
    let eml = invitation.eml(utc);
    let mail = parsed(&eml);
    assert_eq!(mail["attachments"][0]["name"], "Intakegesprek.ics");
    assert_eq!(mail["attachments"][0]["type"], "text/calendar");
    let body = mail["body"].as_str().unwrap();
    assert!(
        body.contains("Wanneer: donderdag 4 maart 2027 10:00–11:00"),
        "{body}"
    );
    let ics = &invitation.draft.attachments[0].bytes;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talk.ics");
    std::fs::write(&path, ics).unwrap();
    // Debian's own Python has icalendar; another python3 first in PATH may not.
    let python = if std::path::Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    let read = Command::new(python)
        .arg("-c")
        .arg("import icalendar,sys; c=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read()); e=[x for x in c.walk('VEVENT')][0]; print(e.decoded('dtstart').strftime('%Y-%m-%d %H:%M'))")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&read.stdout).trim(),
        "2027-03-04 10:00",
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );

    // A dissolved pair gets no message.
    let c = &pairs[2];
    match message::compose(&store, id, Kind::Reminder, Some(c.id), today()) {
        Err(Error::Invalid(problems)) => assert_eq!(problems[0].key, "error.message.no_pair"),
        other => panic!("{other:?}"),
    }

    // The thanks go to everyone of a pair that was not dissolved, in Bcc.
    let thanks = message::compose(&store, id, Kind::Thanks, None, today()).unwrap();
    let mail = parsed(&thanks.eml(utc));
    assert_eq!(mail["to"], serde_json::json!([]));
    let bcc = mail["bcc"].as_array().unwrap();
    assert!(bcc.contains(&serde_json::json!(a.mentee_email)));
    assert!(!bcc.contains(&serde_json::json!(c.mentee_email)), "{bcc:?}");
}

#[test]
fn a_programme_words_a_moment_its_own_way_and_gets_klik_s_back() {
    let (mut store, id, pairs) = written("fr");
    let wordings = message::wordings(&store, id).unwrap();
    assert_eq!(wordings.len(), 6);
    assert!(wordings.iter().all(|w| !w.own));
    assert_eq!(
        wordings[5].subject,
        "Merci d’avoir participé à « {programme} »"
    );

    let own = WordingForm {
        subject: "Rappel pour {mentee}".into(),
        body: "Bonjour {mentee},\nOn se voit quand ?\n{inconnu}".into(),
    };
    let set = message::set_wording(&mut store, id, Kind::Reminder, &own, today()).unwrap();
    assert!(set.own);
    let reminder =
        message::compose(&store, id, Kind::Reminder, Some(pairs[0].id), today()).unwrap();
    assert_eq!(
        reminder.draft.subject,
        format!("Rappel pour {}", pairs[0].mentee_name)
    );
    // An unknown placeholder stays visible rather than silently vanishing.
    assert!(reminder.draft.body.ends_with("{inconnu}"));

    // Half a wording is refused, naming the field; nothing changes.
    let half = WordingForm {
        subject: String::new(),
        body: "Texte".into(),
    };
    match message::set_wording(&mut store, id, Kind::Reminder, &half, today()) {
        Err(Error::Invalid(problems)) => assert_eq!(problems[0].field, "subject"),
        other => panic!("{other:?}"),
    }
    assert!(message::wordings(&store, id).unwrap()[4].own);
    let back = message::set_wording(
        &mut store,
        id,
        Kind::Reminder,
        &WordingForm::default(),
        today(),
    )
    .unwrap();
    assert!(!back.own);
    assert_eq!(back.subject, "Où en est votre mentorat ?");
}

#[test]
fn what_went_out_is_ticked_per_pair_or_once_and_can_be_unticked() {
    let (mut store, id, pairs) = written("en");
    let a = pairs[0].id;
    message::mark_sent(&mut store, id, Kind::Invitation, None, true, today()).unwrap();
    message::mark_sent(&mut store, id, Kind::Announcement, Some(a), true, today()).unwrap();
    // Ticking twice is still one tick.
    message::mark_sent(&mut store, id, Kind::Announcement, Some(a), true, today()).unwrap();
    let sent = message::sent(&store, id).unwrap();
    assert_eq!(sent.len(), 2);
    assert!(
        sent.iter()
            .any(|s| s.kind == Kind::Announcement && s.pair == Some(a))
    );
    // A moment about a pair needs the pair.
    assert!(message::mark_sent(&mut store, id, Kind::Reminder, None, true, today()).is_err());
    message::mark_sent(&mut store, id, Kind::Announcement, Some(a), false, today()).unwrap();
    assert_eq!(message::sent(&store, id).unwrap().len(), 1);
    // The thanks go out after the close: a closed programme takes the tick.
    klik::trajectory::closing::close(&mut store, id, today()).unwrap();
    message::mark_sent(&mut store, id, Kind::Thanks, None, true, today()).unwrap();
    assert_eq!(message::sent(&store, id).unwrap().len(), 2);
}
