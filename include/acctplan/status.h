/*
 * Expected failures: every function that can fail for a reason outside the
 * program's control returns an enum status. The list below is the one place
 * the codes and their messages are written; status_set() keeps a detail line
 * ("file.yaml:3:7: expected a number") that callers show beside the message.
 */
#ifndef ACCTPLAN_STATUS_H
#define ACCTPLAN_STATUS_H

#define STATUS_LIST(_)                                      \
	_(OK, "success")                                    \
	_(USAGE, "usage error")                             \
	_(NOT_FOUND, "not found")                           \
	_(AMBIGUOUS, "ambiguous name")                      \
	_(BAD_INPUT, "invalid input")                       \
	_(IO, "input/output error")                         \
	_(DB, "database error")                             \
	_(DB_BUSY, "database is locked by another program") \
	_(DB_CORRUPT, "not a database, or a damaged one")   \
	_(DB_FOREIGN, "not an acctplan database")           \
	_(DB_NEWER, "database is from a newer acctplan")    \
	_(DB_READONLY, "database is read-only")             \
	_(CONFIG, "bad configuration")

enum status {
#define STATUS_ENUM(name, msg) STATUS_##name,
	STATUS_LIST(STATUS_ENUM)
#undef STATUS_ENUM
};

/* The fixed message of a code. */
const char *status_message(enum status code);

/* Records the detail of the latest failure and returns code, so callers can
 * write `return status_set(STATUS_IO, "%s: %s", path, strerror(errno));`. */
enum status status_set(enum status code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The detail of the latest failure, or its fixed message when none was
 * given. Borrowed; valid until the next status_set(). */
const char *status_detail(void);

#endif
