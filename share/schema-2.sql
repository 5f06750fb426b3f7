-- leadkit database, schema version 2: what schema.sql (version 1) gains.
-- A new database runs schema.sql and then this file, an older one only
-- this file, so the two are always the same.
--
-- ADF intake (lead-add --adf): the documents leads came in, kept whole,
-- and the quarantine of those no lead could be read from.

-- A lead document as it came: an ADF file, or the whole mail message
-- that carried it.  What a provider sent is never lost, whatever leadkit
-- made of it: the leads read from it name it (leads.document_id).
CREATE TABLE documents (
	id		INTEGER PRIMARY KEY,
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	at		TEXT NOT NULL,		-- when leadkit got it
	kind		TEXT NOT NULL CHECK (kind = 'adf' OR kind = 'mail'),
	name		TEXT,			-- the file; NULL: stdin
	sender		TEXT,			-- a message's From:, decoded
	subject		TEXT,			-- its Subject:, decoded
	message_id	TEXT,			-- its Message-ID:
	hash		INTEGER NOT NULL,	-- of body: the same one again
	body		BLOB NOT NULL		-- byte for byte
);
CREATE INDEX documents_hash ON documents(hash);
CREATE INDEX documents_batch ON documents(batch_id);

ALTER TABLE leads ADD COLUMN document_id INTEGER REFERENCES documents(id);
CREATE INDEX leads_document ON leads(document_id)
	WHERE document_id IS NOT NULL;

-- Documents held because no lead could be read from them, with the
-- reason; released when a retry reads them (lead-add --retry) or someone
-- discards them (--discard), by that batch.
CREATE TABLE quarantine (
	document_id	INTEGER PRIMARY KEY REFERENCES documents(id),
	batch_id	INTEGER NOT NULL REFERENCES batches(id),
	at		TEXT NOT NULL,		-- when it was held
	reason		TEXT NOT NULL,
	released_by	INTEGER REFERENCES batches(id),	-- NULL: held
	outcome		TEXT			-- "2 added", "discarded"
);

-- What the dealership calls an ADF provider's leads: the provider's
-- <name> (matched without regard to case) and the source its leads get.
-- A provider not here is its own source.  lead-add --load-sources.
CREATE TABLE source_names (
	provider	TEXT PRIMARY KEY COLLATE NOCASE,
	source		TEXT NOT NULL,
	batch_id	INTEGER REFERENCES batches(id)
);
