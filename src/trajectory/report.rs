//! Printed results, in the programme's document language: a pair's progress
//! report (goals over time, meetings, check-ins, next steps), the programme
//! report for management (key figures with charts, phases, early endings),
//! optionally without a single name, and the check-in form to fill in on paper.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime};

use super::kpi::{self, Kpis};
use super::{Fit, GoalState, Moment, Pair, Side, Trajectory, load, pair};
use crate::date;
use crate::document::{Block, Chart, Document, Table};
use crate::error::Result;
use crate::i18n::Texts;
use crate::matching::{MatchId, MatchStatus};
use crate::participant;
use crate::programme::{self, ProgrammeId};
use crate::store::Store;
use crate::tabular::{Cell, NumberStyle};

/// The smallest group that may be shown with names by default: below it, a
/// reader could recognise people, so the programme report is anonymous
/// unless the caller says otherwise.
pub const SMALLEST_GROUP: u32 = 5;

/// Is the programme report anonymous when nobody chose? Yes when mentors,
/// mentees or pairs are fewer than [`SMALLEST_GROUP`].
pub fn anonymous_by_default(kpis: &Kpis) -> bool {
    let pairs = kpis.active + kpis.completed + kpis.dissolved + kpis.waiting;
    kpis.mentors < SMALLEST_GROUP || kpis.mentees < SMALLEST_GROUP || pairs < SMALLEST_GROUP
}

fn day(d: NaiveDate, texts: &Texts) -> String {
    date::short(d, texts.language())
}

fn state_text(state: GoalState, texts: &Texts) -> String {
    texts.get(state.label_key()).to_string()
}

/// A pair's progress report.
pub fn pair_report(store: &Store, id: MatchId, now: NaiveDateTime) -> Result<Document> {
    let found = pair(store, id)?;
    let programme = programme::get(store, found.pair.programme)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    let t = |key: &str| texts.get(key).to_string();
    let today = now.date();
    let p = &found.pair;
    let mut blocks = vec![
        Block::Title(t("report.pair.title")),
        Block::Paragraph(programme.draft.name.clone()),
    ];
    let expected = found.expected_meetings(programme.draft.cadence_weeks, today);
    let held: Vec<_> = found.held().collect();
    let minutes: u32 = held.iter().map(|m| u32::from(m.minutes)).sum();
    let mut fields = vec![
        (t("field.mentee"), p.mentee_name.clone()),
        (t("field.mentor"), p.mentor_name.clone()),
        (t("report.status"), t(p.status.label_key())),
    ];
    if let Some(a) = &found.agreement {
        fields.push((
            t("report.period"),
            format!(
                "{} – {}",
                day(a.terms.start, &texts),
                day(a.terms.end, &texts)
            ),
        ));
    }
    if let Some(k) = found.klik_on {
        fields.push((t("report.klik_on"), day(k, &texts)));
    }
    fields.push((
        t("report.meetings_held"),
        texts.format(
            "report.meetings_of_expected",
            &[
                ("held", &held.len().to_string()),
                ("expected", &expected.to_string()),
                ("hours", &kpi::decimal(f64::from(minutes) / 60.0, &texts)),
            ],
        ),
    ));
    blocks.push(Block::Fields(fields));

    blocks.push(Block::Heading(t("report.next_steps")));
    match found.next_steps() {
        Some(m) => blocks.push(Block::Paragraph(texts.format(
            "report.next_steps_from",
            &[("date", &day(m.on, &texts)), ("steps", &m.next_steps)],
        ))),
        None => blocks.push(Block::Paragraph(t("report.no_next_steps"))),
    }
    blocks.push(Block::Heading(t("report.goals")));
    let goals = found
        .agreement
        .as_ref()
        .map(|a| a.terms.goals.clone())
        .unwrap_or_default();
    if goals.is_empty() {
        blocks.push(Block::Paragraph(t("report.no_goals")));
    } else {
        let mut rows = Vec::new();
        let mut bars = Vec::new();
        for (k, goal) in goals.iter().enumerate() {
            let position = k as u8 + 1;
            let latest = found.latest_progress(position);
            rows.push(vec![
                position.to_string(),
                goal.what.clone(),
                latest.map_or_else(
                    || state_text(GoalState::NotStarted, &texts),
                    |l| state_text(l.state, &texts),
                ),
                format!("{} %", latest.map_or(0, |l| l.percent)),
                latest.map_or_else(|| "–".to_string(), |l| day(l.on, &texts)),
            ]);
            bars.push((
                texts.format("report.goal_n", &[("n", &position.to_string())]),
                f64::from(latest.map_or(0, |l| l.percent)),
            ));
        }
        blocks.push(Block::Table(Table {
            columns: vec![0.4, 4.0, 1.4, 0.8, 1.2],
            header: vec![
                "#".to_string(),
                t("report.goal"),
                t("report.state"),
                "%".to_string(),
                t("report.updated"),
            ],
            rows,
        }));
        blocks.push(Block::Chart(Chart {
            title: t("report.chart.goal_progress"),
            bars,
            vertical: false,
            unit: "%".to_string(),
        }));
        for (k, _) in goals.iter().enumerate() {
            let position = k as u8 + 1;
            let history: Vec<Vec<String>> = found
                .progress
                .iter()
                .filter(|e| e.position == position)
                .map(|e| {
                    vec![
                        day(e.on, &texts),
                        state_text(e.state, &texts),
                        format!("{} %", e.percent),
                        e.note.clone(),
                    ]
                })
                .collect();
            if history.is_empty() {
                continue;
            }
            blocks.push(Block::KeepTogether(vec![
                Block::Paragraph(
                    texts.format("report.goal_history", &[("n", &position.to_string())]),
                ),
                Block::Table(Table {
                    columns: vec![1.2, 1.4, 0.8, 4.0],
                    header: vec![
                        t("report.date"),
                        t("report.state"),
                        "%".to_string(),
                        t("report.note"),
                    ],
                    rows: history,
                }),
            ]));
        }
    }

    blocks.push(Block::Heading(t("report.meetings")));
    if found.meetings.is_empty() {
        blocks.push(Block::Paragraph(t("report.no_meetings")));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![1.2, 0.8, 1.1, 2.6, 2.6],
            header: vec![
                t("report.date"),
                t("report.minutes"),
                t("report.status"),
                t("report.topics"),
                t("report.next_steps"),
            ],
            rows: found
                .meetings
                .iter()
                .map(|m| {
                    vec![
                        day(m.on, &texts),
                        m.minutes.to_string(),
                        t(if m.held {
                            "meeting.held"
                        } else {
                            "meeting.cancelled"
                        }),
                        m.topics.clone(),
                        m.next_steps.clone(),
                    ]
                })
                .collect(),
        }));
    }

    blocks.push(Block::Heading(t("report.checkins")));
    if found.checkins.is_empty() {
        blocks.push(Block::Paragraph(t("report.no_checkins")));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![1.1, 1.6, 0.9, 1.3, 1.3, 2.8],
            header: vec![
                t("report.date"),
                t("report.moment"),
                t("report.who"),
                t("report.satisfaction"),
                t("report.fit"),
                t("report.comment"),
            ],
            rows: found
                .checkins
                .iter()
                .map(|c| {
                    vec![
                        day(c.on, &texts),
                        t(c.moment.label_key()),
                        t(c.side.label_key()),
                        format!("{} / 5", c.satisfaction),
                        t(c.fit.label_key()),
                        c.comment.clone(),
                    ]
                })
                .collect(),
        }));
    }

    let title = format!(
        "{} — {} & {}",
        t("report.pair.title"),
        p.mentee_name,
        p.mentor_name
    );
    programme.document(store, title, blocks, now)
}

/// The programme report for management. `anonymous: None` takes
/// [`anonymous_by_default`]; an anonymous report names nobody who takes part,
/// and names in the officer's free texts (reasons for ending) are blotted out.
/// Returns the document and whether it is anonymous.
pub fn programme_report(
    store: &Store,
    id: ProgrammeId,
    anonymous: Option<bool>,
    now: NaiveDateTime,
) -> Result<(Document, bool)> {
    let trajectory = load(store, id)?;
    let programme = &trajectory.programme;
    let texts = Texts::for_language(&programme.draft.document_language);
    let t = |key: &str| texts.get(key).to_string();
    let today = now.date();
    let kpis = kpi::compute(&trajectory, today);
    let anonymous = anonymous.unwrap_or_else(|| anonymous_by_default(&kpis));
    let names = if anonymous {
        participant_names(store, id)?
    } else {
        Vec::new()
    };
    let blot = |text: &str| blot_names(text, &names, texts.get("report.name_left_out"));

    let mut blocks = vec![
        Block::Title(t("report.programme.title")),
        Block::Paragraph(programme.draft.name.clone()),
        Block::Fields(vec![
            (
                t("report.period"),
                format!(
                    "{} – {}",
                    day(programme.draft.start, &texts),
                    day(programme.draft.end, &texts)
                ),
            ),
            (
                t("report.phase_now"),
                programme.phase_on(today).map_or_else(
                    || {
                        t(if today < programme.draft.start {
                            "phase.none_before"
                        } else {
                            "phase.none_after"
                        })
                    },
                    |p| t(p.label_key()),
                ),
            ),
            (t("report.on"), day(today, &texts)),
        ]),
    ];
    if anonymous {
        blocks.push(Block::Note(texts.format(
            "report.anonymous_note",
            &[("n", &SMALLEST_GROUP.to_string())],
        )));
    }
    if trajectory.pairs.is_empty() {
        blocks.push(Block::Paragraph(t("report.no_pairs")));
    }

    blocks.push(Block::Heading(t("report.key_figures")));
    let mut figures = kpis.rows(&texts);
    if trajectory.pairs.is_empty() {
        // Without pairs only supply and demand mean anything yet.
        figures.truncate(2);
    }
    blocks.push(Block::Fields(figures));

    if !trajectory.pairs.is_empty() {
        blocks.extend(charts(&kpis, &texts));
    }

    blocks.push(Block::KeepTogether(vec![
        Block::Heading(t("report.phases")),
        Block::Table(Table {
            columns: vec![2.0, 1.5, 1.5, 1.0],
            header: vec![
                t("report.phase"),
                t("report.from"),
                t("report.to"),
                String::new(),
            ],
            rows: programme
                .draft
                .phases
                .iter()
                .map(|p| {
                    vec![
                        t(p.kind.label_key()),
                        day(p.start, &texts),
                        day(p.end, &texts),
                        if p.start <= today && today <= p.end {
                            t("report.now")
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect(),
        }),
    ]));

    if !trajectory.workshops.is_empty() {
        blocks.push(Block::Heading(t("report.workshops")));
        blocks.push(Block::Table(Table {
            columns: vec![3.0, 1.8, 1.4, 1.4],
            header: vec![
                t("report.workshop"),
                t("report.date"),
                t("report.audience"),
                t("report.attendance"),
            ],
            rows: trajectory
                .workshops
                .iter()
                .map(|w| {
                    vec![
                        if w.required {
                            format!("{} ({})", w.title, t("report.required"))
                        } else {
                            w.title.clone()
                        },
                        super::workshop::when(w, &texts),
                        t(w.audience.label_key()),
                        if w.registered() {
                            format!("{} / {}", w.attended, w.attended + w.absent)
                        } else {
                            t("report.not_registered")
                        },
                    ]
                })
                .collect(),
        }));
    }

    let evaluation = super::closing::summary(store, id)?;
    if evaluation.iter().any(|q| q.answered > 0) {
        blocks.push(Block::Heading(t("report.evaluation")));
        for q in &evaluation {
            let mut part = vec![Block::Paragraph(format!(
                "{}. {}",
                q.question.position, q.question.text
            ))];
            match q.average {
                Some(average) => part.push(Block::Chart(Chart {
                    title: texts.format(
                        "report.evaluation_average",
                        &[
                            ("average", &kpi::decimal(average, &texts)),
                            ("count", &q.answered.to_string()),
                        ],
                    ),
                    bars: q
                        .scores
                        .iter()
                        .enumerate()
                        .map(|(k, n)| (format!("{} / 5", k + 1), f64::from(*n)))
                        .collect(),
                    vertical: false,
                    unit: String::new(),
                })),
                None if !q.texts.is_empty() => part.push(Block::List {
                    ordered: false,
                    items: q.texts.iter().map(|text| blot(text)).collect(),
                }),
                None => part.push(Block::Note(t("report.no_answers"))),
            }
            blocks.push(Block::KeepTogether(part));
        }
    }

    let ended: Vec<&Pair> = trajectory
        .pairs
        .iter()
        .filter(|p| p.pair.status == MatchStatus::Dissolved)
        .collect();
    if !ended.is_empty() {
        blocks.push(Block::Heading(t("report.endings")));
        let after_klik = ended.iter().filter(|p| p.klik_on.is_some()).count();
        blocks.push(Block::Paragraph(texts.format(
            "report.endings_summary",
            &[
                ("count", &ended.len().to_string()),
                ("after_klik", &after_klik.to_string()),
            ],
        )));
        if anonymous {
            blocks.push(Block::Table(Table {
                columns: vec![4.0, 1.0],
                header: vec![t("report.reason"), t("report.count")],
                rows: kpis
                    .dissolve_reasons
                    .iter()
                    .map(|(reason, n)| vec![blot(reason), n.to_string()])
                    .collect(),
            }));
        } else {
            blocks.push(Block::Table(Table {
                columns: vec![1.2, 2.0, 2.0, 3.5],
                header: vec![
                    t("report.date"),
                    t("field.mentee"),
                    t("field.mentor"),
                    t("report.reason"),
                ],
                rows: ended
                    .iter()
                    .map(|p| {
                        vec![
                            p.pair
                                .dissolved_at
                                .map_or_else(String::new, |d| day(d.date(), &texts)),
                            p.pair.mentee_name.clone(),
                            p.pair.mentor_name.clone(),
                            p.pair.dissolve_reason.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            }));
        }
    }

    if !anonymous && !trajectory.pairs.is_empty() {
        blocks.push(Block::Heading(t("report.pairs")));
        blocks.push(Block::Table(pairs_table(&trajectory, &texts, today)));
    }
    let title = format!("{} — {}", t("report.programme.title"), programme.draft.name);
    Ok((programme.document(store, title, blocks, now)?, anonymous))
}

/// The charts of the programme report.
fn charts(kpis: &Kpis, texts: &Texts) -> Vec<Block> {
    let t = |key: &str| texts.get(key).to_string();
    let mut blocks = Vec::new();
    if !kpis.meetings_per_month.is_empty() {
        blocks.push(Block::Chart(Chart {
            title: t("report.chart.meetings_per_month"),
            bars: kpis
                .meetings_per_month
                .iter()
                .map(|(month, n)| (month_label(*month, texts), f64::from(*n)))
                .collect(),
            vertical: true,
            unit: String::new(),
        }));
    }
    if kpis.goals_set > 0 {
        blocks.push(Block::Chart(Chart {
            title: t("report.chart.goals"),
            bars: GoalState::ALL
                .iter()
                .zip(kpis.goals_by_state)
                .map(|(s, n)| (state_text(*s, texts), f64::from(n)))
                .collect(),
            vertical: false,
            unit: String::new(),
        }));
    }
    if kpis.satisfaction_counts.iter().any(|n| *n > 0) {
        blocks.push(Block::Chart(Chart {
            title: t("report.chart.satisfaction"),
            bars: kpis
                .satisfaction_counts
                .iter()
                .enumerate()
                .map(|(k, n)| (format!("{} / 5", k + 1), f64::from(*n)))
                .collect(),
            vertical: true,
            unit: String::new(),
        }));
    }
    if kpis.kliks + kpis.unsure + kpis.no_kliks > 0 {
        blocks.push(Block::Chart(Chart {
            title: texts.format(
                "report.chart.klik_rate",
                &[(
                    "rate",
                    &kpis
                        .klik_rate()
                        .map_or_else(|| "–".to_string(), |r| r.to_string()),
                )],
            ),
            bars: vec![
                (t("intake.outcome.klik"), f64::from(kpis.kliks)),
                (t("intake.outcome.unsure"), f64::from(kpis.unsure)),
                (t("intake.outcome.no"), f64::from(kpis.no_kliks)),
            ],
            vertical: false,
            unit: String::new(),
        }));
    }
    blocks
}

/// "dec 2026": short enough to sit under a bar, with the whole year as
/// people write it; each language has its own short month names (French
/// "juin" and "juil." must not both become "jui").
fn month_label(month: NaiveDate, texts: &Texts) -> String {
    use chrono::Datelike;
    let key = format!("date.month_short.{}", month.month());
    format!("{} {}", texts.get(&key), month.year())
}

/// One row per pair that is or was under way.
fn pairs_table(trajectory: &Trajectory, texts: &Texts, today: NaiveDate) -> Table {
    let t = |key: &str| texts.get(key).to_string();
    let cadence = trajectory.programme.draft.cadence_weeks;
    Table {
        columns: vec![1.8, 1.8, 1.1, 1.3, 1.0, 1.6],
        header: vec![
            t("field.mentee"),
            t("field.mentor"),
            t("report.status"),
            t("report.meetings_column"),
            t("report.goals_column"),
            t("report.satisfaction"),
        ],
        rows: trajectory
            .pairs
            .iter()
            .filter(|p| p.pair.status != MatchStatus::Dissolved)
            .map(|p| {
                vec![
                    p.pair.mentee_name.clone(),
                    p.pair.mentor_name.clone(),
                    t(p.pair.status.label_key()),
                    format!(
                        "{} / {}",
                        p.held().count(),
                        p.expected_meetings(cadence, today)
                    ),
                    format!("{} / {}", p.achieved_goals().count(), p.goals().len()),
                    p.satisfaction()
                        .map_or_else(|| "–".to_string(), |s| kpi::decimal(s, texts)),
                ]
            })
            .collect(),
    }
}

/// The first and last names of everyone in a programme, withdrawn people too.
fn participant_names(store: &Store, id: ProgrammeId) -> Result<Vec<String>> {
    let mut names: HashSet<String> = HashSet::new();
    for p in participant::all(store, id)? {
        for name in [&p.enrolment.first_name, &p.enrolment.last_name] {
            if name.chars().count() >= 2 {
                names.insert(name.clone());
            }
        }
        names.insert(p.enrolment.full_name());
    }
    let mut names: Vec<String> = names.into_iter().collect();
    // Full names before their parts, so "Jan Claes" goes as a whole.
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    Ok(names)
}

/// `text` with every occurrence of a name, as a whole word and in any case,
/// replaced by `mark`.
pub fn blot_names(text: &str, names: &[String], mark: &str) -> String {
    let mut out = text.to_string();
    for name in names {
        let lower_name = name.to_lowercase();
        let mut result = String::new();
        let mut rest = out.as_str();
        loop {
            let lower = rest.to_lowercase();
            // Lower-casing can change lengths outside ASCII; only cut where both agree.
            let found = lower
                .match_indices(&lower_name)
                .find(|(at, _)| {
                    rest.is_char_boundary(*at)
                        && rest.is_char_boundary(at + name.len())
                        && rest[*at..at + name.len()].to_lowercase() == lower_name
                        && !rest[..*at]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric)
                        && !rest[at + name.len()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                })
                .map(|(at, _)| at);
            match found {
                Some(at) => {
                    result.push_str(&rest[..at]);
                    result.push_str(mark);
                    rest = &rest[at + name.len()..];
                }
                None => {
                    result.push_str(rest);
                    break;
                }
            }
        }
        out = result;
    }
    out
}

/// The check-in form of a pair, to fill in on paper: for each of the two,
/// the satisfaction to circle, whether the match works, and room to comment.
pub fn checkin_form(store: &Store, id: MatchId, now: NaiveDateTime) -> Result<Document> {
    let found = pair(store, id)?;
    let programme = programme::get(store, found.pair.programme)?;
    let texts = Texts::for_language(&programme.draft.document_language);
    let t = |key: &str| texts.get(key).to_string();
    let p = &found.pair;
    let mut blocks = vec![
        Block::Title(t("checkin.form.title")),
        Block::Paragraph(programme.draft.name.clone()),
        Block::Fields(vec![
            (t("field.mentee"), p.mentee_name.clone()),
            (t("field.mentor"), p.mentor_name.clone()),
            (t("report.date"), "________________".to_string()),
            (
                t("report.moment"),
                Moment::ALL
                    .iter()
                    .map(|m| format!("○ {}", t(m.label_key())))
                    .collect::<Vec<_>>()
                    .join("    "),
            ),
        ]),
        Block::Note(t("checkin.form.intro")),
    ];
    for side in [Side::Mentee, Side::Mentor] {
        let name = match side {
            Side::Mentee => &p.mentee_name,
            Side::Mentor => &p.mentor_name,
        };
        blocks.push(Block::KeepTogether(vec![
            Block::Heading(format!("{} — {name}", t(side.label_key()))),
            Block::Fields(vec![
                (
                    t("checkin.form.satisfaction"),
                    format!("1    2    3    4    5    {}", t("checkin.form.circle")),
                ),
                (
                    t("checkin.form.fit"),
                    Fit::ALL
                        .iter()
                        .map(|f| format!("○ {}", t(f.label_key())))
                        .collect::<Vec<_>>()
                        .join("    "),
                ),
            ]),
            Block::Paragraph(format!("{}:", t("report.comment"))),
            Block::Paragraph(["_".repeat(80), "_".repeat(80), "_".repeat(80)].join("\n")),
        ]));
    }
    let title = format!(
        "{} — {} & {}",
        t("checkin.form.title"),
        p.mentee_name,
        p.mentor_name
    );
    programme.document(store, title, blocks, now)
}

/// The key figures as two-column rows (figure, value) with a header, for a
/// CSV or XLSX file; values are typed, so a workbook holds numbers.
pub fn kpi_rows(store: &Store, id: ProgrammeId, now: NaiveDateTime) -> Result<Vec<Vec<Cell>>> {
    let trajectory = load(store, id)?;
    let texts = Texts::for_language(&trajectory.programme.draft.document_language);
    let kpis = kpi::compute(&trajectory, now.date());
    let mut rows = vec![vec![
        Cell::Text(texts.get("report.figure").to_string()),
        Cell::Text(texts.get("report.value").to_string()),
    ]];
    rows.extend(
        kpis.cells(&texts)
            .into_iter()
            .map(|(k, v)| vec![Cell::Text(k), v]),
    );
    for (month, n) in &kpis.meetings_per_month {
        rows.push(vec![
            Cell::Text(texts.format(
                "report.meetings_in",
                &[("month", &month_label(*month, &texts))],
            )),
            Cell::Number {
                value: f64::from(*n),
                style: NumberStyle::Whole,
                text: n.to_string(),
            },
        ]);
    }
    Ok(rows)
}
