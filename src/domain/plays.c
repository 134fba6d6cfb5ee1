/* Plays and their gate; the rules are in plays.h. */
#include <stdlib.h>
#include <string.h>

#include "acctplan/date.h"
#include "acctplan/parse.h"
#include "acctplan/plays.h"
#include "acctplan/text.h"
#include "acctplan/verdict.h"
#include "acctplan/xalloc.h"

static const char *const kind_names[PLAY_KIND_COUNT] = {
	"upsell", "cross_sell", "referral_ask", "checkin", "winback_review", "crm",
};

const char *play_kind_title(enum play_kind k)
{
	static const char *const titles[PLAY_KIND_COUNT] = {
		"Upsell",          "Cross-sell", "Referral ask", "Post-sale check-in",
		"Win-back review", "CRM play",
	};

	return (unsigned)k < PLAY_KIND_COUNT ? titles[k] : "?";
}

const char *play_kind_name(enum play_kind k)
{
	return (unsigned)k < PLAY_KIND_COUNT ? kind_names[k] : "?";
}

int play_kind_from_name(const char *s)
{
	return parse_name(s, kind_names, PLAY_KIND_COUNT);
}

unsigned plays_of(const struct play_source *s, int today)
{
	unsigned m = 0;

	if (s->status == ACCT_ACTIVE) {
		if (s->quadrant == QUAD_GROW && s->has_wallet && s->wallet > s->revenue)
			m |= 1u << PLAY_UPSELL;
		if (s->passives > 0)
			m |= 1u << PLAY_CROSS_SELL;
		if (s->quadrant == QUAD_PROTECT && s->to_ask > 0)
			m |= 1u << PLAY_REFERRAL_ASK;
		if (s->checkin_due >= 0 && s->checkin_due <= today)
			m |= 1u << PLAY_CHECKIN;
	}
	if (s->status == ACCT_LOST && s->winback_due >= 0 && s->winback_due <= today)
		m |= 1u << PLAY_WINBACK_REVIEW;
	return m;
}

/* ---- quiet seasons ------------------------------------------------------- */

void quiet_seasons_init(struct quiet_seasons *s)
{
	memset(s, 0, sizeof(*s));
}

void quiet_seasons_done(struct quiet_seasons *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].segment);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void quiet_seasons_add(struct quiet_seasons *s, const char *segment, int from, int to)
{
	struct quiet_season *q;

	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
	q = &s->v[s->n++];
	q->segment = xstrdup(segment);
	q->from = from;
	q->to = to;
}

/* "MM-DD" at s: month * 100 + day, or -1. */
static int month_day(const char *s)
{
	int m, d, dim;

	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[2] != '-' || s[3] < '0' ||
	    s[3] > '9' || s[4] < '0' || s[4] > '9')
		return -1;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	d = (s[3] - '0') * 10 + (s[4] - '0');
	if (m < 1 || m > 12)
		return -1;
	/* the days of any year's month: 2000 is a leap year, so 02-29 is one */
	dim = (m == 12 ? date_from_ymd(2001, 1, 1) : date_from_ymd(2000, m + 1, 1)) -
	      date_from_ymd(2000, m, 1);
	if (d < 1 || d > dim)
		return -1;
	return m * 100 + d;
}

bool quiet_season_parse(const char *text, int *from, int *to)
{
	int f, t;

	if (!text || strlen(text) != 12 || strncmp(text + 5, "..", 2) != 0)
		return false;
	if ((f = month_day(text)) < 0 || (t = month_day(text + 7)) < 0)
		return false;
	*from = f;
	*to = t;
	return true;
}

static int md_of(int day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return m * 100 + d;
}

bool quiet_season_holds(int from, int to, int day)
{
	int md = md_of(day);

	return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

/* The day of month-day md in year y; 02-29 in a year without it is 02-28. */
static int day_in(int y, int md)
{
	int m = md / 100, d = md % 100;

	if (m == 2 && d == 29 && date_from_ymd(y, 3, 1) - date_from_ymd(y, 2, 1) == 28)
		d = 28;
	return date_from_ymd(y, m, d);
}

bool quiet_seasons_find(const struct quiet_seasons *s, const char *segment, int today, int *last,
			const struct quiet_season **which)
{
	int y, m, d, md = md_of(today), end;
	bool found = false;
	size_t i;

	date_to_ymd(today, &y, &m, &d);
	for (i = 0; s && i < s->n; i++) {
		const struct quiet_season *q = &s->v[i];

		if (strcmp(q->segment, "*") != 0 &&
		    text_nocase_cmp(q->segment, segment ? segment : "") != 0)
			continue;
		if (!quiet_season_holds(q->from, q->to, today))
			continue;
		/* a season across the new year ends next year when today is in
		 * its first part */
		end = day_in(q->from > q->to && md >= q->from ? y + 1 : y, q->to);
		if (!found || end > *last) {
			*last = end;
			if (which)
				*which = q;
		}
		found = true;
	}
	return found;
}

/* ---- the gate ------------------------------------------------------------- */

const char *play_wait_name(enum play_wait w)
{
	static const char *const names[] = {"go", "hold", "open_problem", "quiet_season",
					    "not_a_good_time"};

	return (unsigned)w <= PLAY_WAIT_NOT_A_GOOD_TIME ? names[w] : "?";
}

bool play_held(enum acct_status status, const struct hold *h)
{
	return status == ACCT_ACTIVE ? h->on : h->on && h->manual;
}

bool play_problem_gates(enum problem_category c)
{
	return c == PCAT_PRODUCT || c == PCAT_SERVICE;
}

struct play_gate play_gate(const struct play_facts *f, int today)
{
	struct play_gate g = {PLAY_GO, -1};
	int last;

	if (f->hold) {
		g.wait = PLAY_WAIT_HOLD;
	} else if (f->supply_problems > 0) {
		g.wait = PLAY_WAIT_OPEN_PROBLEM;
	} else if (quiet_seasons_find(f->seasons, f->segment, today, &last, NULL)) {
		g.wait = PLAY_WAIT_QUIET_SEASON;
		g.until = last + 1;
	} else if (verdict_not_good_time(f->good_time, f->try_again, today)) {
		g.wait = PLAY_WAIT_NOT_A_GOOD_TIME;
		g.until = f->try_again;
	}
	return g;
}
