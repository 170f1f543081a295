-- Working-day calendars loaded by an administrator (`zhichan admin load-calendar FILE`, see
-- docs/CALENDARS.md): one row per region and year, replacing the year compiled into the binary.
-- `holidays` ([{date, name}]) and `adjusted_working_days` ([date]) hold the file's lists as JSON.

CREATE TABLE calendar_years (
    region                TEXT NOT NULL CHECK (region IN ('mainland', 'hong_kong', 'macau')),
    year                  INTEGER NOT NULL,
    source                TEXT NOT NULL,
    holidays              TEXT NOT NULL,
    adjusted_working_days TEXT NOT NULL,
    loaded_at             TEXT NOT NULL,
    PRIMARY KEY (region, year)
);
