/*
 * Calendar dates as day numbers: days since 1970-01-01 in the proleptic
 * Gregorian calendar. Only "YYYY-MM-DD" is ever parsed or written.
 */
#ifndef ACCTPLAN_DATE_H
#define ACCTPLAN_DATE_H

#include <stdbool.h>

#include "acctplan/status.h"

#define DATE_LEN 11 /* "YYYY-MM-DD" and its NUL */

int date_from_ymd(int y, int m, int d);
void date_to_ymd(int day, int *y, int *m, int *d);
/* Strict: exactly YYYY-MM-DD, a real calendar day, year 1900..9999. */
bool date_parse(const char *s, int *day);
void date_format(int day, char out[DATE_LEN]);
/* Today: ACCTPLAN_TODAY when set (STATUS_BAD_INPUT if it is not a date),
 * else the local date. ACCTPLAN_TODAY=@FILE reads the date from FILE at
 * every call (a test hook: a running console can be moved to a new day). */
enum status date_today(int *day);
/* The timestamp of something written now, "YYYY-MM-DD HH:MM:SS" UTC: the
 * one clock of every stamp. With ACCTPLAN_TODAY pinned, today's date and
 * the clock's time of day, so every stamp of a pinned run agrees with
 * today. Returns buf. */
#define DATE_STAMP_LEN 20
const char *date_stamp(char buf[DATE_STAMP_LEN]);

/* 0 for Q1 of year 0, so quarters can be subtracted. */
int date_quarter(int day);

#endif
