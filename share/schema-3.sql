-- leadkit database, schema version 3: what version 2 gains.
--
-- Distribution and the rules of engagement (lead-staff, lead-assign):
-- who acted for whom, dated shifts, the routing rules as loaded, the
-- round-robin's turns, and what an assignment and an activity record.

-- A batch run with --as LOGIN: actor is LOGIN, by_login the Unix user
-- who ran it (NULL when the actor ran it).
ALTER TABLE batches ADD COLUMN by_login TEXT;

-- Dated shifts, as a shift export gives them: on a day with any, they
-- and not the weekly hours say when the person works.  Local times.
CREATE TABLE shifts (
	id		INTEGER PRIMARY KEY,
	staff_id	INTEGER NOT NULL REFERENCES staff(id),
	day		TEXT NOT NULL,		-- YYYY-MM-DD, local
	start_at	TEXT NOT NULL,		-- UTC, like every time
	end_at		TEXT NOT NULL,
	batch_id	INTEGER REFERENCES batches(id)
);
CREATE INDEX shifts_staff ON shifts(staff_id, day);

-- Each change to the roster, as it was and became (lead-staff).
CREATE TABLE staff_changes (
	id		INTEGER PRIMARY KEY,
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	login		TEXT NOT NULL,
	old		TEXT,			-- JSON of the record; NULL: new
	new		TEXT			-- NULL: removed
);

-- The routing rules file, every time it was loaded (lead-assign
-- --load-rules), whole: the rules in force are the newest load whose
-- batch was not undone.
CREATE TABLE routing (
	id		INTEGER PRIMARY KEY,
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	at		TEXT NOT NULL,
	file		TEXT,			-- as named; NULL: stdin
	text		TEXT NOT NULL
);

-- Round-robin turns, per rotation and member: pass grows by the stride
-- (1000000 / weight) each lead a member gets; the member on shift with
-- the smallest pass is next.  vtime is the pass of the rotation's last
-- turn: someone back from time off starts there, not far behind.
CREATE TABLE turns (
	rotation	TEXT NOT NULL COLLATE NOCASE,
	login		TEXT NOT NULL,
	pass		INTEGER NOT NULL DEFAULT 0,
	last		INTEGER NOT NULL DEFAULT 0,	-- turn number
	PRIMARY KEY (rotation, login)
);
CREATE TABLE rotation_clock (
	rotation	TEXT PRIMARY KEY COLLATE NOCASE,
	vtime		INTEGER NOT NULL DEFAULT 0,
	turn		INTEGER NOT NULL DEFAULT 0
);

-- An assignment names the rule and rotation that made it, when the lead
-- must be answered by (due_at: the rule's response window; lead-sweep
-- moves it on after), the pass it cost its member, and the assignment
-- an undo reverts.  A pool lead's assignment has no to_login.
ALTER TABLE assignments ADD COLUMN rule TEXT;
ALTER TABLE assignments ADD COLUMN rotation TEXT;
ALTER TABLE assignments ADD COLUMN due_at TEXT;
ALTER TABLE assignments ADD COLUMN stride INTEGER;
ALTER TABLE assignments ADD COLUMN undoes INTEGER REFERENCES assignments(id);
CREATE INDEX assignments_to ON assignments(to_login, at);

-- Rule 3: the ISS or manager who confirmed a BDC rep's contact.
ALTER TABLE activities ADD COLUMN confirmed_by TEXT;

-- Marks on a lead, as history: needs-bdc (rule 3) set or cleared.
CREATE TABLE lead_marks (
	id		INTEGER PRIMARY KEY,
	lead_id		INTEGER NOT NULL REFERENCES leads(id),
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	mark		TEXT NOT NULL CHECK (mark = 'needs-bdc'),
	value		INTEGER NOT NULL
);
CREATE INDEX lead_marks_lead ON lead_marks(lead_id);
CREATE TRIGGER lead_marks_apply AFTER INSERT ON lead_marks
BEGIN
	UPDATE leads SET needs_bdc = NEW.value
	WHERE id = NEW.lead_id AND NEW.mark = 'needs-bdc';
END;

CREATE TRIGGER staff_changes_keep BEFORE UPDATE ON staff_changes
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER staff_changes_stay BEFORE DELETE ON staff_changes
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER routing_keep BEFORE UPDATE ON routing
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER routing_stay BEFORE DELETE ON routing
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER lead_marks_keep BEFORE UPDATE ON lead_marks
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER lead_marks_stay BEFORE DELETE ON lead_marks
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
