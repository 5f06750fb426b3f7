/*
 * rules: a status's rules against a lead's facts.  Each refusal says
 * which rule stands in the way and what the user can do about it.
 */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "clock.h"
#include "rules.h"
#include "xmem.h"

/* A lead's age as people say it: "3 days", "5 hours". */
static void
age(struct lk_buf *b, time_t secs)
{
	if (secs >= 2 * 86400)
		lk_buf_addf(b, "%lld days", (long long)(secs / 86400));
	else if (secs >= 2 * 3600)
		lk_buf_addf(b, "%lld hours", (long long)(secs / 3600));
	else
		lk_buf_addf(b, "%lld minutes", (long long)(secs / 60));
}

int
lk_rules_check(const struct lk_status *s, const struct lk_facts *f,
    struct lk_buf *why)
{
	struct lk_dur d;
	int	 old_enough, tried;

	if (s->is_auto) {
		lk_buf_addf(why, "%s is set by lead-sweep only (rule auto): "
		    "a lead gets it when nobody works it", s->name);
		return -1;
	}
	if (s->initial) {
		lk_buf_addf(why, "%s is the status a lead arrives in (rule "
		    "initial): to go back, use --undo", s->name);
		return -1;
	}
	if (s->follow_up && !f->follow_up && s->follow_up_in == NULL) {
		lk_buf_addf(why, "%s needs a follow-up (rule follow-up): add "
		    "--follow-up WHEN%s%s", s->name,
		    s->follow_up_kind != NULL ? " --kind " : "",
		    s->follow_up_kind != NULL ? s->follow_up_kind : "");
		return -1;
	}
	/* A kind named without --follow-up is the kind of the one the
	 * status schedules itself (follow-up-in): the same rule holds. */
	if (f->kind != NULL && s->follow_up_kind != NULL &&
	    strcasecmp(f->kind, s->follow_up_kind) != 0) {
		lk_buf_addf(why, "%s needs a %s follow-up, not %s (rule "
		    "follow-up-kind): use --kind %s", s->name,
		    s->follow_up_kind, f->kind, s->follow_up_kind);
		return -1;
	}
	if (s->min_age != NULL || s->min_attempts > 0) {
		old_enough = s->min_age != NULL &&
		    lk_dur_parse(s->min_age, &d) == 0 &&
		    lk_dur_add(f->received, &d, 0) <= f->now;
		tried = s->min_attempts > 0 && f->attempts >= s->min_attempts;
		if (!old_enough && !tried) {
			lk_buf_addf(why, "%s only ", s->name);
			if (s->min_age != NULL)
				lk_buf_addf(why, "once a lead is %s old%s",
				    s->min_age, s->min_attempts > 0 ?
				    " or " : "");
			if (s->min_attempts > 0)
				lk_buf_addf(why, "after %d recorded contact "
				    "attempts", s->min_attempts);
			lk_buf_addf(why, " (rule %s): lead %lld is ",
			    s->min_age != NULL ? "min-age" : "min-attempts",
			    (long long)f->lead);
			age(why, f->now - f->received);
			lk_buf_adds(why, " old");
			/* Attempts help only where the catalog counts them. */
			if (s->min_attempts > 0)
				lk_buf_addf(why, " with %ld attempt%s; record "
				    "attempts with --log call --outcome "
				    "attempt", f->attempts,
				    f->attempts == 1 ? "" : "s");
			return -1;
		}
	}
	if (s->needs_visit && f->visits == 0) {
		lk_buf_addf(why, "%s only after a store visit (rule "
		    "needs-visit): lead %lld has none; record it with "
		    "--log visit", s->name, (long long)f->lead);
		return -1;
	}
	if (s->duplicate_within != NULL) {
		if (f->of == 0) {
			lk_buf_addf(why, "%s needs the earlier lead (rule "
			    "duplicate-within): add --of ID", s->name);
			return -1;
		}
		if (f->of == f->lead) {
			lk_buf_addf(why, "%s: a lead is no duplicate of itself "
			    "(rule duplicate-within): --of names the earlier "
			    "lead", s->name);
			return -1;
		}
		if (!f->of_same) {
			lk_buf_addf(why, "%s: lead %lld is not the same customer "
			    "as lead %lld (rule duplicate-within: same e-mail, "
			    "phone, or name and address)", s->name,
			    (long long)f->of, (long long)f->lead);
			return -1;
		}
		if (lk_dur_parse(s->duplicate_within, &d) != 0 ||
		    f->of_received > f->received ||
		    lk_dur_add(f->of_received, &d, 0) < f->received) {
			lk_buf_addf(why, "%s: lead %lld did not arrive in the "
			    "%s before lead %lld (rule duplicate-within)",
			    s->name, (long long)f->of, s->duplicate_within,
			    (long long)f->lead);
			return -1;
		}
	}
	return 0;
}
