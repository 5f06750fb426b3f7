-- leadkit database, schema version 1; share/schema-2.sql and any later
-- schema-N.sql take it to the version this leadkit writes.
--
-- The CHECKs list values with OR, not IN (...): SQLite builds a lookup
-- table for an IN list each time a statement runs, and an import runs
-- the insert a million times.
--
-- The database file is the API: this is what every program reads and
-- writes, and what an analyst queries.  Times are UTC text,
-- "2026-11-23T14:00:00Z".  Every row a command writes names its batch
-- (one command run).  The history tables (status_changes, activities,
-- followups, followup_events, assignments, batch_undos, catalog_changes)
-- are append-only: triggers below refuse UPDATE and DELETE, so what
-- happened can be explained and undone, never rewritten.  What a new
-- database ships with (the catalog, follow-up kinds, cadence, settings)
-- came with it, not from a command: its batch_id is NULL.

-- One command run that changed something: who, when, what.
CREATE TABLE batches (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,		-- the command's clock
	actor		TEXT NOT NULL,		-- Unix login
	program		TEXT NOT NULL,		-- lead-add, lead-status, ...
	args		TEXT NOT NULL		-- JSON array of its arguments
);

-- A batch undone as a whole, and the batch that undid it.
CREATE TABLE batch_undos (
	batch_id	INTEGER PRIMARY KEY REFERENCES batches(id),
	undone_by	INTEGER NOT NULL REFERENCES batches(id)
);

-- The dealership's settings (windows, counts); defaults below.
CREATE TABLE settings (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL,
	batch_id	INTEGER REFERENCES batches(id)
);
INSERT INTO settings (key, value) VALUES
	('response-window', '15m'),	-- rule 1: answer a new lead within
	('dormant-after', '4d'),	-- rule 5: no activity for this long
	('credit-window', '7d');	-- contact this close to a sale earns half

-- The status catalog (share/statuses.tsv): names, groups and rules as
-- attributes; nothing about a status is in the programs.
CREATE TABLE statuses (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	groups		TEXT NOT NULL,		-- space-separated
	title		TEXT NOT NULL DEFAULT '',
	position	INTEGER NOT NULL,	-- order in the catalog
	initial		INTEGER NOT NULL DEFAULT 0,	-- a new lead's status
	follow_up	INTEGER NOT NULL DEFAULT 0,	-- set with a follow-up
	follow_up_kind	TEXT,			-- and of this kind only
	follow_up_in	TEXT,			-- else one this much later
	default_kind	TEXT,			-- of this kind
	never_dormant	INTEGER NOT NULL DEFAULT 0,
	sold		INTEGER NOT NULL DEFAULT 0,	-- counts as a sale
	excluded	INTEGER NOT NULL DEFAULT 0,	-- from every percentage
	auto		INTEGER NOT NULL DEFAULT 0,	-- set by lead-sweep only
	min_age		TEXT,			-- lead at least this old,
	min_attempts	INTEGER,		-- or this many attempts
	needs_visit	INTEGER NOT NULL DEFAULT 0,	-- after a store visit
	duplicate_within TEXT,			-- --of a lead this recent
	batch_id	INTEGER REFERENCES batches(id)
);

-- Each load of the catalog, status by status, as it was and became.
CREATE TABLE catalog_changes (
	id		INTEGER PRIMARY KEY,
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	status_id	INTEGER NOT NULL,
	old		TEXT,			-- the catalog line before
	new		TEXT			-- and after; NULL if removed
);

-- Kinds of follow-up (share/followup-kinds.tsv); appointments are the
-- kinds where the customer comes in.
CREATE TABLE followup_kinds (
	name		TEXT PRIMARY KEY COLLATE NOCASE,
	appointment	INTEGER NOT NULL DEFAULT 0,
	is_default	INTEGER NOT NULL DEFAULT 0,
	done_by		TEXT NOT NULL DEFAULT '',	-- activity kinds
	title		TEXT NOT NULL DEFAULT ''
);

-- The roster.  hours: "mon-fri 09:00-18:00,sat 10:00-16:00", local.
CREATE TABLE staff (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL DEFAULT '',
	role		TEXT NOT NULL CHECK (role = 'iss' OR role = 'bdc' OR
			    role = 'floor' OR role = 'manager' OR role = 'admin'),
	active		INTEGER NOT NULL DEFAULT 1,
	hours		TEXT NOT NULL DEFAULT '',
	phone		TEXT,
	email		TEXT,
	batch_id	INTEGER REFERENCES batches(id)
);

CREATE TABLE time_off (
	staff_id	INTEGER NOT NULL REFERENCES staff(id),
	day		TEXT NOT NULL,		-- YYYY-MM-DD, local
	batch_id	INTEGER REFERENCES batches(id),
	PRIMARY KEY (staff_id, day)
);

-- The follow-up cadence (share/cadence.tsv): a plan's steps by day.
CREATE TABLE cadence_steps (
	plan		TEXT NOT NULL,
	day		INTEGER NOT NULL,	-- days after assignment
	kind		TEXT NOT NULL REFERENCES followup_kinds(name),
	note		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (plan, day, kind)
);

-- Leads.  The customer, the vehicle, the trade, where it came from;
-- status, salesperson, cdr and last_activity_at are kept current by
-- the triggers on the history tables, which hold the truth.
CREATE TABLE leads (
	id		INTEGER PRIMARY KEY,
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	created_at	TEXT NOT NULL,		-- when leadkit got it
	received_at	TEXT NOT NULL,		-- when the inquiry arrived
	received_raw	TEXT,			-- as written, if its day-month
						-- order was read off the file
	origin		TEXT NOT NULL DEFAULT 'internet'
			    CHECK (origin = 'internet' OR origin = 'phone' OR
			    origin = 'walk-in' OR origin = 'referral'),
	source		TEXT,
	type		TEXT,
	external_id	TEXT,			-- the source's own id
	first_name	TEXT,
	middle_name	TEXT,
	last_name	TEXT,
	company		TEXT,
	email		TEXT,			-- as written
	email_norm	TEXT,			-- for matching; NULL: unusable
	phone		TEXT,			-- as written
	phone_e164	TEXT,			-- NULL: unusable
	street		TEXT,
	city		TEXT,
	region		TEXT,
	postal_code	TEXT,
	country		TEXT,
	year		INTEGER,		-- the vehicle of interest
	make		TEXT,
	model		TEXT,
	trim		TEXT,
	vin		TEXT,
	stock		TEXT,
	price		TEXT,
	odometer	TEXT,
	color		TEXT,
	interest	TEXT,			-- buy, lease, ...
	trade_year	INTEGER,		-- the trade-in
	trade_make	TEXT,
	trade_model	TEXT,
	trade_vin	TEXT,
	trade_odometer	TEXT,
	comments	TEXT,
	vendor		TEXT,			-- dealership it was sent to
	extra		TEXT,			-- JSON object: all else it had
	fingerprint	INTEGER NOT NULL,	-- same lead, same print
	status_id	INTEGER NOT NULL REFERENCES statuses(id),
	status_at	TEXT NOT NULL,
	salesperson	TEXT,			-- staff login
	cdr		TEXT,			-- BDC rep working it
	needs_bdc	INTEGER NOT NULL DEFAULT 0,	-- rule 3
	last_activity_at TEXT
);
CREATE INDEX leads_fingerprint ON leads(fingerprint, batch_id);
CREATE INDEX leads_batch ON leads(batch_id);
CREATE INDEX leads_email ON leads(email_norm) WHERE email_norm IS NOT NULL;
CREATE INDEX leads_phone ON leads(phone_e164) WHERE phone_e164 IS NOT NULL;
CREATE INDEX leads_received ON leads(received_at);
CREATE INDEX leads_status ON leads(status_id, status_at);
CREATE INDEX leads_salesperson ON leads(salesperson)
	WHERE salesperson IS NOT NULL;

-- A lead's e-mail addresses and phones past the first of each.
CREATE TABLE lead_contacts (
	id		INTEGER PRIMARY KEY,
	lead_id		INTEGER NOT NULL REFERENCES leads(id),
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	kind		TEXT NOT NULL CHECK (kind = 'email' OR kind = 'phone'),
	label		TEXT,			-- home, mobile, evening, ...
	value		TEXT NOT NULL,		-- as written
	norm		TEXT			-- NULL: unusable
);
CREATE INDEX lead_contacts_lead ON lead_contacts(lead_id);
CREATE INDEX lead_contacts_norm ON lead_contacts(norm)
	WHERE norm IS NOT NULL;

-- History: every status change.  An undo is a change back, naming the
-- change it undoes; a duplicate names the lead it duplicates.
CREATE TABLE status_changes (
	id		INTEGER PRIMARY KEY,
	lead_id		INTEGER NOT NULL REFERENCES leads(id),
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	from_id		INTEGER NOT NULL REFERENCES statuses(id),
	to_id		INTEGER NOT NULL REFERENCES statuses(id),
	note		TEXT,
	undoes		INTEGER REFERENCES status_changes(id),
	of_lead_id	INTEGER REFERENCES leads(id)	-- a duplicate's original
);
CREATE INDEX status_changes_lead ON status_changes(lead_id, id);
CREATE INDEX status_changes_batch ON status_changes(batch_id);

-- History: calls, e-mails, texts, letters, quotes, store visits, notes.
-- Contact is a conversation or a reply; an attempt is not.
CREATE TABLE activities (
	id		INTEGER PRIMARY KEY,
	lead_id		INTEGER NOT NULL REFERENCES leads(id),
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	at		TEXT NOT NULL,		-- when it happened
	actor		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind = 'call' OR kind = 'email' OR
			    kind = 'text' OR kind = 'letter' OR kind = 'quote' OR
			    kind = 'visit' OR kind = 'note'),
	direction	TEXT NOT NULL DEFAULT 'out'
			    CHECK (direction = 'out' OR direction = 'in'),
	outcome		TEXT CHECK (outcome = 'contact' OR
			    outcome = 'attempt' OR outcome = 'fresh-up' OR
			    outcome = 'be-back'),
	note		TEXT,
	followup_id	INTEGER REFERENCES followups(id)	-- it completed
);
CREATE INDEX activities_lead ON activities(lead_id, at);
CREATE INDEX activities_at ON activities(at);
CREATE INDEX activities_batch ON activities(batch_id);

-- History: follow-ups and appointments as set; what became of each is
-- in followup_events.
CREATE TABLE followups (
	id		INTEGER PRIMARY KEY,
	lead_id		INTEGER NOT NULL REFERENCES leads(id),
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	at		TEXT NOT NULL,		-- when it was set
	actor		TEXT NOT NULL,
	kind		TEXT NOT NULL REFERENCES followup_kinds(name),
	due_at		TEXT NOT NULL,
	note		TEXT,
	status_change_id INTEGER REFERENCES status_changes(id)
);
CREATE INDEX followups_lead ON followups(lead_id);
CREATE INDEX followups_due ON followups(due_at);
CREATE INDEX followups_batch ON followups(batch_id);

-- done (an activity met it), missed, cancelled; for appointments also
-- confirmed (by a manager) and shown (with the store visit).
CREATE TABLE followup_events (
	id		INTEGER PRIMARY KEY,
	followup_id	INTEGER NOT NULL REFERENCES followups(id),
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	event		TEXT NOT NULL CHECK (event = 'done' OR
			    event = 'missed' OR event = 'cancelled' OR
			    event = 'confirmed' OR event = 'shown'),
	activity_id	INTEGER REFERENCES activities(id)
);
CREATE INDEX followup_events_followup ON followup_events(followup_id);
CREATE INDEX followup_events_batch ON followup_events(batch_id);

-- History: who a lead was given to, by whom and why.
CREATE TABLE assignments (
	id		INTEGER PRIMARY KEY,
	lead_id		INTEGER NOT NULL REFERENCES leads(id),
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role = 'salesperson' OR role = 'cdr'),
	from_login	TEXT,
	to_login	TEXT,
	reason		TEXT NOT NULL,		-- round-robin, claim, ...
	why		TEXT			-- who was skipped and for what
);
CREATE INDEX assignments_lead ON assignments(lead_id);
CREATE INDEX assignments_batch ON assignments(batch_id);

-- Where a follow-up stands: open, done, missed, cancelled or shown;
-- confirmed says whether a manager confirmed it.
CREATE VIEW followup_state AS
SELECT f.*,
	k.appointment,
	COALESCE((SELECT e.event FROM followup_events e
	    WHERE e.followup_id = f.id AND e.event <> 'confirmed'
	    ORDER BY e.id DESC LIMIT 1), 'open') AS state,
	EXISTS (SELECT 1 FROM followup_events e
	    WHERE e.followup_id = f.id AND e.event = 'confirmed') AS confirmed
FROM followups f JOIN followup_kinds k ON k.name = f.kind;

-- A status's groups, one row each, for reports by group.
CREATE VIEW status_groups AS
SELECT s.id AS status_id, s.name, g.value AS grp
FROM statuses s, json_each('["' || replace(s.groups, ' ', '","') || '"]') g;

-- Leads with their status by name, for people and analysts.
CREATE VIEW lead_summary AS
SELECT l.id, s.name AS status, l.received_at, l.first_name, l.last_name,
	l.company, l.email, l.phone, l.source, l.origin, l.type, l.year,
	l.make, l.model, l.salesperson, l.status_at
FROM leads l JOIN statuses s ON s.id = l.status_id;

-- The history tables keep the leads' current state.
CREATE TRIGGER status_changes_apply AFTER INSERT ON status_changes
BEGIN
	UPDATE leads SET status_id = NEW.to_id, status_at = NEW.at
	WHERE id = NEW.lead_id;
END;

CREATE TRIGGER activities_apply AFTER INSERT ON activities
BEGIN
	UPDATE leads SET last_activity_at = NEW.at
	WHERE id = NEW.lead_id AND
	    (last_activity_at IS NULL OR last_activity_at < NEW.at);
END;

CREATE TRIGGER assignments_apply AFTER INSERT ON assignments
BEGIN
	UPDATE leads SET salesperson = NEW.to_login
	WHERE id = NEW.lead_id AND NEW.role = 'salesperson';
	UPDATE leads SET cdr = NEW.to_login
	WHERE id = NEW.lead_id AND NEW.role = 'cdr';
END;

-- History is append-only.
CREATE TRIGGER status_changes_keep BEFORE UPDATE ON status_changes
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER status_changes_stay BEFORE DELETE ON status_changes
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER activities_keep BEFORE UPDATE ON activities
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER activities_stay BEFORE DELETE ON activities
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER followups_keep BEFORE UPDATE ON followups
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER followups_stay BEFORE DELETE ON followups
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER followup_events_keep BEFORE UPDATE ON followup_events
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER followup_events_stay BEFORE DELETE ON followup_events
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER assignments_keep BEFORE UPDATE ON assignments
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER assignments_stay BEFORE DELETE ON assignments
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER batch_undos_keep BEFORE UPDATE ON batch_undos
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER batch_undos_stay BEFORE DELETE ON batch_undos
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER catalog_changes_keep BEFORE UPDATE ON catalog_changes
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER catalog_changes_stay BEFORE DELETE ON catalog_changes
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER batches_keep BEFORE UPDATE ON batches
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER batches_stay BEFORE DELETE ON batches
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
