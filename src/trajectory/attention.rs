//! The "needs attention" list of a programme: every pair where the
//! coordinator should act, with why, computed from the data and the
//! programme's thresholds. The window turns each concern into a one-click
//! way to act; the CLI prints the same list.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::{Fit, GoalState, Moment, Pair, Side, Trajectory};
use crate::date;
use crate::i18n::Texts;
use crate::intake::IntakeStatus;
use crate::matching::{MatchId, MatchStatus};

/// Why a pair needs attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Concern {
    /// Confirmed this many days ago, and no intake is planned.
    IntakeNotPlanned { days: i64 },
    /// The intake of this day took place, and its outcome is not recorded.
    OutcomeMissing { on: NaiveDate },
    /// A klik this many days ago, and the agreement is not signed.
    AgreementUnsigned { days: i64 },
    /// No meeting logged for this many days (1.5 × the cadence or more).
    NoRecentMeeting { days: i64 },
    /// A goal without progress for this many days.
    GoalQuiet { position: u8, days: i64 },
    /// One of the two said at their latest check-in that it is not a good fit.
    PoorFit { side: Side, on: NaiveDate },
    /// A check-in the programme asks for at this moment has not been recorded.
    CheckinDue { moment: Moment },
    /// The agreement ends on this day, within the threshold.
    EndingSoon { on: NaiveDate },
    /// One of the two missed a required workshop.
    WorkshopMissed { side: Side, workshop: String },
}

impl Concern {
    /// A stable code for scripts and for the window's choice of action.
    pub fn code(&self) -> &'static str {
        match self {
            Concern::IntakeNotPlanned { .. } => "intake_not_planned",
            Concern::OutcomeMissing { .. } => "outcome_missing",
            Concern::AgreementUnsigned { .. } => "agreement_unsigned",
            Concern::NoRecentMeeting { .. } => "no_recent_meeting",
            Concern::GoalQuiet { .. } => "goal_quiet",
            Concern::PoorFit { .. } => "poor_fit",
            Concern::CheckinDue { .. } => "checkin_due",
            Concern::EndingSoon { .. } => "ending_soon",
            Concern::WorkshopMissed { .. } => "workshop_missed",
        }
    }

    /// The concern in words.
    pub fn message(&self, texts: &Texts) -> String {
        let n = |v: i64| v.to_string();
        let day = |d: NaiveDate| date::short(d, texts.language());
        match self {
            Concern::IntakeNotPlanned { days } => texts.counted(
                "attention.intake_not_planned",
                *days,
                &[("days", &n(*days))],
            ),
            Concern::OutcomeMissing { on } => {
                texts.format("attention.outcome_missing", &[("date", &day(*on))])
            }
            Concern::AgreementUnsigned { days } => texts.counted(
                "attention.agreement_unsigned",
                *days,
                &[("days", &n(*days))],
            ),
            Concern::NoRecentMeeting { days } => {
                texts.format("attention.no_recent_meeting", &[("days", &n(*days))])
            }
            Concern::GoalQuiet { position, days } => texts.format(
                "attention.goal_quiet",
                &[("goal", &position.to_string()), ("days", &n(*days))],
            ),
            Concern::PoorFit { side, on } => texts.format(
                "attention.poor_fit",
                &[("who", texts.get(side.in_text_key())), ("date", &day(*on))],
            ),
            Concern::CheckinDue { moment } => texts.format(
                "attention.checkin_due",
                &[("moment", texts.get(moment.label_key()))],
            ),
            Concern::EndingSoon { on } => {
                texts.format("attention.ending_soon", &[("date", &day(*on))])
            }
            Concern::WorkshopMissed { side, workshop } => texts.format(
                "attention.workshop_missed",
                &[
                    ("who", texts.get(side.in_text_key())),
                    ("workshop", workshop),
                ],
            ),
        }
    }

    /// How urgent, for the order of the list: the lower, the higher up.
    fn rank(&self) -> u8 {
        match self {
            Concern::PoorFit { .. } => 0,
            Concern::OutcomeMissing { .. } => 1,
            Concern::IntakeNotPlanned { .. } => 2,
            Concern::AgreementUnsigned { .. } => 3,
            Concern::NoRecentMeeting { .. } => 4,
            Concern::GoalQuiet { .. } => 5,
            Concern::CheckinDue { .. } => 6,
            Concern::EndingSoon { .. } => 7,
            Concern::WorkshopMissed { .. } => 8,
        }
    }
}

/// One item of the list: a pair and why it needs attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attention {
    pub match_id: MatchId,
    pub mentee: String,
    pub mentor: String,
    pub concern: Concern,
}

/// The pairs of a programme that need attention at `now`, most urgent first.
/// An archived programme needs none.
pub fn list(trajectory: &Trajectory, now: NaiveDateTime) -> Vec<Attention> {
    if trajectory.programme.archived_at.is_some() {
        return Vec::new();
    }
    let today = now.date();
    let settings = &trajectory.settings;
    let mut items = Vec::new();
    for pair in &trajectory.pairs {
        let mut concerns = Vec::new();
        let talks = || {
            trajectory
                .intakes
                .iter()
                .filter(move |i| i.match_id == pair.pair.id)
        };
        match pair.pair.status {
            MatchStatus::Confirmed => {
                // After "not sure yet" the wait starts again at that talk.
                let since = talks()
                    .filter_map(|i| i.outcome_at.map(|at| at.date()))
                    .chain([pair.pair.confirmed_at.date()])
                    .max()
                    .unwrap_or(today);
                let days = (today - since).num_days();
                if days >= i64::from(settings.intake_wait_days) {
                    concerns.push(Concern::IntakeNotPlanned { days });
                }
            }
            MatchStatus::IntakePlanned => {
                if let Some(talk) =
                    talks().find(|i| i.status == IntakeStatus::Planned && i.outcome_missing(now))
                {
                    concerns.push(Concern::OutcomeMissing {
                        on: talk.start.date(),
                    });
                }
            }
            MatchStatus::Active => active_concerns(trajectory, pair, today, &mut concerns),
            MatchStatus::Completed | MatchStatus::Dissolved => {}
        }
        items.extend(concerns.into_iter().map(|concern| Attention {
            match_id: pair.pair.id,
            mentee: pair.pair.mentee_name.clone(),
            mentor: pair.pair.mentor_name.clone(),
            concern,
        }));
    }
    items.sort_by(|a, b| {
        a.concern
            .rank()
            .cmp(&b.concern.rank())
            .then_with(|| days(&b.concern).cmp(&days(&a.concern)))
            .then_with(|| a.mentee.cmp(&b.mentee))
    });
    items
}

/// How long a concern has lasted, for the order within its kind.
fn days(concern: &Concern) -> i64 {
    match concern {
        Concern::IntakeNotPlanned { days }
        | Concern::AgreementUnsigned { days }
        | Concern::NoRecentMeeting { days }
        | Concern::GoalQuiet { days, .. } => *days,
        // Earlier days first.
        Concern::OutcomeMissing { on }
        | Concern::PoorFit { on, .. }
        | Concern::EndingSoon { on } => -i64::from(on.num_days_from_ce()),
        Concern::CheckinDue { .. } | Concern::WorkshopMissed { .. } => 0,
    }
}

/// The concerns of an active pair (after the klik).
fn active_concerns(trajectory: &Trajectory, pair: &Pair, today: NaiveDate, out: &mut Vec<Concern>) {
    let settings = &trajectory.settings;
    for side in [Side::Mentor, Side::Mentee] {
        if let Some(latest) = pair.checkins.iter().rfind(|c| c.side == side)
            && latest.fit == Fit::Poor
        {
            out.push(Concern::PoorFit {
                side,
                on: latest.on,
            });
        }
    }
    if !pair.signed() {
        let since = pair.klik_on.unwrap_or(pair.pair.confirmed_at.date());
        let days = (today - since).num_days();
        if days >= i64::from(settings.signature_wait_days) {
            out.push(Concern::AgreementUnsigned { days });
        }
    }
    let start = pair.start();
    if start <= today {
        let last = pair.held().map(|m| m.on).max().unwrap_or(start).max(start);
        let days = (today - last).num_days();
        // 1.5 × the cadence, in whole days, rounded up.
        let limit = (i64::from(trajectory.programme.draft.cadence_weeks) * 21 + 1) / 2;
        if days >= limit {
            out.push(Concern::NoRecentMeeting { days });
        }
    }
    let after = u32::from(settings.checkin_after_meetings);
    if after > 0
        && pair.held().count() as u32 >= after
        && !pair
            .checkins
            .iter()
            .any(|c| c.moment == Moment::AfterMeetings)
    {
        out.push(Concern::CheckinDue {
            moment: Moment::AfterMeetings,
        });
    }
    for (workshop, who) in &trajectory.absences {
        let side = if *who == pair.pair.mentee {
            Side::Mentee
        } else if *who == pair.pair.mentor {
            Side::Mentor
        } else {
            continue;
        };
        if let Some(w) = trajectory.workshops.iter().find(|w| w.id == *workshop) {
            out.push(Concern::WorkshopMissed {
                side,
                workshop: w.title.clone(),
            });
        }
    }
    if let Some(agreement) = &pair.agreement {
        for position in 1..=agreement.terms.goals.len() as u8 {
            let latest = pair.latest_progress(position);
            if latest.is_some_and(|p| matches!(p.state, GoalState::Achieved | GoalState::Dropped)) {
                continue;
            }
            let since = latest
                .map(|p| p.on)
                .unwrap_or(agreement.terms.start)
                .max(agreement.terms.start);
            let days = (today - since).num_days();
            if days >= i64::from(settings.goal_quiet_days) {
                out.push(Concern::GoalQuiet { position, days });
            }
        }
        let (start, end) = (agreement.terms.start, agreement.terms.end);
        let halfway = start + (end - start) / 2;
        let due = [
            (
                settings.checkin_halfway && today >= halfway,
                Moment::Halfway,
            ),
            (
                settings.checkin_end && (end - today).num_days() <= i64::from(settings.ending_days),
                Moment::End,
            ),
        ];
        for (is_due, moment) in due {
            if is_due && !pair.checkins.iter().any(|c| c.moment == moment) {
                out.push(Concern::CheckinDue { moment });
            }
        }
        if today <= end && (end - today).num_days() <= i64::from(settings.ending_days) {
            out.push(Concern::EndingSoon { on: end });
        }
    }
}
