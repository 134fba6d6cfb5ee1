/* libFuzzer: the reader of the changeset files a shared folder holds (team
 * sync), on any bytes. The first byte picks how the rest is read:
 *  even: as a whole file, header and changeset (syncfile_parse());
 *  odd:  as a changeset alone, given a well-made header around it, so the
 *        fuzzer spends its time inside the changeset.
 * A file the reader takes is checked against a real book
 * (db_sync_check()); one the check takes is applied to that book in a sync
 * that is then given up, so every input starts from the same book. A
 * refused file must say why in one line; the book must stay sound. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SQLITE_ENABLE_SESSION
#define SQLITE_ENABLE_PREUPDATE_HOOK
#include <sqlite3.h>

#include "acctplan/db.h"
#include "acctplan/sample.h"
#include "acctplan/strbuf.h"
#include "acctplan/syncbook.h"
#include "acctplan/syncfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct db *db;
static char path[256];

static void cleanup(void)
{
	char side[300];

	db_close(db);
	db = NULL;
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

/* The sample book, once: the rows a changeset meets. */
static void setup(void)
{
	if (db)
		return;
	snprintf(path, sizeof(path), "/tmp/fuzz_changeset-%ld.db", (long)getpid());
	unlink(path);
	if (db_open(path, DB_CREATE, &db) != STATUS_OK ||
	    sample_load_book(db, "sample-db/book.yaml", sample_book_yaml, sample_book_yaml_len,
			     20777) != STATUS_OK) {
		fprintf(stderr, "fuzz_changeset: %s\n", status_detail());
		abort();
	}
	atexit(cleanup);
}

/* The changes a changeset holds, as acctplan's own walk of its bytes
 * counts them (0 when they are malformed: the check refuses the file). A
 * walk that takes bytes must hand SQLite a changeset it reads to the end. */
static uint64_t count(const uint8_t *p, size_t n)
{
	sqlite3_changeset_iter *it;
	uint64_t k = 0, again = 0;
	size_t bad;

	if (!syncfile_changeset_scan(p, n, &k, &bad))
		return 0;
	if (n > 0x7fffffff || sqlite3changeset_start(&it, (int)n, (void *)p) != SQLITE_OK)
		return k;
	while (sqlite3changeset_next(it) == SQLITE_ROW)
		again++;
	sqlite3changeset_finalize(it);
	if (again > k)
		abort();
	return k;
}

static void one_line(const char *s)
{
	if (!s || !*s || strchr(s, '\n'))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb;
	struct syncfile f;
	struct sync_report r;
	const void *bytes = data + (size ? 1 : 0);
	size_t n = size ? size - 1 : 0;
	char hash[SYNCFILE_HASH_LEN];

	setup();
	strbuf_init(&sb);
	if (size && (data[0] & 1)) {
		struct syncfile h;

		memset(&h, 0, sizeof(h));
		memcpy(h.instance, "0123456789abcdef", SYNCFILE_INSTANCE_LEN);
		h.seq = 1;
		h.lamport = 1;
		memcpy(h.made, "2026-11-20 10:00:00", 20);
		strcpy(h.author, "fuzz@here");
		h.schema = DB_SCHEMA_VERSION;
		h.changes = count(bytes, n);
		syncfile_write(&sb, &h, bytes, n);
		bytes = sb.buf;
		n = sb.len;
	}
	if (syncfile_parse(bytes, n, &f) != STATUS_OK) {
		one_line(status_detail());
		goto out;
	}
	if (db_sync_check(db, &f) != STATUS_OK) {
		one_line(status_detail());
		goto out;
	}
	syncfile_hash(bytes, n, hash);
	sync_report_init(&r);
	if (db_sync_begin(db, "2026-11-20 12:00:00", NULL, &r) != STATUS_OK)
		abort();
	/* strict or not, by a bit of the input */
	if (db_sync_apply(db, "0000000001-0123456789abcdef-000001.changeset", hash, (int64_t)n, &f,
			  size > 1 && (data[1] & 1), &r) != STATUS_OK)
		abort(); /* a file's trouble is the file's: never the sync's */
	db_sync_abort(db);
	sync_report_done(&r);
out:
	strbuf_done(&sb);
	return 0;
}
