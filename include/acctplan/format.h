/*
 * How both front ends write the figures and codes of the book for people:
 * NPS, share, money, dates relative to today, and the codes the file
 * stores ("budget_cycle", "decision_maker") as words ("budget cycle",
 * "decision maker"). Machine formats (JSON, CSV) keep the codes; text,
 * Markdown and the console use these. Pure: no I/O.
 */
#ifndef ACCTPLAN_FORMAT_H
#define ACCTPLAN_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/agenda.h"
#include "acctplan/followup.h"
#include "acctplan/quadrant.h"
#include "acctplan/strbuf.h"

/* An NPS rounded to a whole number, or "-" when unknown. */
void fmt_nps(char *buf, size_t n, bool known, double nps);
/* A share as a percentage ("42%"), or "?" when unknown. */
void fmt_share(char *buf, size_t n, bool known, double share);
/* Every digit, thousands separated: 1,992,000. */
void fmt_money(char *buf, size_t n, int64_t v);
/* Compact, for narrow columns: 1,992,000 -> "1.99M", 391,000 -> "391k". */
void fmt_money_short(char *buf, size_t n, int64_t v);
/* A stored code as words: "budget_cycle" -> "budget cycle",
 * "reported_back" -> "reported back". Other text is copied. */
void fmt_word(char *buf, size_t n, const char *code);
/* How far a day is from today, for what is due: "today", "tomorrow",
 * "in 3 days", "1 day late", "12 days late". */
void fmt_due(char *buf, size_t n, int day, int today);
/* One phrase for a response's follow-up state: "followed up", "needs a
 * follow-up within 2 days", "OVERDUE: no follow-up, 5 days late"; "" when
 * none is asked (FOLLOWUP_NONE). */
void fmt_followup(char *buf, size_t n, enum followup_state s, int due, int today);
/* A change in a count since the last standup: "▲2", "▼1", "=" for none. */
void fmt_change(char *buf, size_t n, int delta);
/* Where an account stood on the board: its quadrant's title, or "off the
 * board" (not active, or not in the book yet). Static text. */
const char *fmt_place(bool on_board, enum quadrant q);
/* What an agenda item is about, in words, appended to sb: "Tomasz scored
 * 3 on 2026-01-31: the comment", "good time: no (budget cycle); the note",
 * "90-day check-in after the sale won on 2026-09-14", the problem's title.
 * Untrusted text is appended as stored: sanitise when showing it. */
void fmt_agenda_detail(struct strbuf *sb, const struct agenda_item *it);

#endif
