//! The roles a user can hold. What each role may do is decided in `zhichan-core`; this module only
//! names them and says which kind of organisation may hold them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{InvalidValue, OrgKind};

/// A role held by a user within their organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// An employee of an enterprise: sees and uses their own organisation's records.
    EnterpriseMember,
    /// Manages an enterprise's profile and members.
    EnterpriseAdmin,
    /// District IP centre staff: serve every client enterprise.
    Staff,
    /// Answers consultations in their field.
    Expert,
    /// Conducts mediation cases.
    Mediator,
    /// Technical investigator (技术调查官) assigned to court and agency cases.
    TechnicalInvestigator,
    /// Platform administrator: accounts, reference data, audit.
    Admin,
}

impl Role {
    /// Every role, in order of increasing reach.
    pub const ALL: [Role; 7] = [
        Role::EnterpriseMember,
        Role::EnterpriseAdmin,
        Role::Expert,
        Role::Mediator,
        Role::TechnicalInvestigator,
        Role::Staff,
        Role::Admin,
    ];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Role::EnterpriseMember => "enterprise_member",
            Role::EnterpriseAdmin => "enterprise_admin",
            Role::Staff => "staff",
            Role::Expert => "expert",
            Role::Mediator => "mediator",
            Role::TechnicalInvestigator => "technical_investigator",
            Role::Admin => "admin",
        }
    }

    /// Parses a role code.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        Role::ALL.into_iter().find(|r| r.code() == input.trim()).ok_or_else(|| {
            let codes: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
            InvalidValue::new("role", format!("one of: {}", codes.join(", ")))
        })
    }

    /// Whether a member of an organisation of `kind` may hold this role. Enterprise roles belong to
    /// enterprises, staff and admin to the district centre; experts, mediators and investigators
    /// may sit in the centre or in a service provider.
    pub fn allowed_in(self, kind: OrgKind) -> bool {
        match self {
            Role::EnterpriseMember | Role::EnterpriseAdmin => kind == OrgKind::Enterprise,
            Role::Staff | Role::Admin => kind == OrgKind::Centre,
            Role::Expert | Role::Mediator | Role::TechnicalInvestigator => kind != OrgKind::Enterprise,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Ok(role));
        }
        assert_eq!(Role::parse("root").unwrap_err().field, "role");
    }

    #[test]
    fn enterprise_roles_stay_in_enterprises() {
        assert!(Role::EnterpriseAdmin.allowed_in(OrgKind::Enterprise));
        assert!(!Role::EnterpriseAdmin.allowed_in(OrgKind::Centre));
        assert!(!Role::Admin.allowed_in(OrgKind::Enterprise));
        assert!(!Role::Expert.allowed_in(OrgKind::Enterprise));
        assert!(Role::Mediator.allowed_in(OrgKind::ServiceProvider));
    }
}
