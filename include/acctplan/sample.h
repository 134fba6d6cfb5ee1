/*
 * The sample book: a hand-curated YAML source (sample-db/book.yaml, built
 * into the binary) turned into a database, with responses generated from
 * each buyer's mood so the history reads like two years of surveys; and the
 * synthetic book for benchmarks. Both are deterministic: the same input,
 * seed and today give the same file.
 */
#ifndef ACCTPLAN_SAMPLE_H
#define ACCTPLAN_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "acctplan/db.h"
#include "acctplan/progress.h"
#include "acctplan/status.h"

/* The book built into the binary. */
extern const char sample_book_yaml[];
extern const unsigned long sample_book_yaml_len;

/* Writes the book in yaml into db, in one transaction, with every date
 * shifted so the book's as_of falls on today. Errors name name:line:col. */
enum status sample_load_book(struct db *db, const char *name, const char *yaml, size_t len,
			     int today);

/* Writes the book's history (history.h) of the `days` days up to today:
 * the standings of each day computed from the book with the rules (the
 * cache's refresh of that day, in turn), so it reads as if the book had
 * been opened every day. After sample_load_book(), outside a transaction. */
#define SAMPLE_HISTORY_DAYS 56 /* eight weeks */
enum status sample_history(struct db *db, const struct rules *rules, int today, int days);

struct synth_stats {
	long accounts, contacts, responses, notes, problems, actions;
};

/* The days of history of the synthetic book. */
#define SYNTH_HISTORY_DAYS 14

/* Writes a synthetic book of n accounts ending today, with its history
 * computed with rules, reporting the accounts written to p (progress.h;
 * NULL: nowhere). */
enum status sample_synth(struct db *db, long n, uint64_t seed, int today, const struct rules *rules,
			 const struct progress *p, struct synth_stats *stats);

#endif
