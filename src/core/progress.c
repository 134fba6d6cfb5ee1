#include <stdio.h>
#include <string.h>

#include "acctplan/progress.h"

/* n with a comma every three digits. */
static void grouped(char *buf, size_t size, int64_t n)
{
	char digits[32];
	size_t len, i, o = 0;

	snprintf(digits, sizeof(digits), "%lld", (long long)(n < 0 ? 0 : n));
	len = strlen(digits);
	for (i = 0; i < len && o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

void progress_format(char *buf, size_t n, const char *label, int64_t done, int64_t total,
		     double seconds)
{
	char d[32], t[32], r[32];
	double rate = seconds > 0.2 && done > 0 ? (double)done / seconds : 0;
	size_t len;

	if (done <= 0 && total <= 0) { /* a stage that counts nothing */
		snprintf(buf, n, "%s", label);
		return;
	}
	grouped(d, sizeof(d), done);
	if (total > 0) {
		int pct = (int)(done >= total ? 100 : 100 * done / total);

		grouped(t, sizeof(t), total);
		snprintf(buf, n, "%s  %s / %s  %d%%", label, d, t, pct);
	} else {
		snprintf(buf, n, "%s  %s", label, d);
	}
	if (rate <= 0)
		return;
	len = strlen(buf);
	grouped(r, sizeof(r), (int64_t)(rate + 0.5));
	snprintf(buf + len, n - len, "  %s/s", r);
	if (total > done) {
		long left = (long)((double)(total - done) / rate + 0.5);

		len = strlen(buf);
		if (left >= 3600)
			snprintf(buf + len, n - len, "  %ld:%02ld:%02ld left", left / 3600,
				 left / 60 % 60, left % 60);
		else
			snprintf(buf + len, n - len, "  %ld:%02ld left", left / 60, left % 60);
	}
}
