//! The station network "1+10+N": the district IP centre (1), a service window in each of the ten
//! streets' parks (10), and stations in industrial parks, associations and large enterprises (N).
//! An enterprise's requests go to the window of its street, else to the centre; the centre's staff
//! see every station's cases.
//!
//! Beside the network, the [`CATALOGUE`]: the services the network offers, by category, each
//! with the kind of case it opens and who may ask for it.

use serde::Serialize;

use crate::case::CaseKind;
use crate::expertise::vocabulary;
use crate::id::id_type;
use crate::{Locale, Street};

id_type!(
    /// The id of a station.
    StationId
);

vocabulary!(
    /// A tier of the network.
    StationKind, "station_kind" {
        /// 区知识产权服务中心: the centre (one).
        Centre = "centre",
        /// 街道园区服务窗口: a street's park window (ten).
        ParkWindow = "park_window",
        /// 工作站: a station in a park, association or enterprise (any number).
        Workstation = "workstation",
    }
);

/// A station of the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Station {
    /// Store-assigned id.
    pub id: StationId,
    /// Its tier.
    pub kind: StationKind,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// The street it serves (none for the centre).
    pub street: Option<Street>,
    /// Where to find it.
    pub address: String,
}

impl Station {
    /// The name in `locale` (traditional Chinese readers read the Chinese name).
    pub fn name(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => &self.name_en,
            Locale::ZhHans | Locale::ZhHant => &self.name_zh,
        }
    }
}

/// The station an enterprise of `street` is served by: its street's park window, else the centre.
pub fn route(stations: &[Station], street: Option<Street>) -> Option<&Station> {
    let window = street.and_then(|street| {
        stations.iter().find(|station| station.kind == StationKind::ParkWindow && station.street == Some(street))
    });
    window.or_else(|| stations.iter().find(|station| station.kind == StationKind::Centre))
}

/// Who may ask for a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Requester {
    /// An enterprise, for itself.
    Enterprise,
    /// The centre's staff, on behalf of a court, an agency or an enterprise.
    Staff,
}

/// A category of the service catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceCategory {
    /// 咨询服务
    Advice,
    /// 维权与纠纷解决
    Disputes,
    /// 司法与执法协作
    Enforcement,
}

/// A service of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Service {
    /// Its category.
    pub category: ServiceCategory,
    /// The case it opens.
    pub kind: CaseKind,
    /// Who may ask for it.
    pub requester: Requester,
}

/// The services the network offers, by category.
pub const CATALOGUE: [Service; 6] = [
    Service { category: ServiceCategory::Advice, kind: CaseKind::Consultation, requester: Requester::Enterprise },
    Service { category: ServiceCategory::Disputes, kind: CaseKind::RightsAssistance, requester: Requester::Enterprise },
    Service { category: ServiceCategory::Disputes, kind: CaseKind::Mediation, requester: Requester::Enterprise },
    Service {
        category: ServiceCategory::Enforcement,
        kind: CaseKind::TechnicalInvestigation,
        requester: Requester::Staff,
    },
    Service {
        category: ServiceCategory::Enforcement,
        kind: CaseKind::EnforcementReferral,
        requester: Requester::Staff,
    },
    Service { category: ServiceCategory::Enforcement, kind: CaseKind::EvidenceService, requester: Requester::Staff },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn station(id: i64, kind: StationKind, street: Option<Street>) -> Station {
        Station {
            id: StationId::new(id),
            kind,
            name_zh: format!("站{id}"),
            name_en: format!("Station {id}"),
            street,
            address: String::new(),
        }
    }

    #[test]
    fn requests_go_to_the_street_window_else_the_centre() {
        let network = [
            station(1, StationKind::Centre, None),
            station(2, StationKind::ParkWindow, Some(Street::Shajing)),
            station(3, StationKind::Workstation, Some(Street::Fuyong)),
        ];
        assert_eq!(route(&network, Some(Street::Shajing)).map(|s| s.id.get()), Some(2));
        assert_eq!(route(&network, Some(Street::Fuyong)).map(|s| s.id.get()), Some(1), "workstations do not route");
        assert_eq!(route(&network, None).map(|s| s.id.get()), Some(1));
        assert_eq!(route(&[], None), None);
    }

    #[test]
    fn the_catalogue_offers_every_kind_once_and_parties_ask_for_their_own() {
        for kind in CaseKind::ALL {
            let services: Vec<_> = CATALOGUE.iter().filter(|service| service.kind == *kind).collect();
            assert_eq!(services.len(), 1, "{kind}");
            assert_eq!(services[0].requester == Requester::Enterprise, kind.opened_by_parties(), "{kind}");
        }
    }
}
