// Schema migrations, oldest first. Never edit a released migration: add the next one.
#include "migrations.hpp"

#include <array>

namespace pathways {
namespace {

constexpr const char* people_schema = R"sql(
CREATE TABLE team (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  borough TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE agency (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  contact_name TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE person (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES team(id),
  display_name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  year_of_birth INTEGER,
  home_lat REAL,
  home_lon REAL,
  max_travel_km REAL,
  hours_min REAL,
  hours_max REAL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX person_by_team ON person(team_id, created_at);
CREATE TABLE person_strength (
  person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  term TEXT NOT NULL,
  own_words TEXT NOT NULL DEFAULT '',
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  PRIMARY KEY (person_id, term)
);
CREATE TABLE person_interest (
  person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  term TEXT,
  own_words TEXT NOT NULL,
  PRIMARY KEY (person_id, position)
);
CREATE TABLE person_goal (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  domain TEXT NOT NULL,
  own_words TEXT NOT NULL,
  priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
  status TEXT NOT NULL
);
CREATE INDEX person_goal_by_person ON person_goal(person_id, position);
CREATE TABLE person_adjustment (
  person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  adjustment TEXT NOT NULL,
  PRIMARY KEY (person_id, adjustment)
);
CREATE TABLE person_availability (
  person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  day TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  PRIMARY KEY (person_id, position)
);
)sql";

constexpr const char* opportunity_schema = R"sql(
CREATE TABLE opportunity (
  id TEXT PRIMARY KEY,
  agency_id TEXT NOT NULL REFERENCES agency(id),
  external_ref TEXT NOT NULL,
  domain TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  lat REAL,
  lon REAL,
  address TEXT NOT NULL DEFAULT '',
  remote INTEGER NOT NULL DEFAULT 0,
  hours_per_week REAL,
  pay_amount REAL,
  pay_unit TEXT,
  places_total INTEGER NOT NULL,
  places_available INTEGER NOT NULL,
  min_age INTEGER,
  max_age INTEGER,
  start_date TEXT,
  end_date TEXT,
  closing_date TEXT,
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  last_updated TEXT NOT NULL,
  assured_date TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (agency_id, external_ref),
  CHECK (places_available >= 0 AND places_available <= places_total)
);
CREATE INDEX opportunity_by_status ON opportunity(status, domain);
CREATE INDEX opportunity_by_lat ON opportunity(lat);
CREATE TABLE opportunity_strength (
  opportunity_id TEXT NOT NULL REFERENCES opportunity(id) ON DELETE CASCADE,
  term TEXT NOT NULL,
  weight REAL NOT NULL,
  PRIMARY KEY (opportunity_id, term)
);
CREATE TABLE opportunity_adjustment (
  opportunity_id TEXT NOT NULL REFERENCES opportunity(id) ON DELETE CASCADE,
  adjustment TEXT NOT NULL,
  PRIMARY KEY (opportunity_id, adjustment)
);
CREATE TABLE opportunity_schedule (
  opportunity_id TEXT NOT NULL REFERENCES opportunity(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  day TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  PRIMARY KEY (opportunity_id, position)
);
)sql";

constexpr const char* api_key_schema = R"sql(
CREATE TABLE api_key (
  id TEXT PRIMARY KEY,
  secret_sha256 TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  team_id TEXT REFERENCES team(id),
  agency_id TEXT REFERENCES agency(id),
  label TEXT NOT NULL DEFAULT '',
  demo INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  CHECK ((role IN ('coordinator', 'employment_specialist')) = (team_id IS NOT NULL)),
  CHECK ((role = 'agency') = (agency_id IS NOT NULL))
);
)sql";

// Partner feeds: a digest of what the feed last said about each of its openings (the feed
// itself is the opening's source, "feed:<name>"), and one row per sync run with its counts
// and its first rejection and warning reasons.
constexpr const char* feed_schema = R"sql(
ALTER TABLE opportunity ADD COLUMN feed_digest TEXT;
CREATE TABLE feed_run (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  feed TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
  reason TEXT NOT NULL DEFAULT '',
  received INTEGER NOT NULL DEFAULT 0,
  added INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  closed INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feed_run_by_feed ON feed_run(feed, id);
CREATE TABLE feed_run_problem (
  run_id INTEGER NOT NULL REFERENCES feed_run(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('rejected', 'warning')),
  external_ref TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL,
  PRIMARY KEY (run_id, position)
);
)sql";

// Version 5 (version 4 is the partner feeds' migration; the runner skips versions it lacks).
constexpr const char* referral_schema = R"sql(
CREATE TABLE consent (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  agency_id TEXT REFERENCES agency(id),
  agency_kind TEXT,
  share_contact_details INTEGER NOT NULL,
  share_strengths INTEGER NOT NULL,
  share_goals INTEGER NOT NULL,
  share_adjustments INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  given_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  CHECK ((agency_id IS NULL) <> (agency_kind IS NULL))
);
CREATE INDEX consent_by_person ON consent(person_id, given_at);
CREATE TABLE referral (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  opportunity_id TEXT NOT NULL REFERENCES opportunity(id),
  agency_id TEXT NOT NULL REFERENCES agency(id),
  team_id TEXT NOT NULL REFERENCES team(id),
  note TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX referral_by_team ON referral(team_id, sent_at);
CREATE INDEX referral_by_agency ON referral(agency_id, sent_at);
CREATE INDEX referral_by_state ON referral(state, sent_at);
CREATE TABLE referral_transition (
  referral_id TEXT NOT NULL REFERENCES referral(id),
  position INTEGER NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  by_key TEXT NOT NULL,
  by_role TEXT NOT NULL,
  at TEXT NOT NULL,
  reason TEXT,
  reason_text TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (referral_id, position)
);
CREATE TABLE event (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  change TEXT NOT NULL,
  team_id TEXT,
  agency_id TEXT
);
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  key_id TEXT NOT NULL,
  role TEXT NOT NULL,
  team_id TEXT,
  agency_id TEXT,
  person_id TEXT NOT NULL,
  action TEXT NOT NULL,
  fields TEXT NOT NULL,
  request_id TEXT NOT NULL,
  allowed INTEGER NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_person ON audit(person_id, seq);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TABLE ips_enrolment (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  specialist_key TEXT NOT NULL,
  enrolled_on TEXT NOT NULL,
  left_on TEXT
);
CREATE TABLE ips_employer_contact (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  specialist_key TEXT NOT NULL,
  contact_on TEXT NOT NULL,
  employer TEXT NOT NULL,
  kind TEXT NOT NULL,
  face_to_face INTEGER NOT NULL
);
CREATE TABLE ips_job (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  employer TEXT NOT NULL,
  job_title TEXT NOT NULL,
  start_date TEXT NOT NULL,
  hours_per_week REAL NOT NULL,
  hourly_wage REAL NOT NULL,
  competitive INTEGER NOT NULL,
  disclosure TEXT NOT NULL,
  end_date TEXT,
  end_reason TEXT
);
CREATE TABLE ips_support_contact (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  job_id TEXT REFERENCES ips_job(id),
  specialist_key TEXT NOT NULL,
  contact_on TEXT NOT NULL
);
)sql";

// A counter every change to api_key moves, so a server remembering live keys forgets them the
// moment one is created, revoked or removed — by itself or by the CLI — and for nothing else.
constexpr const char* api_key_generation_schema = R"sql(
CREATE TABLE api_key_generation (only INTEGER PRIMARY KEY CHECK (only = 1), n INTEGER NOT NULL);
INSERT INTO api_key_generation(only, n) VALUES (1, 0);
CREATE TRIGGER api_key_inserted AFTER INSERT ON api_key
  BEGIN UPDATE api_key_generation SET n = n + 1; END;
CREATE TRIGGER api_key_updated AFTER UPDATE ON api_key
  BEGIN UPDATE api_key_generation SET n = n + 1; END;
CREATE TRIGGER api_key_deleted AFTER DELETE ON api_key
  BEGIN UPDATE api_key_generation SET n = n + 1; END;
)sql";

constexpr std::array<migration, 6> all{{
    {1, "teams, agencies and people", people_schema},
    {2, "opportunities", opportunity_schema},
    {3, "api keys", api_key_schema},
    {4, "partner feeds and their runs", feed_schema},
    {5, "consent, referrals, events, audit trail and IPS placements", referral_schema},
    {6, "a generation counter for api keys", api_key_generation_schema},
}};

}  // namespace

std::span<const migration> schema_migrations() {
  return all;
}

}  // namespace pathways
