-- The expert and provider directory (SQLite): experts' profiles with their fields and
-- languages, the ties experts declare to parties (for conflict checks), and service providers'
-- profiles with their kinds, offices, languages and regions. Names and roles are the account's
-- and the organisation's own, joined when read.

CREATE TABLE expert_profiles (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    region     TEXT NOT NULL CHECK (region IN ('mainland', 'hong_kong', 'macau', 'overseas')),
    bio        TEXT NOT NULL,
    accepting  INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- A profile's coded lists, one row per value, in the order given: `field` (technical fields)
-- and `language`. Filters look values up here.
CREATE TABLE expert_profile_facets (
    user_id  INTEGER NOT NULL REFERENCES expert_profiles (user_id) ON DELETE CASCADE,
    facet    TEXT NOT NULL CHECK (facet IN ('field', 'language')),
    position INTEGER NOT NULL,
    code     TEXT NOT NULL,
    PRIMARY KEY (user_id, facet, code)
);
CREATE INDEX expert_profile_facets_code ON expert_profile_facets (facet, code, user_id);

CREATE TABLE expert_affiliations (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    party_name      TEXT NOT NULL,
    tie             TEXT NOT NULL CHECK (tie IN ('officer', 'employee', 'owner', 'financial_interest', 'adviser',
                                                 'former_adviser', 'counsel_colleague', 'repeat_appointments',
                                                 'general_opinion')),
    started_on      TEXT,
    ended_on        TEXT,
    note            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX expert_affiliations_user ON expert_affiliations (user_id, id);

CREATE TABLE provider_profiles (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    contact         TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- A provider profile's coded lists, one row per value, in the order given: `kind`, `office`,
-- `language` and `region`.
CREATE TABLE provider_profile_facets (
    organisation_id INTEGER NOT NULL REFERENCES provider_profiles (organisation_id) ON DELETE CASCADE,
    facet           TEXT NOT NULL CHECK (facet IN ('kind', 'office', 'language', 'region')),
    position        INTEGER NOT NULL,
    code            TEXT NOT NULL,
    PRIMARY KEY (organisation_id, facet, code)
);
CREATE INDEX provider_profile_facets_code ON provider_profile_facets (facet, code, organisation_id);
