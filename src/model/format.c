/* Figures and codes as words; see format.h. */
#include <stdio.h>
#include <string.h>

#include "acctplan/format.h"

void fmt_nps(char *buf, size_t n, bool known, double nps)
{
	if (known)
		snprintf(buf, n, "%.0f", nps == 0 ? 0.0 : nps); /* never "-0" */
	else
		snprintf(buf, n, "-");
}

void fmt_share(char *buf, size_t n, bool known, double share)
{
	if (known)
		snprintf(buf, n, "%.0f%%", share * 100);
	else
		snprintf(buf, n, "?");
}

void fmt_money(char *buf, size_t n, int64_t v)
{
	char digits[32];
	size_t len, i, o = 0;
	bool neg = v < 0;

	if (n == 0)
		return;
	snprintf(digits, sizeof(digits), "%llu",
		 neg ? 0ULL - (unsigned long long)v : (unsigned long long)v);
	len = strlen(digits);
	if (neg && o + 1 < n)
		buf[o++] = '-';
	for (i = 0; i < len && o + 1 < n; i++) {
		if (i && (len - i) % 3 == 0 && o + 1 < n)
			buf[o++] = ',';
		if (o + 1 < n)
			buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

void fmt_money_short(char *buf, size_t n, int64_t v)
{
	double d = (double)v;
	const char *sign = v < 0 ? "-" : "";

	if (v < 0)
		d = -d;
	if (d >= 1e9)
		snprintf(buf, n, "%s%.2fB", sign, d / 1e9);
	else if (d >= 1e6)
		snprintf(buf, n, "%s%.2fM", sign, d / 1e6);
	else if (d >= 1e4)
		snprintf(buf, n, "%s%.0fk", sign, d / 1e3);
	else
		snprintf(buf, n, "%lld", (long long)v);
}

void fmt_word(char *buf, size_t n, const char *code)
{
	size_t i;

	if (n == 0)
		return;
	for (i = 0; code && code[i] && i + 1 < n; i++)
		buf[i] = code[i] == '_' ? ' ' : code[i];
	buf[i] = '\0';
}

void fmt_due(char *buf, size_t n, int day, int today)
{
	int late = today - day;

	if (late == 0)
		snprintf(buf, n, "today");
	else if (late == -1)
		snprintf(buf, n, "tomorrow");
	else if (late < 0)
		snprintf(buf, n, "in %d days", -late);
	else
		snprintf(buf, n, "%d day%s late", late, late == 1 ? "" : "s");
}

void fmt_change(char *buf, size_t n, int delta)
{
	if (delta > 0)
		snprintf(buf, n, "▲%d", delta);
	else if (delta < 0)
		snprintf(buf, n, "▼%d", -delta);
	else
		snprintf(buf, n, "=");
}

const char *fmt_place(bool on_board, enum quadrant q)
{
	return on_board ? quadrant_title(q) : "off the board";
}

void fmt_followup(char *buf, size_t n, enum followup_state s, int due, int today)
{
	switch (s) {
	case FOLLOWUP_NONE:
		snprintf(buf, n, "%s", "");
		break;
	case FOLLOWUP_DONE:
		snprintf(buf, n, "followed up");
		break;
	case FOLLOWUP_DUE:
		if (due == today)
			snprintf(buf, n, "needs a follow-up today");
		else
			snprintf(buf, n, "needs a follow-up within %d day%s", due - today,
				 due - today == 1 ? "" : "s");
		break;
	case FOLLOWUP_OVERDUE:
		snprintf(buf, n, "OVERDUE: no follow-up, %d day%s late", today - due,
			 today - due == 1 ? "" : "s");
		break;
	}
}

void fmt_agenda_detail(struct strbuf *sb, const struct agenda_item *it)
{
	char w[48];
	const char *text = it->text ? it->text : "";

	switch (it->kind) {
	case AGENDA_FOLLOWUP:
		strbuf_addf(sb, "%s scored %d on %s%s%s", it->contact ? it->contact : "anonymous",
			    it->score, it->on ? it->on : "?", *text ? ": " : "", text);
		break;
	case AGENDA_NEXT_CONTACT:
		if (it->good_time) {
			strbuf_addf(sb, "good time: %s", it->good_time);
			if (it->reason) {
				fmt_word(w, sizeof(w), it->reason);
				strbuf_addf(sb, " (%s)", w);
			}
			if (*text)
				strbuf_adds(sb, "; ");
		}
		strbuf_adds(sb, text);
		break;
	case AGENDA_CHECKIN:
		strbuf_addf(sb, "%d-day check-in after the sale won on %s",
			    (unsigned)it->step < AGENDA_CHECKINS ? agenda_checkin_offsets[it->step]
								 : 0,
			    it->on ? it->on : "?");
		break;
	case AGENDA_WINBACK:
		strbuf_addf(sb, "win-back review %d: lost on %s", it->step, it->on ? it->on : "?");
		if (*text)
			strbuf_addf(sb, " to %s", text);
		break;
	case AGENDA_ACTION:
	case AGENDA_REPORT_BACK:
	case AGENDA_KIND_COUNT:
		strbuf_adds(sb, text);
		break;
	}
}
