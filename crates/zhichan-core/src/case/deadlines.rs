//! The deadlines a step brings: the service targets its trigger starts (the domain's
//! `calendar::TARGETS`), counted on the mainland's working-day calendar, and the targets it meets.

use chrono::NaiveDate;
use zhichan_domain::calendar::{self, DeadlineRule};
use zhichan_domain::case::CaseState;
use zhichan_domain::case::{Case, CaseChange, CaseKind, DeadlineKind, NewCaseDeadline};
use zhichan_domain::expertise::Region;

use crate::{Core, CoreResult};

impl Core {
    /// The targets a new case of `kind` gets, opened on `day`.
    pub(crate) async fn opening_targets(&self, kind: CaseKind, day: NaiveDate) -> CoreResult<Vec<NewCaseDeadline>> {
        self.deadlines_of(calendar::targets(kind, kind.initial()), day).await
    }

    /// Adds to `change` the targets of `case` moving to `to`, and meets the open targets `to`
    /// reaches (every one, when the case closes).
    pub(crate) async fn plan_deadlines(&self, case: &Case, to: CaseState, change: &mut CaseChange) -> CoreResult<()> {
        let started = self
            .deadlines_of(calendar::step_targets(case.kind, case.state, to), crate::district_date(change.at))
            .await?;
        change.deadlines.extend(started);
        let closes = case.kind.is_closed(to);
        for deadline in self.store.case_deadlines(case.id).await? {
            let open_target = deadline.kind == DeadlineKind::Target && deadline.met_at.is_none();
            if open_target && (closes || calendar::target_met(&deadline.label, to)) {
                change.met.push(deadline.id);
            }
        }
        Ok(())
    }

    /// Case deadlines for `rules`, triggered on `day`.
    async fn deadlines_of(
        &self,
        rules: impl Iterator<Item = &'static DeadlineRule>,
        day: NaiveDate,
    ) -> CoreResult<Vec<NewCaseDeadline>> {
        let rules: Vec<&DeadlineRule> = rules.collect();
        if rules.is_empty() {
            return Ok(Vec::new());
        }
        let working_days = self.working_calendar(Region::Mainland).await?;
        Ok(rules
            .into_iter()
            .map(|rule| NewCaseDeadline {
                kind: DeadlineKind::Target,
                label: rule.label.to_owned(),
                due: working_days.due(day, rule.offset),
                alert_id: None,
            })
            .collect())
    }
}
