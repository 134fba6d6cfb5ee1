/*
 * The progress line on stderr (acctplan/progress.h): drawn over itself with
 * a carriage return, at most about ten times a second, cut to the
 * terminal's width so it never wraps, and blanked out at the finish. When
 * stderr is not a terminal nothing is drawn, so a script's stderr holds
 * only the command's messages.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "acctplan/progress.h"
#include "acctplan/strbuf.h"
#include "acctplan/text.h"
#include "cli.h"

#define PROGRESS_INTERVAL 0.1 /* seconds between two lines drawn */

struct line {
	char label[128]; /* the stage whose clock runs */
	double started;  /* when that stage started */
	double drawn;    /* when the last line was drawn; 0: none is on screen */
	size_t width;    /* columns the line on screen takes */
};

static struct line line;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t columns(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
		return ws.ws_col - 1u;
	return 79;
}

static void blank(void)
{
	if (line.drawn > 0 && line.width > 0)
		fprintf(stderr, "\r%*s\r", (int)line.width, "");
	line.width = 0;
}

static void update(void *ctx, const char *label, int64_t done, int64_t total)
{
	double now = now_s();
	char raw[256];
	struct strbuf safe;
	size_t w;

	(void)ctx;
	if (strncmp(line.label, label, sizeof(line.label) - 1) != 0) {
		snprintf(line.label, sizeof(line.label), "%s", label);
		line.started = now;
	} else if (line.drawn > 0 && now - line.drawn < PROGRESS_INTERVAL) {
		return;
	}
	progress_format(raw, sizeof(raw), label, done, total, now - line.started);
	strbuf_init(&safe);
	text_fit(&safe, raw, (int)columns(), TEXT_ONELINE);
	w = (size_t)text_width(safe.buf);
	fprintf(stderr, "\r%s%*s", safe.buf, line.width > w ? (int)(line.width - w) : 0, "");
	fflush(stderr);
	strbuf_done(&safe);
	line.width = w;
	line.drawn = now;
}

static void finish(void *ctx)
{
	(void)ctx;
	blank();
	fflush(stderr);
	memset(&line, 0, sizeof(line));
}

const struct progress *cli_progress(void)
{
	static const struct progress drawn = {.update = update, .finish = finish};
	static int tty = -1;

	if (tty < 0)
		tty = isatty(STDERR_FILENO);
	return tty ? &drawn : NULL;
}

const struct progress *cli_progress_rows(void)
{
	return isatty(STDOUT_FILENO) ? NULL : cli_progress();
}
