//! Who is asking, and from where.

use zhichan_domain::{OrgId, Role, User, UserId};

/// A signed-in user acting through the UI, the API or the CLI.
#[derive(Debug, Clone)]
pub struct Actor {
    user: User,
}

impl Actor {
    /// The actor behind an authenticated account.
    pub fn new(user: User) -> Self {
        Self { user }
    }

    /// The account.
    pub fn user(&self) -> &User {
        &self.user
    }

    /// The actor's user id.
    pub fn user_id(&self) -> UserId {
        self.user.id
    }

    /// The organisation the actor belongs to.
    pub fn organisation_id(&self) -> OrgId {
        self.user.organisation_id
    }

    /// Whether the actor holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.user.roles.contains(&role)
    }

    /// District staff and administrators serve every client organisation.
    pub fn serves_every_organisation(&self) -> bool {
        self.has(Role::Staff) || self.has(Role::Admin)
    }
}

/// Where a request came from, for the audit trail and sign-in throttling.
#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    /// Client IP address.
    pub ip: Option<String>,
    /// Client software.
    pub user_agent: Option<String>,
}

impl RequestContext {
    /// A context for work started from the command line on this machine.
    pub fn cli() -> Self {
        Self { ip: None, user_agent: Some("zhichan-cli".into()) }
    }
}
