/*
 * intake: a document (an ADF file, or a mail message and the ADF parts
 * lib/mail.c finds in it) read through lib/adf.c into leads.  The
 * document is stored once, with the first lead that is new; a document
 * that gives no lead is quarantined (mail) or refused (a file).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "adf.h"
#include "catalog.h"
#include "db.h"
#include "intake.h"
#include "lead.h"
#include "mail.h"
#include "msg.h"
#include "xmem.h"

/* One document being read. */
struct one {
	struct lk_db *db;
	struct lk_doc doc;
	const char *place;	/* for messages: the file, or "stdin" */
	struct lk_mail_info info;	/* a message's headers */
	int64_t	 id;		/* the stored document, 0 until stored */
	int	 strict;
	long	 added, already, warned;
	size_t	 prospects;	/* read, good or bad */
	const char *part;	/* the MIME part being read, or NULL */
	size_t	 nth_part;	/* ... counted from 1 */
	struct lk_buf why;	/* what went wrong, "; "-separated */
	struct lk_buf why_parts;	/* the same naming each part, for
					   a message of several */
	int	 rc;		/* a failure of ours */
};

static void
why_add(struct one *o, const char *s)
{
	if (o->why.len > 0)
		lk_buf_adds(&o->why, "; ");
	lk_buf_adds(&o->why, s);
	if (o->why_parts.len > 0)
		lk_buf_adds(&o->why_parts, "; ");
	if (o->part != NULL)
		lk_buf_addf(&o->why_parts, "part %s: ", o->part);
	lk_buf_adds(&o->why_parts, s);
}

/* Keep the document, once, with what its headers say of it. */
static int
store(struct one *o)
{
	if (o->id != 0)
		return 0;
	if (o->doc.sender == NULL && o->doc.subject == NULL &&
	    o->doc.message_id == NULL) {
		o->doc.sender = o->info.from;
		o->doc.subject = o->info.subject;
		o->doc.message_id = o->info.message_id;
	}
	return lk_db_document_add(o->db, &o->doc, &o->id);
}

/* A prospect: the dealership's name for its provider, checked, stored. */
static int
prospect(struct lk_lead *l, size_t nth, void *arg)
{
	struct one *o = arg;
	struct lk_buf place = LK_BUF_INIT;
	const struct lk_issue *e;
	const char *provider = NULL, *mapped;
	char	*source, *s;
	int64_t	 id, already;
	size_t	 i;

	o->prospects++;
	if (l->v[LK_F_SOURCE] != NULL) {
		if ((o->rc = lk_db_source_name(o->db, l->v[LK_F_SOURCE],
		    &source)) != 0)
			return 1;
		if (source != NULL) {
			provider = l->v[LK_F_SOURCE];
			lk_lead_extra(l, "provider.name", provider,
			    strlen(provider));
			l->v[LK_F_SOURCE] = lk_arena_strdup(l->arena, source);
			free(source);
		}
	}
	lk_lead_finish(l, o->strict);
	/* Warnings name the part when it is not the message's first. */
	if (o->nth_part > 1)
		lk_buf_addf(&place, "%s: part %s: prospect %zu", o->place,
		    o->part, nth);
	else
		lk_buf_addf(&place, "%s: prospect %zu", o->place, nth);
	for (i = 0; i < l->nissues; i++)
		if ((e = &l->issues[i])->error) {
			s = lk_xasprintf("prospect %zu: %s%s%s", nth,
			    e->field != NULL ? e->field : "",
			    e->field != NULL ? ": " : "", e->reason);
			why_add(o, s);
			free(s);
			lk_buf_free(&place);
			return 0;
		}
	if ((o->rc = lk_db_lead_find(o->db, l, &already)) != 0)
		goto out;
	/* A lead that came before its provider had a source name is
	 * stored under the provider's own: a resend is still that lead. */
	if (already == 0 && provider != NULL) {
		mapped = l->v[LK_F_SOURCE];
		l->v[LK_F_SOURCE] = provider;
		l->fingerprint = lk_lead_fingerprint(l);
		o->rc = lk_db_lead_find(o->db, l, &already);
		l->v[LK_F_SOURCE] = mapped;
		l->fingerprint = lk_lead_fingerprint(l);
		if (o->rc != 0)
			goto out;
	}
	if (already != 0) {
		o->already++;
		goto out;
	}
	if ((o->rc = store(o)) != 0)
		goto out;
	l->document = o->id;
	for (i = 0; i < l->nissues; i++)
		lk_msg_at(0, place.s, 0, l->issues[i].field,
		    l->issues[i].value, "%s", l->issues[i].reason);
	if (l->nissues > 0)
		o->warned++;
	if ((o->rc = lk_db_lead_add(o->db, l, &id)) == 0)
		o->added++;
out:
	lk_buf_free(&place);
	return o->rc != 0;
}

/* A MIME part holding ADF. */
static int
part(const char *data, size_t len, const char *charset, const char *where,
    void *arg)
{
	struct one *o = arg;
	char	*why, *s;
	size_t	 n;
	int	 rc;

	o->part = where;
	o->nth_part++;
	rc = lk_adf_read(data, len, charset, prospect, o, &n, &why);
	if (why != NULL) {
		o->part = NULL;
		s = lk_xasprintf("part %s: %s", where, why);
		why_add(o, s);
		free(s);
		free(why);
	}
	o->part = NULL;
	return rc;
}

/*
 * Read o->doc.  0 when it gave leads; EX_DATAERR when it gave none, or
 * some of its prospects could not be read (o->why says why); another
 * code on a failure of ours.
 */
static int
read_doc(struct one *o, int mail)
{
	char	*why = NULL;
	size_t	 n;

	if (mail) {
		lk_mail_adf(o->doc.body, o->doc.len, &o->info, part, o, &n,
		    &why);
		/* In a message of several parts, say which part. */
		if (n > 1) {
			lk_buf_free(&o->why);
			o->why = o->why_parts;
			memset(&o->why_parts, 0, sizeof(o->why_parts));
		}
	} else
		lk_adf_read(o->doc.body, o->doc.len, NULL, prospect, o, &n,
		    &why);
	if (why != NULL) {
		why_add(o, why);
		free(why);
	}
	if (o->rc != 0)
		return o->rc;
	if (o->why.len > 0 || o->added + o->already == 0) {
		if (o->why.len == 0)
			why_add(o, "no readable lead");
		return EX_DATAERR;
	}
	return 0;
}

static void
one_free(struct one *o)
{
	lk_mail_info_free(&o->info);
	lk_buf_free(&o->why);
	lk_buf_free(&o->why_parts);
}

static void
count(struct lk_intake_counts *n, const struct one *o)
{
	n->documents++;
	n->added += o->added;
	n->already += o->already;
	n->warned += o->warned;
}

/* Read a whole file (or stdin) into b: 0, or a sysexits code. */
static int
slurp(const char *file, struct lk_buf *b)
{
	char	 chunk[65536];
	FILE	*fp;
	size_t	 n;
	int	 rc = 0;

	if (strcmp(file, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(file, "rb")) == NULL) {
		lk_err(EX_NOINPUT, "%s: %s", file, strerror(errno));
		return EX_NOINPUT;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		lk_buf_add(b, chunk, n);
	if (ferror(fp)) {
		lk_err(EX_IOERR, "%s: %s", file, strerror(errno));
		rc = EX_IOERR;
	}
	if (fp != stdin)
		fclose(fp);
	return rc;
}

/* One document from the file name (or stdin). */
static int
take(struct lk_db *db, const struct lk_intake *in, const char *name,
    const char *body, size_t len, struct lk_intake_counts *n)
{
	struct one o;
	int64_t	 held;
	int	 rc;

	memset(&o, 0, sizeof(o));
	o.db = db;
	o.strict = in->strict;
	o.doc.kind = in->mail ? "mail" : "adf";
	o.doc.name = strcmp(name, "-") == 0 ? NULL : name;
	o.doc.body = body;
	o.doc.len = len;
	o.place = strcmp(name, "-") == 0 ? "stdin" : name;
	rc = read_doc(&o, in->mail);
	count(n, &o);
	if (rc == EX_DATAERR && !in->mail)
		lk_msg_at(EX_DATAERR, o.place, 0, NULL, NULL, "%s",
		    lk_buf_str(&o.why));
	else if (rc == EX_DATAERR) {
		/* The message is kept whole, once, with why. */
		if (in->dry_run) {
			lk_warn("%s: would be quarantined: %s", o.place,
			    lk_buf_str(&o.why));
			n->held++;
			rc = 0;
			goto out;
		}
		if ((rc = lk_db_quarantine_find(db, &o.doc, &held)) != 0)
			goto out;
		if (held != 0) {
			lk_warn("%s: held already, as document %lld: %s",
			    o.place, (long long)held, lk_buf_str(&o.why));
			n->held_before++;
			goto out;
		}
		if ((rc = store(&o)) != 0)
			goto out;
		if ((rc = lk_db_quarantine_add(db, o.id,
		    lk_buf_str(&o.why))) != 0)
			goto out;
		n->held++;
		lk_warn("%s: quarantined as document %lld: %s (lead-add "
		    "--quarantine lists it)", o.place, (long long)o.id,
		    lk_buf_str(&o.why));
	}
out:
	one_free(&o);
	return rc;
}

static int
visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

int
lk_intake_adf(struct lk_db *db, const struct lk_intake *in,
    struct lk_intake_counts *n)
{
	struct lk_buf b = LK_BUF_INIT;
	struct dirent **ents = NULL;
	struct stat st;
	char	*path;
	int	 i, k = 0, rc;

	memset(n, 0, sizeof(*n));
	n->batch = lk_db_batch(db);
	if (strcmp(in->file, "-") != 0 && stat(in->file, &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		/* A maildir's new/, or any directory of messages. */
		if ((k = scandir(in->file, &ents, visible, alphasort)) < 0) {
			lk_err(EX_NOINPUT, "%s: %s", in->file,
			    strerror(errno));
			return EX_NOINPUT;
		}
		for (i = rc = 0; i < k; i++) {
			path = lk_xasprintf("%s/%s", in->file,
			    ents[i]->d_name);
			if (rc == 0 && stat(path, &st) == 0 &&
			    S_ISREG(st.st_mode)) {
				lk_buf_clear(&b);
				if ((rc = slurp(path, &b)) == 0)
					rc = take(db, in, path, b.s != NULL ?
					    b.s : "", b.len, n);
			}
			free(path);
			free(ents[i]);
		}
		free(ents);
	} else if ((rc = slurp(in->file, &b)) == 0)
		rc = take(db, in, in->file, b.s != NULL ? b.s : "", b.len, n);
	lk_buf_free(&b);
	/* The mail system retries what failed for our own reasons. */
	if (in->mail && rc != 0 && rc != EX_NOINPUT)
		rc = EX_TEMPFAIL;
	return rc;
}

int
lk_intake_retry(struct lk_db *db, const int64_t *ids, size_t n,
    int strict, struct lk_intake_counts *c)
{
	int64_t	*all = NULL;
	struct lk_doc d;
	struct one o;
	char	*place, *outcome;
	size_t	 i, nall = 0;
	int	 rc = 0, r, state, still = 0;

	memset(c, 0, sizeof(*c));
	c->batch = lk_db_batch(db);
	if (n == 0) {
		if ((rc = lk_db_quarantine_held(db, &all, &nall)) != 0)
			return rc;
		ids = all;
		n = nall;
	}
	for (i = 0; rc == 0 && i < n; i++) {
		if ((rc = lk_db_document_get(db, ids[i], &d, &state)) != 0)
			break;
		if (state != LK_DOC_HELD) {
			lk_err(EX_DATAERR, "document %lld: %s", (long long)ids[i],
			    state == LK_DOC_RELEASED ? "released already" :
			    "not in the quarantine");
			still = 1;
			lk_doc_free(&d);
			continue;
		}
		memset(&o, 0, sizeof(o));
		o.db = db;
		o.strict = strict;
		o.doc = d;
		o.id = ids[i];
		place = lk_xasprintf("document %lld", (long long)ids[i]);
		o.place = place;
		r = read_doc(&o, strcmp(d.kind, "mail") == 0);
		count(c, &o);
		if (r == 0) {
			outcome = lk_xasprintf("%ld added, %ld already there",
			    o.added, o.already);
			rc = lk_db_quarantine_update(db, ids[i], NULL, outcome);
			free(outcome);
			c->released++;
		} else if (r == EX_DATAERR) {
			lk_msg_at(EX_DATAERR, place, 0, NULL, NULL, "still "
			    "held: %s", lk_buf_str(&o.why));
			rc = lk_db_quarantine_update(db, ids[i],
			    lk_buf_str(&o.why), NULL);
			c->still++;
			still = 1;
		} else
			rc = r;
		one_free(&o);
		free(place);
		lk_doc_free(&d);
	}
	free(all);
	return rc != 0 ? rc : still ? EX_DATAERR : 0;
}

int
lk_intake_discard(struct lk_db *db, const int64_t *ids, size_t n)
{
	struct lk_doc d;
	size_t	 i;
	int	 rc = 0, state;

	for (i = 0; rc == 0 && i < n; i++) {
		if ((rc = lk_db_document_get(db, ids[i], &d, &state)) != 0)
			break;
		lk_doc_free(&d);
		if (state != LK_DOC_HELD) {
			lk_err(EX_DATAERR, "document %lld: %s", (long long)ids[i],
			    state == LK_DOC_RELEASED ? "released already" :
			    "not in the quarantine");
			rc = EX_DATAERR;
		} else
			rc = lk_db_quarantine_update(db, ids[i], NULL,
			    "discarded");
	}
	return rc;
}

struct names {
	char	**pairs;
	size_t	 n;
};

static void
name_row(struct lk_tsv *t, void *arg)
{
	struct names *ns = arg;
	const char *p = lk_tsv_col(t, "provider"), *s = lk_tsv_col(t, "source");
	size_t	 i;

	if (*p == '\0' || *s == '\0') {
		lk_tsv_bad(t, *p == '\0' ? "provider" : "source", NULL,
		    "empty");
		return;
	}
	for (i = 0; i < ns->n; i++)
		if (strcasecmp(ns->pairs[2 * i], p) == 0) {
			lk_tsv_bad(t, "provider", p, "named twice");
			return;
		}
	ns->pairs = lk_xreallocarray(ns->pairs, 2 * (ns->n + 1),
	    sizeof(*ns->pairs));
	ns->pairs[2 * ns->n] = lk_xstrdup(p);
	ns->pairs[2 * ns->n++ + 1] = lk_xstrdup(s);
}

int
lk_intake_sources_load(struct lk_db *db, const char *file)
{
	static const char *const need[] = { "provider", "source", NULL };
	struct lk_buf b = LK_BUF_INIT;
	struct names ns = { NULL, 0 };
	size_t	 i, changed = 0;
	int	 rc;

	if ((rc = slurp(file, &b)) == 0 && lk_tsv_read(b.s != NULL ? b.s :
	    "", b.len, strcmp(file, "-") == 0 ? "stdin" : file, need,
	    name_row, &ns) != 0)
		rc = EX_DATAERR;
	if (rc == 0)
		rc = lk_db_sources_load(db, ns.pairs, ns.n, &changed);
	if (rc == 0)
		lk_warn("%s: %zu source name%s%s", strcmp(file, "-") == 0 ?
		    "stdin" : file, ns.n, ns.n == 1 ? "" : "s",
		    changed ? "" : ", as they were");
	for (i = 0; i < 2 * ns.n; i++)
		free(ns.pairs[i]);
	free(ns.pairs);
	lk_buf_free(&b);
	return rc;
}

void
lk_intake_summary(const char *what, const struct lk_intake_counts *n,
    int dry_run)
{
	struct lk_buf b = LK_BUF_INIT;

	if (n->documents != 1)
		lk_buf_addf(&b, "%ld documents: ", n->documents);
	lk_buf_addf(&b, "%ld %s, %ld already there", n->added, dry_run ?
	    "would be added" : "added", n->already);
	if (n->warned > 0)
		lk_buf_addf(&b, ", %ld kept with warnings", n->warned);
	if (n->held + n->held_before > 0)
		lk_buf_addf(&b, ", %ld %squarantined", n->held + n->held_before,
		    dry_run ? "would be " : "");
	if (n->released > 0)
		lk_buf_addf(&b, ", %ld released from the quarantine",
		    n->released);
	if (n->still > 0)
		lk_buf_addf(&b, ", %ld still held", n->still);
	lk_warn("%s: %s", strcmp(what, "-") == 0 ? "stdin" : what, b.s);
	lk_buf_free(&b);
}
