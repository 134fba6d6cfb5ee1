/*
 * The changeset files of team sync (doc/sync.md): what one book sent in one
 * sync, in the team's shared folder. A file is a short text header, a blank
 * line, then an SQLite session changeset:
 *
 *   acctplan changeset 1
 *   instance 5f2c9a1b7d3e4f60      the writing book's identity, 16 hex digits
 *   seq 2                          its files, numbered from 1
 *   lamport 3                      the order every laptop applies files in
 *   made 2026-11-20 10:00:00       when it was written (UTC)
 *   author priya@thinkpad          who wrote it, for reports
 *   schema 7                       the writer's schema version
 *   changes 12                     rows it carries
 *   size 4567                      bytes of changeset after the blank line
 *   crc64 0123456789abcdef         CRC-64/XZ of those bytes
 *
 * and it is named LAMPORT-INSTANCE-SEQ.changeset (syncfile_name()), so two
 * books never write the same name and a file's place in the order can be
 * read from its name even when its bytes are damaged. Everything here is
 * pure: the bytes come from the caller, who read them from an untrusted
 * folder.
 */
#ifndef ACCTPLAN_SYNCFILE_H
#define ACCTPLAN_SYNCFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acctplan/status.h"
#include "acctplan/strbuf.h"

#define SYNCFILE_MAGIC "acctplan changeset 1"
#define SYNCFILE_SUFFIX ".changeset"
#define SYNCFILE_INSTANCE_LEN 17 /* 16 hex digits and the NUL */
#define SYNCFILE_HASH_LEN 17     /* a CRC-64 in hex and the NUL */
#define SYNCFILE_NAME_LEN 80
#define SYNCFILE_AUTHOR_MAX 64           /* bytes of author */
#define SYNCFILE_MAX_SIZE (256u << 20)   /* a bigger file is refused unread */
#define SYNCFILE_MAX_NUMBER 999999999999 /* seq, lamport, changes */

struct syncfile {
	char instance[SYNCFILE_INSTANCE_LEN];
	uint64_t seq, lamport;
	char made[20]; /* "YYYY-MM-DD HH:MM:SS" */
	char author[SYNCFILE_AUTHOR_MAX + 1];
	int schema;
	uint64_t changes;
	const unsigned char *body; /* the changeset: borrowed from the parsed bytes */
	size_t size;
};

/* CRC-64/XZ (ECMA-182 polynomial, reflected, all ones in and out). */
uint64_t syncfile_crc64(const void *p, size_t n);
/* The CRC-64 of p in 16 lower-case hex digits. */
void syncfile_hash(const void *p, size_t n, char out[SYNCFILE_HASH_LEN]);
/* Whether s is 16 lower-case hex digits. */
bool syncfile_instance_ok(const char *s);

/* name as a header's author: whole UTF-8 characters up to
 * SYNCFILE_AUTHOR_MAX bytes, control characters and invalid bytes as '?'. */
void syncfile_author(char out[SYNCFILE_AUTHOR_MAX + 1], const char *name);

/* "LAMPORT-INSTANCE-SEQ.changeset", the lamport in 10 digits or more and
 * the seq in 6 or more. */
void syncfile_name(char out[SYNCFILE_NAME_LEN], uint64_t lamport, const char *instance,
		   uint64_t seq);
/* Reads a name syncfile_name() made; false for any other name. */
bool syncfile_name_parse(const char *name, uint64_t *lamport, char instance[SYNCFILE_INSTANCE_LEN],
			 uint64_t *seq);

/* Walks the bytes of an SQLite session changeset (not a patchset) without
 * SQLite: each table header ('T', its column count, per column 0 or its
 * place in the key, a NUL-terminated name) and each change (INSERT, UPDATE or DELETE,
 * its indirect flag, its records of typed values), every length within the
 * bytes. Counts the changes into *changes. False, with *bad_at the offset
 * of the first byte that does not fit, for anything else: SQLite's own
 * reader is handed only bytes that pass (a malformed changeset can make
 * it loop for ever). */
bool syncfile_changeset_scan(const void *body, size_t n, uint64_t *changes, size_t *bad_at);

/* Reads a whole file: checks the header line by line, the size and the
 * checksum, and points f->body at the changeset. STATUS_BAD_INPUT
 * otherwise, the detail saying why in words without the file's name:
 * "not an acctplan changeset", "damaged: ...". */
enum status syncfile_parse(const void *bytes, size_t n, struct syncfile *f);
/* Appends the header of f for body (f->size and the checksum are taken
 * from body), then body: the whole file. */
void syncfile_write(struct strbuf *sb, const struct syncfile *f, const void *body, size_t n);

#endif
