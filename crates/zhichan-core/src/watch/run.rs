//! A watch run: screen every trademark the change journal hands out after the watch's stored
//! position against every watched mark and match every new patent against every patent watch,
//! raise alerts with their reasons, deadline and squatting signals, and store the new position in
//! the same transaction as the alerts.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::Utc;
use serde_json::json;
use zhichan_domain::deadline::{AnchorDates, opposition_deadline};
use zhichan_domain::notify::Recipient;
use zhichan_domain::office::{OfficeCode, designation_covers};
use zhichan_domain::records::{MarkStatus, Patent, Record, Trademark};
use zhichan_domain::watch::{AlertReason, NewAlert, PatentWatch, Signal, WatchParty, WatchedMark};
use zhichan_domain::{AuditEntry, OrgId, Organisation, OrganisationFilter, Page};
use zhichan_similarity::{Assessment, MarkProfile};
use zhichan_store::StoreError;

use super::names::{party_key, same_party};
use super::patents::{PatentMatcher, patent_alert};
use super::screen::{ScreenedMark, Screener, Screening, goods_of, parallel_map};
use crate::audit::entry;
use crate::{Core, CoreError, CoreResult, RequestContext};

/// Journal entries screened per round trip and per commit of alerts and position.
const JOURNAL_PAGE: u32 = 2_000;
/// Rows read per round trip when loading watched marks and organisations.
const LOAD_PAGE: u32 = 1_000;
/// An applicant whose filings in one run alert on watched marks of at least this many
/// organisations, in at least as many filings, is flagged as a serial filer.
pub const SERIAL_FILER_ORGANISATIONS: usize = 2;

/// What a watch run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WatchRunSummary {
    /// Trademark filings screened and patents matched.
    pub screened: u64,
    /// Candidate pairs (filing, watched mark) scored.
    pub candidates: u64,
    /// Alerts raised.
    pub alerts: u64,
    /// The journal position the watch now holds.
    pub position: i64,
    /// How long the run took, loading the watch included.
    pub elapsed: std::time::Duration,
}

/// What happened to the watch after an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchUpdate {
    /// This process screened the new filings.
    Screened(WatchRunSummary),
    /// Screening failed; the records are stored and the next run screens them.
    Failed(String),
}

/// A watched mark with what its alerts need: its organisation and that organisation's parties.
struct Watcher {
    mark: WatchedMark,
    organisation: Option<Organisation>,
    parties: Vec<WatchParty>,
}

/// What the run remembers of an applicant's alerting filings, for the serial-filer signal.
#[derive(Default)]
struct ApplicantTally {
    organisations: HashSet<OrgId>,
    filings: HashSet<(String, String)>,
}

impl Core {
    /// Screens every filing stored since the last run (in this process or any other) against
    /// every watched mark and raises alerts. Each page of the journal is committed with the
    /// position it reaches; when another process has moved the position meanwhile, this run stops
    /// and leaves the rest to it.
    pub async fn run_watch(&self) -> CoreResult<WatchRunSummary> {
        let _one_at_a_time = self.watch_follow.lock().await;
        let started = std::time::Instant::now();
        let mut position = self.store.watch_position().await?;
        if self.store.journal_head().await? <= position {
            return Ok(WatchRunSummary { position, ..WatchRunSummary::default() });
        }
        let watchers = self.watchers().await?;
        let patent_watches = self.store.patent_watches(None).await?;
        let mut summary = WatchRunSummary { position, ..WatchRunSummary::default() };
        if watchers.is_empty() && patent_watches.is_empty() {
            let head = self.store.journal_head().await?;
            if head > position {
                self.advance(position, head, Vec::new(), &mut summary).await?;
            }
            summary.elapsed = started.elapsed();
            return Ok(summary);
        }
        let screener = Arc::new(screener(&watchers).await?);
        let patents = Arc::new(PatentQueries::new(patent_watches).await?);
        let mut tally: HashMap<String, ApplicantTally> = HashMap::new();
        let mut own_offices: HashMap<OrgId, Vec<OfficeCode>> = HashMap::new();
        let mut recipients: HashMap<OrgId, Vec<Recipient>> = HashMap::new();
        loop {
            let changes = self.store.changes_since(position, JOURNAL_PAGE).await?;
            let Some(last) = changes.last().map(|change| change.seq) else { break };
            let (mut filings, mut new_patents) = (Vec::new(), Vec::new());
            for change in changes {
                match change.record {
                    Record::Trademark(mark) if screenable(&mark) => filings.push(*mark),
                    Record::Trademark(_) => {}
                    Record::Patent(patent) => new_patents.push(*patent),
                }
            }
            let (filings, screenings, new_patents, patent_hits) = {
                let (screener, patents) = (screener.clone(), patents.clone());
                blocking(move || {
                    let screenings = parallel_map(&filings, |filing| {
                        let profile = MarkProfile::new(filing.mark_text.as_deref().unwrap_or_default());
                        screener.screen(&profile, &goods_of(filing))
                    });
                    let patent_hits = patents.matches(&new_patents)?;
                    Ok((filings, screenings, new_patents, patent_hits))
                })
                .await?
            };
            summary.screened += (filings.len() + new_patents.len()) as u64;
            summary.candidates += screenings.iter().map(|s| s.candidates as u64).sum::<u64>();
            for hit in screenings.iter().flat_map(|s| &s.matches) {
                let Some(watcher) = watchers.get(hit.mark) else { continue };
                let organisation = watcher.mark.organisation_id;
                if let std::collections::hash_map::Entry::Vacant(entry) = own_offices.entry(organisation) {
                    entry.insert(self.own_mark_offices(watcher, &watchers).await?);
                }
            }
            let mut alerts = raise(&watchers, &filings, &screenings, &own_offices, &mut tally);
            alerts.extend(patents.alerts(&new_patents, &patent_hits));
            for (alert, _) in &mut alerts {
                if let std::collections::hash_map::Entry::Vacant(entry) = recipients.entry(alert.organisation_id) {
                    entry.insert(self.recipients(alert.organisation_id).await?);
                }
                alert.recipients = recipients[&alert.organisation_id].clone();
            }
            if !self.advance(position, last, alerts, &mut summary).await? {
                break;
            }
            position = last;
        }
        summary.elapsed = started.elapsed();
        Ok(summary)
    }

    /// Screens new filings after records were written and sends the notifications of the alerts
    /// raised, saying what happened rather than failing: the records are stored either way.
    pub async fn update_watch(&self) -> WatchUpdate {
        match self.run_watch().await {
            Ok(summary) => {
                if summary.alerts > 0
                    && let Err(error) = self.deliver_notifications().await
                {
                    tracing::warn!(%error, "alert notifications not sent; they stay queued");
                }
                WatchUpdate::Screened(summary)
            }
            Err(error) => {
                tracing::warn!(%error, "watch not run after import");
                WatchUpdate::Failed(error.to_string())
            }
        }
    }

    /// Commits `alerts` with the move from `from` to `to`. `false` when another process moved
    /// the position first (nothing was stored).
    async fn advance(
        &self,
        from: i64,
        to: i64,
        alerts: Vec<(NewAlert, AuditEntry)>,
        summary: &mut WatchRunSummary,
    ) -> CoreResult<bool> {
        match self.store.raise_alerts(from, to, &alerts, Utc::now()).await {
            Ok(raised) => {
                summary.alerts += raised.len() as u64;
                summary.position = to;
                Ok(true)
            }
            Err(StoreError::Conflict { what: "watch_position" }) => {
                tracing::info!(from, "watch position moved by another process; leaving the rest to it");
                Ok(false)
            }
            Err(error) => Err(error.into()),
        }
    }

    /// Every watched mark with its organisation and declared parties.
    async fn watchers(&self) -> CoreResult<Vec<Watcher>> {
        let mut marks = Vec::new();
        let mut page = Page::first(LOAD_PAGE);
        loop {
            let batch = self.store.watched_marks(None, page).await?;
            page.after = batch.last().map(|m| m.id.get());
            let done = batch.len() < LOAD_PAGE as usize;
            marks.extend(batch);
            if done {
                break;
            }
        }
        if marks.is_empty() {
            return Ok(Vec::new());
        }
        let mut organisations = HashMap::new();
        let mut page = Page::first(LOAD_PAGE);
        loop {
            let batch = self.store.organisations(&OrganisationFilter::default(), page).await?;
            page.after = batch.last().map(|o| o.id.get());
            let done = batch.len() < LOAD_PAGE as usize;
            organisations.extend(batch.into_iter().map(|o| (o.id, o)));
            if done {
                break;
            }
        }
        let mut parties: HashMap<OrgId, Vec<WatchParty>> = HashMap::new();
        for party in self.store.watch_parties(None).await? {
            parties.entry(party.organisation_id).or_default().push(party);
        }
        Ok(marks
            .into_iter()
            .map(|mark| Watcher {
                organisation: organisations.get(&mark.organisation_id).cloned(),
                parties: parties.get(&mark.organisation_id).cloned().unwrap_or_default(),
                mark,
            })
            .collect())
    }
}

/// The candidate index over every watched mark, built on every core.
async fn screener(watchers: &[Watcher]) -> CoreResult<Screener> {
    let marks: Vec<(Vec<String>, Vec<u8>)> =
        watchers.iter().map(|w| (w.mark.forms.clone(), w.mark.classes.iter().map(|c| c.number()).collect())).collect();
    blocking(move || {
        let marks = parallel_map(&marks, |(forms, classes)| ScreenedMark::new(forms, classes.iter().copied()));
        Ok(Screener::new(marks))
    })
    .await
}

/// Every patent watch with its parsed query and a matcher for new patents. A stored query that no
/// longer parses (the language changed) is skipped with a warning rather than stopping the watch.
struct PatentQueries {
    watches: Vec<PatentWatch>,
    queries: Vec<zhichan_query::Query>,
    matcher: Option<PatentMatcher>,
}

impl PatentQueries {
    async fn new(stored: Vec<PatentWatch>) -> CoreResult<Self> {
        let (mut watches, mut queries) = (Vec::new(), Vec::new());
        for watch in stored {
            match crate::search::parse(&watch.query) {
                Ok(query) => {
                    watches.push(watch);
                    queries.push(query);
                }
                Err(error) => tracing::warn!(id = watch.id.get(), %error, "patent watch query skipped"),
            }
        }
        let matcher = if watches.is_empty() { None } else { Some(blocking(PatentMatcher::new).await?) };
        Ok(Self { watches, queries, matcher })
    }

    /// For each watch, the positions in `patents` it matches.
    fn matches(&self, patents: &[Patent]) -> CoreResult<Vec<Vec<usize>>> {
        match &self.matcher {
            Some(matcher) if !patents.is_empty() => matcher.matches(patents, &self.queries),
            _ => Ok(Vec::new()),
        }
    }

    fn alerts(&self, patents: &[Patent], hits: &[Vec<usize>]) -> Vec<(NewAlert, AuditEntry)> {
        self.watches
            .iter()
            .zip(hits)
            .flat_map(|(watch, hits)| hits.iter().map(move |&i| patent_alert(watch, &patents[i])))
            .collect()
    }
}

/// Whether a filing is worth screening: it has a text, and it is not dead (refused, withdrawn,
/// expired or cancelled marks threaten no one).
fn screenable(mark: &Trademark) -> bool {
    let dead = matches!(
        mark.status.stage,
        MarkStatus::Refused | MarkStatus::Withdrawn | MarkStatus::Expired | MarkStatus::Cancelled
    );
    !dead && mark.mark_text.as_deref().is_some_and(|text| !text.trim().is_empty())
}

/// The alerts of one page of screenings, each with its audit entry. Filings by the watching
/// organisation itself are not alerts.
fn raise(
    watchers: &[Watcher],
    filings: &[Trademark],
    screenings: &[Screening],
    own_offices: &HashMap<OrgId, Vec<OfficeCode>>,
    tally: &mut HashMap<String, ApplicantTally>,
) -> Vec<(NewAlert, AuditEntry)> {
    let mut found: Vec<(&Trademark, &Watcher, &Assessment)> = Vec::new();
    for (filing, screening) in filings.iter().zip(screenings) {
        for hit in &screening.matches {
            // The screener holds the watched marks in the order of `watchers`.
            let Some(watcher) = watchers.get(hit.mark) else { continue };
            if owned_by(filing, watcher.organisation.as_ref()) {
                continue;
            }
            found.push((filing, watcher, &hit.assessment));
        }
    }
    for (filing, watcher, _) in &found {
        for owner in &filing.owners {
            let key = party_key(&owner.name);
            if key.is_empty() {
                continue;
            }
            let entry = tally.entry(key).or_default();
            entry.organisations.insert(watcher.mark.organisation_id);
            entry.filings.insert((filing.office.as_str().to_owned(), filing.application_number.clone()));
        }
    }
    found
        .into_iter()
        .map(|(filing, watcher, assessment)| {
            let deadline = opposition_deadline(filing.office, &anchor_dates(filing));
            let due = deadline.as_ref().map(|deadline| deadline.due);
            let reasons: Vec<AlertReason> = assessment
                .reasons
                .iter()
                .cloned()
                .map(AlertReason::Mark)
                .chain(deadline.map(AlertReason::OppositionDeadline))
                .collect();
            let alert = NewAlert {
                organisation_id: watcher.mark.organisation_id,
                watched_mark_id: Some(watcher.mark.id),
                patent_watch_id: None,
                filing: filing.key(),
                title: filing.mark_text.clone(),
                applicant: Some(filing.owners.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join("; "))
                    .filter(|names| !names.is_empty()),
                score: f64::from(assessment.score),
                risk: assessment.risk,
                reasons,
                opposition_deadline: due,
                signals: signals(filing, watcher, own_offices, tally),
                recipients: Vec::new(),
            };
            let audit = entry(
                None,
                &RequestContext::default(),
                "alert.raise",
                ("alert", None),
                Some(alert.organisation_id),
                json!({
                    "watched_mark_id": alert.watched_mark_id, "office": alert.filing.office, "number": alert.filing.number,
                    "risk": alert.risk, "score": alert.score,
                }),
            );
            (alert, audit)
        })
        .collect()
}

/// Whether the watching organisation filed the mark itself: an owner's name is the
/// organisation's Chinese or English name, legal forms aside.
pub(crate) fn owned_by(filing: &Trademark, organisation: Option<&Organisation>) -> bool {
    let Some(organisation) = organisation else { return false };
    filing.owners.iter().any(|owner| {
        same_party(&owner.name, organisation.profile.name_zh.as_str())
            || organisation.profile.name_en.as_ref().is_some_and(|name| same_party(&owner.name, name.as_str()))
    })
}

/// The dates a filing's opposition window may count from. Offices that publish only registrations
/// (DE, JP) open opposition on that publication: a publication date on or after the registration
/// is that publication, and otherwise the registration date stands in — earlier than the real
/// publication, so the warning comes early, never late.
pub(crate) fn anchor_dates(filing: &Trademark) -> AnchorDates {
    let mut dates = AnchorDates::from(&filing.dates);
    dates.registration_publication = match (filing.dates.publication, filing.dates.registration) {
        (Some(publication), Some(registration)) if publication >= registration => Some(publication),
        (_, registration) => registration,
    };
    dates
}

/// Squatting signals:
/// - `declared_party`: an applicant is one of the organisation's declared distributors, agents or
///   known squatters (names compared with [`same_party`]);
/// - `serial_filer`: an applicant's filings screened so far in this run alert on watched marks
///   of at least [`SERIAL_FILER_ORGANISATIONS`] organisations;
/// - `no_own_mark`: the filing protects the mark (at its office or, for Madrid filings, in a
///   designated territory) where none of the organisation's own marks does — the squatter would
///   hold the only right there.
fn signals(
    filing: &Trademark,
    watcher: &Watcher,
    own_offices: &HashMap<OrgId, Vec<OfficeCode>>,
    tally: &HashMap<String, ApplicantTally>,
) -> Vec<Signal> {
    let mut signals = Vec::new();
    for owner in &filing.owners {
        for party in watcher.parties.iter().filter(|party| same_party(&owner.name, &party.name)) {
            signals.push(Signal::DeclaredParty {
                party_id: party.id,
                name: party.name.clone(),
                relation: party.relation,
            });
        }
        if let Some(seen) = tally.get(&party_key(&owner.name))
            && seen.organisations.len() >= SERIAL_FILER_ORGANISATIONS
            && seen.filings.len() >= SERIAL_FILER_ORGANISATIONS
        {
            signals.push(Signal::SerialFiler {
                applicant: owner.name.clone(),
                filings: seen.filings.len(),
                organisations: seen.organisations.len(),
            });
        }
    }
    let own: &[OfficeCode] = own_offices.get(&watcher.mark.organisation_id).map_or(&[], Vec::as_slice);
    let uncovered: Vec<OfficeCode> = territories(filing)
        .into_iter()
        .filter(|&territory| !own.iter().any(|&office| designation_covers(office, territory)))
        .collect();
    if !uncovered.is_empty() {
        signals.push(Signal::NoOwnMark { territories: uncovered, own_offices: own.to_vec() });
    }
    signals
}

/// Where a filing protects the mark: its office and, for Madrid filings, every designation.
fn territories(filing: &Trademark) -> Vec<OfficeCode> {
    let mut territories: Vec<OfficeCode> = [filing.office]
        .into_iter()
        .chain(filing.madrid.iter().flat_map(|m| m.designations.iter()).filter_map(|d| OfficeCode::parse(d).ok()))
        .collect();
    territories.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
    territories.dedup();
    territories
}

impl Core {
    /// The offices (Madrid designations included) where `watcher`'s organisation holds live marks
    /// of its own titled like one of its watched forms.
    async fn own_mark_offices(&self, watcher: &Watcher, watchers: &[Watcher]) -> CoreResult<Vec<OfficeCode>> {
        let Some(organisation) = &watcher.organisation else { return Ok(Vec::new()) };
        let forms: Vec<String> = watchers
            .iter()
            .filter(|w| w.mark.organisation_id == organisation.id)
            .flat_map(|w| w.mark.forms.iter().cloned())
            .collect();
        let mut offices: Vec<OfficeCode> = Vec::new();
        for mark in self.own_marks(organisation, forms).await? {
            if screenable(&mark) {
                offices.extend(territories(&mark));
            }
        }
        offices.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
        offices.dedup();
        Ok(offices)
    }
}

/// Runs CPU-bound screening off the async executor.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> CoreResult<T> + Send + 'static) -> CoreResult<T> {
    tokio::task::spawn_blocking(work).await.map_err(CoreError::internal)?
}
