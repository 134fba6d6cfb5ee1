#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "acctplan/date.h"

/* Howard Hinnant's days_from_civil / civil_from_days. */
int date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

bool date_parse(const char *s, int *day)
{
	int y, m, d, i;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*day = date_from_ymd(y, m, d);
	return true;
}

/* Its digits written one by one: snprintf() cost some 1,700 instructions a
 * date, and a synthetic book formats about 25 dates an account. */
void date_format(int day, char out[DATE_LEN])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || m < 0 || d < 0) { /* before year 0: not a date a book holds */
		char tmp[48];

		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
		memcpy(out, tmp, DATE_LEN - 1);
		out[DATE_LEN - 1] = '\0';
		return;
	}
	y %= 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10 % 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10 % 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

enum status date_today(int *day)
{
	const char *env = getenv("ACCTPLAN_TODAY");
	time_t now;
	struct tm tm;

	if (env && *env == '@') {
		/* a test hook: today is read from a file each time, so a test can
		 * move the clock of a running console past midnight */
		char buf[DATE_LEN] = "";
		FILE *fp = fopen(env + 1, "r");
		size_t n = fp ? fread(buf, 1, DATE_LEN - 1, fp) : 0;

		if (fp)
			fclose(fp);
		buf[n] = '\0';
		if (!date_parse(buf, day))
			return status_set(
				STATUS_BAD_INPUT,
				"ACCTPLAN_TODAY=@FILE: the file holds no YYYY-MM-DD date");
		return STATUS_OK;
	}
	if (env && *env) {
		if (!date_parse(env, day))
			return status_set(STATUS_BAD_INPUT,
					  "ACCTPLAN_TODAY is not a date (YYYY-MM-DD): %.40s", env);
		return STATUS_OK;
	}
	now = time(NULL);
	localtime_r(&now, &tm);
	*day = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return STATUS_OK;
}

int date_quarter(int day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y * 4 + (m - 1) / 3;
}

const char *date_stamp(char buf[DATE_STAMP_LEN])
{
	/* the stamp of the second, kept: a bulk write stamps every row through
	 * a trigger's acctplan_now(), and making one (the clock, the pinned
	 * day, the format) cost 7% of building the sample book */
	static _Thread_local time_t made_at = (time_t)-1;
	static _Thread_local char made[DATE_STAMP_LEN], made_pin[64];
	const char *pinned = getenv("ACCTPLAN_TODAY");
	char day[DATE_LEN];
	time_t now = time(NULL);
	struct tm tm;
	int today = 0; /* set by date_today() when it succeeds */
	/* not kept for ACCTPLAN_TODAY=@FILE, a test hook read from its file
	 * each time (date_today()), whose day may change within the second */
	bool keep = !pinned || (*pinned != '@' && strlen(pinned) < sizeof(made_pin));

	if (keep && now == made_at && strcmp(made_pin, pinned ? pinned : "") == 0) {
		memcpy(buf, made, DATE_STAMP_LEN);
		return buf;
	}
	gmtime_r(&now, &tm);
	if (pinned && *pinned && date_today(&today) == STATUS_OK)
		date_format(today, day);
	else
		date_format(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), day);
	snprintf(buf, DATE_STAMP_LEN, "%.10s %02u:%02u:%02u", day, (unsigned)tm.tm_hour % 24u,
		 (unsigned)tm.tm_min % 60u, (unsigned)tm.tm_sec % 60u);
	if (keep) {
		memcpy(made, buf, DATE_STAMP_LEN);
		snprintf(made_pin, sizeof(made_pin), "%s", pinned ? pinned : "");
		made_at = now;
	}
	return buf;
}
