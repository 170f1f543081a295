//! What an organisation watches for trademark filings: its marks, in every form it uses, and
//! the parties it declares (distributors, agents, known squatters) so their filings stand out.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::PartyRelation;
use crate::id::id_type;
use crate::{MarketCode, NiceClass, OrgId, UserId};

id_type!(
    /// The id of a watched mark.
    WatchedMarkId
);

id_type!(
    /// The id of a declared party.
    WatchPartyId
);

/// A mark an organisation watches, in every form it uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchedMark {
    /// Store-assigned id.
    pub id: WatchedMarkId,
    /// The organisation watching it.
    pub organisation_id: OrgId,
    /// What the organisation calls it.
    pub label: String,
    /// Every form in use: 汉字, pinyin, English name, Cantonese romanisation…
    pub forms: Vec<String>,
    /// The Nice classes of its goods and services.
    pub classes: Vec<NiceClass>,
    /// Offices and markets of interest besides the organisation's export markets.
    pub offices: Vec<MarketCode>,
    /// The user who added it.
    pub created_by: Option<UserId>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The editable part of a watched mark, already validated.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchedMarkFields {
    /// Label.
    pub label: String,
    /// Forms, at least one.
    pub forms: Vec<String>,
    /// Nice classes.
    pub classes: Vec<NiceClass>,
    /// Offices and markets of interest.
    pub offices: Vec<MarketCode>,
}

/// A party an organisation declares, so that its filings of the organisation's marks stand out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchParty {
    /// Store-assigned id.
    pub id: WatchPartyId,
    /// The organisation declaring it.
    pub organisation_id: OrgId,
    /// The party's name as it files.
    pub name: String,
    /// How it relates to the organisation.
    pub relation: PartyRelation,
    /// When it was declared.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The editable part of a declared party, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchPartyFields {
    /// Name.
    pub name: String,
    /// Relation.
    pub relation: PartyRelation,
}
