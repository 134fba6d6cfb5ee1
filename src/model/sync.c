/* acctplan sync DIR: the folder's side of a sync; the contract is in
 * sync.h, the book's side in syncbook.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acctplan/sync.h"
#include "acctplan/syncfile.h"
#include "acctplan/xalloc.h"

/* ---- the test hook -------------------------------------------------------- */

/* ACCTPLAN_TEST_KILL_AT=send|apply|commit|deliver kills the process (as
 * kill -9 would) at that point of a sync, so tests/sync/kill.sh can show
 * the book is whole and the next sync finishes the job: after the changes
 * to send are taken, after the first file is applied, after the commit,
 * and with a file half written into the folder. */
static void kill_point(const char *at)
{
	const char *v = getenv("ACCTPLAN_TEST_KILL_AT");
	const char *commit = getenv("ACCTPLAN_TEST_KILL_AFTER_COMMIT");

	if ((v && !strcmp(v, at)) || (commit && !strcmp(commit, "1") && !strcmp(at, "commit")))
		raise(SIGKILL);
}

/* ---- words ------------------------------------------------------------------ */

const char *sync_row_noun(const char *table)
{
	static const char *const nouns[][2] = {
		{"accounts", "an account"},
		{"contacts", "a buyer"},
		{"feedback", "a response"},
		{"defects", "a defect"},
		{"feedback_defects", "a defect tag"},
		{"problems", "a problem"},
		{"notes", "a note"},
		{"conditions", "a readiness condition"},
		{"marks", "a standup mark"},
		{"actions", "an action"},
	};
	size_t i;

	for (i = 0; i < sizeof(nouns) / sizeof(*nouns); i++)
		if (!strcmp(nouns[i][0], table))
			return nouns[i][1];
	return "a row";
}

/* "an account, Calder" or "a note of Calder" */
static void what(struct strbuf *sb, const struct sync_conflict *c)
{
	const char *noun = sync_row_noun(c->table);

	strbuf_adds(sb, noun);
	if (c->label && *c->label)
		strbuf_addf(sb, strcmp(c->table, "accounts") ? " of %s" : " (%s)", c->label);
}

static const char *or_none(const char *v)
{
	return v ? v : "(none)";
}

void sync_conflict_words(struct strbuf *sb, const struct sync_conflict *c)
{
	const char *from = c->author && *c->author ? c->author : "a teammate";

	switch (c->kind) {
	case SYNC_FIELD:
		what(sb, c);
		strbuf_addf(sb, ", %s changed here and by %s: ", or_none(c->column), from);
		if (c->here_won)
			strbuf_addf(sb, "kept \"%s\" (here, the later edit) over \"%s\"",
				    or_none(c->kept), or_none(c->lost));
		else
			strbuf_addf(sb, "kept \"%s\" (%s, the later edit) over \"%s\"",
				    or_none(c->kept), from, or_none(c->lost));
		strbuf_adds(sb, "; the other is in the edit history");
		break;
	case SYNC_DELETED:
		what(sb, c);
		strbuf_addf(sb,
			    " was deleted on one laptop and changed on another (%s): the"
			    " delete wins; the change is in the edit history",
			    from);
		break;
	case SYNC_REMOVED_WITH:
		what(sb, c);
		strbuf_addf(sb,
			    " was added to something deleted on another laptop (%s): removed"
			    " with it; it is in the edit history",
			    from);
		break;
	case SYNC_REFUSED:
		what(sb, c);
		strbuf_addf(sb, " from %s could not be taken (%s); it is in the edit history", from,
			    or_none(c->why));
		break;
	case SYNC_RENAMED:
		strbuf_addf(sb,
			    "the defect code %s was added on two laptops: one of the two is now"
			    " %s",
			    or_none(c->label), or_none(c->column));
		break;
	}
}

/* ---- files ------------------------------------------------------------------ */

char *sync_default_author(void)
{
	const char *user = getenv("USER");
	char host[256];

	if (!user || !*user)
		user = getenv("LOGNAME");
	if (!user || !*user) {
		struct passwd *pw = getpwuid(getuid());

		user = pw && pw->pw_name ? pw->pw_name : "someone";
	}
	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "somewhere");
	host[sizeof(host) - 1] = '\0';
	return xasprintf("%.30s@%.30s", user, host);
}

/* Reads an open file of at most SYNCFILE_MAX_SIZE bytes. */
static enum status read_fd(int fd, const char *path, unsigned char **out, size_t *n)
{
	struct stat sb;
	size_t cap, len = 0;
	unsigned char *buf;
	ssize_t k;

	*out = NULL;
	*n = 0;
	if (fstat(fd, &sb) != 0)
		return status_set(STATUS_IO, "%s", strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return status_set(STATUS_BAD_INPUT, "not a regular file");
	if ((uint64_t)sb.st_size > SYNCFILE_MAX_SIZE)
		return status_set(STATUS_BAD_INPUT, "bigger than %u MB: not read",
				  SYNCFILE_MAX_SIZE >> 20);
	cap = (size_t)sb.st_size + 1;
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap > SYNCFILE_MAX_SIZE) {
				free(buf);
				return status_set(STATUS_BAD_INPUT, "bigger than %u MB: not read",
						  SYNCFILE_MAX_SIZE >> 20);
			}
			buf = xgrow(buf, &cap, cap + 1, 1);
		}
		k = read(fd, buf + len, cap - len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			free(buf);
			return status_set(STATUS_IO, "%s: %s", path, strerror(errno));
		}
		if (k == 0)
			break;
		len += (size_t)k;
	}
	*out = buf;
	*n = len;
	return STATUS_OK;
}

static enum status write_all(int fd, const void *bytes, size_t n)
{
	const unsigned char *p = bytes;

	while (n) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return status_set(STATUS_IO, "%s", strerror(errno ? errno : EIO));
		p += k;
		n -= (size_t)k;
	}
	return STATUS_OK;
}

/* Whether path holds exactly bytes. */
static bool same_file(const char *path, const void *bytes, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	unsigned char *have = NULL;
	size_t len = 0;
	bool same;

	if (fd < 0)
		return false;
	same = read_fd(fd, path, &have, &len) == STATUS_OK && len == n && !memcmp(have, bytes, n);
	close(fd);
	free(have);
	return same;
}

struct deliver {
	struct db *db;
	const char *dir;
	struct sync_report *r;
	enum status s;
};

static void undelivered(struct deliver *d, const char *fmt, const char *a, const char *b)
{
	if (!d->r->undelivered)
		d->r->undelivered = xasprintf(fmt, a, b);
}

/* Puts one file of this book into the folder: written under a hidden
 * temporary name, flushed, then linked to its name (never over another
 * file), so a teammate never reads half of it. */
static int deliver_one(const char *name, const void *bytes, size_t n, void *ctx)
{
	struct deliver *d = ctx;
	char *path = xasprintf("%s/%s", d->dir, name);
	char *tmp = xasprintf("%s/.%s.tmp", d->dir, name);
	struct stat sb;
	int fd, e;

	if (lstat(path, &sb) == 0) {
		if (same_file(path, bytes, n))
			d->s = db_sync_delivered(d->db, name);
		else
			undelivered(d,
				    "%s: another book wrote a file of this name (a copy of this"
				    " one?); this book takes an identity of its own and sends it"
				    " again at its next sync%s",
				    path, "");
		goto out;
	}
	unlink(tmp); /* half of it, left by a sync killed as it wrote it */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		undelivered(d, "%s: cannot write there: %s", d->dir, strerror(errno));
		goto out;
	}
	if (write_all(fd, bytes, n) != STATUS_OK || fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		undelivered(d, "%s: cannot write there: %s", d->dir, strerror(e ? e : EIO));
		goto out;
	}
	close(fd);
	kill_point("deliver");
	if (link(tmp, path) != 0) {
		e = errno;
		if (e == EEXIST) {
			unlink(tmp);
			if (same_file(path, bytes, n))
				d->s = db_sync_delivered(d->db, name);
			else
				undelivered(d, "%s: another book wrote a file of this name%s", path,
					    "");
			goto out;
		}
		/* a folder without hard links (FAT, some network drives): a
		 * rename, the name checked free just before */
		if (lstat(path, &sb) == 0 || rename(tmp, path) != 0) {
			unlink(tmp);
			undelivered(d, "%s: cannot write it: %s", path, strerror(e));
			goto out;
		}
	} else {
		unlink(tmp);
	}
	fd = open(d->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	d->s = db_sync_delivered(d->db, name);
out:
	free(path);
	free(tmp);
	return d->s != STATUS_OK;
}

static enum status deliver_pending(struct db *db, const char *dir, struct sync_report *r)
{
	struct deliver d = {db, dir, r, STATUS_OK};
	enum status s = db_sync_pending(db, deliver_one, &d);

	return s != STATUS_OK ? s : d.s;
}

/* ---- the folder --------------------------------------------------------------- */

/* A file of the folder this sync has to deal with. */
struct entry {
	char *name;
	unsigned char *bytes;
	size_t n;
	struct syncfile f;
	char hash[SYNCFILE_HASH_LEN];
	bool named; /* its name is LAMPORT-INSTANCE-SEQ.changeset */
	uint64_t lamport, seq;
	char instance[SYNCFILE_INSTANCE_LEN];
	char *refused; /* why, or NULL */
};

struct folder {
	struct entry *v;
	size_t n, cap;
};

static void folder_done(struct folder *fo)
{
	size_t i;

	for (i = 0; i < fo->n; i++) {
		free(fo->v[i].name);
		free(fo->v[i].bytes);
		free(fo->v[i].refused);
	}
	free(fo->v);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir that may be changesets: "*.changeset", not hidden. */
static enum status list_names(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0, sl = strlen(SYNCFILE_SUFFIX);

	*names = NULL;
	*n = 0;
	if (!d)
		return status_set(STATUS_IO, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.' || len <= sl ||
		    strcmp(e->d_name + len - sl, SYNCFILE_SUFFIX))
			continue;
		*names = xgrow(*names, &cap, *n + 1, sizeof(char *));
		(*names)[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof(char *), name_cmp);
	return STATUS_OK;
}

static void refuse(struct entry *e, const char *why)
{
	free(e->refused);
	e->refused = xstrdup(why);
}

/* Reads the folder: the files this book has not applied yet, each read
 * whole and checked, or refused with its reason. A file under this book's
 * own identity that it did not write shows a copy of this book synced:
 * the book takes an identity of its own (once). */
static enum status scan(struct db *db, const char *dir, struct folder *fo, struct sync_report *r)
{
	char **names, own[SYNCFILE_HASH_LEN];
	size_t n, i;
	enum status s;
	bool twin = false;

	if ((s = list_names(dir, &names, &n)) != STATUS_OK)
		return s;
	for (i = 0; s == STATUS_OK && i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		struct stat sb;
		enum sync_seen seen = SYNC_NEW;
		struct entry e;

		memset(&e, 0, sizeof(e));
		e.name = names[i];
		names[i] = NULL;
		if (fd < 0) {
			refuse(&e, strerror(errno));
		} else if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			refuse(&e, "not a regular file");
		} else if ((s = db_sync_seen(db, e.name, (int64_t)sb.st_size, &seen)) !=
				   STATUS_OK ||
			   seen == SYNC_KNOWN) {
			close(fd);
			free(path);
			free(e.name);
			continue;
		} else if (read_fd(fd, path, &e.bytes, &e.n) != STATUS_OK) {
			refuse(&e, status_detail());
		}
		if (fd >= 0)
			close(fd);
		free(path);
		syncfile_hash(e.bytes ? (const void *)e.bytes : "", e.n, e.hash);
		if (!e.refused && seen == SYNC_CHECK) {
			/* a file this book wrote: in the folder as it was written,
			 * or another's under the same name */
			if ((s = db_sync_own_hash(db, e.name, own)) != STATUS_OK)
				break;
			if (!strcmp(own, e.hash)) {
				s = db_sync_delivered(db, e.name);
				free(e.name);
				free(e.bytes);
				continue;
			}
		}
		e.named = syncfile_name_parse(e.name, &e.lamport, e.instance, &e.seq);
		if (!e.refused && syncfile_parse(e.bytes, e.n, &e.f) != STATUS_OK)
			refuse(&e, status_detail());
		/* a newer acctplan's file says so before anything else is judged */
		if (!e.refused && e.f.schema > DB_SCHEMA_VERSION &&
		    db_sync_check(db, &e.f) != STATUS_OK)
			refuse(&e, status_detail());
		if (!e.refused && !e.named)
			refuse(&e, "not named as acctplan names its changesets"
				   " (LAMPORT-INSTANCE-SEQ.changeset)");
		if (!e.refused && (e.f.lamport != e.lamport || e.f.seq != e.seq ||
				   strcmp(e.f.instance, e.instance) != 0))
			refuse(&e, "its name does not match its header (renamed?)");
		if (!e.refused && db_sync_check(db, &e.f) != STATUS_OK)
			refuse(&e, status_detail());
		if (!e.refused && !strcmp(e.f.instance, r->instance) && !twin) {
			/* ours by name, but not written here: a copy of this book */
			twin = true;
			s = db_sync_reidentify(
				db,
				"another copy of this book synced under its identity;"
				" this one takes an identity of its own",
				r);
		}
		fo->v = xgrow(fo->v, &fo->cap, fo->n + 1, sizeof(*fo->v));
		fo->v[fo->n++] = e;
	}
	for (; i < n; i++)
		free(names[i]);
	free(names);
	return s;
}

/* The order every laptop applies files in: by lamport, then instance,
 * then seq (a file comes after every file its writer had applied). */
static int order_cmp(const void *a, const void *b)
{
	const struct entry *x = *(struct entry *const *)a, *y = *(struct entry *const *)b;
	int c;

	if (x->lamport != y->lamport)
		return x->lamport < y->lamport ? -1 : 1;
	if ((c = strcmp(x->instance, y->instance)))
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A file waits when an earlier one of its writer was refused or held
 * (entry.refused): the name of that one, or NULL. */
static const char *blocked_by(const struct entry *e, const struct folder *fo)
{
	size_t i;

	for (i = 0; i < fo->n; i++) {
		const struct entry *x = &fo->v[i];

		if (x->refused && x->named && !strcmp(x->instance, e->instance) && x->seq < e->seq)
			return x->name;
	}
	return NULL;
}

/* Counts of changes for the progress line: a file's header says how many
 * it holds, and a crafted one may say anything, so the sums saturate. */
static uint64_t add_count(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static int64_t as_count(uint64_t n)
{
	return n > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)n;
}

enum status sync_run(struct db *db, const char *book_path, const char *dir, const char *stamp,
		     const char *author, struct sync_report *r)
{
	struct folder fo = {0};
	struct entry **order = NULL;
	struct stat sb;
	char file_id[64], *who = author && *author ? xstrdup(author) : sync_default_author();
	enum status s;
	const struct progress *progress = db_progress(db);
	uint64_t changes = 0, applied = 0;
	size_t i, n = 0;
	bool strict = false;

	if (stat(dir, &sb) != 0) {
		s = status_set(errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO, "%s: %s", dir,
			       errno == ENOENT ? "no such folder" : strerror(errno));
		goto out;
	}
	if (!S_ISDIR(sb.st_mode)) {
		s = status_set(STATUS_IO, "%s: not a folder", dir);
		goto out;
	}
	if (access(dir, R_OK | W_OK | X_OK) != 0) {
		s = status_set(STATUS_IO, "%s: cannot read and write there: %s", dir,
			       strerror(errno));
		goto out;
	}
	if (!db_sync_available()) {
		s = STATUS_IO;
		goto out;
	}
	/* what a sync killed after its commit left to put in the folder */
	if (!db_is_readonly(db) && (s = deliver_pending(db, dir, r)) != STATUS_OK)
		goto out;
	free(r->undelivered);
	r->undelivered = NULL;
	file_id[0] = '\0';
	if (book_path && stat(book_path, &sb) == 0)
		snprintf(file_id, sizeof(file_id), "%llu:%llu", (unsigned long long)sb.st_dev,
			 (unsigned long long)sb.st_ino);
	if ((s = db_sync_begin(db, stamp, file_id[0] ? file_id : NULL, r)) != STATUS_OK)
		goto out;
	if ((s = scan(db, dir, &fo, r)) != STATUS_OK)
		goto fail;
	progress_update(progress, "sending this book's changes", 0, 0);
	if ((s = db_sync_send(db, who, r)) != STATUS_OK)
		goto fail;
	kill_point("send");
	/* refused files first, by name; a refused file that is ours to read
	 * by its name may hold rows later files need (strict) */
	for (i = 0; i < fo.n; i++)
		if (fo.v[i].refused) {
			sync_report_file(r, fo.v[i].name, SYNC_REFUSED_FILE, fo.v[i].refused);
			strict = strict || fo.v[i].named;
		}
	order = xcalloc(fo.n ? fo.n : 1, sizeof(*order));
	for (i = 0; i < fo.n; i++)
		if (!fo.v[i].refused)
			order[n++] = &fo.v[i];
	qsort(order, n, sizeof(*order), order_cmp);
	for (i = 0; i < n; i++)
		changes = add_count(changes, order[i]->f.changes);
	for (i = 0; s == STATUS_OK && i < n; i++) {
		struct entry *e = order[i];
		const char *by = blocked_by(e, &fo);
		size_t before = r->nfiles;

		progress_update(progress, "applying the team's changes", as_count(applied),
				as_count(changes));
		applied = add_count(applied, e->f.changes);

		if (by) {
			char *why = xasprintf("it waits for %s, written before it by the same"
					      " book",
					      by);
			struct sync_file_result *f = sync_report_file(r, e->name, SYNC_HELD, why);

			f->author = xstrdup(e->f.author);
			f->changes = (long)e->f.changes;
			free(why);
			refuse(e, "held");
			continue;
		}
		s = db_sync_apply(db, e->name, e->hash, (int64_t)e->n, &e->f, strict, r);
		if (s == STATUS_OK && r->nfiles > before &&
		    r->files[r->nfiles - 1].state == SYNC_HELD)
			refuse(e, "held");
		if (s == STATUS_OK && i == 0)
			kill_point("apply");
	}
	if (s != STATUS_OK)
		goto fail;
	if ((s = db_sync_end(db, r)) != STATUS_OK)
		goto out;
	kill_point("commit");
	s = deliver_pending(db, dir, r);
	goto out;
fail:
	db_sync_abort(db);
out:
	progress_finish(progress);
	free(order);
	folder_done(&fo);
	free(who);
	return s;
}
