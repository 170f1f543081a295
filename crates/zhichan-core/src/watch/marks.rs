//! Watched marks and declared parties: what an organisation watches, and whom it names as its
//! distributors, agents and known squatters.

use serde::Deserialize;
use serde_json::json;
use zhichan_domain::watch::{
    PartyRelation, WatchParty, WatchPartyFields, WatchPartyId, WatchedMark, WatchedMarkFields, WatchedMarkId,
};
use zhichan_domain::{InvalidValue, MarketCode, NiceClass, OrgId, Page};
use zhichan_similarity::MarkProfile;

use crate::audit::entry;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext, authz};

/// The largest page of watched marks one request returns.
pub const MAX_PAGE: u32 = 200;
/// Forms one watched mark may have.
pub const MAX_FORMS: usize = 20;
/// The longest label, form or party name, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// A watched mark as a user typed it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchedMarkInput {
    /// What the organisation calls the mark.
    pub label: String,
    /// Every form in use (汉字, pinyin, English, Cantonese romanisation…), at least one.
    pub forms: Vec<String>,
    /// Nice class numbers; none means the mark is judged without goods.
    #[serde(default)]
    pub classes: Vec<u8>,
    /// Offices and markets of interest besides the organisation's export markets.
    #[serde(default)]
    pub offices: Vec<String>,
}

impl WatchedMarkInput {
    /// Validates every field, or names the first bad one. Forms are trimmed and deduplicated; a
    /// form with nothing distinctive to compare (only legal-form or generic words) is refused.
    pub fn parse(&self) -> CoreResult<WatchedMarkFields> {
        let label = text("label", &self.label)?;
        let mut forms: Vec<String> = Vec::new();
        for form in &self.forms {
            let form = text("forms", form)?;
            if MarkProfile::new(&form).is_empty() {
                return Err(InvalidValue::new("forms", "forms with letters or Chinese characters to compare").into());
            }
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        if forms.is_empty() || forms.len() > MAX_FORMS {
            return Err(InvalidValue::new("forms", "1 to 20 forms of the mark").into());
        }
        let mut classes = self.classes.iter().map(|&c| NiceClass::new(c)).collect::<Result<Vec<_>, _>>()?;
        classes.sort();
        classes.dedup();
        let offices = MarketCode::parse_list(&self.offices.join(","))
            .map_err(|_| InvalidValue::new("offices", "two-letter office or market codes such as US, DE, EM"))?;
        Ok(WatchedMarkFields { label, forms, classes, offices })
    }
}

/// A declared party as a user typed it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchPartyInput {
    /// The party's name as it files.
    pub name: String,
    /// `distributor`, `agent` or `known_squatter`.
    pub relation: String,
}

impl WatchPartyInput {
    /// Validates the name and relation.
    pub fn parse(&self) -> CoreResult<WatchPartyFields> {
        Ok(WatchPartyFields { name: text("name", &self.name)?, relation: PartyRelation::parse(&self.relation)? })
    }
}

fn text(field: &'static str, value: &str) -> CoreResult<String> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > MAX_TEXT_CHARS {
        return Err(InvalidValue::new(field, "1 to 200 characters").into());
    }
    Ok(value.to_owned())
}

impl Core {
    /// The watched marks of `organisation_id` (staff and administrators: of every organisation
    /// when `None`; everyone else always gets their own), in id order.
    pub async fn watched_marks(
        &self,
        actor: &Actor,
        organisation_id: Option<OrgId>,
        page: Page,
    ) -> CoreResult<Vec<WatchedMark>> {
        let scope = authz::watch_scope(actor, organisation_id, "watched_mark")?;
        let page = Page { after: page.after, limit: page.limit.clamp(1, MAX_PAGE) };
        Ok(self.store.watched_marks(scope, page).await?)
    }

    /// One watched mark the actor may see.
    pub async fn watched_mark(&self, actor: &Actor, id: WatchedMarkId) -> CoreResult<WatchedMark> {
        let mark = self.store.watched_mark(id).await?.ok_or(CoreError::NotFound("watched_mark"))?;
        authz::watch(actor, mark.organisation_id, "watched_mark")?;
        Ok(mark)
    }

    /// Adds a watched mark to `organisation_id`'s watch.
    pub async fn create_watched_mark(
        &self,
        actor: &Actor,
        context: &RequestContext,
        organisation_id: OrgId,
        input: &WatchedMarkInput,
    ) -> CoreResult<WatchedMark> {
        authz::watch(actor, organisation_id, "organisation")?;
        self.store.organisation(organisation_id).await?.ok_or(CoreError::NotFound("organisation"))?;
        let fields = input.parse()?;
        let audit = entry(
            Some(actor),
            context,
            "watched_mark.create",
            ("watched_mark", None),
            Some(organisation_id),
            json!({ "label": fields.label, "forms": fields.forms, "classes": fields.classes, "offices": fields.offices }),
        );
        Ok(self.store.create_watched_mark(organisation_id, Some(actor.user_id()), &fields, audit).await?)
    }

    /// Replaces a watched mark's label, forms, classes and offices.
    pub async fn update_watched_mark(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: WatchedMarkId,
        input: &WatchedMarkInput,
    ) -> CoreResult<WatchedMark> {
        let current = self.watched_mark(actor, id).await?;
        let fields = input.parse()?;
        let audit = entry(
            Some(actor),
            context,
            "watched_mark.update",
            ("watched_mark", Some(id.to_string())),
            Some(current.organisation_id),
            json!({
                "before": { "label": current.label, "forms": current.forms, "classes": current.classes, "offices": current.offices },
                "after": { "label": fields.label, "forms": fields.forms, "classes": fields.classes, "offices": fields.offices },
            }),
        );
        Ok(self.store.update_watched_mark(id, &fields, audit).await?)
    }

    /// Stops watching a mark; its alerts go with it.
    pub async fn delete_watched_mark(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: WatchedMarkId,
    ) -> CoreResult<()> {
        let current = self.watched_mark(actor, id).await?;
        let audit = entry(
            Some(actor),
            context,
            "watched_mark.delete",
            ("watched_mark", Some(id.to_string())),
            Some(current.organisation_id),
            json!({ "label": current.label, "forms": current.forms }),
        );
        Ok(self.store.delete_watched_mark(id, audit).await?)
    }

    /// The declared parties of `organisation_id` (staff and administrators: of every organisation
    /// when `None`; everyone else always gets their own), in id order.
    pub async fn watch_parties(&self, actor: &Actor, organisation_id: Option<OrgId>) -> CoreResult<Vec<WatchParty>> {
        let scope = authz::watch_scope(actor, organisation_id, "watch_party")?;
        Ok(self.store.watch_parties(scope).await?)
    }

    /// One declared party the actor may see.
    pub async fn watch_party(&self, actor: &Actor, id: WatchPartyId) -> CoreResult<WatchParty> {
        let party = self.store.watch_party(id).await?.ok_or(CoreError::NotFound("watch_party"))?;
        authz::watch(actor, party.organisation_id, "watch_party")?;
        Ok(party)
    }

    /// Declares a party of `organisation_id`.
    pub async fn create_watch_party(
        &self,
        actor: &Actor,
        context: &RequestContext,
        organisation_id: OrgId,
        input: &WatchPartyInput,
    ) -> CoreResult<WatchParty> {
        authz::watch(actor, organisation_id, "organisation")?;
        self.store.organisation(organisation_id).await?.ok_or(CoreError::NotFound("organisation"))?;
        let fields = input.parse()?;
        let audit = entry(
            Some(actor),
            context,
            "watch_party.create",
            ("watch_party", None),
            Some(organisation_id),
            json!({ "name": fields.name, "relation": fields.relation }),
        );
        Ok(self.store.create_watch_party(organisation_id, &fields, audit).await?)
    }

    /// Replaces a declared party's name and relation.
    pub async fn update_watch_party(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: WatchPartyId,
        input: &WatchPartyInput,
    ) -> CoreResult<WatchParty> {
        let current = self.watch_party(actor, id).await?;
        let fields = input.parse()?;
        let audit = entry(
            Some(actor),
            context,
            "watch_party.update",
            ("watch_party", Some(id.to_string())),
            Some(current.organisation_id),
            json!({
                "before": { "name": current.name, "relation": current.relation },
                "after": { "name": fields.name, "relation": fields.relation },
            }),
        );
        Ok(self.store.update_watch_party(id, &fields, audit).await?)
    }

    /// Removes a declared party.
    pub async fn delete_watch_party(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: WatchPartyId,
    ) -> CoreResult<()> {
        let current = self.watch_party(actor, id).await?;
        let audit = entry(
            Some(actor),
            context,
            "watch_party.delete",
            ("watch_party", Some(id.to_string())),
            Some(current.organisation_id),
            json!({ "name": current.name, "relation": current.relation }),
        );
        Ok(self.store.delete_watch_party(id, audit).await?)
    }
}
