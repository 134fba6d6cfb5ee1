/*
 * Shared pieces of the unit suites: cmocka's headers in the order it needs
 * them, and assertions that print both values when they fail.
 */
#ifndef ACCTPLAN_TESTUTIL_H
#define ACCTPLAN_TESTUTIL_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* |a - b| <= eps, with both values in the failure message. */
#define assert_near(a, b, eps)                                                      \
	do {                                                                        \
		double a_ = (a), b_ = (b);                                          \
		if (!(fabs(a_ - b_) <= (eps))) {                                    \
			print_error("%s = %.6f, expected %.6f (±%g)\n", #a, a_, b_, \
				    (double)(eps));                                 \
			fail();                                                     \
		}                                                                   \
	} while (0)

/* s contains needle. */
#define assert_contains(s, needle)                                                               \
	do {                                                                                     \
		const char *s_ = (s), *n_ = (needle);                                            \
		if (!s_ || !strstr(s_, n_)) {                                                    \
			print_error("\"%s\" does not contain \"%s\"\n", s_ ? s_ : "(null)", n_); \
			fail();                                                                  \
		}                                                                                \
	} while (0)

#endif
