//! Checking agreement forms: every problem named, empty goals dropped.

use super::*;
use crate::error::FieldError;

fn form() -> AgreementForm {
    AgreementForm {
        start: "01-02-2027".into(),
        end: "30-11-2027".into(),
        goals: vec![GoalForm {
            what: "Leren onderhandelen met leveranciers".into(),
            success: "Ik leid zelf de prijsonderhandeling van Q3".into(),
            target_date: "30/06/2027".into(),
            first_actions: "Twee gesprekken van Marie bijwonen".into(),
        }],
        expectations: EXPECTATIONS
            .iter()
            .map(|f| format!("text of {f}"))
            .collect(),
    }
}

fn messages(problems: &[FieldError], language: &str) -> Vec<String> {
    let texts = Texts::for_language(language);
    problems
        .iter()
        .map(|p| format!("{}: {}", p.label(&texts), p.message(&texts)))
        .collect()
}

#[test]
fn a_filled_in_form_becomes_terms() {
    let terms = form().validate().unwrap();
    assert_eq!(terms.start, NaiveDate::from_ymd_opt(2027, 2, 1).unwrap());
    assert_eq!(terms.goals.len(), 1);
    assert_eq!(
        terms.goals[0].target_date,
        NaiveDate::from_ymd_opt(2027, 6, 30)
    );
    assert_eq!(terms.expectations.len(), EXPECTATIONS.len());
    let back = AgreementForm::from_terms(&terms, "nl");
    assert_eq!(
        back.validate().unwrap(),
        terms,
        "the form of stored terms reads back the same"
    );
}

#[test]
fn empty_goals_are_dropped_and_half_filled_ones_need_a_what() {
    let mut f = form();
    f.goals.push(GoalForm::default());
    f.goals.push(GoalForm {
        success: "iets".into(),
        ..GoalForm::default()
    });
    let problems = f.validate().unwrap_err();
    assert_eq!(
        messages(&problems, "en"),
        ["Goal 3 – What the mentee wants to learn: This field is required."]
    );
    f.goals.pop();
    assert_eq!(f.validate().unwrap().goals.len(), 1);
}

#[test]
fn every_problem_is_named_in_dutch_and_english() {
    let mut f = form();
    f.start = "31-02-2027".into();
    f.end = "morgen".into();
    f.goals[0].target_date = "2027-13-01".into();
    f.expectations[6] = "x".repeat(5001);
    f.goals.extend((0..5).map(|k| GoalForm {
        what: format!("doel {k}"),
        ..GoalForm::default()
    }));
    let problems = f.validate().unwrap_err();
    let en = messages(&problems, "en");
    assert_eq!(en.len(), 5, "{en:?}");
    assert!(en.iter().any(|m| m.starts_with("Start date:")), "{en:?}");
    assert!(
        en.iter().any(|m| m.starts_with("Goal 1 – Target date:")),
        "{en:?}"
    );
    assert!(
        en.iter().any(|m| m.starts_with("Confidentiality:")),
        "{en:?}"
    );
    assert!(
        en.iter().any(|m| m.contains("at most 5 learning goals")),
        "{en:?}"
    );
    let nl = messages(&problems, "nl");
    assert!(
        nl.iter().any(|m| m.starts_with("Doel 1 – Streefdatum:")),
        "{nl:?}"
    );
}

#[test]
fn the_end_comes_after_the_start() {
    let mut f = form();
    f.end = "01-01-2027".into();
    let problems = f.validate().unwrap_err();
    assert_eq!(
        messages(&problems, "nl"),
        ["Einddatum: De einddatum moet na de begindatum komen."]
    );
}

/// The object `ui/js/views/agreement.js` sends on save: the goals as typed,
/// the eleven expectations as texts in the agreement's order.
#[test]
fn the_form_reads_the_json_the_editor_sends() {
    let sent = r#"{
        "start": "01-02-2027",
        "end": "30-11-2027",
        "goals": [{
            "what": "Leren onderhandelen met leveranciers",
            "success": "Ik leid zelf de prijsonderhandeling van Q3",
            "target_date": "30/06/2027",
            "first_actions": "Twee gesprekken van Marie bijwonen"
        }],
        "expectations": ["text of meeting_frequency", "text of meeting_duration",
            "text of place", "text of initiative", "text of cancellation",
            "text of between_meetings", "text of confidentiality",
            "text of mentor_responsibilities", "text of mentee_responsibilities",
            "text of ending_early", "text of coordinator"]
    }"#;
    let sent: AgreementForm = serde_json::from_str(sent).unwrap();
    assert_eq!(
        sent,
        form(),
        "the JSON is the same form as the one typed in Rust"
    );
    let goal: GoalForm = serde_json::from_str(r#"{"what": "Delegeren"}"#).unwrap();
    assert_eq!(goal.target_date, "", "a goal part left out is empty");
    assert_eq!(
        serde_json::to_value(&goal).unwrap(),
        serde_json::json!({"what": "Delegeren", "success": "", "target_date": "", "first_actions": ""}),
        "a goal goes back to the editor with the keys it reads"
    );
}

#[test]
fn the_template_texts_pair_with_the_parts_in_order_or_not_at_all() {
    let texts: Vec<String> = EXPECTATIONS.iter().map(|f| format!("own {f}")).collect();
    let parts = parts_in_order(&texts).unwrap();
    assert_eq!(parts[0], ("meeting_frequency", "own meeting_frequency"));
    assert_eq!(parts[10], ("coordinator", "own coordinator"));
    let Err(Error::Invalid(problems)) = parts_in_order(&texts[..10]) else {
        panic!("ten texts for eleven parts is refused: which part would be missing?");
    };
    assert_eq!(problems[0].field, "texts");
}
