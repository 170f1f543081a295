//! Who is told of a case: the recipients of a change, queued with the change in its transaction,
//! and the deadline reminders queued once per deadline and day.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate, Utc};
use zhichan_domain::case::{CaseChange, CaseFilter, CaseId};
use zhichan_domain::expertise::Region;
use zhichan_domain::notify::Recipient;
use zhichan_domain::station::StationId;
use zhichan_domain::{OrgId, User, UserId};

use crate::{Core, CoreResult};

/// How far ahead deadlines are read for reminders: beyond any stretch of three working days.
const REMINDER_HORIZON_DAYS: u64 = 31;

impl Core {
    /// Sets who is told of `change` to case `id` when it records an opening, a state change or an
    /// appointment visible to the parties: each party organisation's webhooks and, when e-mail is
    /// configured, its enabled members, the assignee (before and after the change) and, for a
    /// newly opened case, the staff of its station.
    pub(crate) async fn address_change(&self, id: CaseId, change: &mut CaseChange) -> CoreResult<()> {
        if !change.events.iter().any(|event| event.notifies()) {
            return Ok(());
        }
        let Some(case) = self.store.case(id).await? else { return Ok(()) };
        let mut assignees: Vec<UserId> = case.assignee_user_id.into_iter().collect();
        assignees.extend(change.assignee.flatten());
        let parties: Vec<OrgId> = case.party_organisations().collect();
        change.notify = self.case_recipients(&parties, &assignees, None).await?;
        Ok(())
    }

    /// Who is told of a case: the webhooks of its `parties` (organisations), and by e-mail (when
    /// configured) their enabled members, `assignees` and the staff of `station`.
    pub(crate) async fn case_recipients(
        &self,
        parties: &[OrgId],
        assignees: &[UserId],
        station: Option<StationId>,
    ) -> CoreResult<Vec<Recipient>> {
        let mut recipients = Vec::new();
        for &organisation_id in parties {
            let webhooks = self.store.webhooks(Some(organisation_id)).await?;
            recipients.extend(webhooks.into_iter().map(|webhook| Recipient::Webhook { webhook_id: webhook.id }));
        }
        recipients.extend(self.case_mail_recipients(parties, assignees, station).await?);
        Ok(recipients)
    }

    /// The e-mail recipients of [`Core::case_recipients`], each address once; none when e-mail
    /// is not configured.
    async fn case_mail_recipients(
        &self,
        parties: &[OrgId],
        assignees: &[UserId],
        station: Option<StationId>,
    ) -> CoreResult<Vec<Recipient>> {
        if self.settings.mail.is_none() {
            return Ok(Vec::new());
        }
        let mut people: Vec<User> = Vec::new();
        for &organisation_id in parties {
            people.extend(self.store.users_in_organisation(organisation_id).await?);
        }
        let mut ids = assignees.to_vec();
        if let Some(station) = station {
            ids.extend(self.store.station_staff(station).await?);
        }
        for id in ids {
            people.extend(self.store.user(id).await?);
        }
        let addresses: BTreeSet<String> =
            people.into_iter().filter(|user| !user.disabled).map(|user| user.email).collect();
        Ok(addresses.into_iter().map(|address| Recipient::Email { address }).collect())
    }

    /// Queues the reminders due `today` of the open deadlines of open cases — three working days
    /// (mainland calendar) before the due day, and on it — by e-mail to the assignee and the
    /// party organisations' members. Each (deadline, day) is queued once, so calling again is
    /// harmless; a reminder day missed while the platform was down is made up until the due day.
    /// Returns how many reminders were queued now.
    pub async fn queue_deadline_reminders(&self, today: NaiveDate) -> CoreResult<u64> {
        let until = today.checked_add_days(Days::new(REMINDER_HORIZON_DAYS)).unwrap_or(today);
        let calendar = self.working_calendar(Region::Mainland).await?;
        let mut queued = 0;
        for due in self.store.due_cases(&CaseFilter::default(), until).await? {
            let (case, deadline) = (&due.case, &due.deadline);
            if deadline.due < today {
                continue;
            }
            let Some(day) = calendar.reminders(deadline.due).into_iter().filter(|day| *day <= today).max() else {
                continue;
            };
            let assignees: Vec<UserId> = case.assignee_user_id.into_iter().collect();
            let parties: Vec<OrgId> = case.party_organisations().collect();
            let recipients = self.case_mail_recipients(&parties, &assignees, None).await?;
            if self.store.queue_reminder(case.id, deadline.id, day, &recipients, Utc::now()).await? {
                queued += 1;
            }
        }
        Ok(queued)
    }
}
