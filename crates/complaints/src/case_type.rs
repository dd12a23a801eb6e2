//! The complaint's workflow, after SP4N-LAPOR! (PermenPANRB 62/2018): states, statutory
//! deadlines in working days (defaults; overridable per installation through the settings
//! keys `cases.deadline.complaint.<state>`), and who may take each step.

use platform::cases::{CaseType, Deadline, OnDue, Party, StateDef, TransitionDef};

const fn escalate(working_days: u32) -> Option<Deadline> {
    Some(Deadline {
        working_days,
        on_due: OnDue::Escalate,
    })
}

const STATES: &[StateDef] = &[
    // Dikirim: waiting for a verifier (≤ 3 HK).
    StateDef {
        code: "submitted",
        terminal: false,
        open: true,
        deadline: escalate(3),
    },
    // Ditunda: the verifier needs more from the reporter or another check (≤ 3 HK).
    StateDef {
        code: "deferred",
        terminal: false,
        open: true,
        deadline: escalate(3),
    },
    // Diteruskan / disposisi: with the organisation, whose follow-up is due in 5 HK.
    StateDef {
        code: "routed",
        terminal: false,
        open: true,
        deadline: escalate(5),
    },
    // Ditindaklanjuti: answered; completes by itself after 10 HK without a reply.
    StateDef {
        code: "followed_up",
        terminal: false,
        open: true,
        deadline: Some(Deadline {
            working_days: 10,
            on_due: OnDue::Transition("auto_complete"),
        }),
    },
    StateDef {
        code: "completed",
        terminal: true,
        open: false,
        deadline: None,
    },
    StateDef {
        code: "not_our_authority",
        terminal: true,
        open: false,
        deadline: None,
    },
    StateDef {
        code: "archived",
        terminal: true,
        open: false,
        deadline: None,
    },
];

const VERIFIER: &[Party] = &[Party::Verifier];
const ORGANISATION: &[Party] = &[Party::AssignedOrganisation];
const REPORTER: &[Party] = &[Party::Reporter];
const SYSTEM: &[Party] = &[Party::System];

const TRANSITIONS: &[TransitionDef] = &[
    TransitionDef {
        from: &["submitted", "deferred"],
        action: "verify_and_route",
        to: "routed",
        by: VERIFIER,
        needs_body: false,
        assigns: true,
    },
    TransitionDef {
        from: &["submitted"],
        action: "defer",
        to: "deferred",
        by: VERIFIER,
        needs_body: true,
        assigns: false,
    },
    TransitionDef {
        from: &["submitted", "deferred"],
        action: "not_our_authority",
        to: "not_our_authority",
        by: VERIFIER,
        needs_body: true,
        assigns: false,
    },
    TransitionDef {
        from: &["submitted", "deferred"],
        action: "archive",
        to: "archived",
        by: VERIFIER,
        needs_body: true,
        assigns: false,
    },
    TransitionDef {
        from: &["routed"],
        action: "respond",
        to: "followed_up",
        by: ORGANISATION,
        needs_body: true,
        assigns: false,
    },
    TransitionDef {
        from: &["routed", "followed_up"],
        action: "reroute",
        to: "routed",
        by: &[Party::Verifier, Party::AssignedOrganisation],
        needs_body: true,
        assigns: true,
    },
    TransitionDef {
        from: &["followed_up"],
        action: "reporter_reply",
        to: "routed",
        by: REPORTER,
        needs_body: true,
        assigns: false,
    },
    TransitionDef {
        from: &["followed_up"],
        action: "confirm_done",
        to: "completed",
        by: REPORTER,
        needs_body: false,
        assigns: false,
    },
    TransitionDef {
        from: &["followed_up"],
        action: "auto_complete",
        to: "completed",
        by: SYSTEM,
        needs_body: false,
        assigns: false,
    },
    TransitionDef {
        from: &["routed", "followed_up"],
        action: "close",
        to: "completed",
        by: VERIFIER,
        needs_body: true,
        assigns: false,
    },
];

/// The complaint case type (tracking codes `ADU-2026-000123`).
pub const COMPLAINT: CaseType = CaseType {
    kind: "complaint",
    tracking_prefix: "ADU",
    states: STATES,
    transitions: TRANSITIONS,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_complaint_workflow_is_a_valid_case_type() {
        assert_eq!(COMPLAINT.validate(), Ok(()));
        assert_eq!(COMPLAINT.initial().map(|s| s.code), Some("submitted"));
    }

    #[test]
    fn a_reporter_reply_reopens_the_loop_and_silence_completes_it() {
        assert_eq!(
            COMPLAINT
                .transition("followed_up", "reporter_reply")
                .map(|t| t.to),
            Some("routed")
        );
        assert_eq!(
            COMPLAINT
                .transition("followed_up", "auto_complete")
                .map(|t| t.to),
            Some("completed")
        );
        assert!(
            COMPLAINT
                .transition("completed", "reporter_reply")
                .is_none()
        );
    }
}
