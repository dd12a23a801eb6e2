//! The case engine: complaints, information requests and objections run on it.
//!
//! A module declares a [`CaseType`] in code: its states ([`StateDef`], each optionally with
//! a deadline in working days and what happens when it passes, [`OnDue`]) and the allowed
//! transitions ([`TransitionDef`]: from which states, which action, to which state, which
//! [`Party`] may take it, whether it needs a reason and whether it (re)assigns the case to an
//! organisation). The engine owns the mechanics, in the tables of migration `0006_cases`:
//!
//! - [`open`] allocates a tracking code (`ADU-2026-000123`, sequential per type and WIB year,
//!   from `case_counters` inside the caller's transaction) and, for a guest, a secret returned
//!   once (only its SHA-256 is stored; [`verify_guest_secret`] compares in constant time).
//! - [`act`] takes a transition: allowed from the current state (else
//!   [`CaseError::NotAllowed`]), by an allowed party ([`CaseError::Forbidden`]), with the
//!   required reason/organisation ([`CaseError::Invalid`]), on the version the actor saw
//!   ([`CaseError::Stale`] — two officers answering at once: one wins). Entering a new state
//!   sets its due date (today in WIB + N working days on the
//!   [`Calendar`](crate::calendar::Calendar)) and clears the
//!   overdue mark; a transition back into the same state keeps the running clock.
//! - [`note`] adds a timeline entry without a transition; [`timeline`] reads it for an
//!   [`Audience`] (internal notes only for staff; nothing public of a confidential case, and
//!   no account ids for the public). [`set_privacy`] lets a verifier impose *anonim* or
//!   *rahasia*.
//! - The periodic job [`deadlines::Deadlines`] (`cases.deadlines`, every 15 minutes) applies
//!   [`OnDue`] to cases past their due date: escalate once per state (overdue mark, public
//!   system entry, mail to the organisation's supervisors or, without one, the verifiers) or
//!   run the automatic transition as [`Party::System`].
//!
//! Deadlines: the default working days are in the [`StateDef`]; an override is a row in the
//! `settings` table with key `cases.deadline.<kind>.<state>` and a number of working days as
//! value (read inside the transaction that sets the due date, so every node agrees).
//!
//! Every write starts by writing the case row (`lock`), so on SQLite the transaction holds
//! the write lock before it reads and a concurrent change surfaces as [`CaseError::Stale`],
//! not as a busy error: call the engine before reading other rows in the same transaction.
//! [`open`] files the report itself as the first, reporter-authored entry.
//!
//! Reporter contact details and anything else type-specific (category, location, rating) are
//! not here: each module keeps them in its own table keyed by the case id, written in the same
//! transaction. System entries store a Fluent key as their body (`case-system-*`).

pub mod deadlines;
mod store;

pub use store::*;

use crate::authz::Actor;
use crate::error::{AppError, FieldError};

/// Who may take a transition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    /// A verifier of any organisation, or an admin.
    Verifier,
    /// An officer or supervisor of the organisation the case is assigned to (or an admin).
    AssignedOrganisation,
    /// The reporter: the signed-in owner of the case or the holder of the guest secret.
    Reporter,
    /// Background jobs only (deadlines).
    System,
}

impl Party {
    /// The `author_role` written on timeline entries.
    pub fn role(self) -> &'static str {
        match self {
            Party::Verifier => "verifier",
            Party::AssignedOrganisation => "organisation",
            Party::Reporter => "reporter",
            Party::System => "system",
        }
    }
}

/// What happens when a state's due date passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDue {
    /// Mark the case overdue, write a public system entry and mail the supervisors (once).
    Escalate,
    /// Take this action as [`Party::System`] (e.g. automatic completion).
    Transition(&'static str),
}

/// A state's deadline: a default number of working days and what happens when it passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub working_days: u32,
    pub on_due: OnDue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateDef {
    pub code: &'static str,
    /// No transition leaves a terminal state; entering one sets `closed_at`.
    pub terminal: bool,
    /// Shown to the public as "open" (still being handled).
    pub open: bool,
    pub deadline: Option<Deadline>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TransitionDef {
    pub from: &'static [&'static str],
    pub action: &'static str,
    pub to: &'static str,
    pub by: &'static [Party],
    /// A reason or answer (the entry's body) is required.
    pub needs_body: bool,
    /// The transition (re)assigns the case to an organisation (`route_to` required).
    pub assigns: bool,
}

/// One kind of case, declared in code by the module that owns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseType {
    /// Stored in `cases.case_type`: `complaint`.
    pub kind: &'static str,
    /// The first part of tracking codes: `ADU`.
    pub tracking_prefix: &'static str,
    /// The first state is where [`open`] puts a new case.
    pub states: &'static [StateDef],
    pub transitions: &'static [TransitionDef],
}

impl CaseType {
    pub fn state(&self, code: &str) -> Option<&StateDef> {
        self.states.iter().find(|s| s.code == code)
    }

    pub fn initial(&self) -> Option<&StateDef> {
        self.states.first()
    }

    /// The transition taking `action` from `state`, if the table has one.
    pub fn transition(&self, state: &str, action: &str) -> Option<&TransitionDef> {
        self.transitions
            .iter()
            .find(|t| t.action == action && t.from.contains(&state))
    }

    /// The actions that may be taken from `state` (by anyone).
    pub fn actions_from(&self, state: &str) -> Vec<&'static str> {
        self.transitions
            .iter()
            .filter(|t| t.from.contains(&state))
            .map(|t| t.action)
            .collect()
    }

    /// Check the declaration; called at start-up for every module's case types.
    pub fn validate(&self) -> Result<(), String> {
        let k = self.kind;
        if k.is_empty() || self.tracking_prefix.is_empty() {
            return Err("case type needs a kind and a tracking prefix".into());
        }
        if self.states.is_empty() {
            return Err(format!("{k}: no states"));
        }
        for (i, s) in self.states.iter().enumerate() {
            if self.states[..i].iter().any(|o| o.code == s.code) {
                return Err(format!("{k}: state {} declared twice", s.code));
            }
        }
        for t in self.transitions {
            if t.from.is_empty() || t.by.is_empty() {
                return Err(format!("{k}.{}: needs from-states and parties", t.action));
            }
            if self.state(t.to).is_none() {
                return Err(format!("{k}.{}: unknown target state {}", t.action, t.to));
            }
            for from in t.from {
                let Some(state) = self.state(from) else {
                    return Err(format!("{k}.{}: unknown state {from}", t.action));
                };
                if state.terminal {
                    return Err(format!(
                        "{k}.{}: terminal state {from} has an outgoing transition",
                        t.action
                    ));
                }
                let same = self
                    .transitions
                    .iter()
                    .filter(|o| o.action == t.action && o.from.contains(from))
                    .count();
                if same > 1 {
                    return Err(format!(
                        "{k}: action {} declared twice from {from}",
                        t.action
                    ));
                }
            }
        }
        for s in self.states {
            if let Some(Deadline {
                on_due: OnDue::Transition(action),
                ..
            }) = s.deadline
            {
                let ok = self
                    .transition(s.code, action)
                    .is_some_and(|t| t.by.contains(&Party::System) && !t.needs_body && !t.assigns);
                if !ok {
                    return Err(format!(
                        "{k}.{}: automatic action {action} is not a system transition from it",
                        s.code
                    ));
                }
            }
            if s.terminal && s.deadline.is_some() {
                return Err(format!("{k}.{}: a terminal state has no deadline", s.code));
            }
        }
        Ok(())
    }
}

/// Who takes an action.
#[derive(Clone, Debug)]
pub enum By<'a> {
    /// A signed-in staff member (verifier, officer, supervisor, admin).
    Staff(&'a Actor),
    /// The reporter, proven by their account or the guest secret.
    Reporter(ReporterProof),
    /// A background job.
    System,
}

/// How a reporter proves the case is theirs.
#[derive(Clone, Debug)]
pub enum ReporterProof {
    /// The signed-in user's id (must equal the case's `reporter_user_id`).
    User(uuid::Uuid),
    /// The guest secret from the link (its hash must equal `guest_secret_hash`).
    GuestSecret(String),
}

/// Who reads a timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Everyone: public entries only.
    Public,
    /// The reporter: everything but internal notes.
    Reporter,
    /// Staff handling the case: everything.
    Staff,
}

#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("case not found")]
    NotFound,
    #[error("action not allowed from the current state")]
    NotAllowed,
    #[error("this party may not take the action")]
    Forbidden,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("the case changed since it was read")]
    Stale,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl From<CaseError> for AppError {
    fn from(err: CaseError) -> AppError {
        match err {
            CaseError::NotFound => AppError::NotFound,
            CaseError::NotAllowed => AppError::Conflict("case-error-not-allowed"),
            CaseError::Forbidden => AppError::Forbidden,
            CaseError::Invalid(fields) => AppError::Validation(fields),
            CaseError::Stale => AppError::Conflict("case-error-stale"),
            CaseError::Db(e) => AppError::from(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ESC3: Option<Deadline> = Some(Deadline {
        working_days: 3,
        on_due: OnDue::Escalate,
    });

    const STATES: &[StateDef] = &[
        StateDef {
            code: "submitted",
            terminal: false,
            open: true,
            deadline: ESC3,
        },
        StateDef {
            code: "answered",
            terminal: false,
            open: true,
            deadline: Some(Deadline {
                working_days: 10,
                on_due: OnDue::Transition("auto_close"),
            }),
        },
        StateDef {
            code: "closed",
            terminal: true,
            open: false,
            deadline: None,
        },
    ];

    const GOOD: &[TransitionDef] = &[
        TransitionDef {
            from: &["submitted"],
            action: "answer",
            to: "answered",
            by: &[Party::AssignedOrganisation],
            needs_body: true,
            assigns: false,
        },
        TransitionDef {
            from: &["submitted", "answered"],
            action: "close",
            to: "closed",
            by: &[Party::Verifier],
            needs_body: false,
            assigns: false,
        },
        TransitionDef {
            from: &["answered"],
            action: "auto_close",
            to: "closed",
            by: &[Party::System],
            needs_body: false,
            assigns: false,
        },
    ];

    fn with(transitions: &'static [TransitionDef]) -> CaseType {
        CaseType {
            kind: "t",
            tracking_prefix: "T",
            states: STATES,
            transitions,
        }
    }

    #[test]
    fn a_sound_case_type_validates_and_looks_up_transitions() {
        let t = with(GOOD);
        assert_eq!(t.validate(), Ok(()));
        assert_eq!(t.initial().map(|s| s.code), Some("submitted"));
        assert_eq!(
            t.transition("answered", "close").map(|t| t.to),
            Some("closed")
        );
        assert!(t.transition("closed", "close").is_none());
        assert!(t.transition("submitted", "auto_close").is_none());
        assert!(t.transition("submitted", "nonsense").is_none());
        assert_eq!(t.actions_from("submitted"), vec!["answer", "close"]);
        assert!(t.actions_from("closed").is_empty());
    }

    #[test]
    fn unknown_states_are_refused() {
        const BAD: &[TransitionDef] = &[TransitionDef {
            from: &["submitted"],
            action: "x",
            to: "nowhere",
            by: &[Party::Verifier],
            needs_body: false,
            assigns: false,
        }];
        assert!(with(BAD).validate().unwrap_err().contains("nowhere"));
        const BAD_FROM: &[TransitionDef] = &[TransitionDef {
            from: &["limbo"],
            action: "x",
            to: "closed",
            by: &[Party::Verifier],
            needs_body: false,
            assigns: false,
        }];
        assert!(with(BAD_FROM).validate().unwrap_err().contains("limbo"));
    }

    #[test]
    fn duplicate_actions_from_one_state_are_refused() {
        const DUP: &[TransitionDef] = &[
            TransitionDef {
                from: &["submitted"],
                action: "close",
                to: "closed",
                by: &[Party::Verifier],
                needs_body: false,
                assigns: false,
            },
            TransitionDef {
                from: &["answered", "submitted"],
                action: "close",
                to: "answered",
                by: &[Party::Verifier],
                needs_body: false,
                assigns: false,
            },
        ];
        assert!(with(DUP).validate().unwrap_err().contains("twice"));
    }

    #[test]
    fn terminal_states_may_not_be_left() {
        const OUT: &[TransitionDef] = &[TransitionDef {
            from: &["closed"],
            action: "reopen",
            to: "submitted",
            by: &[Party::Verifier],
            needs_body: false,
            assigns: false,
        }];
        assert!(with(OUT).validate().unwrap_err().contains("terminal"));
    }

    #[test]
    fn automatic_actions_must_be_system_transitions() {
        // `answered` auto-closes, but without the system transition there is nothing to run.
        assert!(
            with(&GOOD[..2])
                .validate()
                .unwrap_err()
                .contains("auto_close")
        );
    }

    #[test]
    fn errors_map_to_translated_app_errors() {
        assert!(matches!(
            AppError::from(CaseError::NotAllowed),
            AppError::Conflict("case-error-not-allowed")
        ));
        assert!(matches!(
            AppError::from(CaseError::Stale),
            AppError::Conflict("case-error-stale")
        ));
        assert!(matches!(
            AppError::from(CaseError::Forbidden),
            AppError::Forbidden
        ));
    }
}
