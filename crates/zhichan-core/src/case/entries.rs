//! What people add to a case besides moving it: messages between the parties and those working
//! on it, internal notes, the technical investigator's opinion, and documents.

use chrono::Utc;
use serde_json::json;
use zhichan_domain::InvalidValue;
use zhichan_domain::case::{
    CaseChange, CaseEventBody, CaseId, CaseState, EvidenceFile, NewCaseEvent, Visibility, case_text,
};

use crate::{Actor, Core, CoreError, CoreResult, RequestContext, authz};

/// The longest message, note or opinion, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// What kind of text entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// Shown to the parties and those working on the case.
    Message,
    /// Internal: never shown to a party.
    Note,
    /// The technical opinion (internal); filing it moves the investigation to `opinion_filed`.
    Opinion,
}

impl EntryKind {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Message => "message",
            Self::Note => "note",
            Self::Opinion => "opinion",
        }
    }

    /// Parses `message`, `note` or `opinion`.
    pub fn parse(code: &str) -> Result<Self, InvalidValue> {
        match code.trim() {
            "message" => Ok(Self::Message),
            "note" => Ok(Self::Note),
            "opinion" => Ok(Self::Opinion),
            _ => Err(InvalidValue::new("kind", "message, note or opinion")),
        }
    }
}

/// A text entry to add.
#[derive(Debug, Clone)]
pub struct EntryInput {
    /// What kind.
    pub kind: EntryKind,
    /// The text.
    pub text: String,
}

impl Core {
    /// Adds a message, note or opinion to a case. Parties only write messages; an opinion is
    /// the assigned investigator's (or the centre's) and files it with the court.
    pub async fn add_case_entry(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: CaseId,
        input: EntryInput,
    ) -> CoreResult<zhichan_domain::case::Case> {
        let (case, role) = self.case_for(actor, id).await?;
        let text = case_text("text", &input.text, MAX_TEXT_CHARS)?;
        let mut change = CaseChange::new(case.state, Utc::now());
        let body = match input.kind {
            EntryKind::Message => CaseEventBody::Message { text },
            EntryKind::Note if role.works_on_case() => CaseEventBody::Note { text },
            EntryKind::Note => return Err(CoreError::Forbidden),
            EntryKind::Opinion => {
                authz::file_opinion(role, case.kind)?;
                let to = case.kind.step(case.state, CaseState::OpinionFiled)?;
                change.state = Some(to);
                self.plan_deadlines(&case, to, &mut change).await?;
                CaseEventBody::Opinion { text }
            }
        };
        let opinion = matches!(body, CaseEventBody::Opinion { .. });
        change.events.push(NewCaseEvent::new(Some(actor.user_id()), body));
        if opinion {
            change.events.push(NewCaseEvent::new(
                Some(actor.user_id()),
                CaseEventBody::Transition {
                    from: case.state,
                    to: CaseState::OpinionFiled,
                    outcome: None,
                    reason: None,
                },
            ));
        }
        let audit = self.case_audit(actor, context, "case.entry", &case, json!({ "kind": input.kind.code() }));
        self.apply(id, change, audit).await
    }

    /// Records a document received for a case (its bytes already stored by the file store).
    /// Parties' documents are shown to everyone on the case; those working on it may keep one
    /// internal.
    pub async fn add_case_evidence(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: CaseId,
        file: EvidenceFile,
        internal: bool,
    ) -> CoreResult<zhichan_domain::case::Case> {
        let (case, role) = self.case_for(actor, id).await?;
        if internal && !role.works_on_case() {
            return Err(CoreError::Forbidden);
        }
        let mut change = CaseChange::new(case.state, Utc::now());
        let visibility = if internal { Visibility::Internal } else { Visibility::Parties };
        let audit = self.case_audit(
            actor,
            context,
            "case.evidence",
            &case,
            json!({ "sha256": file.sha256, "size": file.size, "media_type": file.media_type }),
        );
        change.events.push(NewCaseEvent {
            actor_user_id: Some(actor.user_id()),
            visibility,
            body: CaseEventBody::Evidence(file),
        });
        self.apply(id, change, audit).await
    }

    /// A document of a case that `actor` may read: one recorded in an entry they can see.
    pub async fn case_evidence(&self, actor: &Actor, id: CaseId, sha256: &str) -> CoreResult<EvidenceFile> {
        let (_, role) = self.case_for(actor, id).await?;
        let history = self.store.case_events(id, role.works_on_case()).await?;
        history
            .into_iter()
            .find_map(|event| match event.body {
                CaseEventBody::Evidence(file) if file.sha256 == sha256 => Some(file),
                _ => None,
            })
            .ok_or(CoreError::NotFound("document"))
    }
}
