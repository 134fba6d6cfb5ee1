#include <stdarg.h>
#include <stdio.h>

#include "acctplan/status.h"

static const char *const messages[] = {
#define STATUS_MSG(name, msg) msg,
	STATUS_LIST(STATUS_MSG)
#undef STATUS_MSG
};

static char detail[1024];

const char *status_message(enum status code)
{
	if ((unsigned)code >= sizeof(messages) / sizeof(messages[0]))
		return "unknown error";
	return messages[code];
}

enum status status_set(enum status code, const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(detail, sizeof(detail), fmt, ap);
		va_end(ap);
	} else {
		snprintf(detail, sizeof(detail), "%s", status_message(code));
	}
	return code;
}

const char *status_detail(void)
{
	return detail[0] ? detail : "unknown error";
}
