//! One way to declare a workflow (quy trình xử lý): its states, its actions, the transition
//! table, who may take each action and which actions need a note. Dossiers, feedback, articles
//! and legal documents each declare a [`Workflow`] constant; their `next_state` and `check` are
//! this module's [`Workflow::next`] and [`Workflow::check`] plus their own guards and error codes.
//!
//! The table is data, so one test helper (`check_table`) walks every (state, action) pair of any
//! workflow against an expectation written out as a flat list in that workflow's tests.
//!
//! Also here: the `YYMMDD-XXXX` tail shared by the daily codes (dossier codes, `PAKN` codes).

use chrono::NaiveDate;

use crate::accounts::Role;

/// A row of the transition table: `action` from any state in `from` leads to `to`.
#[derive(Debug, Clone, Copy)]
pub struct Rule<S: 'static, A> {
    /// The states the action may be taken in.
    pub from: &'static [S],
    /// The action.
    pub action: A,
    /// The state it leads to.
    pub to: S,
}

/// Who may take an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Someone holding one of these roles over the item (`Citizen`: decided by the caller, which
    /// knows whether the actor is the item's own applicant).
    Roles(&'static [Role]),
    /// Whoever the caller has admitted by unit scope (the policy table and the service decide;
    /// the workflow adds no role rule).
    InScope,
}

/// What an action asks of the actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Who may take it.
    pub who: Who,
    /// A note or reason must be given (not blank).
    pub note: bool,
}

/// A workflow: every state, every action, the whole transition table, the final states and what
/// each action asks of the actor.
#[derive(Debug, Clone, Copy)]
pub struct Workflow<S: 'static, A: 'static> {
    /// Every state.
    pub states: &'static [S],
    /// Every action.
    pub actions: &'static [A],
    /// The transition table; a (state, action) pair appears in at most one rule.
    pub rules: &'static [Rule<S, A>],
    /// States no action leaves.
    pub finals: &'static [S],
    /// Who may take an action and whether it needs a note (a `match`, so the compiler sees that
    /// every action is covered).
    pub step: fn(A) -> Step,
}

/// Why the kernel refuses an action; each workflow maps it to its own error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No rule for this (state, action).
    Illegal,
    /// The actor holds none of the action's roles.
    NotPermitted,
    /// The action needs a note and none (or a blank one) was given.
    NoteRequired,
}

impl<S: Copy + PartialEq, A: Copy + PartialEq> Workflow<S, A> {
    /// The state `action` leads to from `from`, if the table allows it.
    pub fn next(&self, from: S, action: A) -> Option<S> {
        self.rules
            .iter()
            .find(|r| r.action == action && r.from.contains(&from))
            .map(|r| r.to)
    }

    /// The roles that may take `action` (empty when the caller's scope decides).
    pub fn roles(&self, action: A) -> &'static [Role] {
        match (self.step)(action).who {
            Who::Roles(roles) => roles,
            Who::InScope => &[],
        }
    }

    /// Whether `action` needs a note.
    pub fn needs_note(&self, action: A) -> bool {
        (self.step)(action).note
    }

    /// No action leaves `state`.
    pub fn is_final(&self, state: S) -> bool {
        self.finals.contains(&state)
    }

    /// The actions the table allows from `from`, in declaration order.
    pub fn actions_from(&self, from: S) -> impl Iterator<Item = A> + '_ {
        self.actions
            .iter()
            .copied()
            .filter(move |a| self.next(from, *a).is_some())
    }

    /// The action that leads from `from` to `to`, if one does (the first declared).
    pub fn action_between(&self, from: S, to: S) -> Option<A> {
        self.actions
            .iter()
            .copied()
            .find(|a| self.next(from, *a) == Some(to))
    }

    /// Checks an action: the table allows it, the actor may take it (`holds` answers "does the
    /// actor hold this role over the item?") and its note is given. Returns the next state;
    /// workflow-specific guards run after this.
    pub fn check(
        &self,
        from: S,
        action: A,
        holds: impl Fn(Role) -> bool,
        note: Option<&str>,
    ) -> Result<S, Refusal> {
        let to = self.next(from, action).ok_or(Refusal::Illegal)?;
        let step = (self.step)(action);
        if let Who::Roles(roles) = step.who
            && !roles.iter().any(|r| holds(*r))
        {
            return Err(Refusal::NotPermitted);
        }
        if step.note && note.is_none_or(|n| n.trim().is_empty()) {
            return Err(Refusal::NoteRequired);
        }
        Ok(to)
    }
}

/// The `YYMMDD-XXXX` tail of a daily code: the day and its sequence number, 1–9999 (`None`
/// outside that range: the day's numbers are used up).
pub fn daily_tail(day: NaiveDate, seq: u32) -> Option<String> {
    (1..=9999)
        .contains(&seq)
        .then(|| format!("{}-{seq:04}", day.format("%y%m%d")))
}

/// Whether `day` and `seq` are a well-formed tail: six digits naming a real date, four digits
/// other than `0000`.
pub fn is_daily_tail(day: &str, seq: &str) -> bool {
    day.len() == 6
        && day.chars().all(|c| c.is_ascii_digit())
        && NaiveDate::parse_from_str(&format!("20{day}"), "%Y%m%d").is_ok()
        && seq.len() == 4
        && seq.chars().all(|c| c.is_ascii_digit())
        && seq != "0000"
}

/// The one table test: the workflow is well formed (every state and action listed once, no
/// (state, action) pair in two rules, every rule within the listed states, final states left by
/// no action), and for every (state, action) pair the table gives exactly what `legal` lists:
/// `Some(to)` for a listed triple, `None` for every other pair.
#[cfg(test)]
pub(crate) fn check_table<S, A>(wf: &Workflow<S, A>, legal: &[(S, A, S)])
where
    S: Copy + PartialEq + std::fmt::Debug,
    A: Copy + PartialEq + std::fmt::Debug,
{
    for (i, s) in wf.states.iter().enumerate() {
        assert!(!wf.states[..i].contains(s), "{s:?} listed twice");
    }
    for (i, a) in wf.actions.iter().enumerate() {
        assert!(!wf.actions[..i].contains(a), "{a:?} listed twice");
    }
    for r in wf.rules {
        assert!(wf.actions.contains(&r.action), "{:?} not listed", r.action);
        assert!(wf.states.contains(&r.to), "{:?} not listed", r.to);
        for f in r.from {
            assert!(wf.states.contains(f), "{f:?} not listed");
            let n = wf
                .rules
                .iter()
                .filter(|o| o.action == r.action && o.from.contains(f))
                .count();
            assert_eq!(n, 1, "{f:?} + {:?} is in {n} rules", r.action);
        }
    }
    for (f, a, t) in legal {
        assert!(
            wf.states.contains(f) && wf.actions.contains(a) && wf.states.contains(t),
            "expectation {f:?} + {a:?} → {t:?} names an unlisted state or action"
        );
    }
    for &from in wf.states {
        for &action in wf.actions {
            let expected = legal
                .iter()
                .find(|(f, a, _)| *f == from && *a == action)
                .map(|(_, _, t)| *t);
            assert_eq!(wf.next(from, action), expected, "{from:?} + {action:?}");
        }
    }
    for &s in wf.finals {
        assert_eq!(wf.actions_from(s).count(), 0, "{s:?} is final");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum S {
        Open,
        Shut,
    }
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum A {
        Close,
        Note,
    }
    const DOOR: Workflow<S, A> = Workflow {
        states: &[S::Open, S::Shut],
        actions: &[A::Close, A::Note],
        rules: &[
            Rule {
                from: &[S::Open],
                action: A::Close,
                to: S::Shut,
            },
            Rule {
                from: &[S::Open],
                action: A::Note,
                to: S::Open,
            },
        ],
        finals: &[S::Shut],
        step: |a| match a {
            A::Close => Step {
                who: Who::Roles(&[Role::UnitLeader]),
                note: false,
            },
            A::Note => Step {
                who: Who::InScope,
                note: true,
            },
        },
    };

    #[test]
    fn the_kernel_checks_table_roles_and_notes() {
        check_table(
            &DOOR,
            &[(S::Open, A::Close, S::Shut), (S::Open, A::Note, S::Open)],
        );
        let leader = |r| r == Role::UnitLeader;
        let nobody = |_| false;
        assert_eq!(DOOR.check(S::Open, A::Close, leader, None), Ok(S::Shut));
        assert_eq!(
            DOOR.check(S::Open, A::Close, nobody, None),
            Err(Refusal::NotPermitted)
        );
        assert_eq!(
            DOOR.check(S::Shut, A::Close, leader, None),
            Err(Refusal::Illegal)
        );
        assert_eq!(
            DOOR.check(S::Open, A::Note, nobody, Some("  ")),
            Err(Refusal::NoteRequired)
        );
        assert_eq!(DOOR.check(S::Open, A::Note, nobody, Some("x")), Ok(S::Open));
        assert_eq!(DOOR.action_between(S::Open, S::Shut), Some(A::Close));
        assert_eq!(DOOR.roles(A::Note), &[] as &[Role]);
    }

    #[test]
    #[should_panic(expected = "Open + Close")]
    fn a_wrong_expectation_fails() {
        check_table(&DOOR, &[(S::Open, A::Note, S::Open)]);
    }

    #[test]
    fn daily_tails() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        assert_eq!(daily_tail(d, 7).as_deref(), Some("261102-0007"));
        assert_eq!(daily_tail(d, 0), None);
        assert_eq!(daily_tail(d, 10_000), None);
        assert!(is_daily_tail("261102", "0007"));
        for (day, seq) in [("261302", "0007"), ("261102", "0000"), ("261102", "7")] {
            assert!(!is_daily_tail(day, seq), "{day}-{seq}");
        }
    }
}
