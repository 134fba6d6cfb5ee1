/*
 * Allocation that cannot fail: on exhaustion the registered hook runs (the
 * console uses it to end curses) and the program aborts with a message.
 */
#ifndef ACCTPLAN_XALLOC_H
#define ACCTPLAN_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array to hold at least need elements, doubling; *cap is updated. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
/* xstrdup(), or NULL for NULL. */
char *xstrdup_opt(const char *s);
char *xstrndup(const char *s, size_t n);
/* Frees the n strings of v, then v. */
void xfree_strings(char **v, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs before the abort on exhaustion (the console ends curses there). */
void xalloc_set_fatal_hook(void (*hook)(void));

#endif
